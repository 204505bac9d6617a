// LL204 batchnorm-in-recurrent-stack: batch statistics over padded, variable-length sequences mix time steps and
// examples; layer normalization normalizes each step on its own and was proposed for recurrent networks
// (Ba, Kiros & Hinton 2016; Laurent et al. 2016 found batch-normalized recurrences hard to make work).
import { argument, literalArgument, reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { layerByName } from '../keras/catalog';
import { parseArguments } from '../keras/builder';
import { fixOf } from '../fixes/fix';
import { replaceLayerClass } from '../fixes/rename';
import { isBatchNorm, isWeightLayer, walk } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

const REPLACEMENT = 'LayerNormalization';

export const LL204: Rule = {
  meta: {
    code: 'LL204',
    name: 'batchnorm-in-recurrent-stack',
    severity: 'information',
    summary: 'A BatchNormalization normalizes the sequence output of a recurrent layer.',
    fixes: ['unsafe'],
  },
  check({ analysis, text, report, sharedLayers }) {
    const target = layerByName(REPLACEMENT);
    for (const graph of analysis.graphs) {
      for (const norm of graph.nodes) {
        if (!isBatchNorm(norm)) continue;
        const before = nearestWeights(graph, norm, 'back').filter(isRecurrent);
        // Most normalizations follow no recurrent layer: the walk forward is made only for those that do.
        if (before.length === 0) continue;
        const source = before.find(returnsSequences) ?? (nearestWeights(graph, norm, 'forward').some(isRecurrent) ? before[0] : undefined);
        if (!source) continue;
        report({
          span: span(reportNode(norm)),
          message:
            `${norm.spec.name} (line ${line(norm)}) normalizes the sequence output of ${source.spec.name} (line ${line(source)}) ` +
            `with statistics pooled over the batch and the time steps; layer normalization suits recurrent stacks better.`,
          related: [{ span: span(reportNode(source)), message: `the recurrent layer` }],
          fixes: () => fixOf(`Replace with ${REPLACEMENT}`, target && replaceLayerClass(norm, target, analysis.imports, text, sharedLayers()), 'unsafe'),
        });
      }
    }
  },
};

/** The weight layers reached from `node` with only weightless layers (dropout, activations) between. */
function nearestWeights(graph: ModelGraph, node: LayerNode, direction: 'back' | 'forward'): LayerNode[] {
  const passes = (n: LayerNode) => n.spec.family === 'dropout' || n.spec.family === 'activation' || n.spec.family === 'noise';
  return walk(graph, node, direction, (n) => (isWeightLayer(n) ? 'found' : passes(n) ? 'through' : 'stop'))!;
}

function isRecurrent(node: LayerNode): boolean {
  return node.spec.family === 'recurrent';
}

/** `return_sequences=True` on the layer, or on the layer a wrapper (`Bidirectional(LSTM(...))`) is built around. */
function returnsSequences(node: LayerNode): boolean {
  if (node.spec.params.some((p) => p.name === 'return_sequences')) return literalArgument(node, 'return_sequences') === true;
  const inner = argument(node, 'layer')?.value;
  const args = inner?.type === 'call' ? inner.childForFieldName('arguments') : null;
  if (!args) return false;
  return parseArguments(args).some((a) => a.keyword === 'return_sequences' && a.literal === true);
}
