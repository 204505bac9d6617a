// Settings over the real server: pulled per document with workspace/configuration, re-applied on
// didChangeConfiguration, pyproject.toml found next to the file, bad values reported once and survived.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach, test } from 'node:test';
import { TestServer } from '../helpers/lsp-client';

const MODEL = 'import keras\nm = keras.Sequential([keras.layers.Dense(4, use_bias=False), keras.layers.Dropout(0.2), keras.layers.BatchNormalization(), keras.layers.Dense(1)])\n';

let server: TestServer;
const folders: string[] = [];
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
beforeEach(async () => {
  server.settings = () => undefined;
  await server.changeConfiguration();
});

/** `code:severity@line` of the diagnostics published for `uri` after `count` earlier publications. */
async function published(uri: string, count: number): Promise<string[]> {
  return (await server.diagnosticsFor(uri, count)).map((d) => `${d.code}:${d.severity}@${d.range.start.line}`);
}

/** Changes the settings and returns what the server then publishes for `uri`. */
async function reconfigure(uri: string, settings: (scopeUri: string | undefined) => unknown): Promise<string[]> {
  const count = server.publications(uri);
  server.settings = settings;
  await server.changeConfiguration();
  return published(uri, count + 1);
}

test('settings are pulled per document and re-read when they change', async () => {
  const uri = 'file:///config/pulled.py';
  await server.open(uri, MODEL);
  assert.deepEqual(await published(uri, 1), ['LL101:2@1']);
  assert.ok(server.configurationRequests.some((item) => item.scopeUri === uri && item.section === 'layerlint'));
  assert.deepEqual(await reconfigure(uri, () => ({ rules: { LL101: 'error' } })), ['LL101:1@1']);
  assert.deepEqual(await reconfigure(uri, () => ({ rules: { LL101: 'off' } })), []);
  assert.deepEqual(await reconfigure(uri, () => undefined), ['LL101:2@1']);
});

test('each workspace folder gets its own settings', async () => {
  server.settings = (scopeUri) => (scopeUri?.startsWith('file:///quiet/') ? { rules: { LL101: 'off' } } : undefined);
  await server.changeConfiguration();
  await server.open('file:///quiet/model.py', MODEL);
  await server.open('file:///loud/model.py', MODEL);
  assert.deepEqual(await published('file:///quiet/model.py', 1), []);
  assert.deepEqual(await published('file:///loud/model.py', 1), ['LL101:2@1']);
});

test('layerlint.enable false clears the diagnostics and silences hover and symbols', async () => {
  const uri = 'file:///config/disabled.py';
  await server.open(uri, MODEL);
  assert.deepEqual(await published(uri, 1), ['LL101:2@1']);
  assert.deepEqual(await reconfigure(uri, () => ({ enable: false })), []);
  assert.equal(await server.hover(uri, { line: 1, character: 70 }), null);
  assert.deepEqual(await server.symbols(uri), []);
  assert.deepEqual(await reconfigure(uri, () => ({ enable: true })), ['LL101:2@1']);
});

test('untitled documents are linted with the settings in force', async () => {
  const uri = 'untitled:Untitled-1';
  await server.open(uri, MODEL);
  assert.deepEqual(await published(uri, 1), ['LL101:2@1']);
});

test('a pyproject.toml next to the file takes effect, and is re-read when the client says it changed', async () => {
  const project = mkdtempSync(join(tmpdir(), 'layerlint-project-'));
  const bare = mkdtempSync(join(tmpdir(), 'layerlint-bare-'));
  folders.push(project, bare);
  writeFileSync(join(project, 'pyproject.toml'), '[tool.layerlint]\nignore = ["LL101"]\n');
  const inProject = pathToFileURL(join(project, 'src', 'model.py')).href;
  const outside = pathToFileURL(join(bare, 'model.py')).href;
  await server.open(inProject, MODEL);
  await server.open(outside, MODEL);
  assert.deepEqual(await published(inProject, 1), []);
  assert.deepEqual(await published(outside, 1), ['LL101:2@1']);

  writeFileSync(join(project, 'pyproject.toml'), '[tool.layerlint]\nseverity = { LL101 = "error" }\n');
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(join(project, 'pyproject.toml')).href, type: 2 }],
  });
  assert.deepEqual(await published(inProject, 2), ['LL101:1@1']);
});

test('bad settings are reported once each with showMessage, and the server keeps working', async () => {
  server.messages.length = 0;
  server.settings = () => ({ enable: 'yes', minBatchSize: 'big', rules: { LL101: 'loud' } });
  await server.changeConfiguration();
  await server.open('file:///bad/one.py', MODEL);
  await server.open('file:///bad/two.py', MODEL);
  assert.deepEqual(await published('file:///bad/one.py', 1), ['LL101:2@1']);
  assert.deepEqual(await published('file:///bad/two.py', 1), ['LL101:2@1']);
  const warnings = server.messages.filter((m) => m.type === 2).map((m) => m.message);
  assert.equal(warnings.length, 3, warnings.join('\n'));
  assert.equal(new Set(warnings).size, 3);
  assert.ok(warnings.some((w) => w.includes('layerlint.enable') && w.includes('"yes"')));
  assert.ok(warnings.some((w) => w.includes('layerlint.minBatchSize') && w.includes('big')));
  assert.ok(warnings.some((w) => w.includes('LL101') && w.includes('loud')));
  assert.ok(server.logs.some((l) => l.includes('configuration') && l.includes('layerlint.minBatchSize')));
  assert.ok(await server.hover('file:///bad/one.py', { line: 1, character: 70 }));
});

test('a pyproject.toml that is not TOML is reported and the defaults apply', async () => {
  const project = mkdtempSync(join(tmpdir(), 'layerlint-broken-'));
  folders.push(project);
  writeFileSync(join(project, 'pyproject.toml'), '[tool.layerlint\nignore = [\n');
  server.messages.length = 0;
  const uri = pathToFileURL(join(project, 'model.py')).href;
  await server.open(uri, MODEL);
  assert.deepEqual(await published(uri, 1), ['LL101:2@1']);
  assert.equal(server.messages.length, 1);
  assert.match(server.messages[0].message, /pyproject\.toml: not valid TOML/);
});

test('a client that cannot be asked for settings passes them in initializationOptions and didChangeConfiguration', async () => {
  const pushing = await TestServer.start({}, { layerlint: { rules: { LL101: 'off' } } }, false);
  try {
    const uri = 'file:///pushed/model.py';
    await pushing.open(uri, MODEL);
    assert.deepEqual(await pushing.diagnosticsFor(uri, 1), []);
    await pushing.changeConfiguration({ layerlint: { rules: { LL101: 'error' } } });
    assert.deepEqual((await pushing.diagnosticsFor(uri, 2)).map((d) => `${d.code}:${d.severity}`), ['LL101:1']);
    assert.deepEqual(pushing.configurationRequests, []);
  } finally {
    await pushing.stop();
  }
});
