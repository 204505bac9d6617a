// Small helpers every rule uses to word its findings.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import type { Span } from './types';

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The 1-based line where a layer is applied. */
export function line(node: LayerNode): number {
  return node.application.startPosition.row + 1;
}
