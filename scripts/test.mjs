// `npm test`: builds, compiles the tests, and runs every suite with node's test runner.
// Suites: unit (engine, rules, fixes), protocol (the real server over stdio), then the real-VS-Code suites.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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
let status = result.status ?? 1;
if (!process.argv.includes('--unit')) status = (await realVsCode()) || status;
process.exit(status);

// The suites in a real VS Code (test/vscode: the integration suite in the extension host, then the end-to-end
// journey) need Debian's chromium and code-server, which scripts/vscode-real/install.sh installs. Without them
// a local run says plainly what it skipped; under CI=true a missing tool fails the run instead.
async function realVsCode() {
  const { missingTools } = createRequire(import.meta.url)('../out/test/vscode/code-server.js');
  const missing = await missingTools();
  if (missing) {
    if (process.env.CI === 'true') {
      console.error(`\nFAILED: the VS Code suites (integration + end-to-end) cannot run: ${missing}.`);
      return 1;
    }
    console.log(`\nSKIPPED the VS Code suites (integration + end-to-end): ${missing}.`);
    return 0;
  }
  console.log('\nVS Code suites (integration + end-to-end) in code-server with headless chromium');
  return spawnSync(process.execPath, ['out/test/vscode/run-real.js'], { stdio: 'inherit' }).status ?? 1;
}
