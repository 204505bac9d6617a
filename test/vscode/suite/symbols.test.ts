// The Outline: each model is a symbol whose children are its layers in the order the model applies them
// (issue 4, "Outline").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, revertAll } from './helpers';

/** Each top-level symbol with the leading class name of each child, e.g. `model: Dense Dropout …`. */
async function outline(file: string): Promise<string[]> {
  const { document } = await open(file);
  const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
  return (symbols ?? []).map((s) => `${s.name}: ${s.children.map((c) => /\w+/.exec(c.name)?.[0]).join(' ')}`);
}

describe('document symbols', () => {
  afterEach(revertAll);

  it('a Sequential list', async () => {
    assert.deepEqual(await outline('sequential.py'), ['model: Dense Dropout BatchNormalization Activation Dense']);
  });

  it('an add chain with an if', async () => {
    assert.deepEqual(await outline('add_chain.py'), ['model: Dense Dense Dropout BatchNormalization Activation Dense']);
  });

  it('a subclassed model, in call() order', async () => {
    assert.deepEqual(await outline('subclass.py'), ['Classifier: Dense Dropout BatchNormalization Dense']);
  });
});
