// Many files: checked by the worker pool, printed in path order, identical to the single-thread result.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileChecker, runEnds, RUN_FILES, type FileReport } from '../../server/src/cli/engine';
import { CheckPool } from '../../server/src/cli/pool';
import { createParser } from '../../server/src/parse/parser';
import { cleanUp, DROPOUT_THEN_BN, layerlint, project, ROOT } from './run';

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

test('a worker that dies holding a file costs that file only: the rest of its claim and the other files are checked by the remaining threads', { timeout: 20_000 }, async () => {
  // A worker script that claims files from the shared queue, starts on the second, and then fails, as an
  // out-of-memory worker would. It says when it is ready, so that this thread cannot check every file before the
  // worker has claimed some, and how many it claimed.
  const poolModule = join(ROOT, 'out', 'server', 'src', 'cli', 'pool.js');
  const dir = project('', {});
  const ready = join(dir, 'ready');
  const claimed = join(dir, 'claimed');
  writeFileSync(
    join(dir, 'crash.js'),
    `const { parentPort, workerData } = require('node:worker_threads');
const { writeFileSync } = require('node:fs');
const { JobQueue } = require(${JSON.stringify(poolModule)});
writeFileSync(${JSON.stringify(ready)}, '');
parentPort.once('message', (jobs) => {
  const queue = new JobQueue(workerData.queue, jobs.length);
  const claim = queue.claim(workerData.slot);
  queue.hold(workerData.slot, claim.start + 1);
  writeFileSync(${JSON.stringify(claimed)}, JSON.stringify(claim));
  throw new Error('simulated crash');
});
`,
  );
  const jobs = Array.from({ length: 200 }, (_, i) => {
    const path = join(dir, `m${i}.py`);
    writeFileSync(path, DROPOUT_THEN_BN);
    return { path, display: `m${i}.py` };
  });
  const settings = { overrides: { select: ['LL101'], ignore: [], severity: [] }, fix: 'none', unsafeFixes: false, details: false } as const;
  const pool = new CheckPool(settings, { threads: 2, script: join(dir, 'crash.js') });
  pool.expect(jobs.length);
  while (!existsSync(ready)) await new Promise((wait) => setTimeout(wait, 10));
  const reports = await pool.check(jobs, () => undefined);

  const failed = reports.filter((r) => r.errors.length > 0);
  assert.equal(failed.length, 1);
  // The worker's claim was a run of files, of which it held the second: the first and the rest were left unchecked.
  const claim = JSON.parse(readFileSync(claimed, 'utf8'));
  assert.ok(claim.end - claim.start > 2, JSON.stringify(claim));
  assert.equal(failed[0].display, `m${claim.start + 1}.py`);
  assert.deepEqual(failed[0].errors, [`${failed[0].display}: internal error while checking it: simulated crash`]);
  assert.deepEqual(failed[0].findings, []);
  const checked = reports.filter((r) => r !== failed[0]);
  assert.equal(checked.length, 199);
  for (const report of checked) assert.deepEqual(report.findings.map((f) => [f.code, f.range.start.line]), [['LL101', 4]]);
  assert.deepEqual(
    reports.map((r) => r.display),
    jobs.map((j) => j.display),
  );
});

test('with a worker forced on, whatever the machine is doing, the reports are those of one thread', { timeout: 60_000 }, async () => {
  const dir = project('', {});
  // Files large enough that this thread is still busy when the worker has started, so that both take a share.
  const models = (count: number) => Array.from({ length: count }, (_, m) => DROPOUT_THEN_BN.replace('net =', `net${m} =`)).join('\n');
  const jobs = Array.from({ length: 120 }, (_, i) => {
    const path = join(dir, `m${i}.py`);
    // Every third file is clean, so that the threads' shares differ in what they report.
    writeFileSync(path, i % 3 === 0 ? 'x = 1\n' : models(30));
    return { path, display: `m${i}.py` };
  });
  const settings = { overrides: { select: ['LL101'], ignore: [], severity: [] }, fix: 'none', unsafeFixes: false, details: true } as const;
  const pool = new CheckPool(settings, { threads: 2 });
  pool.expect(jobs.length);
  const pooled = await pool.check(jobs, () => undefined);
  const alone = await new CheckPool(settings, { threads: 1 }).check(jobs, () => undefined);
  assert.deepEqual(pooled, alone);
  assert.deepEqual(
    pooled.map((r) => r.findings.map((f) => f.code)),
    jobs.map((_, i) => (i % 3 === 0 ? [] : Array(30).fill('LL101'))),
  );
});

test('files are parsed together in runs of a bounded number of files and amount of text, at least one file a run', () => {
  assert.equal(RUN_FILES, 64);
  assert.deepEqual(runEnds([]), []);
  assert.deepEqual(runEnds(Array(140).fill(6_000)), [64, 128, 140]);
  // 512 KiB of text at most: a large file starts a run of its own, and one larger than that is a run alone.
  assert.deepEqual(runEnds([200_000, 200_000, 200_000, 600_000, 10, 10]), [2, 3, 4, 6]);
  assert.deepEqual(runEnds([0, 0, 524_288, 1]), [3, 4]);
});

test('when parsing a run of files together fails, its files are parsed one by one and checked as usual; an unreadable file is reported in its place', async (t) => {
  const dir = project('', {});
  const jobs = ['a.py', 'missing.py', 'b.py'].map((name) => ({ path: join(dir, name), display: name }));
  writeFileSync(jobs[0].path, DROPOUT_THEN_BN);
  writeFileSync(jobs[2].path, `x = 1\n${DROPOUT_THEN_BN}`);
  const parser = await createParser();
  const settings = { overrides: { select: ['LL101'], ignore: [], severity: [] }, fix: 'none', unsafeFixes: false, details: false } as const;
  const run = async (checker: FileChecker) => {
    const reports: Array<[number, FileReport]> = [];
    const held: number[] = [];
    await checker.checkBatch(jobs, (index) => held.push(index), (index, report) => reports.push([index, report]));
    return { reports, held };
  };
  const together = await run(new FileChecker(parser, settings));
  const failing = { ...parser, parseAhead: () => { throw new Error('simulated'); } };
  const logged = t.mock.method(console, 'error', () => undefined);
  const alone = await run(new FileChecker(failing, settings));
  assert.deepEqual(logged.mock.calls.map((call) => call.arguments[0]), ['layerlint: parsing 2 files ahead failed (simulated); parsing them one by one']);
  assert.deepEqual(alone, together);
  assert.deepEqual(together.held, [0, 0, 1, 2]);
  assert.deepEqual(
    together.reports.map(([index, report]) => [index, report.errors, report.findings.map((f) => `${f.code} ${f.range.start.line}`)]),
    [
      [0, [], ['LL101 4']],
      [1, ['missing.py: no such file or directory'], []],
      [2, [], ['LL101 5']],
    ],
  );
});
