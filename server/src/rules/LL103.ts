// LL103 bias-before-batchnorm: BatchNormalization subtracts the batch mean, which removes any constant the layer
// before it adds, and its own beta supplies the shift (Ioffe & Szegedy 2015). The bias is dead weight there.
import { argument, literalArgument, reportNode } from '../keras/graph';
import { paramSpec } from '../keras/catalog';
import { setParameter } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { inlineActivation, isBatchNorm } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL103: Rule = {
  meta: {
    code: 'LL103',
    name: 'bias-before-batchnorm',
    severity: 'information',
    summary: 'A Dense/Conv layer with a bias directly feeds a BatchNormalization, which cancels the bias.',
    fixes: ['unsafe'],
  },
  check({ analysis, report, sharedLayers }) {
    for (const graph of analysis.graphs) {
      for (const weights of graph.nodes) {
        if (weights.spec.family !== 'dense' && weights.spec.family !== 'convolution') continue;
        // The normalization first: most weight layers feed none, and that answers before their arguments are read.
        const norms = graph.successors(weights).filter(isBatchNorm);
        if (norms.length === 0) continue;
        // Only a literal True (written or by default) is known to add a bias; no activation may stand between.
        if (!paramSpec(weights.spec, 'use_bias') || literalArgument(weights, 'use_bias') !== true) continue;
        if (inlineActivation(weights).kind !== 'none') continue;
        for (const norm of norms) {
          report({
            span: span(reportNode(weights)),
            message:
              `${weights.spec.name} (line ${line(weights)}) adds a bias that ${norm.spec.name} (line ${line(norm)}) cancels ` +
              `when it subtracts the batch mean; the normalization's beta already provides the shift. Set use_bias=False.`,
            related: [{ span: span(reportNode(norm)), message: `the ${norm.spec.name} that cancels the bias` }],
            // A shared layer would lose its bias in its other applications too.
            fixes: () => fixOf(
              'Set use_bias=False',
              !sharedLayers().appliedElsewhere(weights) ? setParameter(weights.ctor, argument(weights, 'use_bias'), 'use_bias', 'False') : undefined,
              'unsafe',
            ),
          });
        }
      }
    }
  },
};
