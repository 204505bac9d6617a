// Chooses the parser: the native tree-sitter addon when it loads, otherwise web-tree-sitter with the WASM
// grammar that tree-sitter-python ships. Prebuilt native addons need a recent libstdc++, so the fallback
// is what keeps layerlint working on older Linux distributions.
import type { ParserKind, PythonParser, SyntaxTree } from './tree';

export interface ParserOptions {
  /** Force one implementation (tests, and the `LAYERLINT_PARSER` environment variable). */
  force?: ParserKind;
  log?: (message: string) => void;
}

function loadNative(): PythonParser {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const NativeParser = require('tree-sitter');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const python = require('tree-sitter-python');
  const parser = new NativeParser();
  parser.setLanguage(python);
  return {
    kind: 'native',
    // The native binding reads the string in chunks; a buffer as large as the text avoids re-entering JS per 32 KiB.
    parse: (text, oldTree) =>
      parser.parse(text, oldTree ?? null, { bufferSize: Math.max(32 * 1024, text.length + 1) }) as SyntaxTree,
  };
}

async function loadWasm(): Promise<PythonParser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    kind: 'wasm',
    parse: (text, oldTree) => {
      const tree = parser.parse(text, oldTree ?? null);
      if (!tree) throw new Error('web-tree-sitter returned no tree');
      return tree as SyntaxTree;
    },
  };
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
