// Where the native addon cannot load, the server falls back to web-tree-sitter by itself, says so, and lints the same.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, TestServer } from '../helpers/lsp-client';

const MODEL = 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n';

// Without a C compiler `npm run build` skips the native reader and the server copies through the cursor; CI must
// have it.
const readerBuilt = existsSync(join(ROOT, 'native', 'build', 'Release', 'tree_export.node')) || process.env.CI === 'true';

for (const [name, env, expectedLog] of [
  ['native', {}, readerBuilt ? /parser: native tree-sitter, trees copied by layerlint's native reader/ : /parser: native tree-sitter/],
  ['native, cursor copy', { LAYERLINT_TREE_READER: 'cursor' }, /parser: native tree-sitter, trees copied through the cursor/],
  ['an addon that fails to load', { NODE_OPTIONS: `--require ${join(ROOT, 'test', 'fixtures', 'preload', 'no-native-tree-sitter.js')}` }, /native tree-sitter unavailable \(.*GLIBCXX_3\.4\.31.*\); using web-tree-sitter \(WASM\)/],
  ['LAYERLINT_PARSER=wasm', { LAYERLINT_PARSER: 'wasm' }, /parser: web-tree-sitter \(WASM\)/],
] as const) {
  test(`parser in use is logged and LL101 is published: ${name}`, { timeout: 20_000 }, async () => {
    const server = await TestServer.start(env);
    try {
      await server.open('file:///fallback.py', MODEL);
      const diagnostics = await server.diagnosticsFor('file:///fallback.py');
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
        [['LL101', 1, 22, 47]],
      );
      assert.ok(server.logs.some((line) => expectedLog.test(line)), server.logs.join('\n'));
    } finally {
      await server.stop();
    }
  });
}
