// `npm run test:vscode`: the same integration suite in desktop VS Code, downloaded by @vscode/test-electron
// into .vscode-test/ (so it needs the internet; where there is none, `npm run test:vscode-real` runs it).
// On a Linux machine with no display, run it under a virtual one: `xvfb-run -a npm run test:vscode`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ROOT } from './code-server';

async function main(): Promise<void> {
  // The tests edit files and write workspace settings, so they get a copy of the workspace, never the original.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-vscode-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.LAYERLINT_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      // The workspace first (VS Code opens it); other installed extensions stay out of the way.
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch, 'user-data')}`],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error('the VS Code integration suite failed:', error);
  process.exit(1);
});
