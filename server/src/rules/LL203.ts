// LL203 dropout-on-feature-maps: neighbouring positions of a feature map are strongly correlated, so dropping single
// activations barely regularizes: the neighbours carry the same signal (Tompson et al. 2015). Spatial dropout drops
// whole channels instead.
import { argument, literalArgument, reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { layersInFamily, type LayerSpec } from '../keras/catalog';
import type { ImportTable } from '../keras/imports';
import { setKeywordArgument } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { replaceLayerClass } from '../fixes/rename';
import type { SharedLayers } from '../fixes/shared';
import { isPlainDropout, walk } from './kinds';
import { line, span } from './messages';
import type { Rule, TextEdit } from './types';

export const LL203: Rule = {
  meta: {
    code: 'LL203',
    name: 'dropout-on-feature-maps',
    severity: 'information',
    summary: 'A plain Dropout is applied to convolutional feature maps, where spatial dropout regularizes.',
    fixes: ['unsafe'],
  },
  check({ analysis, text, report, sharedLayers }) {
    for (const graph of analysis.graphs) {
      for (const dropout of graph.nodes) {
        if (!isPlainDropout(dropout)) continue;
        const written = argument(dropout, 'noise_shape');
        if (written && written.literal !== null) continue;
        const stage = featureMapStage(graph, dropout);
        if (!stage) continue;
        const target = layersInFamily('dropout').find((spec) => spec.rank === stage.rank && spec.name !== dropout.spec.name);
        const source = stage.sources[0];
        report({
          span: span(reportNode(dropout)),
          message:
            `${dropout.spec.name} (line ${line(dropout)}) drops single activations of the feature maps of ${source.spec.name} ` +
            `(line ${line(source)}); neighbouring positions carry nearly the same signal, so this barely regularizes. ` +
            `${target ? target.name : 'Spatial dropout'} drops whole channels.`,
          related: [{ span: span(reportNode(source)), message: `the layer whose feature maps are dropped` }],
          fixes: () => fixOf(`Replace with ${target?.name ?? 'spatial dropout'}`, target && spatialDropoutEdits(dropout, target, stage, analysis.imports, text, sharedLayers()), 'unsafe'),
        });
      }
    }
  },
};

/** `dropout` turned into `target`, with `data_format` written when the maps are channels-first. */
function spatialDropoutEdits(dropout: LayerNode, target: LayerSpec, stage: Stage, imports: ImportTable, text: string, shared: SharedLayers): TextEdit[] | undefined {
  const edits = replaceLayerClass(dropout, target, imports, text, shared);
  // The channel axis must be the same one the convolution wrote.
  if (!edits || !stage.channelsFirst) return edits;
  return target.params.some((p) => p.name === 'data_format') ? [...edits, ...setKeywordArgument(dropout.ctor, 'data_format', '"channels_first"')] : undefined;
}

interface Stage {
  readonly rank: 1 | 2 | 3;
  /** The convolution or pooling layers whose maps reach the dropout. */
  readonly sources: readonly LayerNode[];
  readonly channelsFirst: boolean;
}

/** The convolution/pooling stage whose maps reach `node` with only shape-keeping layers between. Undefined when a
 *  Flatten, a global pooling, a Dense or anything unknown stands on some way back, or the ranks disagree. */
function featureMapStage(graph: ModelGraph, node: LayerNode): Stage | undefined {
  const sources = walk(graph, node, 'back', (previous) => {
    const { family, rank } = previous.spec;
    if ((family === 'convolution' || family === 'pooling') && rank !== undefined) return 'found';
    return keepsMaps(previous) ? 'through' : 'abort';
  });
  const rank = sources?.[0]?.spec.rank;
  if (!sources || rank === undefined || sources.some((s) => s.spec.rank !== rank)) return undefined;
  const channelsFirst = sources.some((s) => literalArgument(s, 'data_format') === 'channels_first');
  return { rank, sources, channelsFirst };
}

/** Layers between a convolution and a dropout that leave the feature maps feature maps. */
function keepsMaps(node: LayerNode): boolean {
  const { family, rank } = node.spec;
  return ['activation', 'normalization', 'dropout', 'noise', 'merge'].includes(family) || (family === 'reshape' && rank !== undefined);
}
