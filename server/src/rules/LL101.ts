// LL101 dropout-before-batchnorm: Dropout changes the variance of its output between training and inference,
// so a BatchNormalization fed by it learns moving statistics that do not fit at inference (Li et al., CVPR 2019).
import { reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL101: Rule = {
  meta: {
    code: 'LL101',
    name: 'dropout-before-batchnorm',
    severity: 'warning',
    summary: 'A Dropout-family layer feeds a BatchNormalization (directly or through activations only).',
    fixes: ['unsafe'],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const dropout of graph.nodes) {
        if (dropout.spec.family !== 'dropout') continue;
        for (const norm of batchNormsReached(graph, dropout)) {
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) feeds ${norm.spec.name} (line ${line(norm)}): ` +
              `dropout shifts the variance the normalization learns in training, so its moving statistics can be off at inference. ` +
              `Put the dropout after the normalization.`,
            related: [{ span: span(reportNode(norm)), message: `the ${norm.spec.name} fed by the ${dropout.spec.name}` }],
            fixes: [],
          });
        }
      }
    }
  },
};

/** BatchNormalization nodes the dropout's output reaches with only activation layers between. */
function batchNormsReached(graph: ModelGraph, dropout: LayerNode): LayerNode[] {
  const found: LayerNode[] = [];
  const seen = new Set<LayerNode>([dropout]);
  const queue = [...graph.successors(dropout)];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    if (next.spec.name === 'BatchNormalization') found.push(next);
    else if (next.spec.family === 'activation') queue.push(...graph.successors(next));
  }
  return found;
}
