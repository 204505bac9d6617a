// Chooses the parser: the native tree-sitter addon when it loads, otherwise web-tree-sitter with the WASM
// grammar that tree-sitter-python ships. Prebuilt native addons need a recent libstdc++, so the fallback
// is what keeps layerlint working on older Linux distributions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mirror, mirrorRecords, type Cursor, type MirrorNode, type NodeTypeInfo, type OffsetEdit, type PreviousCopy, type RecordNames } from './mirror';
import { interned } from './strings';
import type { ParserKind, PythonParser, SyntaxTree, TreeEdit } from './tree';

export interface ParserOptions {
  /** Force one implementation (tests, and the `LAYERLINT_PARSER` environment variable). */
  force?: ParserKind;
  /** How the native binding's trees are copied: 'records' (layerlint's native reader, when built) or 'cursor'.
   *  Tests force each; the `LAYERLINT_TREE_READER` environment variable does the same. */
  reader?: TreeReader;
  log?: (message: string) => void;
}

export type TreeReader = PythonParser['reader'];

/** What both bindings' trees offer: an incremental edit and a cursor. */
interface BindingTree {
  readonly rootNode: { readonly hasError: boolean };
  edit(edit: TreeEdit): unknown;
  walk(): Cursor;
  /** web-tree-sitter only: its trees live in WASM memory until deleted. */
  delete?(): void;
}

/** A binding's tree with a plain-JavaScript copy of its nodes, made on first use (see mirror.ts). */
class MirroredTree implements SyntaxTree {
  private root: MirrorNode | undefined;
  /** The copy of the tree this one was re-parsed from and the edits since: the statements no edit touched are
   *  carried over from it when this copy is made. After `edit`, this tree's own copy, for the next tree. */
  private carry: { root: MirrorNode; edits: OffsetEdit[] } | undefined;
  private disposed = false;

  constructor(
    readonly binding: BindingTree,
    private readonly text: string,
    private readonly copy: CopyTree,
    carry?: PreviousCopy,
  ) {
    this.carry = carry && { root: carry.root, edits: [...carry.edits] };
  }

  get rootNode(): MirrorNode {
    if (!this.root) {
      if (this.disposed) throw new Error('layerlint: the nodes of a disposed tree were asked for before they were copied');
      this.root = this.copy(this.binding, this.text, this.carry);
      this.carry = undefined;
    }
    return this.root;
  }

  edit(edit: TreeEdit): void {
    this.binding.edit(edit);
    if (this.root) this.carry = { root: this.root, edits: [] };
    this.root = undefined;
    this.carry?.edits.push(edit);
  }

  /** What the tree re-parsed from this edited one can carry over. */
  handOver(): PreviousCopy | undefined {
    const carry = this.carry;
    this.carry = undefined;
    return carry;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.copy.release?.(this.binding);
  }
}

/** Makes the plain-JavaScript copy of a binding's tree (see mirror.ts). */
interface CopyTree {
  (binding: BindingTree, text: string, carry: PreviousCopy | undefined): MirrorNode;
  reader: TreeReader;
  /** Frees what a binding's tree holds outside V8's heap, once nothing reads it any more. Without it the tree waits
   *  for V8 to collect its wrapper. */
  release?(binding: BindingTree): void;
  /** Starts a batch: the function it returns keeps what a later copy of a tree needs (the native reader's records),
   *  so that the tree can be freed at once and copied when the batch reaches it. Absent for copies that need the
   *  tree itself. */
  batch?(): (binding: BindingTree, text: string) => () => MirrorNode;
}

/** The copy through the binding's cursor, which both bindings offer. */
function cursorCopy(language: object): CopyTree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeTypes: readonly NodeTypeInfo[] = require('tree-sitter-python/src/node-types.json');
  const copy = (binding: BindingTree, text: string, carry: PreviousCopy | undefined) => mirror(binding.walk(), text, language, nodeTypes, binding.rootNode.hasError, carry);
  return Object.assign(copy, { reader: 'cursor' as const });
}

type ParseFunction = (text: string, old: BindingTree | null) => BindingTree;

