// A layer object applied in several places shares its weights and its constructor: an edit to the constructor
// changes every application, so fixes aimed at one application leave such layers alone.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';

/** How many questions a scan of the nodes answers before the index is built: most lint runs ask a few, and an index
 *  of every node costs far more than a scan; a run that asks many would pay a scan for each. */
const SCANS_BEFORE_INDEX = 16;

/** The layer objects of an analysis and the places each is applied, to tell which are applied more than once. */
export class SharedLayers {
  private scans = 0;
  /** Constructor call → the calls that apply the layer it makes. By syntax node: offsets move with edits. */
  private places: Map<SyntaxNode, Set<SyntaxNode>> | undefined;

  constructor(private readonly graphs: ReadonlyArray<{ readonly nodes: readonly LayerNode[] }>) {}

  /** Whether the layer object of `node` is also applied somewhere else. */
  appliedElsewhere(node: LayerNode): boolean {
    if (!this.places && this.scans++ < SCANS_BEFORE_INDEX) {
      for (const graph of this.graphs) {
        for (const other of graph.nodes) if (other.ctor === node.ctor && other.application !== node.application) return true;
      }
      return false;
    }
    const places = (this.places ??= placesOf(this.graphs)).get(node.ctor);
    return places !== undefined && (places.size > 1 || !places.has(node.application));
  }
}

function placesOf(graphs: ReadonlyArray<{ readonly nodes: readonly LayerNode[] }>): Map<SyntaxNode, Set<SyntaxNode>> {
  const byCtor = new Map<SyntaxNode, Set<SyntaxNode>>();
  for (const graph of graphs) {
    for (const node of graph.nodes) {
      const places = byCtor.get(node.ctor);
      if (places) places.add(node.application);
      else byCtor.set(node.ctor, new Set([node.application]));
    }
  }
  return byCtor;
}
