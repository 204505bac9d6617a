// A layer object applied in several places shares its weights and its constructor: an edit to the constructor
// changes every application, so fixes aimed at one application leave such layers alone.
import type { LayerNode } from '../keras/graph';

/** Every layer application of an analysis, each once. */
export function allApplications(graphs: ReadonlyArray<{ readonly nodes: readonly LayerNode[] }>): LayerNode[] {
  const seen = new Map<number, LayerNode>();
  for (const graph of graphs) for (const node of graph.nodes) seen.set(node.application.startIndex, node);
  return [...seen.values()];
}

/** Whether the layer object of `node` is also applied somewhere else. */
export function appliedElsewhere(node: LayerNode, applications: readonly LayerNode[]): boolean {
  return applications.some((other) => other.ctor.startIndex === node.ctor.startIndex && other.application.startIndex !== node.application.startIndex);
}
