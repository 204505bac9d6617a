// The real server over stdio: open a document, receive LL101, edit it, see the finding go.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, TestServer } from '../helpers/lsp-client';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});

/** Lines (0-based) marked `# expect: CODE` in a fixture, and the column where the marked line's code starts. */
function expectedLines(text: string, code: string): number[] {
  return text.split('\n').flatMap((line, index) => (line.includes(`expect: ${code}`) ? [index] : []));
}

for (const style of ['sequential', 'add_chain', 'functional', 'subclass']) {
  test(`LL101 is published for the ${style} style`, async () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', `${style}.py`), 'utf8');
    const uri = `file:///fixtures/${style}.py`;
    await server.open(uri, text);
    // Other rules fire on these fixtures too; this suite is about LL101 reaching the editor in every style.
    const diagnostics = (await server.diagnosticsFor(uri)).filter((d) => d.code === 'LL101');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.source, d.severity]),
      expectedLines(text, 'LL101').map((line) => ['LL101', line, 'layerlint', 2]),
    );
    const [diagnostic] = diagnostics;
    const lineText = text.split('\n')[diagnostic.range.start.line];
    assert.match(lineText.slice(diagnostic.range.start.character, diagnostic.range.end.character), /Dropout|DO|self\.drop/);
    assert.equal(diagnostic.codeDescription?.href.endsWith('/docs/rules/LL101.md'), true);
    assert.equal(diagnostic.relatedInformation?.length, 1);
  });
}

test('an incremental edit that moves the dropout after the normalization clears the finding', async () => {
  const uri = 'file:///edit.py';
  const text = 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n';
  await server.open(uri, text);
  assert.equal((await server.diagnosticsFor(uri)).length, 1);
  const line = text.split('\n')[1];
  const start = line.indexOf('keras.layers.Dropout');
  const end = line.indexOf(', keras.layers.Dense(1)');
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      {
        range: { start: { line: 1, character: start }, end: { line: 1, character: end } },
        text: 'keras.layers.BatchNormalization(), keras.layers.Dropout(0.2)',
      },
    ],
  });
  assert.deepEqual(await server.diagnosticsFor(uri, 2), []);
});

test('closing a document clears its diagnostics', async () => {
  const uri = 'file:///closed.py';
  await server.open(uri, 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n');
  assert.equal((await server.diagnosticsFor(uri)).length, 1);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await server.diagnosticsFor(uri, 2), []);
});

test('each diagnostic carries the version and index of its finding, for code actions to find it again', async () => {
  const uri = 'file:///data.py';
  const text = 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n';
  await server.open(uri, text, 7);
  const diagnostics = await server.diagnosticsFor(uri);
  assert.deepEqual(
    diagnostics.map((d) => d.data),
    diagnostics.map((_, index) => ({ version: 7, index })),
  );
});

test('junk, huge files and nonsense requests are answered without taking the server down', async () => {
  const junk = 'file:///junk.py';
  await server.open(junk, '\u0000\u0001\u0002 def (((class ]]] Sequential([ \uFFFF\ud800'.repeat(50));
  assert.deepEqual(await server.diagnosticsFor(junk), []);
  assert.equal(await server.hover(junk, { line: 9999, character: 9999 }), null);
  const broken = { ...(await server.diagnosticsFor('file:///data.py'))[0], data: { version: 'x' } };
  assert.ok(Array.isArray(await server.codeActions(junk, broken.range, [broken as never])));
  assert.deepEqual(await server.hover('file:///never-opened.py', { line: 0, character: 0 }), null);

  const big = 'file:///big.py';
  // 2 MB of ordinary code around one model. (A single model of tens of thousands of layers is another matter:
  // the graph builder's cost grows faster than linearly there.)
  const filler = 'def helper_{i}(values):\n    total = sum(v * 2 for v in values)  # arithmetic, no layers\n    return total\n\n';
  const blocks = Math.ceil((2 * 1024 * 1024) / filler.length);
  const body = Array.from({ length: blocks }, (_, i) => filler.replace('{i}', String(i))).join('');
  const text = `import keras\n${body}m = keras.Sequential([keras.layers.Dropout(0.1), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n`;
  await server.open(big, text);
  assert.deepEqual((await server.diagnosticsFor(big, 1, 30_000)).map((d) => d.code), ['LL101']);

  const after = 'file:///after.py';
  await server.open(after, 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n');
  assert.equal((await server.diagnosticsFor(after)).length, 1);
});
