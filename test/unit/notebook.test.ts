// Notebooks: IPython syntax masked without moving positions, cells joined and mapped back, JSON rewritten in place.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe as suite, test } from 'node:test';
import { analyzeModule } from '../../server/src/keras/analyze';
import { NotebookFormatError, readNotebook, writeNotebook } from '../../server/src/parse/ipynb';
import { editsInCells, joinCells, locateInCell, maskIPython, offsetInJoined } from '../../server/src/parse/notebook';
import { describe, parser } from '../helpers/engine';
import { ROOT } from '../helpers/lsp-client';

const NOTEBOOKS = join(ROOT, 'test', 'fixtures', 'notebooks');

suite('masking IPython syntax', () => {
  test('line magics, shell escapes, help and magic assignments keep every length', () => {
    const cell = [
      '%matplotlib inline',
      '!pip install keras',
      'files = !ls -la',
      'timing = %timeit -o f()',
      'keras.layers.Dense?',
      '??keras',
      'if x:',
      '    %time f()',
      'y = a % b',
      'z = a != b',
      '!echo one \\',
      '  two',
    ].join('\n');
    const masked = maskIPython(cell);
    assert.deepEqual(masked.split('\n').map((l) => l.length), cell.split('\n').map((l) => l.length));
    assert.deepEqual(masked.split('\n'), [
      '0                 ',
      '0                 ',
      'files = 0      ',
      'timing = 0             ',
      '0                  ',
      '0      ',
      'if x:',
      '    0        ',
      'y = a % b',
      'z = a != b',
      '0          ',
      '     ',
    ]);
  });

  test('a %%time cell keeps its Python body; a %%bash cell is masked whole', () => {
    assert.equal(maskIPython('%%time\nx = 1'), '0     \nx = 1');
    assert.equal(maskIPython('%%bash\nls -la\necho hi'), '      \n      \n       ');
  });
});

suite('joining cells', () => {
  const cells = [
    { index: 1, text: 'import keras\n' },
    { index: 2, text: 'm = keras.Sequential()' },
    { index: 4, text: '%time m.fit()\n' },
  ];
  const joined = joinCells(cells);

  test('cells are joined by newlines, masked', () => {
    assert.equal(joined.text, 'import keras\n\nm = keras.Sequential()\n0            \n');
    assert.deepEqual(joined.starts, [0, 14, 37]);
  });

  test('offsets map to cells and back', () => {
    const offset = joined.text.indexOf('Sequential');
    const location = locateInCell(joined, offset);
    assert.deepEqual(location, { cell: 1, offset: 10 });
    assert.equal(offsetInJoined(joined, location), offset);
    assert.deepEqual(locateInCell(joined, 0), { cell: 0, offset: 0 });
    assert.deepEqual(locateInCell(joined, joined.text.length), { cell: 2, offset: 14 });
  });

  test('edits inside one cell map to it; an edit across two cells is refused', () => {
    assert.deepEqual(editsInCells(joined, [{ start: 16, end: 21, newText: 'K' }]), [{ cell: 1, start: 2, end: 7, newText: 'K' }]);
    assert.equal(editsInCells(joined, [{ start: 10, end: 20, newText: '' }]), undefined);
  });
});

suite('ipynb files', () => {
  test('code cells of a Python notebook, in order, with their notebook index', () => {
    const notebook = readNotebook(readFileSync(join(NOTEBOOKS, 'model.ipynb'), 'utf8'));
    assert.deepEqual(notebook.cells.map((c) => c.index), [1, 2, 4, 5]);
    assert.equal(notebook.cells[3].text, 'files = !ls\nmodel.summary()\n');
  });

  test('a model built across cells is one graph', async () => {
    const notebook = readNotebook(readFileSync(join(NOTEBOOKS, 'model.ipynb'), 'utf8'));
    const joined = joinCells(notebook.cells);
    const tree = (await parser()).parse(joined.text);
    assert.equal(tree.rootNode.hasError, false);
    const graphs = analyzeModule(tree.rootNode).graphs.map(describe);
    assert.deepEqual(graphs.map((g) => g.edges), [['Dense@6>Dropout@7', 'Dropout@7>BatchNormalization@9', 'BatchNormalization@9>Dense@10']]);
  });

  test('writing back changes only the edited source, keeping layout, outputs and the final newline', () => {
    const raw = readFileSync(join(NOTEBOOKS, 'model.ipynb'), 'utf8');
    const notebook = readNotebook(raw);
    const cell = notebook.cells[1];
    const edited = cell.text.replace('Dropout(0.3)', 'Dropout(0.25)');
    const written = writeNotebook(notebook, new Map([[cell.index, edited]]));
    assert.equal(written, raw.replace('layers.Dropout(0.3))"', 'layers.Dropout(0.25))"'));
    const stringSource = notebook.cells[3];
    const rewritten = writeNotebook(notebook, new Map([[stringSource.index, 'files = !ls\n']]));
    assert.equal(rewritten, raw.replace('"files = !ls\\nmodel.summary()\\n"', '"files = !ls\\n"'));
  });

  test('a line added to a cell is laid out like its neighbours', () => {
    const raw = readFileSync(join(NOTEBOOKS, 'model.ipynb'), 'utf8');
    const notebook = readNotebook(raw);
    const cell = notebook.cells[0];
    const written = writeNotebook(notebook, new Map([[cell.index, cell.text + '\nfrom keras import models']]));
    assert.equal(written, raw.replace('"from keras import layers"', '"from keras import layers\\n",\n    "from keras import models"'));
  });

  test('broken JSON and non-notebooks give a clear error', () => {
    const broken = readFileSync(join(NOTEBOOKS, 'broken.ipynb'), 'utf8');
    assert.throws(() => readNotebook(broken), (e: Error) => e instanceof NotebookFormatError && /invalid notebook JSON \(line \d+\)/.test(e.message));
    assert.throws(() => readNotebook('[1, 2]'), /must be a JSON object/);
    assert.throws(() => readNotebook('{"nbformat": 4}'), /no "cells" list/);
  });

  test('a notebook in another language has no Python cells', () => {
    const r = readNotebook('{"cells": [{"cell_type": "code", "source": "x <- 1"}], "metadata": {"kernelspec": {"language": "R"}}}');
    assert.deepEqual(r.cells, []);
  });
});
