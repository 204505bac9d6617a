// The comment-directive grammar, tokenized the way VS Code does it: its own vscode-textmate and Oniguruma, with the
// Python grammar it ships, taken from the code-server install of the real-VS-Code suites. What is highlighted must be
// exactly what the suppression parser honours: `# noqa` anywhere in a comment, `# layerlint:` only at its start.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { ROOT } from '../helpers/lsp-client';
import { realTools } from '../vscode/code-server';

interface Tokenizer {
  tokenize(lines: string[]): string[][];
}

let tokenizer: Tokenizer | undefined;
let missing: string | undefined;

before(async () => {
  const vscode = join((await realTools()).home, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode');
  const pythonGrammar = join(vscode, 'extensions', 'python', 'syntaxes', 'MagicPython.tmLanguage.json');
  if (!existsSync(pythonGrammar)) {
    missing = `VS Code's TextMate engine not found in ${vscode}; run scripts/vscode-real/install.sh`;
    return;
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const textmate = require(join(vscode, 'node_modules', 'vscode-textmate'));
  const oniguruma = require(join(vscode, 'node_modules', 'vscode-oniguruma'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  await oniguruma.loadWASM(readFileSync(join(vscode, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);
  const files: Record<string, string> = {
    'source.python': pythonGrammar,
    'layerlint.directives.injection': join(ROOT, 'syntaxes', 'layerlint-directives.tmLanguage.json'),
  };
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scope: string) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    // What package.json's `injectTo: ["source.python"]` asks VS Code to do.
    getInjections: (scope: string) => (scope === 'source.python' ? ['layerlint.directives.injection'] : undefined),
  });
  const grammar = await registry.loadGrammar('source.python');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.grammars, [
    { scopeName: 'layerlint.directives.injection', path: './syntaxes/layerlint-directives.tmLanguage.json', injectTo: ['source.python'] },
  ]);
  tokenizer = {
    tokenize(lines) {
      let state = textmate.INITIAL;
      return lines.map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.flatMap((token: { startIndex: number; endIndex: number; scopes: string[] }) => {
          const ours = token.scopes.filter((s) => s.endsWith('.layerlint'));
          return ours.length > 0 ? [`${line.slice(token.startIndex, token.endIndex)}=${ours.at(-1)!.replace(/\.layerlint$/, '')}`] : [];
        });
      });
    },
  };
});

test('directives in comments are highlighted, look-alikes are not', (t) => {
  if (!tokenizer) return t.skip(missing);
  const lines = [
    'x = Dropout(0.3)  # noqa: LL101, E501 keep',
    'x = 1  # keep it here  # noqa: LL203',
    '# NOQA',
    '# layerlint: disable=LL203, LL204',
    '# see the noqa docs',
    '# noqa-ish LL101',
    '# a layerlint: disable=LL101 mention',
    's = "# noqa: LL101"',
  ];
  assert.deepEqual(tokenizer.tokenize(lines), [
    ['noqa=keyword.other.directive.noqa', ':=punctuation.separator.key-value', 'LL101=constant.other.rule-code', ',=punctuation.separator.comma', 'E501=constant.other.rule-code.other-tool'],
    ['noqa=keyword.other.directive.noqa', ':=punctuation.separator.key-value', 'LL203=constant.other.rule-code'],
    ['NOQA=keyword.other.directive.noqa'],
    [
      'layerlint=keyword.other.directive',
      ':=punctuation.separator.key-value',
      'disable=keyword.other.directive.action',
      '==keyword.operator.assignment',
      'LL203=constant.other.rule-code',
      ',=punctuation.separator.comma',
      'LL204=constant.other.rule-code',
    ],
    [],
    [],
    [],
    [],
  ]);
});
