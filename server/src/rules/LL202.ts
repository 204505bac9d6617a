// LL202 dropout-after-output: dropout after the last weight layer zeroes predictions (or logits) at random in
// training; nothing after it can learn to compensate, so it only adds noise to the loss.
import { reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { mergeDropouts } from '../fixes/remove';
import { moveLastToFront } from '../fixes/swap';
import { hasBernoulliMask, isBatchNorm, isDropoutFamily, outputTail, runFromOutputLayer } from './kinds';
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
      // The output tail is worked out only for a graph with a dropout to find in it.
      if (!graph.nodes.some(isDropoutFamily)) continue;
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
          fixes: () => output ? moveBeforeOutput(graph, run!, text) : [],
        });
      }
    }
  },
};

/** Moves the dropout in front of the output layer, where a dropout of the same class may already stand: then the
 *  two become that one with the combined rate, rather than two in a row (LL104). */
function moveBeforeOutput(graph: ModelGraph, run: readonly LayerNode[], text: string) {
  const dropout = run[run.length - 1];
  const output = run[0];
  // A BatchNormalization between them would be left as the last layer (LL201): that needs a person's decision.
  if (run.some(isBatchNorm)) return [];
  const before = graph.predecessors(output);
  if (before.length === 1 && before[0].spec === dropout.spec) {
    const merged = hasBernoulliMask(dropout) ? mergeDropouts(before[0], dropout, text) : undefined;
    return fixOf(`Merge ${dropout.spec.name} into the ${before[0].spec.name} before ${output.spec.name}`, merged, 'unsafe');
  }
  return fixOf(`Move ${dropout.spec.name} before ${output.spec.name}`, moveLastToFront(run, text), 'unsafe');
}
