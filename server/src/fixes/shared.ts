// A layer object applied in several places shares its weights and its constructor: an edit to the constructor
// changes every application, so fixes aimed at one application leave such layers alone.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';

/** The layer objects of an analysis and the places each is applied, to tell which are applied more than once. */
export class SharedLayers {
  /** Constructor call → the calls that apply the layer it makes. By syntax node: offsets move with edits. */
  private readonly places = new Map<SyntaxNode, Set<SyntaxNode>>();

  constructor(graphs: ReadonlyArray<{ readonly nodes: readonly LayerNode[] }>) {
    for (const graph of graphs) {
      for (const node of graph.nodes) {
        const places = this.places.get(node.ctor);
        if (places) places.add(node.application);
        else this.places.set(node.ctor, new Set([node.application]));
      }
    }
  }

  /** Whether the layer object of `node` is also applied somewhere else. */
  appliedElsewhere(node: LayerNode): boolean {
    const places = this.places.get(node.ctor);
    return places !== undefined && (places.size > 1 || !places.has(node.application));
  }
}
