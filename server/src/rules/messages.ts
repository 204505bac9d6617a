// Small helpers every rule uses to word its findings.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import type { Span } from './types';

export function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

// Messages name lines ("Dropout (line 12) feeds …"). While the rules of a lint run report, `line()` leaves a mark
// for the node instead of its number and the run words the message; it keeps the marked message and the nodes, so
// that when an edit above moves the lines, the message can be worded again without running the rule (the editor's
// incremental analysis).
let marked: SyntaxNode[] | undefined;
const MARK = /\u0000(\d+)\u0000/g;

/** The 1-based line where a layer is applied, or where a syntax node starts, for a message. */
export function line(node: LayerNode | SyntaxNode): string {
  const syntax = 'application' in node ? node.application : node;
  if (!marked) return String(syntax.startPosition.row + 1);
  marked.push(syntax);
  return `\u0000${marked.length - 1}\u0000`;
}

/** A message with its lines marked, and the nodes the marks stand for. */
export interface Wording {
  readonly marked: string;
  readonly nodes: readonly SyntaxNode[];
}

/** Runs `report` with lines marked; the nodes marked are added to `nodes`, to word the messages with. */
export function markingLines(nodes: SyntaxNode[], report: () => void): void {
  marked = nodes;
  try {
    report();
  } finally {
    marked = undefined;
  }
}

export function isMarked(message: string): boolean {
  return message.includes('\u0000');
}

/** The message with each mark replaced by the line its node starts on now. */
export function word({ marked: text, nodes }: Wording): string {
  return text.replace(MARK, (_, index: string) => String(nodes[Number(index)].startPosition.row + 1));
}
