// LL301 batchnorm-momentum-convention: Keras updates moving = moving * momentum + batch * (1 - momentum), so its
// momentum is the weight of the OLD statistics (default 0.99). PyTorch's BatchNorm momentum (default 0.1) is the
// weight of the NEW batch. A PyTorch value carried over makes the moving statistics follow each batch almost entirely.
import { argument } from '../keras/graph';
import { complementText, replaceValue } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { isBatchNorm } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

/** Below this, a momentum only makes sense as the new batch's weight. */
const CONVENTION_LIMIT = 0.5;

export const LL301: Rule = {
  meta: {
    code: 'LL301',
    name: 'batchnorm-momentum-convention',
    severity: 'warning',
    summary: 'A BatchNormalization momentum below 0.5: the PyTorch convention (weight of the new batch) written into Keras.',
    fixes: ['unsafe'],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const node of graph.nodes) {
        if (!isBatchNorm(node)) continue;
        const momentum = argument(node, 'momentum');
        const m = momentum?.literal;
        if (!momentum || typeof m !== 'number' || m < 0 || m >= CONVENTION_LIMIT) continue;
        const keras = complementText(m);
        report({
          span: span(momentum.node),
          message:
            `${node.spec.name} (line ${line(node)}) has momentum=${momentum.value.text}: in Keras momentum is the weight kept for the old ` +
            `moving statistics, so they would follow each batch almost entirely. This looks like PyTorch's convention ` +
            `(the new batch's weight); the Keras equivalent is momentum=${keras}.`,
          related: [],
          fixes: () => fixOf(`Use the Keras convention: momentum=${keras}`, replaceValue(momentum.value, keras), 'unsafe'),
        });
      }
    }
  },
};
