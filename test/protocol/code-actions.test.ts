// Code actions over the real server: each kind applied to the document and the result checked again by the server.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { dedent } from '../helpers/engine';
import { applyWorkspaceEdit, TestServer } from '../helpers/lsp-client';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});
beforeEach(async () => {
  server.settings = () => undefined;
  await server.changeConfiguration();
});

let documents = 0;
interface Opened {
  uri: string;
  text: string;
  diagnostics: Diagnostic[];
}

async function open(source: string): Promise<Opened> {
  const text = dedent(source);
  const uri = `file:///actions/${documents++}.py`;
  await server.open(uri, text);
  return { uri, text, diagnostics: await server.diagnosticsFor(uri) };
}

/** Applies `action` to the document, sends the new text, and returns it with the diagnostics the server publishes for it. */
async function apply(opened: Opened, action: CodeAction | undefined): Promise<{ text: string; codes: string[] }> {
  assert.ok(action?.edit, 'expected an action with an edit');
  const text = applyWorkspaceEdit(opened.uri, opened.text, action.edit);
  const count = server.publications(opened.uri);
  await server.replace(opened.uri, text, count + 1);
  const diagnostics = await server.diagnosticsFor(opened.uri, count + 1);
  return { text, codes: diagnostics.map((d) => `${d.code}@${d.range.start.line}`) };
}

async function actionsFor(opened: Opened, code: string, only?: string[]): Promise<CodeAction[]> {
  const diagnostic = opened.diagnostics.find((d) => d.code === code);
  assert.ok(diagnostic, `no ${code} among ${opened.diagnostics.map((d) => d.code).join(', ')}`);
  return server.codeActions(opened.uri, diagnostic.range, [diagnostic], only);
}

const SEQUENTIAL = `
  import keras
  from keras import layers

  model = keras.Sequential([
      layers.Dense(64, use_bias=False),
      layers.Dropout(0.3),
      layers.BatchNormalization(),
      layers.Dense(1),
  ])
`;

test('the LL101 quick fix is preferred, swaps the layers, and the finding goes', async () => {
  const opened = await open(SEQUENTIAL);
  const actions = await actionsFor(opened, 'LL101');
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
    [
      ['Swap Dropout and BatchNormalization', 'quickfix', true],
      ['Suppress LL101 on this line', 'quickfix', false],
      ['Show documentation for LL101', 'quickfix', false],
    ],
  );
  const result = await apply(opened, actions[0]);
  assert.equal(result.text, opened.text.replace('layers.Dropout(0.3),\n    layers.BatchNormalization(),', 'layers.BatchNormalization(),\n    layers.Dropout(0.3),'));
  assert.deepEqual(result.codes, []);
});

test('the LL101 quick fix in a functional model with a layer object swaps the statements', async () => {
  const opened = await open(`
    import keras
    from keras import layers

    inputs = keras.Input(shape=(32,))
    drop = layers.Dropout(0.2)
    x = layers.Dense(16, use_bias=False)(inputs)
    x = drop(x)
    x = layers.BatchNormalization()(x)
    model = keras.Model(inputs, layers.Dense(1)(x))
  `);
  const [swap] = await actionsFor(opened, 'LL101');
  assert.equal(swap.isPreferred, true);
  const result = await apply(opened, swap);
  assert.equal(result.text, opened.text.replace('x = drop(x)\nx = layers.BatchNormalization()(x)', 'x = layers.BatchNormalization()(x)\nx = drop(x)'));
  assert.deepEqual(result.codes, []);
});

