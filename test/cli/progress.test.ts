// The progress line: only on a terminal, never under CI, only for runs long enough to need it, erased at the end.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { Progress } from '../../server/src/cli/progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

test('no progress when stderr is not a terminal, under CI=true, when disabled, or for one file', () => {
  const saved = process.env.CI;
  try {
    delete process.env.CI;
    assert.equal(Progress.maybe(100, true, stream(false).stream), undefined);
    assert.equal(Progress.maybe(100, false, stream(true).stream), undefined);
    assert.equal(Progress.maybe(1, true, stream(true).stream), undefined);
    process.env.CI = 'true';
    assert.equal(Progress.maybe(100, true, stream(true).stream), undefined);
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
});

test('a long run on a terminal shows a counter that is erased when done', async () => {
  const saved = process.env.CI;
  delete process.env.CI;
  try {
    const out = stream(true);
    const progress = Progress.maybe(200, true, out.stream)!;
    progress.update(1);
    assert.deepEqual(out.written, [], 'nothing in the first moments');
    await sleep(350);
    progress.update(50);
    progress.update(51);
    assert.deepEqual(out.written, ['\r\x1b[2Kchecking  50/200 files (25%)'], 'redrawn at most every few tens of milliseconds');
    progress.done();
    assert.equal(out.written.at(-1), '\r\x1b[2K');
  } finally {
    if (saved !== undefined) process.env.CI = saved;
  }
});

test('a short run leaves nothing to erase', () => {
  const out = stream(true);
  const progress = Progress.maybe(10, true, out.stream);
  progress?.update(10);
  progress?.done();
  assert.deepEqual(out.written, []);
});
