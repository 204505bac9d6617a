// Many files: checked by the worker pool, printed in path order, identical to the single-thread result.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { cleanUp, DROPOUT_THEN_BN, layerlint, project } from './run';

after(cleanUp);

test('a few hundred files in nested folders come out complete and sorted by path', () => {
  const files: Record<string, string> = { 'pyproject.toml': '[tool.layerlint]\nselect = ["LL101"]\n' };
  const expected: string[] = [];
  for (let i = 0; i < 150; i++) {
    // Names that sort differently as numbers and as text (m10 before m9), in several folders.
    const path = `pkg${i % 3}/sub${i % 5}/m${i}.py`;
    files[path] = i % 4 === 0 ? 'x = 1\n' : DROPOUT_THEN_BN;
    if (i % 4 !== 0) expected.push(path);
  }
  expected.sort();
  const dir = project('', files);
  const run = layerlint(['check', '--format', 'json'], { cwd: dir });
  assert.equal(run.stderr, '');
  assert.deepEqual(
    JSON.parse(run.stdout).map((f: { file: string }) => f.file),
    expected,
  );
  // Each file alone (one thread) reports the same as the pool did for it.
  const alone = layerlint(['check', '--format', 'json', expected[7]], { cwd: dir });
  assert.deepEqual(JSON.parse(alone.stdout)[0], JSON.parse(run.stdout)[7]);
  assert.equal(run.code, 1);
});