test('suppressing adds a noqa comment, or merges into the one on the line, and the finding goes', async () => {
  const cases: Array<[string, string]> = [
    ['layers.Dropout(0.3),', 'layers.Dropout(0.3),  # noqa: LL101'],
    ['layers.Dropout(0.3),  # noqa: E501', 'layers.Dropout(0.3),  # noqa: E501, LL101'],
    ['layers.Dropout(0.3),  # keep it here', 'layers.Dropout(0.3),  # keep it here  # noqa: LL101'],
    ['layers.Dropout(0.3),  # noqa: E501 W291 (long line)', 'layers.Dropout(0.3),  # noqa: E501 W291, LL101 (long line)'],
  ];
  for (const [line, suppressed] of cases) {
    const opened = await open(SEQUENTIAL.replace('layers.Dropout(0.3),', line));
    const suppress = (await actionsFor(opened, 'LL101')).find((a) => a.title === 'Suppress LL101 on this line');
    const result = await apply(opened, suppress);
    assert.equal(result.text, opened.text.replace(line, suppressed));
    assert.deepEqual(result.codes, []);
  }
});

test('the documentation action runs the client command with the rule code', async () => {
  const opened = await open(SEQUENTIAL);
  const docs = (await actionsFor(opened, 'LL101')).find((a) => a.title === 'Show documentation for LL101');
  assert.deepEqual(docs?.command, { title: 'Show documentation for LL101', command: 'layerlint.showRuleDocs', arguments: ['LL101'] });
  assert.equal(docs?.edit, undefined);
});

test('a diagnostic from an older version gets no quick fix, only suppress and documentation', async () => {
  const opened = await open(SEQUENTIAL);
  await server.replace(opened.uri, `${opened.text}\n`, 2);
  await server.diagnosticsFor(opened.uri, 2);
  const actions = await actionsFor(opened, 'LL101');
  assert.deepEqual(actions.map((a) => a.title), ['Suppress LL101 on this line', 'Show documentation for LL101']);
});

const TWO_DROPOUTS = `
  import keras
  from keras import layers

  model = keras.Sequential([
      layers.Dense(64),
      layers.Dropout(0.5),
      layers.Dropout(0.5),
      layers.BatchNormalization(),
      layers.Dense(1),
  ])
`;

test('fix-all applies only safe fixes by default', async () => {
  const opened = await open(TWO_DROPOUTS);
  assert.deepEqual(opened.diagnostics.map((d) => d.code), ['LL101', 'LL104']);
  const actions = await server.codeActions(opened.uri, opened.diagnostics[0].range, [], ['source.fixAll.layerlint']);
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safely fixable layerlint problems', 'source.fixAll.layerlint']]);
  const result = await apply(opened, actions[0]);
  assert.equal(result.text, opened.text.replace('layers.Dropout(0.5),\n    layers.Dropout(0.5),', 'layers.Dropout(0.75),'));
  assert.deepEqual(result.codes, ['LL101@5']);
});

// Round 1 swaps the Dropout and the BatchNormalization (LL101, whose edits overlap the merge); round 2 merges the
// Dropouts that now follow each other (LL104) and drops the bias the swap put before the BatchNormalization (LL103).
test('fix-all with layerlint.fixAll.unsafe applies unsafe fixes too, round after round', async () => {
  server.settings = () => ({ fixAll: { unsafe: true } });
  await server.changeConfiguration();
  const opened = await open(TWO_DROPOUTS);
  const [action] = await server.codeActions(opened.uri, opened.diagnostics[0].range, [], ['source.fixAll']);
  assert.equal(action.title, 'Fix all layerlint problems (including unsafe fixes)');
  const result = await apply(opened, action);
  assert.equal(result.text, opened.text.replace('layers.Dropout(0.5),\n    layers.Dropout(0.5),\n    layers.BatchNormalization(),', 'layers.BatchNormalization(),\n    layers.Dropout(0.75),').replace('Dense(64)', 'Dense(64, use_bias=False)'));
  assert.deepEqual(result.codes, []);
});

test('code action kinds follow the request: quick fixes or fix-all, not both', async () => {
  const opened = await open(TWO_DROPOUTS);
  const quick = await server.codeActions(opened.uri, opened.diagnostics[0].range, opened.diagnostics, ['quickfix']);
  assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
  const source = await server.codeActions(opened.uri, opened.diagnostics[0].range, opened.diagnostics, ['source']);
  assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.layerlint']);
  const clean = await open('import keras\nmodel = keras.Sequential([keras.layers.Dense(1)])\n');
  assert.deepEqual(await server.codeActions(clean.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']), []);
});
