// LL201 batchnorm-after-output: a BatchNormalization on the model's output rescales the predictions themselves
// with batch statistics: probabilities stop summing to one, and a regression target's scale is lost.
import { reportNode } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { moveLastToFront } from '../fixes/swap';
import { isBatchNorm, isBatchNormOnOutput, outputTail, runFromOutputLayer } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL201: Rule = {
  meta: {
    code: 'LL201',
    name: 'batchnorm-after-output',
    severity: 'warning',
    summary: "A BatchNormalization is applied to the model's output.",
    fixes: ['unsafe'],
  },
  check({ analysis, text, report }) {
    for (const graph of analysis.graphs) {
      // The output tail is worked out only for a graph with a normalization to find in it.
      if (!graph.nodes.some(isBatchNorm)) continue;
      const tail = outputTail(graph);
      for (const norm of graph.nodes) {
        if (!isBatchNormOnOutput(graph, norm, tail)) continue;
        const run = runFromOutputLayer(graph, norm);
        const output = run?.[0];
        report({
          span: span(reportNode(norm)),
          message:
            `${norm.spec.name} (line ${line(norm)}) is applied to the model's output` +
            (output ? `, after the output layer ${output.spec.name} (line ${line(output)})` : '') +
            `: it rescales the predictions with batch statistics, so probabilities no longer sum to one and ` +
            `targets lose their scale. Normalize before the output layer.`,
          related: output ? [{ span: span(reportNode(output)), message: `the output layer` }] : [],
          fixes: () => output ? fixOf(`Move ${norm.spec.name} before ${output.spec.name}`, moveLastToFront(run!, text), 'unsafe') : [],
        });
      }
    }
  },
};
