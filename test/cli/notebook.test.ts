// Notebooks on the command line: code cells checked as one module, findings named by cell and line, --fix rewriting
// only the cells' source, and a broken notebook reported without stopping the run.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanUp, layerlint, project, ROOT } from './run';

const NOTEBOOKS = join(ROOT, 'test', 'fixtures', 'notebooks');
const MODEL = readFileSync(join(NOTEBOOKS, 'model.ipynb'), 'utf8');
const BROKEN = readFileSync(join(NOTEBOOKS, 'broken.ipynb'), 'utf8');
const MESSAGE =
  'Dropout (cell 3, line 3) feeds BatchNormalization (cell 5, line 2): dropout shifts the variance the normalization ' +
  'learns in training, so its moving statistics can be off at inference. Put the dropout after the normalization.';

after(cleanUp);

describe('notebooks', () => {
  test('a model built across cells: the finding names the cell and the line in it', () => {
    const dir = project('', { 'model.ipynb': MODEL });
    const run = layerlint(['check', '.'], { cwd: dir });
    assert.deepEqual(run, {
      code: 1,
      stdout: `model.ipynb:cell 3:line 3:11: LL101 ${MESSAGE}\nFound 1 finding in 1 file.\n1 more fixable with --unsafe-fixes.\n`,
      stderr: '',
    });
  });

  test('json carries the cell of each position', () => {
    const dir = project('', { 'model.ipynb': MODEL });
    const [finding] = JSON.parse(layerlint(['check', '--format', 'json', 'model.ipynb'], { cwd: dir }).stdout);
    assert.deepEqual(finding.range, { start: { line: 3, column: 11, cell: 3 }, end: { line: 3, column: 30, cell: 3 } });
    assert.deepEqual(finding.related[0].range.start, { line: 2, column: 11, cell: 5 });
  });

  test('--fix swaps layers across two cells and changes nothing else in the file', () => {
    const dir = project('', { 'model.ipynb': MODEL });
    const run = layerlint(['check', '--fix', '--unsafe-fixes', 'model.ipynb'], { cwd: dir });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, 'Found 2 findings (2 fixed, 0 remaining) in 1 file.\n');
    const expected = MODEL.replace(
      '    "model.add(layers.Dense(64, activation=\\"relu\\"))\\n",\n    "model.add(layers.Dropout(0.3))"',
      '    "model.add(layers.Dense(64, use_bias=False))\\n",\n    "model.add(layers.BatchNormalization())\\n",\n    "model.add(layers.Activation(\\"relu\\"))"',
    ).replace('"model.add(layers.BatchNormalization())\\n",\n    "model.add(layers.Dense(10', '"model.add(layers.Dropout(0.3))\\n",\n    "model.add(layers.Dense(10');
    assert.notEqual(expected, MODEL);
    assert.equal(readFileSync(join(dir, 'model.ipynb'), 'utf8'), expected);
  });

  test('--diff shows the change in the notebook file and writes nothing', () => {
    const dir = project('', { 'model.ipynb': MODEL });
    const run = layerlint(['check', '--diff', '--unsafe-fixes', 'model.ipynb'], { cwd: dir });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^--- model\.ipynb\n\+\+\+ model\.ipynb\n@@ -31,8 \+31,9 @@\n/);
    assert.match(run.stdout, /\n-    "model\.add\(layers\.BatchNormalization\(\)\)\\n",\n\+    "model\.add\(layers\.Dropout\(0\.3\)\)\\n",\n/);
    assert.equal(readFileSync(join(dir, 'model.ipynb'), 'utf8'), MODEL);
  });

  test('IPython magics, shell lines and help lines neither break the parse nor get changed', () => {
    const cell = (source: string[]) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
    const notebook = {
      cells: [
        cell(['%%bash\n', 'echo "model.add(layers.Dropout(0.1))"']),
        cell(['import keras\n', 'from keras import layers\n', '!nvidia-smi\n', 'files = !ls data\n', 'keras.layers.Dropout?']),
        cell(['%time model = keras.Sequential([layers.Dropout(0.1), layers.BatchNormalization()])\n', 'm = keras.Sequential([layers.Dropout(0.1), layers.BatchNormalization(), layers.Dense(1)])']),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const dir = project('', { 'magic.ipynb': JSON.stringify(notebook, null, 2) });
    const run = layerlint(['check', '--select', 'LL101', 'magic.ipynb'], { cwd: dir });
    // Only the model on the cell's second line: the masked %time line and the %%bash cell are not code.
    assert.deepEqual(
      run.stdout.split('\n').map((line) => line.split(': LL101')[0]),
      ['magic.ipynb:cell 3:line 2:23', 'Found 1 finding in 1 file.', '1 more fixable with --unsafe-fixes.', ''],
    );
  });

  test('a broken notebook is an error naming the file; the other files are still checked', () => {
    const dir = project('', { 'broken.ipynb': BROKEN, 'model.ipynb': MODEL });
    const run = layerlint(['check', '.'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'layerlint: error: broken.ipynb: invalid notebook JSON (line 2)\n');
    assert.match(run.stdout, /^model\.ipynb:cell 3:line 3:11: LL101 /);
  });

  test('standard input named as a notebook is read as one', () => {
    const run = layerlint(['check', '--stdin-filename', 'nb.ipynb'], { cwd: project(''), input: MODEL });
    assert.match(run.stdout, /^nb\.ipynb:cell 3:line 3:11: LL101 /);
  });

  test('a notebook of another language has nothing to check', () => {
    const dir = project('');
    writeFileSync(join(dir, 'r.ipynb'), JSON.stringify({ cells: [{ cell_type: 'code', source: 'x <- 1' }], metadata: { kernelspec: { language: 'R' } } }));
    assert.deepEqual(layerlint(['check', 'r.ipynb'], { cwd: dir }), { code: 0, stdout: 'All checks passed.\n', stderr: '' });
  });
});
