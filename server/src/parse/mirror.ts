// A plain JavaScript copy of a syntax tree.
//
// Every property read on a native tree-sitter node crosses into C++ and allocates a wrapper; the graph builder and
// the rules read each node many times. The copy is made once per tree, into objects that compute text and
// positions from the source on demand: from the records of layerlint's native reader (native/tree_export.c, one
// call per tree) when it is built, else in one walk with the binding's TreeCursor that reads only ids and offsets.
import { indexOf, lineStarts, type LineStarts } from './lines';
import { detached, interned } from './strings';
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

/** One entry of the grammar's node-types.json (tree-sitter's description of every node type). */
export interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
  children?: unknown;
  subtypes?: unknown;
}

/** How the walk handles the nodes of one type id, worked out on first sight of the id. */
interface TypeShape {
  type: string;
  named: boolean;
  /** Never has children: the walk does not ask the binding for any. */
  leaf: boolean;
  /** No child of this type ever has a field: the walk does not ask for field ids under it. */
  fieldless: boolean;
  /** The length of the node's text when the type fixes it (tokens, `True`, `...`), else -1. */
  length: number;
  /** Where this node's children start when the tree has no errors: 'gap' = after the previous sibling and the
   *  whitespace between; 'adjacent' = right where the previous sibling ends (inside a string literal);
   *  'read' = asked from the binding (children placed among text that is not a node, like a format spec), and the
   *  node's own end too. */
  childStarts: 'gap' | 'adjacent' | 'read';
}

/** Per-language tables filled on first sight of each id, so names are read from the binding once per id. */
interface Vocabulary {
  grammar: Grammar;
  shapes: TypeShape[];
  /** By the binding's field id: layerlint's number for the field (see fieldNumber). */
  fields: number[];
}

/** What node-types.json says about the shapes of nodes, by type name. */
interface Grammar {
  leaves: Set<string>;
  fieldless: Set<string>;
}

