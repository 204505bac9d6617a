// LL304 dropout-rate-looks-like-keep-prob: Keras' `rate` is the fraction of units dropped; TF1's `keep_prob` was
// the fraction kept. A value carried over from TF1 (0.8, 0.9) silently turns light dropout into very heavy dropout.
import { argument, type LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import { complementText, replaceValue } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { isDropoutFamily } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL304: Rule = {
  meta: {
    code: 'LL304',
    name: 'dropout-rate-looks-like-keep-prob',
    severity: 'warning',
    summary: 'A dropout rate that looks like a keep probability: a high literal, or a value named like keep_prob.',
    fixes: ['unsafe'],
  },
  check({ analysis, options, report }) {
    for (const graph of analysis.graphs) {
      for (const node of graph.nodes) {
        if (!isDropoutFamily(node)) continue;
        const rate = argument(node, 'rate');
        if (!rate) continue;
        const r = rate.literal;
        let message: string;
        let replacement: string;
        if (typeof r === 'number') {
          // Rates of 1 and above are LL303's: invalid, not merely suspicious.
          if (r < options.keepProbThreshold || r >= 1) continue;
          replacement = complementText(r);
          message =
            `${layerAt(node)} drops ${Math.round(r * 100)}% of its inputs in training (rate=${rate.value.text}). In Keras the rate is the ` +
            `fraction dropped; TF1's keep_prob was the fraction kept. If ${rate.value.text} was meant to be kept, use rate=${replacement}.`;
        } else {
          const name = keepName(rate.value);
          if (!name) continue;
          replacement = `1 - ${rate.value.text}`;
          message =
            `${layerAt(node)} takes its rate from \`${rate.value.text}\`, which by its name holds a keep probability. In Keras the rate is the ` +
            `fraction dropped, so this drops the fraction meant to be kept; use rate=${replacement}.`;
        }
        report({
          span: span(rate.node),
          message,
          related: [],
          fixes: () => fixOf(`Treat the value as a keep probability: rate=${replacement}`, replaceValue(rate.value, replacement), 'unsafe', false),
        });
      }
    }
  },
};

/** How a message names the layer: worded only for a rate that is reported, most are not. */
function layerAt(node: LayerNode): string {
  return `${node.spec.name} (line ${line(node)})`;
}

/** The name of a variable or attribute (`keep_prob`, `cfg.keep_rate`) that says it holds a keep probability. */
function keepName(value: SyntaxNode): string | undefined {
  const name = value.type === 'identifier' ? value : value.type === 'attribute' ? value.childForFieldName('attribute') : null;
  return name && /keep/i.test(name.text) ? name.text : undefined;
}
