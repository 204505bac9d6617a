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
    const diagnostics = await server.diagnosticsFor(uri);
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
  const text = 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization()])\n';
  await server.open(uri, text);
  assert.equal((await server.diagnosticsFor(uri)).length, 1);
  const line = text.split('\n')[1];
  const start = line.indexOf('keras.layers.Dropout');
  const end = line.indexOf('])');
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
  await server.open(uri, 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization()])\n');
  assert.equal((await server.diagnosticsFor(uri)).length, 1);
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual(await server.diagnosticsFor(uri, 2), []);
});
