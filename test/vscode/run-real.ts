// `npm run test:vscode-real`: the integration suite (suite/) in a real VS Code workbench served by code-server,
// and the end-to-end journey (e2e.ts), against the extension in this working tree (or LAYERLINT_EXTENSION_DIR).
// Needs what scripts/vscode-real/install.sh installs; nothing is downloaded here.
// Usage: node out/test/vscode/run-real.js [suite] [e2e]     (both when neither is named)
import * as path from 'node:path';
import { missingTools, realTools, startCodeServer } from './code-server';
import { runJourney } from './e2e';
import { launchBrowser, log, runExtensionTests } from './workbench';

const SUITE_TIMEOUT_MS = 240_000;

async function main(): Promise<number> {
  const named = process.argv.slice(2);
  const unknown = named.filter((n) => n !== 'suite' && n !== 'e2e');
  if (unknown.length) {
    console.error(`unknown part ${unknown.join(', ')}; usage: run-real.js [suite] [e2e]`);
    return 2;
  }
  const parts = named.length ? named : ['suite', 'e2e'];
  const missing = await missingTools();
  if (missing) {
    console.error(`cannot run the real VS Code tests: ${missing}`);
    return 1;
  }
  const { chromium } = await realTools();
  const server = await startCodeServer();
  log(`code-server at ${server.url}`);
  // Interrupted runs must not leave code-server and its extension host behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.stop().finally(() => process.exit(130)));
  }
  let failed = false;
  try {
    if (parts.includes('suite')) {
      const started = Date.now();
      const browser = await launchBrowser(chromium);
      try {
        const tests = path.join(__dirname, 'suite', 'index.js');
        const code = await runExtensionTests(browser.page, server, server.workspaceCopy('suite-workspace'), tests, SUITE_TIMEOUT_MS);
        log(`integration suite: ${code === 0 ? 'passed' : `FAILED (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        failed ||= code !== 0;
      } finally {
        await browser.close();
      }
    }
    if (parts.includes('e2e')) {
      const started = Date.now();
      try {
        await runJourney(server, chromium);
        log(`end-to-end journey: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (error) {
        failed = true;
        log(`end-to-end journey: FAILED after ${((Date.now() - started) / 1000).toFixed(1)} s:`, error);
      }
    }
    if (failed) console.log(`the extension's log:\n${server.extensionLog() || '(empty)'}`);
  } finally {
    await server.stop();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
