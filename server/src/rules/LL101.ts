// LL101 dropout-before-batchnorm: Dropout changes the variance of its output between training and inference,
// so a BatchNormalization fed by it learns moving statistics that do not fit at inference (Li et al., CVPR 2019).
import { reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { swapEnds } from '../fixes/swap';
import { isActivationLayer, isBatchNorm, isDropoutFamily, straightPath, walk } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

/** After the swap the normalization follows what fed the dropout, and the dropout feeds what followed the
 *  normalization: a BatchNormalization or dropout before, or a dropout of the same class after, would make the
 *  fix trade this warning for another (LL104 or LL101), so no fix is offered then. */
function swapWouldRepeat(graph: ModelGraph, dropout: LayerNode, norm: LayerNode): boolean {
  return (
    graph.predecessors(dropout).some((p) => isBatchNorm(p) || isDropoutFamily(p)) ||
    graph.successors(norm).some((s) => s.spec === dropout.spec)
  );
}

export const LL101: Rule = {
  meta: {
    code: 'LL101',
    name: 'dropout-before-batchnorm',
    severity: 'warning',
    summary: 'A Dropout-family layer feeds a BatchNormalization (directly or through activations only).',
    fixes: ['unsafe'],
  },
  check({ analysis, text, report }) {
    for (const graph of analysis.graphs) {
      for (const dropout of graph.nodes) {
        if (!isDropoutFamily(dropout)) continue;
        const norms = walk(graph, dropout, 'forward', (n) => (isBatchNorm(n) ? 'found' : isActivationLayer(n) ? 'through' : 'stop'))!;
        for (const norm of norms) {
          const path = swapWouldRepeat(graph, dropout, norm) ? undefined : straightPath(graph, dropout, norm);
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) feeds ${norm.spec.name} (line ${line(norm)}): ` +
              `dropout shifts the variance the normalization learns in training, so its moving statistics can be off at inference. ` +
              `Put the dropout after the normalization.`,
            related: [{ span: span(reportNode(norm)), message: `the ${norm.spec.name} fed by the ${dropout.spec.name}` }],
            fixes: () => fixOf(`Swap ${dropout.spec.name} and ${norm.spec.name}`, path && swapEnds(path, text), 'unsafe'),
          });
        }
      }
    }
  },
};
