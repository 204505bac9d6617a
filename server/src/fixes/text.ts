// Line-level facts about source text that the edit builders share: where a line starts and ends, its
// indentation, and whether a construct has its line to itself (so it can move or go with its comment).
import type { SyntaxNode } from '../parse/tree';

export function newlineOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineStart(text: string, index: number): number {
  return text.lastIndexOf('\n', index - 1) + 1;
}

/** The index of the line break ending the line that holds `index` (before a `\r\n`), or the text's end. */
export function lineEnd(text: string, index: number): number {
  const newline = text.indexOf('\n', index);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

export function indentAt(text: string, index: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, index), index))![0];
}

/** Whether `node` starts its line and only a comment (and, for list elements, a comma) follows it there. */
export function ownsLines(text: string, node: SyntaxNode, commaAfter = false): boolean {
  const before = text.slice(lineStart(text, node.startIndex), node.startIndex);
  const after = text.slice(node.endIndex, lineEnd(text, node.endIndex));
  return before.trim() === '' && (commaAfter ? /^\s*,?\s*(#.*)?$/ : /^\s*(#.*)?$/).test(after);
}

/** Identifiers named `name` (not empty) inside `node`, in document order. */
export function mentions(node: SyntaxNode, name: string): SyntaxNode[] {
  // Looked up where the text has the name, not by a visit to every node under `node`: a class or function body is
  // many nodes, spread over memory, and the name occurs in it a few times.
  const found: SyntaxNode[] = [];
  if (name === '') return found;
  const text = node.text;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const start = node.startIndex + at;
    const end = start + name.length;
    const inner = node.descendantForIndex(start, end);
    if (inner.type === 'identifier' && inner.startIndex === start && inner.endIndex === end) found.push(inner);
  }
  return found;
}

export function rootOf(node: SyntaxNode): SyntaxNode {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/** The assignment `name = <value>` a statement consists of, when `value` is its whole right-hand side. */
export function assignmentOf(statement: SyntaxNode, value: SyntaxNode): string | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'identifier' || !right || right.startIndex !== value.startIndex || right.endIndex !== value.endIndex) return undefined;
  return left.text;
}
