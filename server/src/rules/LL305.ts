// LL305 recurrent-dropout-disables-cudnn: Keras runs LSTM and GRU on the fused cuDNN kernel only when the
// layer's arguments allow it, and `recurrent_dropout` must be 0 for that (Keras LSTM/GRU docstrings).
import { argument, literalArgument } from '../keras/graph';
import { paramSpec } from '../keras/catalog';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL305: Rule = {
  meta: {
    code: 'LL305',
    name: 'recurrent-dropout-disables-cudnn',
    severity: 'information',
    summary: 'recurrent_dropout > 0 on an LSTM/GRU, which rules out the fast cuDNN kernel.',
    fixes: [],
  },
  check({ analysis, report }) {
    for (const graph of analysis.graphs) {
      for (const node of graph.nodes) {
        // The catalog gives a `use_cudnn` parameter to exactly the layers that have a cuDNN kernel.
        if (!paramSpec(node.spec, 'use_cudnn')) continue;
        // use_cudnn=False already opts out of the kernel: the dropout costs nothing more.
        if (literalArgument(node, 'use_cudnn') === false) continue;
        const dropout = argument(node, 'recurrent_dropout');
        if (!dropout || typeof dropout.literal !== 'number' || dropout.literal <= 0) continue;
        report({
          span: span(dropout.node),
          message:
            `${node.spec.name} (line ${line(node)}) has recurrent_dropout=${dropout.value.text}, so Keras cannot run it on the fused cuDNN ` +
            `kernel: on a GPU it falls back to a generic implementation that is often several times slower to train. To regularize ` +
            `and keep the fast kernel, use \`dropout=\` on the inputs or a Dropout layer between stacked recurrent layers.`,
          related: [],
          fixes: [],
        });
      }
    }
  },
};