function wrap(kind: ParserKind, copy: CopyTree, parse: ParseFunction): PythonParser {
  const parseTree = (text: string, oldTree?: SyntaxTree) => {
    const old = oldTree instanceof MirroredTree ? oldTree : undefined;
    return new MirroredTree(parse(text, old?.binding ?? null), text, copy, old?.handOver());
  };
  const parseRoot = (text: string) => {
    const tree = parseTree(text);
    const root = tree.rootNode;
    tree.dispose();
    return root;
  };
  /** Counts the batches, so that a copy asked for after the next batch has reused its memory fails loudly. */
  let batches = 0;
  const parseAhead = (texts: readonly string[]): Array<() => MirrorNode> => {
    const { batch, release } = copy;
    if (!batch || !release) return texts.map((text) => () => parseRoot(text));
    const keep = batch();
    const generation = ++batches;
    return texts.map((text) => {
      const binding = parse(text, null);
      let copyOf: () => MirrorNode;
      try {
        copyOf = keep(binding, text);
      } finally {
        release(binding);
      }
      return () => {
        if (generation !== batches) throw new Error('layerlint: a tree parsed ahead was copied after the next batch was parsed');
        return copyOf();
      };
    });
  };
  return { kind, reader: copy.reader, freesOnDispose: copy.release !== undefined, parse: parseTree, parseRoot, parseAhead };
}

/** layerlint's native reader (native/tree_export.c), built by `npm run build` next to the sources. */
interface RecordReader {
  /** Writes a tree's records into `into`: how many words, or minus the length `into` must have. */
  exportTree(rootIdLow: number, rootIdHigh: number, carry: Uint32Array | undefined, into: Uint32Array): number;
  vocabulary(rootIdLow: number, rootIdHigh: number): RecordNames;
  releaseTree(rootIdLow: number, rootIdHigh: number): void;
}

/** A root node of the native binding: it keeps its tree-sitter id in its first two slots (the binding's marshalling),
 *  and the reader finds the tree from it. */
interface NativeRoot {
  readonly 0: number;
  readonly 1: number;
  readonly hasError: boolean;
}

function loadReader(): RecordReader {
  // In native/build/Release of the package root: one level above the bundles in dist/, four above this file
  // compiled into out/server/src/parse (the tests).
  for (const root of [join(__dirname, '..'), join(__dirname, '..', '..', '..', '..')]) {
    const file = join(root, 'native', 'build', 'Release', 'tree_export.node');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (existsSync(file)) return require(file);
  }
  throw new Error('native/build/Release/tree_export.node is not built (npm run build builds it)');
}

function internedNames(names: RecordNames): RecordNames {
  return { types: names.types.map(interned), named: names.named, fields: names.fields.map((field) => field && interned(field)) };
}

/** Words of records (4 a node) of the array the native reader first writes into, and the most one keeps. */
const FIRST_RECORD_WORDS = 1 << 16;
const KEPT_RECORD_WORDS = 1 << 20;

