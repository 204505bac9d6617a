// The engine's processes turn off V8's allocation-site pretenuring (server/src/heap.ts): each bundle that starts
// one sets it on load, before any analysis runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = process.cwd();

// Two million records from one literal, every one kept: V8's samples see them all survive, and with pretenuring on
// it decides to allocate that literal's records in the old generation.
const ALL_SURVIVE = `
const kept = [];
const record = (i) => ({ index: i, items: [i] });
for (let i = 0; i < 2e6; i++) kept.push(record(i));
process.stderr.write('kept ' + kept.length + '\\n');
`;

/** V8's pretenuring decisions (`--trace-pretenuring-statistics`) for the workload, run after `preload` loaded. */
function pretenuringDecisions(preload: string[], args: string[] = []): { tenured: number; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-heap-'));
  try {
    const workload = join(dir, 'workload.js');
    writeFileSync(workload, ALL_SURVIVE);
    // stdin stays open (a language server exits when its input ends) until the workload has run.
    const result = spawnSync(process.execPath, ['--trace-pretenuring-statistics', ...preload.flatMap((p) => ['-r', p]), workload, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
      timeout: 60_000,
    });
    const tenured = result.stdout.split('\n').filter((line) => line.includes('=> tenure')).length;
    return { tenured, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the workload makes V8 pretenure when nothing turns it off', () => {
  const { tenured, stderr } = pretenuringDecisions([]);
  assert.match(stderr, /kept 2000000/);
  assert.ok(tenured > 0, 'the workload no longer triggers pretenuring: this test would prove nothing');
});

for (const bundle of ['dist/cli.js', 'dist/server.js']) {
  test(`${bundle} turns pretenuring off on load`, () => {
    const { tenured, stderr } = pretenuringDecisions([join(ROOT, bundle)], bundle.endsWith('server.js') ? ['--stdio'] : []);
    assert.match(stderr, /kept 2000000/);
    assert.equal(tenured, 0);
  });
}
