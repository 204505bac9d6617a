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
const MARK = '\u0000';
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/** The 1-based line where a layer is applied, or where a syntax node starts, for a message. */
export function line(node: LayerNode | SyntaxNode): string {
  const syntax = 'application' in node ? node.application : node;
  if (!marked) return String(syntax.startPosition.row + 1);
  marked.push(syntax);
  return `${MARK}${marked.length - 1}${MARK}`;
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
  return message.includes(MARK);
}

/** The message with each mark (a node's index between two NULs) replaced by the line its node starts on now. */
export function word({ marked: text, nodes }: Wording): string {
  // A scan rather than a replace with a regular expression and a callback: most findings word a message or two.
  let worded = '';
  let copied = 0;
  for (let at = text.indexOf(MARK); at !== -1; at = text.indexOf(MARK, at + 1)) {
    let end = at + 1;
    while (end < text.length && text.charCodeAt(end) >= DIGIT_0 && text.charCodeAt(end) <= DIGIT_9) end++;
    if (end === at + 1 || text[end] !== MARK) continue;
    worded += text.slice(copied, at) + String(nodes[Number(text.slice(at + 1, end))].startPosition.row + 1);
    copied = end + 1;
    at = end;
  }
  return copied === 0 ? text : worded + text.slice(copied);
}