/** Node types whose text is the same word every time, though their type name differs from it. */
const FIXED_TEXT: Record<string, string> = { true: 'True', false: 'False', none: 'None', ellipsis: '...' };
const ADJACENT_CHILDREN = new Set(['string']);
const READ_CHILD_STARTS = new Set(['string_content', 'format_specifier', 'match_statement']);
// The grammar's identifier pattern; its end is found in the text instead of asking the binding.
const IDENTIFIER = /[_\p{XID_Start}][_\p{XID_Continue}]*/uy;
// Python's string prefixes and opening quotes, the text of a `string_start`.
const STRING_START = /[A-Za-z]*(?:"""|'''|"|')/y;

export function grammarOf(nodeTypes: readonly NodeTypeInfo[]): Grammar {
  const leaves = new Set<string>();
  const fieldless = new Set<string>();
  for (const info of nodeTypes) {
    if (!info.named || info.subtypes) continue;
    const hasFields = info.fields !== undefined && Object.keys(info.fields).length > 0;
    if (!hasFields) fieldless.add(info.type);
    // node-types.json lists only named children; a rule node without any (`pass_statement`) still has its keyword
    // token, and says so with an empty `fields`. A token has no `fields` at all.
    if (info.fields === undefined && !info.children) leaves.add(info.type);
  }
  return { leaves, fieldless };
}

const vocabularies = new WeakMap<object, Vocabulary>();

function vocabularyOf(language: object, nodeTypes: readonly NodeTypeInfo[]): Vocabulary {
  let vocabulary = vocabularies.get(language);
  if (!vocabulary) {
    vocabulary = { grammar: grammarOf(nodeTypes), shapes: [], fields: [] };
    vocabularies.set(language, vocabulary);
  }
  return vocabulary;
}

function shapeOf(vocabulary: Vocabulary, type: string, named: boolean): TypeShape {
  const { leaves, fieldless } = vocabulary.grammar;
  // Anonymous nodes are tokens, written as their type; only the two-word operators (`not in`, `is not`) have children.
  const twoWords = !named && type.includes(' ');
  return {
    type,
    named,
    leaf: named ? leaves.has(type) : !twoWords,
    fieldless: !named || fieldless.has(type),
    length: named ? (FIXED_TEXT[type]?.length ?? -1) : twoWords ? -1 : type.length,
    childStarts: ADJACENT_CHILDREN.has(type) ? 'adjacent' : READ_CHILD_STARTS.has(type) ? 'read' : 'gap',
  };
}

/** The text the nodes of one document read. A document's successive copies share it (see `carryOver`). */
class Source {
  private lineStarts: LineStarts | undefined;

  constructor(public text: string) {}

  replace(text: string): void {
    this.text = text;
    this.lineStarts = undefined;
  }

  point(index: number): Point {
    const starts = (this.lineStarts ??= lineStarts(this.text));
    const row = indexOf(starts, index);
    return { row, column: index - starts[row] };
  }
}

let nextId = 1;

/** Where a top-level statement starts. Its nodes keep offsets relative to it, so that an edit before the statement
 *  moves all of them with one write instead of a visit to each (a visit per node of a large file costs more than the
 *  whole re-parse, because the nodes are spread over memory). */
interface Anchor {
  base: number;
  /** The text the statement's nodes read (kept here rather than in every node: memory with many open files). */
  readonly source: Source;
}

// What a node is, in one number with the field it fills and its place among its parent's children: three booleans,
// the field and the place would take six of its fields (a copy makes millions of nodes per pass over a project).
const IS_NAMED = 1;
const IS_MISSING = 2;
const HAS_ERROR = 4;
const FIELD_SHIFT = 3;
const FIELD_MASK = 0xff;
const INDEX_SHIFT = 11;
/** A place among more children than the bits left hold: found by searching the parent's children. */
const FAR_INDEX = (1 << (31 - INDEX_SHIFT)) - 1;

/** layerlint's own number for each field name (the bindings number them per grammar), in order of first sight. */
const FIELD_NUMBERS = new Map<string, number>();
const FIELD_NAMES: Array<string | null> = [null];

/** The number `name` has in a node's flags; assigned on first sight. */
function fieldNumber(name: string): number {
  let number = FIELD_NUMBERS.get(name);
  if (number === undefined) {
    number = FIELD_NAMES.length;
    if (number > FIELD_MASK) throw new Error(`layerlint: more than ${FIELD_MASK} field names in the grammar`);
    FIELD_NAMES.push(interned(name));
    FIELD_NUMBERS.set(name, number);
  }
  return number;
}

// Frozen: an accidental push onto the shared list would throw instead of giving every leaf a child.
const NO_CHILDREN = Object.freeze([]) as unknown as MirrorNode[];

export class MirrorNode implements SyntaxNode {
  readonly id = nextId++;
  parent: MirrorNode | null = null;
  // Most nodes are leaves: they share one empty list instead of holding two of their own (memory with many open files).
  children: MirrorNode[] = NO_CHILDREN;
  private flags: number;

  // Offsets from the start of the node's top-level statement (see Anchor).
  private relativeStart: number;
  private relativeEnd: number;

  constructor(
    readonly type: string,
    isNamed: boolean,
    isMissing: boolean,
    /** Shared by the nodes of one top-level statement. */
    readonly anchor: Anchor,
    startIndex: number,
    endIndex: number,
  ) {
    this.flags = (isNamed ? IS_NAMED : 0) | (isMissing ? IS_MISSING | HAS_ERROR : 0) | (type === 'ERROR' ? HAS_ERROR : 0);
    this.relativeStart = startIndex - anchor.base;
    this.relativeEnd = endIndex - anchor.base;
  }

  get isNamed(): boolean {
    return (this.flags & IS_NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.flags & IS_MISSING) !== 0;
  }

  /** Whether the node is or holds an ERROR or MISSING node (the root: whether the parser saw any error). */
  get hasError(): boolean {
    return (this.flags & HAS_ERROR) !== 0;
  }

  set hasError(value: boolean) {
    this.flags = value ? this.flags | HAS_ERROR : this.flags & ~HAS_ERROR;
  }

  get startIndex(): number {
    return this.anchor.base + this.relativeStart;
  }

  get endIndex(): number {
    return this.anchor.base + this.relativeEnd;
  }

  /** Set by the walk once the node's last child is known. */
  set endIndex(index: number) {
    this.relativeEnd = index - this.anchor.base;
  }

  get text(): string {
    const text = this.anchor.source.text.slice(this.startIndex, this.endIndex);
    // Long texts (a whole function, searched and dropped) stay views: a copy would cost more than they keep alive
    // in the short time they live.
    return text.length > 512 ? text : detached(text);
  }

  get startPosition(): Point {
    return this.anchor.source.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.anchor.source.point(this.endIndex);
  }

  /** The field this node fills in its parent (`name`, `body`), if any. */
  get field(): string | null {
    return FIELD_NAMES[(this.flags >>> FIELD_SHIFT) & FIELD_MASK];
  }

  /** Sets the field, by its number (see fieldNumber), before `seal`. */
  fills(field: number): void {
    this.flags |= field << FIELD_SHIFT;
  }

  get namedChildren(): MirrorNode[] {
    const children = this.children;
    if (children === NO_CHILDREN) return NO_CHILDREN;
    // Asked of few nodes, mostly once: not kept (a field for it would be in every node).
    return children.filter((c) => c.isNamed);
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
    const number = FIELD_NUMBERS.get(field);
    if (number === undefined) return null;
    // A plain loop: the graph builder asks this of most nodes it reads.
    const children = this.children;
    for (let i = 0; i < children.length; i++) if (((children[i].flags >>> FIELD_SHIFT) & FIELD_MASK) === number) return children[i];
    return null;
  }

  private sibling(offset: number, namedOnly: boolean): MirrorNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.index() + offset; i >= 0 && i < siblings.length; i += offset) {
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
    const parts = this.children.flatMap((c) => {
      if (!c.isNamed) return [];
      return [`${c.field ? `${c.field}: ` : ''}${c.toString()}`];
    });
    const head = this.isMissing ? `MISSING ${this.type}` : this.type;
    return parts.length === 0 ? `(${head})` : `(${head} ${parts.join(' ')})`;
  }

  /** This node's place among its parent's children. */
  private index(): number {
    const index = this.flags >>> INDEX_SHIFT;
    return index === FAR_INDEX ? this.parent!.children.indexOf(this) : index;
  }

  /** Called once the walk has placed the node at `index` among its parent's children. */
  seal(index: number): void {
    const kept = this.flags & ((1 << INDEX_SHIFT) - 1);
    this.flags = kept | (Math.min(index, FAR_INDEX) << INDEX_SHIFT);
  }

  /** The text this node reads, for a copy of the document's next version to share. */
  get sharedSource(): Source {
    return this.anchor.source;
  }

  /** Moves this top-level statement by `delta`, into a text that differs from the old one only before or after it.
   *  The new copy shares the old one's Source and the statement's nodes share its anchor: one write moves them all. */
  carryOver(delta: number): void {
    this.anchor.base += delta;
  }
}

/** A text edit in the offsets of the text before it (tree-sitter's edit, reduced to what moving nodes needs). */
export interface OffsetEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
}

/** The previous copy of a document's tree and the edits made since, so that unchanged top-level statements can be
 *  carried over instead of copied from the binding again. */
export interface PreviousCopy {
  root: MirrorNode;
  edits: readonly OffsetEdit[];
}

/** Where an old range lies after `edits`, or undefined if an edit touches it. */
function moved(start: number, end: number, edits: readonly OffsetEdit[]): number | undefined {
  let delta = 0;
  for (const edit of edits) {
    const s = start + delta;
    const e = end + delta;
    if (e <= edit.startIndex && e < edit.oldEndIndex) continue;
    if (s >= edit.oldEndIndex && s > edit.startIndex) {
      delta += edit.newEndIndex - edit.oldEndIndex;
      continue;
    }
    return undefined;
  }
  return delta;
}

/** The top-level statements of the old copy that no edit touched, in order, each with how far it moved. A new
 *  copy takes them in the order its own top-level statements come. */
class Carried {
  private readonly nodes: MirrorNode[] = [];
  private readonly deltas: number[] = [];
  private next = 0;

  constructor(previous: PreviousCopy | undefined) {
    if (!previous) return;
    for (const node of previous.root.children) {
      // A statement with an error may read differently once the text around it changes.
      if (node.hasError) continue;
      const delta = moved(node.startIndex, node.endIndex, previous.edits);
      if (delta === undefined) continue;
      this.nodes.push(node);
      this.deltas.push(delta);
    }
  }

  get size(): number {
    return this.nodes.length;
  }

  /** Where each candidate lies in the new text: [start, end] pairs in order, as the native reader takes them. */
  ranges(): Uint32Array {
    const ranges = new Uint32Array(this.nodes.length * 2);
    this.nodes.forEach((node, i) => {
      ranges[i * 2] = node.startIndex + this.deltas[i];
      ranges[i * 2 + 1] = node.endIndex + this.deltas[i];
    });
    return ranges;
  }

  /** The old statement that stands for a new top-level one of `type` over [start, end], moved into place; or
   *  undefined. Asked in the order of the new statements. */
  take(type: string, start: number, end: number): MirrorNode | undefined {
    const { nodes, deltas } = this;
    while (this.next < nodes.length && nodes[this.next].startIndex + deltas[this.next] < start) this.next++;
    const node = nodes[this.next];
    const delta = deltas[this.next];
    if (!node || node.startIndex + delta !== start || node.endIndex + delta !== end || node.type !== type) return undefined;
    this.next++;
    node.carryOver(delta);
    return node;
  }
}

/** The text the new copy reads. The old copy is given up for it: the nodes carried over keep reading the same
 *  Source, now of the new text. */
function sourceFor(text: string, previous: PreviousCopy | undefined, carried: Carried): Source {
  if (!previous || carried.size === 0) return new Source(text);
  const source = previous.root.sharedSource;
  source.replace(text);
  return source;
}

/** The root of a copy of `source`. Its error flag is the binding's, which also sees errors no visible node carries
 *  (inside a hidden node). */
function newRoot(type: string, named: boolean, source: Source, start: number, end: number, hasErrors: boolean): MirrorNode {
  const root = new MirrorNode(type, named, false, { base: 0, source }, start, end);
  root.hasError = hasErrors;
  return root;
}

/** A new node under `parent` in the copy rooted at `root`: a child of the root is a top-level statement, whose nodes
 *  share an anchor of their own. */
function newNode(type: string, named: boolean, missing: boolean, parent: MirrorNode, root: MirrorNode, start: number, end: number): MirrorNode {
  const anchor = parent === root ? { base: start, source: root.anchor.source } : parent.anchor;
  return new MirrorNode(type, named, missing, anchor, start, end);
}

/** Appends `node` to its parent's children. */
function attach(parent: MirrorNode, node: MirrorNode): void {
  node.parent = parent;
  node.seal(parent.children.length);
  if (parent.children === NO_CHILDREN) parent.children = [node];
  else parent.children.push(node);
}

/** True for the characters tree-sitter-python skips between tokens (its `extras` pattern and Unicode spaces). */
function isSpace(code: number): boolean {
  if (code === 32 || (code >= 9 && code <= 13)) return true;
  if (code < 128) return false;
  return code === 0x85 || code === 0x200b || code === 0x2060 || /\s/.test(String.fromCharCode(code));
}

/**
 * Copies the tree under the cursor's current node. `language` keys the per-grammar tables; `nodeTypes` is the
 * grammar's node-types.json. With `previous`, top-level statements that no edit touched are carried over.
 *
 * Every read is a call into the binding, and those calls are most of the cost of the copy. In a tree without errors
 * most offsets follow from the text: a child starts where its parent does, or at the first non-blank character after
 * its previous sibling; a parent ends where its last child ends; a token's length is its type's, an identifier's is
 * what the identifier pattern matches. Trees with errors (zero-width MISSING tokens, ERROR nodes over skipped text) are
 * copied with every offset read.
 */
export function mirror(cursor: Cursor, text: string, language: object, nodeTypes: readonly NodeTypeInfo[], hasErrors: boolean, previous?: PreviousCopy): MirrorNode {
  const vocabulary = vocabularyOf(language, nodeTypes);
  const { shapes, fields } = vocabulary;
  const carried = new Carried(previous);
  const source = sourceFor(text, previous, carried);

  const shapeAtCursor = (): TypeShape => {
    const typeId = cursor.nodeTypeId;
    return (shapes[typeId] ??= shapeOf(vocabulary, interned(cursor.nodeType), cursor.nodeIsNamed));
  };

  /** Nodes of a tree without errors whose start the binding was asked for: their first child may not start there. */
  const placedByBinding = new Set<MirrorNode>();
  const errors: MirrorNode[] = [];

  /** Where the node under the cursor, of `shape`, starts when the text tells: after `previous` (its previous sibling)
   *  inside `parent`. -1 when only the binding knows. */
  const derivedStart = (shape: TypeShape, parent: MirrorNode, parentShape: TypeShape, previous: MirrorNode | undefined): number => {
    if (parentShape.childStarts === 'read') return -1;
    // A parent placed by the binding may start with a zero-width token (the newline before a `match` body).
    if (!previous) return placedByBinding.has(parent) ? -1 : parent.startIndex;
    if (parentShape.childStarts === 'adjacent') return previous.endIndex;
    let index = previous.endIndex;
    while (index < text.length && isSpace(text.charCodeAt(index))) index++;
    // The scanner can fold a comment or a line continuation into the blank before an indent or dedent: the text
    // there is then no node.
    const next = text.charCodeAt(index);
    if ((next === 35 /* # */ && shape.type !== 'comment') || (next === 92 /* \ */ && shape.type !== 'line_continuation')) return -1;
    return index;
  };

  /** Where a leaf that starts at `start` ends. */
  const leafEnd = (shape: TypeShape, start: number): number => {
    if (hasErrors) return cursor.endIndex;
    if (shape.length >= 0) return start + shape.length;
    const pattern = shape.type === 'identifier' ? IDENTIFIER : shape.type === 'string_start' ? STRING_START : undefined;
    if (pattern) {
      pattern.lastIndex = start;
      if (pattern.test(text)) return pattern.lastIndex;
    }
    return cursor.endIndex;
  };

  const rootShape = shapeAtCursor();
  const root = newRoot(rootShape.type, rootShape.named, source, cursor.startIndex, cursor.endIndex, hasErrors);
  // Iterative walk: deeply nested input must not exhaust the stack.
  const parents: MirrorNode[] = [root];
  const parentShapes: TypeShape[] = [rootShape];
  if (!cursor.gotoFirstChild()) return root;
  for (;;) {
    const parent = parents[parents.length - 1];
    const parentShape = parentShapes[parentShapes.length - 1];
    const shape = shapeAtCursor();
    const siblings = parent.children;
    const previousSibling = siblings.length > 0 ? siblings[siblings.length - 1] : undefined;
    let node: MirrorNode | undefined;
    let expand = false;
    if (parent === root && carried.size > 0) node = carried.take(shape.type, cursor.startIndex, cursor.endIndex);
    if (!node) {
      const derived = hasErrors ? -1 : derivedStart(shape, parent, parentShape, previousSibling);
      const start = derived === -1 ? cursor.startIndex : derived;
      expand = !shape.leaf;
      // A parent's end is its last child's, set when the walk leaves it; a leaf's is known now.
      const end = expand ? start : leafEnd(shape, start);
      // Only zero-width nodes can be MISSING, and only in trees with errors.
      const missing = hasErrors && start === end && !expand && cursor.nodeIsMissing;
      node = newNode(shape.type, shape.named, missing, parent, root, start, end);
      if (node.hasError) errors.push(node);
      if (derived === -1 && !hasErrors && expand) placedByBinding.add(node);
    }
    // Tokens carry no field any code asks for.
    if (shape.named && !parentShape.fieldless) {
      const fieldId = cursor.currentFieldId;
      if (fieldId) node.fills((fields[fieldId] ??= cursor.currentFieldName ? fieldNumber(cursor.currentFieldName) : 0));
    }
    attach(parent, node);
    if (expand) {
      if (cursor.gotoFirstChild()) {
        parents.push(node);
        parentShapes.push(shape);
        continue;
      }
      node.endIndex = cursor.endIndex;
    }
    while (!cursor.gotoNextSibling()) {
      if (parents.length === 1 || !cursor.gotoParent()) {
        propagateErrors(errors);
        return root;
      }
      const done = parents.pop()!;
      const doneShape = parentShapes.pop()!;
      const children = done.children;
      // Children among text that is no node (a format spec's `:>10`) need not reach the end of their parent.
      done.endIndex = hasErrors || doneShape.childStarts === 'read' ? cursor.endIndex : children[children.length - 1].endIndex;
    }
  }
}

/** Marks the ancestors of each ERROR or MISSING node: from the nodes themselves up, not over the whole tree (whose
 *  carried-over statements have none). */
function propagateErrors(errors: readonly MirrorNode[]): void {
  for (const error of errors) {
    for (let node = error.parent; node && !node.hasError; node = node.parent) node.hasError = true;
  }
}

/** The names behind the ids in the native reader's records (its `vocabulary`). */
export interface RecordNames {
  types: readonly string[];
  named: readonly boolean[];
  fields: ReadonlyArray<string | undefined>;
}

const recordFieldNumbers = new WeakMap<RecordNames, number[]>();

/** By the reader's field id: layerlint's number for the field (0 for none). */
function fieldNumbersOf(names: RecordNames): number[] {
  let numbers = recordFieldNumbers.get(names);
  if (!numbers) recordFieldNumbers.set(names, (numbers = Array.from(names.fields, (name) => (name ? fieldNumber(name) : 0))));
  return numbers;
}

/** Reads a tree's records (see native/tree_export.c), good until the next read; `carry` lists the sorted
 *  [start, end] pairs of top-level statements whose copies can be reused: those come without children. */
export type ReadRecords = (carry: Uint32Array | undefined) => Uint32Array;

// The record layout of native/tree_export.c: 4 words per node in pre-order (head, start, end, child count).
const RECORD = 4;
const SYMBOL = 0xffff;
const NAMED = 1 << 24;
const MISSING = 1 << 25;
const CARRIED = 1 << 26;

/**
 * Copies a tree from the native reader's records: the same nodes, offsets and fields `mirror` reads through a
 * cursor, with no call into the binding per node. With `previous`, top-level statements no edit touched are
 * carried over, and the reader skips their subtrees.
 */
export function mirrorRecords(read: ReadRecords, names: RecordNames, text: string, hasErrors: boolean, previous?: PreviousCopy): MirrorNode {
  const carried = new Carried(previous);
  const source = sourceFor(text, previous, carried);
  if (carried.size > 0) {
    const root = fromRecords(read(carried.ranges()), names, source, hasErrors, carried);
    if (root) return root;
  }
  return fromRecords(read(undefined), names, source, hasErrors, carried)!;
}

/** The copy the records describe, or undefined if a statement the reader skipped as carried is no longer the same
 *  kind of statement (then the caller reads again without carrying). */
function fromRecords(records: Uint32Array, names: RecordNames, source: Source, hasErrors: boolean, carried: Carried): MirrorNode | undefined {
  const fields = fieldNumbersOf(names);
  const root = newRoot(names.types[records[0] & SYMBOL], names.named[records[0] & SYMBOL], source, records[1], records[2], hasErrors);
  const errors: MirrorNode[] = [];
  // The open parents, and how many children each has been given so far. The records give each parent's number of
  // children up front, so its list is made at its exact size and filled in place.
  const parents: MirrorNode[] = [root];
  const filled: number[] = [0];
  let depth = 0;
  if (records[3] > 0) root.children = new Array<MirrorNode>(records[3]);
  for (let at = RECORD; at < records.length; at += RECORD) {
    const head = records[at];
    const start = records[at + 1];
    const parent = parents[depth];
    const type = names.types[head & SYMBOL];
    let node: MirrorNode;
    if (head & CARRIED) {
      const old = carried.take(type, start, records[at + 2]);
      if (!old) return undefined;
      node = old;
    } else {
      const named = (head & NAMED) !== 0;
      node = newNode(type, named, (head & MISSING) !== 0, parent, root, start, records[at + 2]);
      if (node.hasError) errors.push(node);
      // Tokens carry no field any code asks for (as in `mirror`).
      const field = named ? (head >>> 16) & 0xff : 0;
      if (field) node.fills(fields[field]);
    }
    const index = filled[depth]++;
    parent.children[index] = node;
    node.parent = parent;
    node.seal(index);
    const children = records[at + 3];
    if (children > 0) {
      node.children = new Array<MirrorNode>(children);
      parents[++depth] = node;
      filled[depth] = 0;
    } else {
      while (depth > 0 && filled[depth] === parents[depth].children.length) depth--;
    }
  }
  propagateErrors(errors);
  return root;
}
