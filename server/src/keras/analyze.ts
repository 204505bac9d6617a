// The engine's entry point: one syntax tree in, everything the rules need out.
import type { SyntaxNode } from '../parse/tree';
import { buildGraphs, type ModelEvent, type ModelObject } from './builder';
import type { ModelGraph } from './graph';
import { collectImports, type ImportTable } from './imports';

export interface ModuleAnalysis {
  readonly imports: ImportTable;
  /** Every model graph, in source order. A layer inside a helper function appears in the graph of each caller it is
   *  inlined into; a function that no call inlines is a graph of its own. */
  readonly graphs: readonly ModelGraph[];
  readonly models: readonly ModelObject[];
  /** Calls, method calls and `trainable` assignments on model objects, in evaluation order. */
  readonly events: readonly ModelEvent[];
}

export function analyzeModule(root: SyntaxNode): ModuleAnalysis {
  // One analysis of one tree: nothing to keep for a next version of the document.
  const imports = collectImports(root, false);
  const { graphs, models, events } = buildGraphs(root, imports);
  return { imports, graphs, models, events };
}
