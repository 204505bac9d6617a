// LL205 dropout-in-selu-network: SELU networks keep activations near zero mean and unit variance by themselves;
// plain dropout breaks that, and AlphaDropout is the variant that keeps both (Klambauer et al. 2017). Outside a
// SELU network AlphaDropout's correction has nothing to preserve.
import { reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { layerByName } from '../keras/catalog';
import { fixOf } from '../fixes/fix';
import { replaceLayerClass } from '../fixes/rename';
import { sharedLayersOf, appliedActivation, inlineActivation, isPlainDropout } from './kinds';
import { line, span } from './messages';
import type { Rule } from './types';

const SELU = 'selu';
const ALPHA_DROPOUT = 'AlphaDropout';
const DROPOUT = 'Dropout';

export const LL205: Rule = {
  meta: {
    code: 'LL205',
    name: 'dropout-in-selu-network',
    severity: 'warning',
    summary: 'A plain Dropout in a SELU network, or an AlphaDropout in a network without SELU.',
    fixes: ['unsafe'],
  },
  check({ analysis, text, report }) {
    // Graph pieces of one model (split where the builder lost track) share their owner: judge "no SELU" over all of them.
    const byOwner = new Map<string, ModelGraph[]>();
    for (const graph of analysis.graphs) {
      const key = `${graph.owner.kind}:${graph.owner.anchor.startIndex}`;
      byOwner.set(key, [...(byOwner.get(key) ?? []), graph]);
    }
    const seluAnywhere = (node: LayerNode) =>
      analysis.graphs.some((g) => g.nodes.some((n) => n.application.startIndex === node.application.startIndex) && isSeluModel(byOwner, g) !== false);
    for (const graph of analysis.graphs) {
      const selu = graph.nodes.find((n) => appliedActivation(n) === SELU);
      for (const dropout of graph.nodes) {
        if (isPlainDropout(dropout) && selu) {
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) in a SELU network (${selu.spec.name}, line ${line(selu)}): ` +
              `plain dropout shifts the mean and variance that SELU keeps stable. Use ${ALPHA_DROPOUT}.`,
            related: [{ span: span(reportNode(selu)), message: `a SELU layer of the network` }],
            fixes: () => fixOf(`Replace with ${ALPHA_DROPOUT}`, replaceLayerClass(dropout, layerByName(ALPHA_DROPOUT)!, analysis.imports, text, sharedLayersOf(analysis)), 'unsafe'),
          });
        } else if (dropout.spec.name === ALPHA_DROPOUT && !seluAnywhere(dropout)) {
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) in a network without SELU activations: its correction keeps the ` +
              `statistics SELU relies on and does not suit other activations. Use ${DROPOUT}.`,
            related: [],
            fixes: () => fixOf(`Replace with ${DROPOUT}`, replaceLayerClass(dropout, layerByName(DROPOUT)!, analysis.imports, text, sharedLayersOf(analysis)), 'unsafe'),
          });
        }
      }
    }
  },
};

/** True when a piece of the graph's model uses SELU, false when none does, undefined when an activation is unknown. */
function isSeluModel(byOwner: ReadonlyMap<string, readonly ModelGraph[]>, graph: ModelGraph): boolean | undefined {
  const nodes = (byOwner.get(`${graph.owner.kind}:${graph.owner.anchor.startIndex}`) ?? [graph]).flatMap((g) => g.nodes);
  if (nodes.some((n) => appliedActivation(n) === SELU)) return true;
  return nodes.some((n) => inlineActivation(n).kind === 'unknown' || (n.spec.family === 'activation' && appliedActivation(n) === undefined)) ? undefined : false;
}