/** The copy from the native reader's records, after checking on a sample that it reads what the cursor reads. */
function recordsCopy(parse: ParseFunction, fallback: CopyTree): CopyTree {
  const reader = loadReader();
  let names: RecordNames | undefined;
  // The records of one tree at a time, in an array kept from copy to copy: a new one per tree was memory allocated
  // and tracked outside V8's heap, which cost more than the reader's walk. It grows to the largest tree copied, and
  // one grown past KEPT_RECORD_WORDS (a module of some 20,000 lines) serves that tree only.
  let records = new Uint32Array(FIRST_RECORD_WORDS);
  // A batch's records, one after another in one array, kept from batch to batch as `records` is.
  let batchRecords = new Uint32Array(FIRST_RECORD_WORDS);
  /** Reads the tree's records into `array` after its first `used` words, or into a new array (at least twice as
   *  large) when they do not fit there: the array they are in, and their view. */
  const readInto = (root: NativeRoot, carry: Uint32Array | undefined, array: Uint32Array<ArrayBuffer>, used: number): [Uint32Array<ArrayBuffer>, Uint32Array] => {
    let words: number;
    while ((words = reader.exportTree(root[0], root[1], carry, array.subarray(used))) < 0) {
      array = new Uint32Array(Math.max(2 * array.length, -words));
      used = 0;
    }
    return [array, array.subarray(used, used + words)];
  };
  const read = (root: NativeRoot, carry: Uint32Array | undefined): Uint32Array => {
    const [array, view] = readInto(root, carry, records, 0);
    records = array.length > KEPT_RECORD_WORDS ? new Uint32Array(FIRST_RECORD_WORDS) : array;
    return view;
  };
  const rootOf = (binding: BindingTree) => binding.rootNode as unknown as NativeRoot;
  const namesOf = (root: NativeRoot) => (names ??= internedNames(reader.vocabulary(root[0], root[1])));
  const copy = Object.assign(
    (binding: BindingTree, text: string, carry: PreviousCopy | undefined) => {
      const root = rootOf(binding);
      return mirrorRecords((pairs) => read(root, pairs), namesOf(root), text, root.hasError, carry);
    },
    {
      reader: 'records' as const,
      // The binding frees a tree only when V8 collects its wrapper, late and all at once; a check of a large folder
      // would hold every file's tree until then.
      release: (binding: BindingTree) => {
        const root = rootOf(binding);
        reader.releaseTree(root[0], root[1]);
      },
      batch: () => {
        if (batchRecords.length > KEPT_RECORD_WORDS) batchRecords = new Uint32Array(FIRST_RECORD_WORDS);
        let used = 0;
        return (binding: BindingTree, text: string) => {
          const root = rootOf(binding);
          const names = namesOf(root);
          const hasError = root.hasError;
          // Should they not fit, the records before stay in the array they were read into, for their copies.
          const [array, view] = readInto(root, undefined, batchRecords, used);
          batchRecords = array;
          used = view.byteOffset / Uint32Array.BYTES_PER_ELEMENT + view.length;
          return () => mirrorRecords(() => view, names, text, hasError);
        };
      },
    },
  );
  const sample = 'import keras\nmodel = keras.Sequential([keras.layers.Dense(2, name="d"), keras.layers.Dropout(0.5)])  # é\n';
  const expected = fallback(parse(sample, null), sample, undefined).toString();
  const actual = copy(parse(sample, null), sample, undefined);
  if (actual.toString() !== expected || actual.endIndex !== sample.length) throw new Error('its copy of a sample tree differs from the cursor\'s');
  return copy;
}

function loadNative(reader: TreeReader, log: (message: string) => void): PythonParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const NativeParser = require('tree-sitter');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const python = require('tree-sitter-python');
  const parser = new NativeParser();
  parser.setLanguage(python);
  // The native binding reads the string in chunks, each a call back into JavaScript and a copy from the chunk's
  // start up to the buffer's size. A first parse reads everything: a buffer as large as the text reads it in one
  // call. A re-parse reads only around the edits: a small buffer copies a few KiB there instead of the rest of the
  // text, and keeps the buffer in memory malloc reuses (a large one is fresh pages from the system every time).
  const parse: ParseFunction = (text, old) => parser.parse(text, old, { bufferSize: old ? 4 * 1024 : Math.max(32 * 1024, text.length + 1) });
  const cursor = cursorCopy(python);
  if (reader === 'cursor') return wrap('native', cursor, parse);
  try {
    return wrap('native', recordsCopy(parse, cursor), parse);
  } catch (error) {
    log(`parser: layerlint's native tree reader unavailable (${(error as Error).message.split('\n')[0]}); copying trees through the cursor`);
    return wrap('native', cursor, parse);
  }
}

async function loadWasm(): Promise<PythonParser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  // Its trees live in WASM memory, which V8 never collects: deleted when disposed.
  const copy = Object.assign(cursorCopy(language), { release: (binding: BindingTree) => binding.delete?.() });
  return wrap('wasm', copy, (text, old) => {
    const tree = parser.parse(text, old);
    if (!tree) throw new Error('web-tree-sitter returned no tree');
    return tree;
  });
}

export async function createParser(options: ParserOptions = {}): Promise<PythonParser> {
  const log = options.log ?? (() => undefined);
  const wanted = options.force ?? (process.env.LAYERLINT_PARSER as ParserKind | undefined);
  if (wanted !== 'wasm') {
    try {
      const reader = options.reader ?? (process.env.LAYERLINT_TREE_READER === 'cursor' ? 'cursor' : 'records');
      const parser = loadNative(reader, log);
      log(`parser: native tree-sitter, trees copied ${parser.reader === 'records' ? "by layerlint's native reader" : 'through the cursor'}`);
      return parser;
    } catch (error) {
      if (wanted === 'native') throw error;
      log(`parser: native tree-sitter unavailable (${(error as Error).message.split('\n')[0]}); using web-tree-sitter (WASM)`);
    }
  }
  const parser = await loadWasm();
  if (wanted === 'wasm') log('parser: web-tree-sitter (WASM)');
  return parser;
}
