// LL303 dropout-rate-invalid: a dropout rate is a probability of dropping, in [0, 1). Keras rejects a negative
// rate or one above 1 when the layer is built, and a rate of exactly 1 drops every unit in training.
import { argument } from '../keras/graph';
import { isDropoutFamily } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL303: Rule = {
  meta: {
    code: 'LL303',
    name: 'dropout-rate-invalid',
    severity: 'error',
    summary: 'A dropout rate below 0 or at least 1.',
    fixes: [],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const node of graph.nodes) {
        if (!isDropoutFamily(node)) continue;
        const rate = argument(node, 'rate');
        const r = rate?.literal;
        if (!rate || typeof r !== 'number' || (r >= 0 && r < 1)) continue;
        const consequence =
          r === 1
            ? 'it would drop every unit in training, so nothing reaches the next layer'
            : 'Keras rejects it when the layer is created';
        report({
          span: span(rate.node),
          message: `${node.spec.name} (line ${line(node)}) has rate=${rate.value.text}, outside [0, 1): ${consequence}. The rate is the fraction of units dropped.`,
          related: [],
        });
      }
    }
  },
};
