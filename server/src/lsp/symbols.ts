// Document symbols: each model with its layers in the order the model applies them, so the Outline view and
// the breadcrumbs show the architecture.
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LayerNode, ModelGraph } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import type { Analysis } from './documents';

const MAX_DETAIL_LENGTH = 60;

const KIND: Record<ModelGraph['owner']['kind'], SymbolKind> = {
  subclass: SymbolKind.Class,
  sequential: SymbolKind.Variable,
  functional: SymbolKind.Variable,
  function: SymbolKind.Function,
};

const OWNER_DETAIL: Record<ModelGraph['owner']['kind'], string> = {
  subclass: 'subclassed model',
  sequential: 'Sequential',
  functional: 'functional model',
  function: 'function',
};

/**
 * The graphs that are models in their own right. Layers left at module level without a model around them are
 * not one; nor is a helper's own graph when every layer of it also appears where a caller inlined it.
 */
function modelGraphs(graphs: readonly ModelGraph[]): ModelGraph[] {
  const applied = new Set<number>();
  for (const graph of graphs) {
    if (graph.owner.kind !== 'function') for (const node of graph.nodes) applied.add(node.application.startIndex);
  }
  return graphs.filter((graph) => {
    if (graph.owner.kind === 'function') return !graph.nodes.every((n) => applied.has(n.application.startIndex));
    return !graph.owner.name.startsWith('<');
  });
}

/** `Dropout(0.3)`: the class with its positional arguments, as short as the outline needs. */
function layerName(node: LayerNode): string {
  const positional = node.args.filter((a) => a.keyword === undefined).map((a) => a.value.text.replace(/\s+/g, ' '));
  return positional.length > 0 ? `${node.spec.name}(${positional.join(', ')})` : node.spec.name;
}

function layerDetail(node: LayerNode): string {
  const keywords = node.args.filter((a) => a.keyword !== undefined).map((a) => a.node.text.replace(/\s+/g, ' ')).join(', ');
  return keywords.length > MAX_DETAIL_LENGTH ? `${keywords.slice(0, MAX_DETAIL_LENGTH - 1)}…` : keywords;
}

export function documentSymbols(document: TextDocument, analysis: Analysis): DocumentSymbol[] {
  const range = (start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });
  const of = (node: SyntaxNode) => range(node.startIndex, node.endIndex);
  return modelGraphs(analysis.result.graphs).map((graph) => {
    const children: DocumentSymbol[] = graph.nodes.map((node) => {
      const detail = layerDetail(node);
      const symbol = { name: layerName(node), kind: SymbolKind.Field, range: of(node.application), selectionRange: of(node.application) };
      return detail ? { ...symbol, detail } : symbol;
    });
    const { anchor } = graph.owner;
    // `model = Sequential(...)`: the whole assignment is the model's definition, and the variable its name.
    const definition = anchor.parent?.type === 'assignment' && anchor.parent.childForFieldName('right') === anchor ? anchor.parent : anchor;
    const name = definition.childForFieldName('name') ?? definition.childForFieldName('left') ?? anchor;
    // The model's range covers its definition and every layer of it: an `add` chain runs past the `Sequential()` call.
    const start = Math.min(definition.startIndex, ...graph.nodes.map((n) => n.application.startIndex));
    const end = Math.max(definition.endIndex, ...graph.nodes.map((n) => n.application.endIndex));
    return {
      name: graph.owner.name,
      detail: OWNER_DETAIL[graph.owner.kind],
      kind: KIND[graph.owner.kind],
      range: range(start, end),
      selectionRange: of(name),
      children,
    };
  });
}
