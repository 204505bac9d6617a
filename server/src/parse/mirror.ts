// A plain JavaScript copy of a syntax tree, made in one cursor walk.
//
// Every property read on a native tree-sitter node crosses into C++ and allocates a wrapper; the graph builder and
// the rules read each node many times. One walk with a TreeCursor that reads only ids and offsets, into objects
// that compute text and positions from the source on demand, is several times cheaper than the reads it replaces.
import { indexOf, lineStarts } from './lines';
import type { Point, SyntaxNode } from './tree';

/** The cursor API both tree-sitter bindings share. */
export interface Cursor {
  readonly nodeTypeId: number;
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldId: number;
  readonly currentFieldName: string | null;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/** Per-language tables filled on first sight of each id, so names are read from the binding once per id. */
interface Vocabulary {
  types: string[];
  named: boolean[];
  fields: Array<string | null>;
}

const vocabularies = new WeakMap<object, Vocabulary>();

class Source {
  private lineStarts: number[] | undefined;

  constructor(readonly text: string) {}

  point(index: number): Point {
    const starts = (this.lineStarts ??= lineStarts(this.text));
    const row = indexOf(starts, index);
    return { row, column: index - starts[row] };
  }
}

let nextId = 1;

// Frozen: an accidental push onto the shared list would throw instead of giving every leaf a child.
const NO_CHILDREN = Object.freeze([]) as unknown as MirrorNode[];
const NO_FIELDS = Object.freeze([]) as unknown as Array<string | null>;

/** Python node types that never have children. */
const LEAF_TYPES = new Set(['identifier', 'integer', 'float', 'comment', 'escape_sequence', 'true', 'false', 'none', 'ellipsis', 'string_start', 'string_end']);

export class MirrorNode implements SyntaxNode {
  readonly id = nextId++;
  parent: MirrorNode | null = null;
  // Most nodes are leaves: they share one empty list instead of holding two of their own (memory with many open files).
  children: MirrorNode[] = NO_CHILDREN;
  /** The field name of each child, parallel to `children`. */
  fields: Array<string | null> = NO_FIELDS;
  hasError = false;
  private named?: MirrorNode[];
  private indexInParent = -1;

  constructor(
    private readonly source: Source,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.source.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.source.point(this.endIndex);
  }

  get namedChildren(): MirrorNode[] {
    if (this.children === NO_CHILDREN) return NO_CHILDREN;
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): MirrorNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(field: string): MirrorNode | null {
    const index = this.fields.indexOf(field);
    return index === -1 ? null : this.children[index];
  }

  private sibling(offset: number, namedOnly: boolean): MirrorNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.indexInParent + offset; i >= 0 && i < siblings.length; i += offset) {
      if (!namedOnly || siblings[i].isNamed) return siblings[i];
    }
    return null;
  }

  get nextSibling(): MirrorNode | null {
    return this.sibling(1, false);
  }

  get previousSibling(): MirrorNode | null {
    return this.sibling(-1, false);
  }

  get nextNamedSibling(): MirrorNode | null {
    return this.sibling(1, true);
  }

  get previousNamedSibling(): MirrorNode | null {
    return this.sibling(-1, true);
  }

  /** The smallest node that spans [start, end]. */
  descendantForIndex(start: number, end = start): MirrorNode {
    let node: MirrorNode = this;
    for (;;) {
      // Like tree-sitter: a node ending exactly at `start` does not contain it; the one starting there does.
      const inner: MirrorNode | undefined = node.children.find((c) => c.startIndex <= start && end <= c.endIndex && start < c.endIndex);
      if (!inner) return node;
      node = inner;
    }
  }

  /** S-expression of the named nodes, as the bindings print it. */
  toString(): string {
    const parts = this.children.flatMap((c, i) => {
      if (!c.isNamed) return [];
      const field = this.fields[i];
      return [`${field ? `${field}: ` : ''}${c.toString()}`];
    });
    const head = this.isMissing ? `MISSING ${this.type}` : this.type;
    return parts.length === 0 ? `(${head})` : `(${head} ${parts.join(' ')})`;
  }

  /** Called once the walk has filled `children`. */
  seal(index: number): void {
    this.indexInParent = index;
  }
}

/** Copies the tree under the cursor's current node. `language` keys the id tables (any object unique per grammar). */
export function mirror(cursor: Cursor, text: string, language: object, hasErrors: boolean): MirrorNode {
  let vocabulary = vocabularies.get(language);
  if (!vocabulary) {
    vocabulary = { types: [], named: [], fields: [] };
    vocabularies.set(language, vocabulary);
  }
  const { types, named, fields } = vocabulary;
  const source = new Source(text);

  const make = (): MirrorNode => {
    const typeId = cursor.nodeTypeId;
    let type = types[typeId];
    if (type === undefined) {
      type = types[typeId] = cursor.nodeType;
      named[typeId] = cursor.nodeIsNamed;
    }
    const start = cursor.startIndex;
    // A token's text is its type (`(`, `def`, `=`): in a tree without errors, where no token is MISSING (zero-width),
    // its end needs no call into the binding.
    const end = !hasErrors && !named[typeId] && !type.includes(' ') ? start + type.length : cursor.endIndex;
    // Only zero-width nodes can be MISSING; asking the binding for every node would cost a call each.
    const missing = start === end && cursor.nodeIsMissing;
    const node = new MirrorNode(source, type, named[typeId], missing, start, end);
    node.hasError = missing || type === 'ERROR';
    return node;
  };

  const root = make();
  // Iterative walk: deeply nested input must not exhaust the stack.
  const stack: MirrorNode[] = [root];
  if (cursor.gotoFirstChild()) {
    for (;;) {
      const parent = stack[stack.length - 1];
      const node = make();
      // Every read is a call into the binding. Tokens (anonymous nodes) have no field any code asks for, and no
      // children but for the two-word operators (`is not`, `not in`); names that are always leaves have none either.
      let field: string | null = null;
      if (node.isNamed) {
        const fieldId = cursor.currentFieldId;
        if (fieldId) {
          field = fields[fieldId];
          if (field === undefined) field = fields[fieldId] = cursor.currentFieldName;
        }
      }
      node.parent = parent;
      node.seal(parent.children.length);
      if (parent.children === NO_CHILDREN) {
        parent.children = [];
        parent.fields = [];
      }
      parent.children.push(node);
      parent.fields.push(field);
      const mayHaveChildren = node.isNamed ? !LEAF_TYPES.has(node.type) : node.type.includes(' ');
      if (mayHaveChildren && cursor.gotoFirstChild()) {
        stack.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || stack.length === 1) {
          propagateErrors(root);
          return root;
        }
        stack.pop();
      }
    }
  }
  return root;
}

function propagateErrors(root: MirrorNode): void {
  // Children come after their parent in a pre-order list; walking it backwards settles children first.
  const order: MirrorNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (const child of node.children) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node.hasError && node.parent) node.parent.hasError = true;
  }
}
