// LL104 repeated-layer: a second BatchNormalization right after one normalizes what is already normalized, and a
// second dropout of the same class right after one is one dropout with a larger rate, written in two pieces.
import { argument, reportNode, type LayerNode } from '../keras/graph';
import { fixOf } from '../fixes/fix';
import { mergeDropouts, removeLayer } from '../fixes/remove';
import { hasBernoulliMask, isBatchNorm, isDropoutFamily } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL104: Rule = {
  meta: {
    code: 'LL104',
    name: 'repeated-layer',
    severity: 'warning',
    summary: 'A BatchNormalization right after a BatchNormalization, or a dropout right after one of the same class.',
    fixes: ['unsafe', 'safe'],
  },
  check({ analysis, text, report }) {
    for (const graph of analysis.graphs) {
      for (const second of graph.nodes) {
        if (!isBatchNorm(second) && !isDropoutFamily(second)) continue;
        for (const first of graph.predecessors(second)) {
          if (first.spec !== second.spec) continue;
          // A layer that follows itself is one statement in a loop: it cannot be removed without removing both.
          const removable = first !== second && graph.predecessors(second).length === 1;
          // The first dropout's new rate must not reach a branch that skips the second.
          const merge = removable && graph.successors(first).length === 1 && hasBernoulliMask(second) && !noiseShape(first) && !noiseShape(second);
          report({
            span: span(reportNode(second)),
            message: isBatchNorm(second)
              ? `${second.spec.name} (line ${line(second)}) directly follows another ${first.spec.name} (line ${line(first)}): ` +
                `its input is already normalized, so it only adds parameters and a second set of moving statistics.`
              : `${second.spec.name} (line ${line(second)}) directly follows another ${first.spec.name} (line ${line(first)}): ` +
                `two dropouts in a row are one dropout with the combined rate 1-(1-a)(1-b). Write it as one.`,
            related: [{ span: span(reportNode(first)), message: `the first ${first.spec.name}` }],
            fixes: () => isBatchNorm(second)
              ? fixOf(`Remove the second ${second.spec.name}`, removable ? removeLayer(second, text) : undefined, 'unsafe')
              : fixOf(`Merge the two ${second.spec.name} layers into one`, merge ? mergeDropouts(first, second, text) : undefined, 'safe'),
          });
        }
      }
    }
  },
};

/** A written, non-None `noise_shape` makes masks shared along some axes: two such layers are not simply one. */
function noiseShape(node: LayerNode): boolean {
  const written = argument(node, 'noise_shape');
  return written !== undefined && written.literal !== null;
}
