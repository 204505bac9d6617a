// Entry point VS Code calls in the extension host (extensionTestsPath): runs every *.test.js next to this file
// with mocha and rejects when a test fails, which both runners turn into a non-zero exit code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { SUITE_BANNER } from './banner';
import { open, revertAll, waitForDiagnostics, withCode } from './helpers';

/**
 * Before any test: opening a Python file activates the extension, its server starts and LL101 arrives. If
 * that fails, every test would fail the same way, one timeout after another; stopping here says it once.
 */
async function extensionIsUp(this: Mocha.Context): Promise<void> {
  this.timeout(60_000);
  const extension = vscode.extensions.getExtension('layerlint.layerlint');
  assert.ok(extension, 'the extension layerlint.layerlint is not loaded');
  const { document } = await open('sequential.py');
  try {
    await waitForDiagnostics(document.uri, withCode('LL101'), 'the first LL101 after the extension starts', 45_000);
  } catch (error) {
    throw new Error(`${(error as Error).message} (extension active: ${extension.isActive})`);
  }
  assert.equal(extension.isActive, true);
  await revertAll();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', rootHooks: { beforeAll: extensionIsUp } });
  const grep = process.env.LAYERLINT_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  console.log(SUITE_BANNER);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} VS Code integration test(s) failed`);
}
