// Protocol abuse: the server answers every bad request with a result or an LSP error, logs what it could not use,
// and keeps serving. Each test ends by checking that the server still lints a fresh document.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { ROOT, TestServer } from '../helpers/lsp-client';

const MODEL = 'import keras\nm = keras.Sequential([keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n';
let server: TestServer;
let probes = 0;
let cases = 0;

before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
  console.log(`protocol abuse: ${cases} cases tried, server alive after each`);
});

/** The server still works: a new document gets its LL101. */
async function stillServing(): Promise<void> {
  cases++;
  const uri = `file:///probe-${probes++}.py`;
  await server.open(uri, MODEL);
  assert.deepEqual((await server.diagnosticsFor(uri)).map((d) => d.code), ['LL101']);
  assert.equal(server.process.exitCode, null);
}

/** A request that must come back, as a result or as an error response, not hang. */
async function answered(method: string, params: unknown): Promise<unknown> {
  try {
    return await server.connection.sendRequest(method, params);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

test('requests for documents the server does not know', async () => {
  const unknown = { textDocument: { uri: 'file:///never-opened.py' }, position: { line: 0, character: 0 } };
  assert.equal(await answered('textDocument/hover', unknown), null);
  assert.deepEqual(await answered('textDocument/documentSymbol', { textDocument: unknown.textDocument }), []);
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  assert.deepEqual(await answered('textDocument/codeAction', { ...unknown, range, context: { diagnostics: [] } }), []);
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: 'file:///never-opened.py', version: 2 },
    contentChanges: [{ text: 'x = 1' }],
  });
  await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never-opened.py' } });
  await stillServing();
});

test('positions and ranges outside the document', async () => {
  const uri = 'file:///range.py';
  await server.open(uri, MODEL);
  await server.diagnosticsFor(uri);
  for (const position of [{ line: 999, character: 0 }, { line: 0, character: 9999 }, { line: -1, character: -5 }]) {
    await answered('textDocument/hover', { textDocument: { uri }, position });
    await answered('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
  }
  // An edit whose range lies past the end is clamped to the end, as the text document model does.
  await server.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 50, character: 3 }, end: { line: 60, character: 0 } }, text: '\n# tail\n' }],
  });
  assert.deepEqual((await server.diagnosticsFor(uri, 2)).map((d) => d.code), ['LL101']);
  await stillServing();
});

test('a didChange with a stale version and malformed changes', async () => {
  const uri = 'file:///stale.py';
  await server.open(uri, MODEL, 5);
  await server.diagnosticsFor(uri);
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'x = 1\n' }] });
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ range: null, text: 42 }] });
  await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri }, contentChanges: 'nonsense' });
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bad-open.py' } });
  await stillServing();
});

test('1,000 rapid didChange notifications end in the diagnostics of the last text', async () => {
  const uri = 'file:///rapid.py';
  await server.open(uri, MODEL);
  await server.diagnosticsFor(uri);
  const before = server.publications(uri);
  for (let version = 2; version <= 1001; version++) {
    const text = version % 2 === 0 ? `${MODEL}# edit ${version}\n` : 'import keras\n';
    void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  // The last text (version 1001) has no model: the final publication must be empty, and debouncing keeps it to a few.
  let diagnostics = await server.diagnosticsFor(uri, before + 1, 20_000);
  const deadline = Date.now() + 5_000;
  while (diagnostics.length > 0 && Date.now() < deadline) {
    diagnostics = await server.diagnosticsFor(uri, server.publications(uri) + 1, 2_000).catch(() => diagnostics);
  }
  assert.deepEqual(diagnostics, []);
  assert.ok(server.publications(uri) - before < 100, `published ${server.publications(uri) - before} times for 1,000 edits`);
  await stillServing();
});

test('cancelled requests and unknown methods', async () => {
  const uri = 'file:///cancel.py';
  await server.open(uri, MODEL);
  await server.diagnosticsFor(uri);
  const { CancellationTokenSource } = await import('vscode-jsonrpc');
  const source = new CancellationTokenSource();
  const pending = server.connection
    .sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 30 } }, source.token)
    .catch((e: Error) => e);
  source.cancel();
  await pending;
  const reply = await answered('layerlint/doesNotExist', {});
  assert.match(String((reply as { error?: string }).error), /Unhandled method|not found/i);
  await stillServing();
});

test('settings of the wrong types and a pyproject.toml that is not TOML', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-abuse-'));
  writeFileSync(join(dir, 'pyproject.toml'), '[tool.layerlint\nselect = = [\n');
  const uri = pathToFileURL(join(dir, 'model.py')).href;
  server.settings = () => ({ rules: 'LL101', minBatchSize: 'eight', batchNorm: { activationOrder: 42 }, enable: 'yes' });
  await server.changeConfiguration();
  await server.open(uri, MODEL);
  await server.diagnosticsFor(uri);
  server.settings = () => undefined;
  await server.changeConfiguration();
  assert.ok(server.logs.length > 0);
  await stillServing();
});

test('the server exits on shutdown/exit, and by itself when its parent process dies', async () => {
  const other = await TestServer.start();
  await other.stop();
  assert.notEqual(other.process.exitCode ?? other.process.signalCode, null);
  cases++;

  // A parent that starts the server with its own pid as processId and then dies: the server must follow.
  const parent = spawn(
    process.execPath,
    [
      '-e',
      `const { spawn } = require('child_process');
       const child = spawn(process.execPath, [${JSON.stringify(join(ROOT, 'bin', 'layerlint.js'))}, 'server', '--stdio', '--clientProcessId=' + process.pid], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
       console.log(child.pid);
       setTimeout(() => process.exit(0), 500);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const childPid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d).trim()))));
  await new Promise((resolve) => parent.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  let alive = true;
  while (alive && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    try {
      process.kill(childPid, 0);
    } catch {
      alive = false;
    }
  }
  if (alive) process.kill(childPid);
  assert.equal(alive, false, 'the server outlived its parent');
  cases++;
});

test('with many documents open, the least recently used are analysed again when a request needs them', async () => {
  const uris = Array.from({ length: 40 }, (_, i) => `file:///many-${i}.py`);
  for (const uri of uris) await server.open(uri, MODEL);
  for (const uri of uris) await server.diagnosticsFor(uri);
  // The first document's analysis has been let go by now; a hover and a quick fix need it again.
  const [first] = uris;
  const [diagnostic] = await server.diagnosticsFor(first);
  const hover = await server.hover(first, { line: 1, character: 55 });
  assert.match(JSON.stringify(hover?.contents), /BatchNormalization/);
  const actions = await server.codeActions(first, diagnostic.range, [diagnostic]);
  assert.deepEqual(actions.map((a) => a.title).slice(0, 1), ['Swap Dropout and BatchNormalization']);
  await stillServing();
});
