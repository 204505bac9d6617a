// Chooses the parser: the native tree-sitter addon when it loads, otherwise web-tree-sitter with the WASM
// grammar that tree-sitter-python ships. Prebuilt native addons need a recent libstdc++, so the fallback
// is what keeps layerlint working on older Linux distributions.
import { mirror, type Cursor, type MirrorNode, type NodeTypeInfo, type OffsetEdit, type PreviousCopy } from './mirror';
import type { ParserKind, PythonParser, SyntaxTree, TreeEdit } from './tree';

export interface ParserOptions {
  /** Force one implementation (tests, and the `LAYERLINT_PARSER` environment variable). */
  force?: ParserKind;
  log?: (message: string) => void;
}

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

  constructor(
    readonly binding: BindingTree,
    private readonly text: string,
    private readonly grammar: Grammar,
    carry?: PreviousCopy,
  ) {
    this.carry = carry && { root: carry.root, edits: [...carry.edits] };
  }

  get rootNode(): MirrorNode {
    if (!this.root) {
      const { language, nodeTypes } = this.grammar;
      this.root = mirror(this.binding.walk(), this.text, language, nodeTypes, this.binding.rootNode.hasError, this.carry);
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
    this.binding.delete?.();
  }
}

/** A grammar as the node copy needs it: the binding's language object (keys the id tables) and node-types.json. */
interface Grammar {
  language: object;
  nodeTypes: readonly NodeTypeInfo[];
}

type ParseFunction = (text: string, old: BindingTree | null) => BindingTree;

function wrap(kind: ParserKind, language: object, parse: ParseFunction): PythonParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const grammar: Grammar = { language, nodeTypes: require('tree-sitter-python/src/node-types.json') };
  const parseTree = (text: string, oldTree?: SyntaxTree) => {
    const old = oldTree instanceof MirroredTree ? oldTree : undefined;
    return new MirroredTree(parse(text, old?.binding ?? null), text, grammar, old?.handOver());
  };
  return {
    kind,
    parse: parseTree,
    parseRoot: (text) => {
      const tree = parseTree(text);
      const root = tree.rootNode;
      tree.dispose();
      return root;
    },
  };
}

function loadNative(): PythonParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const NativeParser = require('tree-sitter');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const python = require('tree-sitter-python');
  const parser = new NativeParser();
  parser.setLanguage(python);
  // The native binding reads the string in chunks; a buffer as large as the text avoids re-entering JS per 32 KiB.
  return wrap('native', python, (text, old) => parser.parse(text, old, { bufferSize: Math.max(32 * 1024, text.length + 1) }));
}

async function loadWasm(): Promise<PythonParser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return wrap('wasm', language, (text, old) => {
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
      const parser = loadNative();
      log('parser: native tree-sitter');
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
