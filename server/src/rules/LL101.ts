// LL101 dropout-before-batchnorm: Dropout changes the variance of its output between training and inference,
// so a BatchNormalization fed by it learns moving statistics that do not fit at inference (Li et al., CVPR 2019).
import { reportNode } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { swapEnds } from '../fixes/swap';
import { isActivationLayer, isBatchNorm, isDropoutFamily, straightPath, walk } from './kinds';
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
  check({ analysis, text, report }) {
    for (const graph of analysis.graphs) {
      for (const dropout of graph.nodes) {
        if (!isDropoutFamily(dropout)) continue;
        const norms = walk(graph, dropout, 'forward', (n) => (isBatchNorm(n) ? 'found' : isActivationLayer(n) ? 'through' : 'stop'))!;
        for (const norm of norms) {
          const path = straightPath(graph, dropout, norm);
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) feeds ${norm.spec.name} (line ${line(norm)}): ` +
              `dropout shifts the variance the normalization learns in training, so its moving statistics can be off at inference. ` +
              `Put the dropout after the normalization.`,
            related: [{ span: span(reportNode(norm)), message: `the ${norm.spec.name} fed by the ${dropout.spec.name}` }],
            fixes: fixOf(`Swap ${dropout.spec.name} and ${norm.spec.name}`, path && swapEnds(path, text), 'unsafe'),
          });
        }
      }
    }
  },
};
