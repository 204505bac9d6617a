// `--fix`, `--unsafe-fixes` and `--diff` with the real binary on copies of the fixture project: the exact text
// written, files left alone when nothing changes (their mtime too), and what is reported afterwards.
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { cleanUp, FIXTURES, layerlint, LL101, project } from './run';

after(cleanUp);

const original = (path: string) => readFileSync(join(FIXTURES, 'project', path), 'utf8');

const MERGED = `from keras import Sequential
from keras.layers import Dense, Dropout

model = Sequential([
    Dense(32, activation="relu"),
    Dropout(0.75),
    Dense(1),
])
`;

const SWAPPED_SEQUENTIAL = `import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential([
    layers.Dense(64, activation="relu"),
    layers.BatchNormalization(),
    layers.Dropout(0.3),
    layers.Dense(10),
])
`;

const SWAPPED_FUNCTIONAL = `import keras
from keras import layers


def block(x):
    x = layers.Dense(32, activation="relu")(x)
    x = layers.BatchNormalization()(x)
    return layers.Dropout(0.2)(x)


inputs = keras.Input(shape=(16,))
h = block(inputs)
h = layers.Dense(16)(h)
h = layers.BatchNormalization()(h)
h = layers.Dropout(0.5)(h)
outputs = layers.Dense(1)(h)
model = keras.Model(inputs, outputs)
`;

/** A copy of the project whose files all carry an old mtime, so that any write shows. */
function agedProject(): string {
  const dir = project('project');
  const past = new Date('2020-01-01T00:00:00Z');
  for (const path of ['models/sequential.py', 'models/merge.py', 'models/clean.py', 'models/nested/deep/functional.py']) {
    utimesSync(join(dir, path), past, past);
  }
  return dir;
}

