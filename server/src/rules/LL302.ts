// LL302 batchnorm-axis-mismatch: BatchNormalization keeps one mean/variance pair per index of its `axis`, which
// must be the channel axis of the feature maps it normalizes. With channels_first maps and the default axis=-1
// (or channels_last maps and axis=1) it normalizes along a spatial axis instead, and Keras raises no error.
import { argument, literalArgument, reportNode, type LayerNode, type Literal, type ModelGraph } from '../keras/graph';
import { paramSpec } from '../keras/catalog';
import { setParameter } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { isBatchNorm, walk } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

/** Families that pass feature maps through with their layout unchanged, so the layout comes from further back. */
const LAYOUT_PRESERVING = new Set(['activation', 'dropout', 'noise', 'normalization']);

interface Layout {
  readonly source: LayerNode;
  readonly channelsFirst: boolean;
  /** Dimensions of the feature maps, batch included. */
  readonly tensorRank: number;
}

export const LL302: Rule = {
  meta: {
    code: 'LL302',
    name: 'batchnorm-axis-mismatch',
    severity: 'warning',
    summary: "A BatchNormalization's axis is not the channel axis of the feature maps that feed it.",
    fixes: ['unsafe'],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const norm of graph.nodes) {
        if (!isBatchNorm(norm)) continue;
        const layout = feedingLayout(graph, norm);
        const axis = literalArgument(norm, 'axis');
        if (!layout || typeof axis !== 'number' || !Number.isInteger(axis)) continue;
        const { source, channelsFirst, tensorRank } = layout;
        if (axis < -tensorRank || axis >= tensorRank) continue;
        const channel = channelsFirst ? 1 : tensorRank - 1;
        if ((axis + tensorRank) % tensorRank === channel) continue;
        const wanted = channelsFirst ? '1' : '-1';
        const written = argument(norm, 'axis');
        const format = channelsFirst ? 'channels_first' : 'channels_last';
        report({
          span: span(written?.node ?? reportNode(norm)),
          message:
            `${norm.spec.name} (line ${line(norm)}) normalizes along axis ${axis}, but the ${source.spec.name} feeding it (line ${line(source)}) ` +
            `puts the channels on axis ${channelsFirst ? 1 : -1} (${format}): the statistics would be kept per position along a spatial axis ` +
            `instead of per channel. Use axis=${wanted}.`,
          related: [{ span: span(reportNode(source)), message: `the ${source.spec.name} whose ${format} output the ${norm.spec.name} normalizes` }],
          fixes: () => fixOf(`Normalize along the channel axis: axis=${wanted}`, setParameter(norm.ctor, written, 'axis', wanted), 'unsafe'),
        });
      }
    }
  },
};

/** The layout of the feature maps reaching `norm`, when every layer that decides it agrees and is known. */
function feedingLayout(graph: ModelGraph, norm: LayerNode): Layout | undefined {
  const feeding = walk(graph, norm, 'back', (node) => (LAYOUT_PRESERVING.has(node.spec.family) ? 'through' : layoutOf(node) ? 'found' : 'abort'));
  const layouts = (feeding ?? []).map((node) => layoutOf(node)!);
  const first = layouts[0];
  if (!first || layouts.some((l) => l.channelsFirst !== first.channelsFirst || l.tensorRank !== first.tensorRank)) return undefined;
  return first;
}

/** The layout a conv-like layer (a spatial rank and a `data_format`) writes; recurrent ones add a time axis, so not them. */
function layoutOf(node: LayerNode): Layout | undefined {
  if (!node.spec.rank || node.spec.family === 'recurrent' || !paramSpec(node.spec, 'data_format')) return undefined;
  const format: Literal | undefined = literalArgument(node, 'data_format');
  // None means the Keras config's image_data_format, which is channels_last unless a keras.json says otherwise.
  if (format !== null && format !== 'channels_first' && format !== 'channels_last') return undefined;
  return { source: node, channelsFirst: format === 'channels_first', tensorRank: node.spec.rank + 2 };
}
