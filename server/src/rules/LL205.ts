// LL205 dropout-in-selu-network: SELU networks keep activations near zero mean and unit variance by themselves;
// plain dropout breaks that, and AlphaDropout is the variant that keeps both (Klambauer et al. 2017). Outside a
// SELU network AlphaDropout's correction has nothing to preserve.
import { reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import { layerByName } from '../keras/catalog';
import { fixOf } from '../fixes/fix';
import { replaceLayerClass } from '../fixes/rename';
import { appliedActivation, inlineActivation, isPlainDropout } from './kinds';
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
  check({ analysis, text, report, sharedLayers }) {
    const seluModel = seluModels(analysis.graphs);
    const seluAnywhere = (node: LayerNode) =>
      analysis.graphs.some((g) => g.nodes.some((n) => n.application.startIndex === node.application.startIndex) && seluModel(g) !== false);
    for (const graph of analysis.graphs) {
      // Only a graph with a dropout of either kind has anything to report: the others are not searched for SELU.
      if (!graph.nodes.some((n) => isPlainDropout(n) || n.spec.name === ALPHA_DROPOUT)) continue;
      const selu = graph.nodes.find((n) => appliedActivation(n) === SELU);
      for (const dropout of graph.nodes) {
        if (isPlainDropout(dropout) && selu) {
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) in a SELU network (${selu.spec.name}, line ${line(selu)}): ` +
              `plain dropout shifts the mean and variance that SELU keeps stable. Use ${ALPHA_DROPOUT}.`,
            related: [{ span: span(reportNode(selu)), message: `a SELU layer of the network` }],
            fixes: () => fixOf(`Replace with ${ALPHA_DROPOUT}`, replaceLayerClass(dropout, layerByName(ALPHA_DROPOUT)!, analysis.imports, text, sharedLayers()), 'unsafe'),
          });
        } else if (dropout.spec.name === ALPHA_DROPOUT && !seluAnywhere(dropout)) {
          report({
            span: span(reportNode(dropout)),
            message:
              `${dropout.spec.name} (line ${line(dropout)}) in a network without SELU activations: its correction keeps the ` +
              `statistics SELU relies on and does not suit other activations. Use ${DROPOUT}.`,
            related: [],
            fixes: () => fixOf(`Replace with ${DROPOUT}`, replaceLayerClass(dropout, layerByName(DROPOUT)!, analysis.imports, text, sharedLayers()), 'unsafe'),
          });
        }
      }
    }
  },
};

/** Whether a graph's model uses SELU (see isSeluModel), judged once per model and only when asked. */
function seluModels(graphs: readonly ModelGraph[]): (graph: ModelGraph) => boolean | undefined {
  let pieces: Map<string, ModelGraph[]> | undefined;
  const verdicts = new Map<string, boolean | undefined>();
  return (graph) => {
    const key = ownerKey(graph);
    if (!verdicts.has(key)) verdicts.set(key, isSeluModel((pieces ??= piecesByOwner(graphs)).get(key)!));
    return verdicts.get(key);
  };
}

/** Graph pieces of one model (split where the builder lost track) share their owner: "no SELU" is judged over all of them. */
function piecesByOwner(graphs: readonly ModelGraph[]): Map<string, ModelGraph[]> {
  const byOwner = new Map<string, ModelGraph[]>();
  for (const graph of graphs) {
    const pieces = byOwner.get(ownerKey(graph));
    if (pieces) pieces.push(graph);
    else byOwner.set(ownerKey(graph), [graph]);
  }
  return byOwner;
}

function ownerKey(graph: ModelGraph): string {
  return `${graph.owner.kind}:${graph.owner.anchor.startIndex}`;
}

/** True when a piece of a model uses SELU, false when none does, undefined when an activation is unknown. */
function isSeluModel(pieces: readonly ModelGraph[]): boolean | undefined {
  const nodes = pieces.flatMap((g) => g.nodes);
  if (nodes.some((n) => appliedActivation(n) === SELU)) return true;
  return nodes.some((n) => inlineActivation(n).kind === 'unknown' || (n.spec.family === 'activation' && appliedActivation(n) === undefined)) ? undefined : false;
}
