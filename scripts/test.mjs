// `npm test`: builds, compiles the tests, and runs every suite with node's test runner.
// Suites: unit (engine, rules, fixes), protocol (the real server over stdio).
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);

function testFiles(dir) {
  let found = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found = found.concat(testFiles(full));
    else if (entry.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

const suites = process.argv.includes('--unit') ? ['unit'] : ['unit', 'protocol', 'robustness', 'cli'];
const files = suites.flatMap((suite) => testFiles(join('out', 'test', suite)));
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
