// Unified diffs: hunks, context, merged nearby changes, and edges of the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/diff';

const lines = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}\n`).join('');

test('no change, no diff', () => {
  assert.equal(unifiedDiff('a.py', 'x\n', 'x\n'), '');
});

test('a change with three lines of context each side', () => {
  const before = lines(10);
  const after = before.replace('line 5\n', 'five\n');
  assert.equal(
    unifiedDiff('a.py', before, after),
    '--- a.py\n+++ a.py\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n',
  );
});

test('changes far apart are separate hunks; close ones share one', () => {
  const before = lines(20);
  const far = before.replace('line 2\n', 'two\n').replace('line 18\n', 'eighteen\n');
  assert.deepEqual(
    unifiedDiff('a.py', before, far).split('\n').filter((l) => l.startsWith('@@')),
    ['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@'],
  );
  const close = before.replace('line 2\n', 'two\n').replace('line 9\n', 'nine\n');
  assert.deepEqual(
    unifiedDiff('a.py', before, close).split('\n').filter((l) => l.startsWith('@@')),
    ['@@ -1,12 +1,12 @@'],
  );
});

test('insertion at the start, deletion at the end, and an emptied file', () => {
  assert.equal(unifiedDiff('a.py', 'b\n', 'a\nb\n'), '--- a.py\n+++ a.py\n@@ -1,1 +1,2 @@\n+a\n b\n');
  assert.equal(unifiedDiff('a.py', 'a\nb\n', 'a\n'), '--- a.py\n+++ a.py\n@@ -1,2 +1,1 @@\n a\n-b\n');
  assert.equal(unifiedDiff('a.py', 'a\n', ''), '--- a.py\n+++ a.py\n@@ -1,1 +0,0 @@\n-a\n');
});

test('a moved line is one deletion and one insertion', () => {
  assert.equal(unifiedDiff('a.py', 'a\nb\nc\n', 'b\na\nc\n'), '--- a.py\n+++ a.py\n@@ -1,3 +1,3 @@\n-a\n b\n+a\n c\n');
});
