// The part of a tree-sitter syntax tree that layerlint uses. Both the native binding and web-tree-sitter
// satisfy it, so nothing past this folder knows which parser produced a tree.
// Indices and columns are UTF-16 code units in both bindings, the same unit as JavaScript strings and LSP.

export interface Point {
  row: number;
  column: number;
}

export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: Point;
  readonly endPosition: Point;
  readonly parent: SyntaxNode | null;
  readonly children: SyntaxNode[];
  readonly namedChildren: SyntaxNode[];
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly nextSibling: SyntaxNode | null;
  readonly previousSibling: SyntaxNode | null;
  readonly nextNamedSibling: SyntaxNode | null;
  readonly previousNamedSibling: SyntaxNode | null;
  child(index: number): SyntaxNode | null;
  namedChild(index: number): SyntaxNode | null;
  childForFieldName(field: string): SyntaxNode | null;
  descendantForIndex(start: number, end?: number): SyntaxNode;
}

export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Point;
  oldEndPosition: Point;
  newEndPosition: Point;
}

export interface SyntaxTree {
  readonly rootNode: SyntaxNode;
  edit(edit: TreeEdit): void;
  /** Frees what the binding holds outside the JavaScript heap (WASM trees are not garbage-collected).
   *  `rootNode` stays usable if it was read before. */
  dispose(): void;
}

export type ParserKind = 'native' | 'wasm';

export interface PythonParser {
  readonly kind: ParserKind;
  /** How its trees are copied into the nodes the engine reads (see mirror.ts): the native reader's records or the
   *  binding's cursor (always, for WASM). */
  readonly reader: 'records' | 'cursor';
  /** Whether a tree's `dispose` frees what it holds outside V8's heap at once (WASM trees, native trees copied by
   *  layerlint's reader). Otherwise the binding frees it only when V8 collects the tree's wrapper. */
  readonly freesOnDispose: boolean;
  /** Parses `text`; with `oldTree` (already `edit`ed to match), only the changed regions are re-parsed. */
  parse(text: string, oldTree?: SyntaxTree): SyntaxTree;
  /** Parses `text` once, for a caller that keeps no tree for later edits. */
  parseRoot(text: string): SyntaxNode;
  /**
   * Parses all of `texts`, one after another, and gives for each a function that makes its copy: what `parseRoot`
   * gives, for a caller that analyses many files. Parsing and analysing are each faster in a run of their own than
   * in turns, file by file: each evicts the other's code and data from the core's caches. The copies must be made
   * before the next call, whose texts reuse the memory this one's are kept in.
   */
  parseAhead(texts: readonly string[]): Array<() => SyntaxNode>;
}

/** The position reached after writing `text` starting at `start`. */
export function advancePoint(start: Point, text: string): Point {
  let row = start.row;
  let column = start.column;
  let lineStart = -1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i;
  }
  column = lineStart === -1 ? column + text.length : text.length - lineStart - 1;
  return { row, column };
}

/** The named nodes under `root` (itself included), in document order. Iterative: input nested thousands deep must not
 *  exhaust the stack. `enter` can refuse a subtree (its node is still yielded). */
export function* namedDescendants(root: SyntaxNode, enter: (node: SyntaxNode) => boolean = () => true): Generator<SyntaxNode> {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (node !== root && !enter(node)) continue;
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}
