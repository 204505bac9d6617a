// Notebooks over LSP notebook sync: the cells are analysed together, each finding lands on its own cell, and
// editing, adding or removing cells re-analyses the notebook; hovers and quick fixes work inside cells.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, positionOf, TestServer } from '../helpers/lsp-client';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});

const NOTEBOOK = 'file:///work/model.ipynb';
const cellUri = (id: string) => `vscode-notebook-cell:/work/model.ipynb#${id}`;
const CELLS: Array<[string, number, string]> = [
  ['imports', 2, '%matplotlib inline\nimport keras\nfrom keras import layers'],
  ['notes', 1, '# The model\nDropout before BatchNormalization.'],
  ['build', 2, 'model = keras.Sequential()\nmodel.add(layers.Dense(64, use_bias=False))\nmodel.add(layers.Dropout(0.3))'],
  ['norm', 2, 'model.add(layers.BatchNormalization())\nmodel.add(layers.Dense(10))'],
];

async function openNotebook(cells = CELLS, uri = NOTEBOOK): Promise<void> {
  await server.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(([id, kind]) => ({ kind, document: cellUri(id) })) },
    cellTextDocuments: cells.map(([id, kind, text]) => ({ uri: cellUri(id), languageId: kind === 2 ? 'python' : 'markdown', version: 1, text })),
  });
}

const summary = (diagnostics: Awaited<ReturnType<TestServer['diagnosticsFor']>>) =>
  diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, String(d.message).split(':')[0]]);

test('a model built across cells: the finding is on the cell and line of the Dropout, other cells are clear', async () => {
  await openNotebook();
  assert.deepEqual(summary(await server.diagnosticsFor(cellUri('build'))), [
    ['LL101', 2, 10, 29, 'Dropout (cell 3, line 3) feeds BatchNormalization (cell 4, line 1)'],
  ]);
  const [diagnostic] = await server.diagnosticsFor(cellUri('build'));
  assert.equal(diagnostic.relatedInformation?.[0].location.uri, cellUri('norm'));
  assert.deepEqual(diagnostic.relatedInformation?.[0].location.range.start, { line: 0, character: 10 });
  assert.deepEqual(await server.diagnosticsFor(cellUri('imports')), []);
  assert.deepEqual(await server.diagnosticsFor(cellUri('norm')), []);
  assert.equal(server.publications(cellUri('notes')), 0);
});

test('hover inside a cell explains the layer and names its neighbours by cell', async () => {
  const hover: Hover | null = await server.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: cellUri('norm') },
    position: positionOf(CELLS[3][2], 'BatchNormalization', 0, 3),
  });
  const text = (hover?.contents as MarkupContent).value;
  assert.match(text, /BatchNormalization/);
  assert.match(text, /cell 3, line 3/);
  assert.deepEqual(hover?.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 35 } });
});

test('the quick fix swaps the two layers across cells, and the finding goes', async () => {
  const [diagnostic] = await server.diagnosticsFor(cellUri('build'));
  const actions: CodeAction[] = await server.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: cellUri('build') },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, actions.map((a) => a.title).join(', '));
  const build = applyWorkspaceEdit(cellUri('build'), CELLS[2][2], fix.edit);
  const norm = applyWorkspaceEdit(cellUri('norm'), CELLS[3][2], fix.edit);
  assert.equal(build, 'model = keras.Sequential()\nmodel.add(layers.Dense(64, use_bias=False))\nmodel.add(layers.BatchNormalization())');
  assert.equal(norm, 'model.add(layers.Dropout(0.3))\nmodel.add(layers.Dense(10))');
  const suppress = actions.find((a) => a.title === 'Suppress LL101 on this line');
  assert.equal(applyWorkspaceEdit(cellUri('build'), CELLS[2][2], suppress?.edit), `${CELLS[2][2]}  # noqa: LL101`);

  const published = server.publications(cellUri('build'));
  await server.connection.sendNotification('notebookDocument/didChange', {
    notebookDocument: { uri: NOTEBOOK, version: 2 },
    change: {
      cells: {
        textContent: [
          { document: { uri: cellUri('build'), version: 2 }, changes: [{ text: build }] },
          { document: { uri: cellUri('norm'), version: 2 }, changes: [{ text: norm }] },
        ],
      },
    },
  });
  assert.deepEqual(await server.diagnosticsFor(cellUri('build'), published + 1), []);
});

test('adding, moving and removing cells re-analyses the notebook', async () => {
  const uri = 'file:///work/cells.ipynb';
  const cells: Array<[string, number, string]> = [
    ['c1', 2, 'import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(8))'],
    ['c2', 2, 'm.add(keras.layers.Dense(1))'],
  ];
  await openNotebook(cells, uri);
  assert.deepEqual(await server.diagnosticsFor(cellUri('c1')), []);
  // A new cell between the two: Dropout, then BatchNormalization in the cell after it.
  await server.connection.sendNotification('notebookDocument/didChange', {
    notebookDocument: { uri, version: 2 },
    change: {
      cells: {
        structure: {
          array: { start: 1, deleteCount: 0, cells: [{ kind: 2, document: cellUri('c3') }] },
          didOpen: [{ uri: cellUri('c3'), languageId: 'python', version: 1, text: 'm.add(keras.layers.Dropout(0.5))\nm.add(keras.layers.BatchNormalization())' }],
        },
      },
    },
  });
  assert.deepEqual(summary(await server.diagnosticsFor(cellUri('c3'))), [['LL101', 0, 6, 31, 'Dropout (cell 2, line 1) feeds BatchNormalization (cell 2, line 2)']]);
  const before = server.publications(cellUri('c3'));
  // Removing the new cell clears its diagnostics.
  await server.connection.sendNotification('notebookDocument/didChange', {
    notebookDocument: { uri, version: 3 },
    change: { cells: { structure: { array: { start: 1, deleteCount: 1 }, didClose: [{ uri: cellUri('c3') }] } } },
  });
  assert.deepEqual(await server.diagnosticsFor(cellUri('c3'), before + 1), []);
});

test('closing a notebook clears the diagnostics of its cells', async () => {
  const before = server.publications(cellUri('build'));
  await server.connection.sendNotification('notebookDocument/didClose', {
    notebookDocument: { uri: NOTEBOOK },
    cellTextDocuments: CELLS.map(([id]) => ({ uri: cellUri(id) })),
  });
  assert.deepEqual(await server.diagnosticsFor(cellUri('build'), before + 1), []);
});
