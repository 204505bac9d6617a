// A layer object applied in several places shares its weights and its constructor: an edit to the constructor
// changes every application, so fixes aimed at one application leave such layers alone.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';

/** Every layer application of an analysis, each once. */
export function allApplications(graphs: ReadonlyArray<{ readonly nodes: readonly LayerNode[] }>): LayerNode[] {
  const seen = new Map<number, LayerNode>();
  for (const graph of graphs) for (const node of graph.nodes) seen.set(node.application.startIndex, node);
  return [...seen.values()];
}

/** The places each layer constructor is applied, by its syntax node; made once per list of applications. */
const applicationsByConstructor = new WeakMap<readonly LayerNode[], Map<SyntaxNode, Set<SyntaxNode>>>();

/** Whether the layer object of `node` is also applied somewhere else. */
export function appliedElsewhere(node: LayerNode, applications: readonly LayerNode[]): boolean {
  let index = applicationsByConstructor.get(applications);
  if (!index) {
    index = new Map();
    for (const other of applications) {
      const places = index.get(other.ctor);
      if (places) places.add(other.application);
      else index.set(other.ctor, new Set([other.application]));
    }
    applicationsByConstructor.set(applications, index);
  }
  const places = index.get(node.ctor);
  return places !== undefined && (places.size > 1 || !places.has(node.application));
}
