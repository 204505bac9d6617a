// LL402 training-mode-forced: `training=True` on a Dropout or BatchNormalization call pins the layer in training
// mode, so it keeps dropping units, or normalizing with batch statistics, during predict and evaluate as well.
import { isBatchNorm, isDropoutFamily } from './kinds';
import { removeArgument } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL402: Rule = {
  meta: {
    code: 'LL402',
    name: 'training-mode-forced',
    severity: 'information',
    summary: 'A Dropout-family or BatchNormalization layer called with training=True.',
    fixes: ['unsafe'],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const node of graph.nodes) {
        const norm = isBatchNorm(node);
        if (!norm && !isDropoutFamily(node)) continue;
        const training = node.callArgs.find((a) => a.keyword === 'training');
        if (training?.literal !== true) continue;
        const effect = norm
          ? 'normalizes each batch with its own statistics and keeps updating the moving ones, even in predict and evaluate'
          : 'keeps dropping units at inference too, so predictions are random';
        report({
          span: span(training.node),
          message:
            `${node.spec.name} (line ${line(node)}) is called with training=True: it ${effect}. ` +
            `Leave \`training\` out and Keras sets the mode itself (fit trains, predict and evaluate infer).`,
          related: [],
          // Not preferred: Monte Carlo dropout asks for exactly this.
          fixes: () => fixOf('Remove training=True', removeArgument(training.node), 'unsafe', false),
        });
      }
    }
  },
};
