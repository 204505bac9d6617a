// Entry point VS Code calls in the extension host (extensionTestsPath): runs every *.test.js next to this file
// with mocha and rejects when a test fails, which both runners turn into a non-zero exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // Starting the language server and the first analysis can take a few seconds on a cold, busy machine.
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env.LAYERLINT_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} VS Code integration test(s) failed`);
}
