// Chooses the parser: the native tree-sitter addon when it loads, otherwise web-tree-sitter with the WASM
// grammar that tree-sitter-python ships. Prebuilt native addons need a recent libstdc++, so the fallback
// is what keeps layerlint working on older Linux distributions.
import { mirror, type Cursor, type MirrorNode } from './mirror';
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

  constructor(
    readonly binding: BindingTree,
    private readonly text: string,
    private readonly language: object,
  ) {}

  get rootNode(): MirrorNode {
    return (this.root ??= mirror(this.binding.walk(), this.text, this.language, this.binding.rootNode.hasError));
  }

  edit(edit: TreeEdit): void {
    this.binding.edit(edit);
    this.root = undefined;
  }

  dispose(): void {
    this.binding.delete?.();
  }

  forgetNodes(): void {
    this.root = undefined;
  }
}

type ParseFunction = (text: string, old: BindingTree | null) => BindingTree;

function wrap(kind: ParserKind, language: object, parse: ParseFunction): PythonParser {
  const parseTree = (text: string, oldTree?: SyntaxTree) =>
    new MirroredTree(parse(text, oldTree instanceof MirroredTree ? oldTree.binding : null), text, language);
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
