// Line-level facts about source text that the edit builders share: where a line starts and ends, its
// indentation, and whether a construct has its line to itself (so it can move or go with its comment).
import { namedDescendants, type SyntaxNode } from '../parse/tree';

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

// The identifiers under the node asked about last, by name: fixes ask about the same class body or function for each
// finding in it. One slot, not a WeakMap over every node asked about (costly for V8's collector).
let indexedNode: SyntaxNode | undefined;
let identifiers = new Map<string, SyntaxNode[]>();

/** Identifiers named `name` inside `node`. */
export function mentions(node: SyntaxNode, name: string): readonly SyntaxNode[] {
  // Often asked of a name the code does not have (is a new attribute free?): its text answers without an index.
  if (indexedNode !== node && !node.text.includes(name)) return [];
  if (indexedNode !== node) {
    indexedNode = node;
    identifiers = new Map();
    for (const n of namedDescendants(node)) {
      if (n.type !== 'identifier') continue;
      const list = identifiers.get(n.text);
      if (list) list.push(n);
      else identifiers.set(n.text, [n]);
    }
  }
  return identifiers.get(name) ?? [];
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