const mtime = (dir: string, path: string) => statSync(join(dir, path)).mtimeMs;
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('--fix', () => {
  test('applies safe fixes only; files it does not change keep their content and mtime', () => {
    const dir = agedProject();
    const untouched = mtime(dir, 'models/clean.py');
    const run = layerlint(['check', '--fix'], { cwd: dir });
    assert.equal(read(dir, 'models/merge.py'), MERGED);
    assert.notEqual(mtime(dir, 'models/merge.py'), untouched);
    for (const path of ['models/sequential.py', 'models/clean.py', 'models/nested/deep/functional.py']) {
      assert.equal(read(dir, path), original(path), path);
      assert.equal(mtime(dir, path), untouched, path);
    }
    assert.equal(
      run.stdout,
      [
        `models/nested/deep/functional.py:7:9: LL101 ${LL101(7, 8)}`,
        `models/nested/deep/functional.py:14:5: LL101 ${LL101(14, 15)}`,
        `models/sequential.py:6:5: LL101 ${LL101(6, 7)}`,
        'Found 4 findings (1 fixed, 3 remaining) in 3 files.',
        '3 more fixable with --unsafe-fixes.',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, '');
    assert.equal(run.code, 1);
    // No temporary file is left beside the one written.
    assert.deepEqual(readdirSync(join(dir, 'models')).sort(), ['clean.py', 'merge.py', 'nested', 'sequential.py']);
  });

  test('--unsafe-fixes also reorders layers, in every style, and re-checks until nothing more applies', () => {
    const dir = agedProject();
    const run = layerlint(['check', '--fix', '--unsafe-fixes'], { cwd: dir });
    assert.equal(read(dir, 'models/merge.py'), MERGED);
    assert.equal(read(dir, 'models/sequential.py'), SWAPPED_SEQUENTIAL);
    assert.equal(read(dir, 'models/nested/deep/functional.py'), SWAPPED_FUNCTIONAL);
    assert.equal(read(dir, 'models/clean.py'), original('models/clean.py'));
    // Every swap leaves the model clean: none trades its finding for another.
    assert.equal(run.stdout, 'Found 4 findings (4 fixed, 0 remaining) in 3 files.\n');
    assert.equal(run.code, 0);
  });

  test('a fixed file keeps its permissions, its byte order mark and its CRLF line ends; a linked file stays linked', () => {
    const dir = project('', {
      'real/merge.py': '\uFEFF' + original('models/merge.py').replace(/\n/g, '\r\n'),
    });
    chmodSync(join(dir, 'real/merge.py'), 0o751);
    symlinkSync(join(dir, 'real/merge.py'), join(dir, 'link.py'));
    const run = layerlint(['check', '--fix', '--quiet', 'link.py'], { cwd: dir });
    assert.deepEqual(run, { code: 0, stdout: '', stderr: '' });
    assert.ok(lstatSync(join(dir, 'link.py')).isSymbolicLink());
    assert.equal(read(dir, 'real/merge.py'), '\uFEFF' + MERGED.replace(/\n/g, '\r\n'));
    assert.equal(statSync(join(dir, 'real/merge.py')).mode & 0o777, 0o751);
  });

  test('a clean project is left alone', () => {
    const dir = agedProject();
    const before = mtime(dir, 'models/clean.py');
    const run = layerlint(['check', '--fix', 'models/clean.py'], { cwd: dir });
    assert.deepEqual(run, { code: 0, stdout: 'All checks passed.\n', stderr: '' });
    assert.equal(mtime(dir, 'models/clean.py'), before);
  });
});

describe('--diff', () => {
  test('prints a unified diff of what --fix would change, writes nothing, and exits 1', () => {
    const dir = agedProject();
    const before = mtime(dir, 'models/merge.py');
    const run = layerlint(['check', '--diff'], { cwd: dir });
    assert.equal(
      run.stdout,
      [
        '--- models/merge.py',
        '+++ models/merge.py',
        '@@ -3,7 +3,6 @@',
        ' ',
        ' model = Sequential([',
        '     Dense(32, activation="relu"),',
        '-    Dropout(0.5),',
        '-    Dropout(0.5),',
        '+    Dropout(0.75),',
        '     Dense(1),',
        ' ])',
        '',
      ].join('\n'),
    );
    assert.equal(run.stderr, 'Would fix 1 finding in 1 file.\n');
    assert.equal(run.code, 1);
    assert.equal(read(dir, 'models/merge.py'), original('models/merge.py'));
    assert.equal(mtime(dir, 'models/merge.py'), before);
  });

  test('with --unsafe-fixes, one diff per changed file in path order', () => {
    const dir = agedProject();
    const run = layerlint(['check', '--diff', '--unsafe-fixes'], { cwd: dir });
    assert.deepEqual(
      run.stdout.split('\n').filter((line) => line.startsWith('--- ') || line.startsWith('@@')),
      ['--- models/merge.py', '@@ -3,7 +3,6 @@', '--- models/nested/deep/functional.py', '@@ -4,14 +4,14 @@', '--- models/sequential.py', '@@ -3,7 +3,7 @@'],
    );
    assert.equal(run.stderr, 'Would fix 4 findings in 3 files.\n');
    assert.equal(read(dir, 'models/sequential.py'), original('models/sequential.py'));
    // The diff is a real patch: applying it gives exactly what --fix writes.
    execFileSync('git', ['apply', '-p0', '-'], { cwd: dir, input: run.stdout });
    assert.equal(read(dir, 'models/merge.py'), MERGED);
    assert.equal(read(dir, 'models/sequential.py'), SWAPPED_SEQUENTIAL);
    assert.equal(read(dir, 'models/nested/deep/functional.py'), SWAPPED_FUNCTIONAL);
  });

  test('a file without a final newline is marked as such', () => {
    const dir = project('', { 'merge.py': original('models/merge.py').replace(/\n$/, '') });
    const run = layerlint(['check', '--diff'], { cwd: dir });
    assert.match(run.stdout, /\n \]\)\n\\ No newline at end of file\n$/);
    execFileSync('git', ['apply', '-p0', '-'], { cwd: dir, input: run.stdout });
    assert.equal(read(dir, 'merge.py'), MERGED.replace(/\n$/, ''));
  });

  test('nothing to fix: no diff, exit 0', () => {
    const run = layerlint(['check', '--diff', 'models/clean.py', 'models/sequential.py'], { cwd: agedProject() });
    assert.deepEqual(run, { code: 0, stdout: '', stderr: 'No fixes to apply.\n' });
  });

  test('standard input', () => {
    const run = layerlint(['check', '--diff', '--stdin-filename', 'typed.py'], { cwd: agedProject(), input: original('models/merge.py') });
    assert.match(run.stdout, /^--- typed\.py\n\+\+\+ typed\.py\n@@ -3,7 \+3,6 @@\n/);
    assert.equal(run.code, 1);
  });
});
