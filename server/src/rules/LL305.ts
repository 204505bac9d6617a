// LL305 recurrent-dropout-disables-cudnn: Keras runs LSTM and GRU on the fused cuDNN kernel only when the
// layer's arguments allow it, and `recurrent_dropout` must be 0 for that (Keras LSTM/GRU docstrings).
import { parseArguments } from '../keras/builder';
import type { ModuleAnalysis } from '../keras/analyze';
import { argument, literalArgument, type Argument, type LayerNode } from '../keras/graph';
import { paramSpec, type LayerSpec } from '../keras/catalog';
import { resolveKeras } from '../keras/imports';
import { line, span } from './messages';
import type { Rule } from './types';

/** Parameters through which a wrapper (Bidirectional, TimeDistributed) takes the layer it runs. */
const WRAPPED_PARAMETERS = ['layer', 'backward_layer'];

export const LL305: Rule = {
  meta: {
    code: 'LL305',
    name: 'recurrent-dropout-disables-cudnn',
    severity: 'information',
    summary: 'recurrent_dropout > 0 on an LSTM/GRU, which rules out the fast cuDNN kernel.',
    fixes: [],
  },
  check({ analysis, report }) {
    for (const { layer, site } of recurrentLayers(analysis)) {
      // use_cudnn=False already opts out of the kernel: the dropout costs nothing more.
      if (literalArgument(layer, 'use_cudnn') === false) continue;
      const dropout = argument(layer, 'recurrent_dropout');
      if (!dropout || typeof dropout.literal !== 'number' || dropout.literal <= 0) continue;
      report({
        span: span(dropout.node),
        message:
          `${layer.spec.name} (line ${line(site)}) has recurrent_dropout=${dropout.value.text}, so Keras cannot run it on the fused cuDNN ` +
          `kernel: on a GPU it falls back to a generic implementation that is often several times slower to train. To regularize ` +
          `and keep the fast kernel, use \`dropout=\` on the inputs or a Dropout layer between stacked recurrent layers.`,
        related: [],
      });
    }
  },
};

interface Layer {
  readonly spec: LayerSpec;
  readonly args: readonly Argument[];
}

/** Every layer with a cuDNN kernel (the catalog gives exactly those a `use_cudnn` parameter), applied directly or
 *  built inside a wrapper's call (`Bidirectional(LSTM(64, recurrent_dropout=0.2))`), where it has no node of its own. */
function* recurrentLayers(analysis: ModuleAnalysis): Generator<{ layer: Layer; site: LayerNode }> {
  for (const graph of analysis.graphs) {
    for (const node of graph.nodes) {
      if (paramSpec(node.spec, 'use_cudnn')) yield { layer: node, site: node };
      // Only a layer that takes another, by its signature or by a keyword written, can have one built in its call; the
      // question is asked of every layer, and reading the argument values would touch each one's syntax.
      if (!WRAPPED_PARAMETERS.some((name) => paramSpec(node.spec, name) || node.args.some((a) => a.keyword === name))) continue;
      for (const name of WRAPPED_PARAMETERS) {
        const inner = argument(node, name)?.value;
        const fn = inner?.type === 'call' ? inner.childForFieldName('function') : null;
        const symbol = fn ? resolveKeras(fn, analysis.imports) : undefined;
        if (symbol?.kind !== 'layer' || !paramSpec(symbol.spec, 'use_cudnn')) continue;
        const list = inner!.childForFieldName('arguments');
        yield { layer: { spec: symbol.spec, args: list?.type === 'argument_list' ? parseArguments(list) : [] }, site: node };
      }
    }
  }
}
