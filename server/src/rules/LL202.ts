// LL202 dropout-after-output: dropout after the last weight layer zeroes predictions (or logits) at random in
// training; nothing after it can learn to compensate, so it only adds noise to the loss.
import { reportNode } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { moveLastToFront } from '../fixes/swap';
import { isDropoutFamily, outputTail, runFromOutputLayer } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL202: Rule = {
  meta: {
    code: 'LL202',
    name: 'dropout-after-output',
    severity: 'warning',
    summary: "A Dropout-family layer is the model's last layer, or follows its output layer.",
    fixes: ['unsafe'],
  },
  check({ analysis, text, report }) {
    for (const graph of analysis.graphs) {
      for (const dropout of outputTail(graph)) {
        if (!isDropoutFamily(dropout)) continue;
        const run = runFromOutputLayer(graph, dropout);
        const output = run?.[0];
        report({
          span: span(reportNode(dropout)),
          message:
            (output
              ? `${dropout.spec.name} (line ${line(dropout)}) comes after the output layer ${output.spec.name} (line ${line(output)})`
              : `${dropout.spec.name} (line ${line(dropout)}) is the model's last layer`) +
            `: in training it drops predictions at random and no layer after it can adapt. Put it before the output layer.`,
          related: output ? [{ span: span(reportNode(output)), message: `the output layer` }] : [],
          fixes: output ? fixOf(`Move ${dropout.spec.name} before ${output.spec.name}`, moveLastToFront(run!, text), 'unsafe') : [],
        });
      }
    }
  },
};
