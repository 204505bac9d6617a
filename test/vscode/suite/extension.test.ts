// The extension as VS Code sees it: activated by a Python file, running from this working tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, revertAll } from './helpers';

describe('extension', () => {
  afterEach(revertAll);

  it('activates when a Python file opens', async () => {
    const extension = vscode.extensions.getExtension('layerlint.layerlint');
    assert.ok(extension, 'layerlint.layerlint is not loaded');
    await open('clean.py');
    for (let i = 0; i < 100 && !extension.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(extension.isActive, true);
  });
});
