// The extension's commands and fix-all on save, as a person triggers them from the Command Palette or by saving.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, revertAll, waitForDiagnostics, withCode, workspaceFile } from './helpers';

const MERGED =
  'from keras import Sequential, layers\n\nmodel = Sequential([\n    layers.Dense(64, activation="relu"),\n' +
  '    layers.Dropout(0.6),\n    layers.BatchNormalization(),\n    layers.Dense(1),\n])\n';

describe('commands', () => {
  afterEach(revertAll);

  it('every command package.json contributes is registered', async () => {
    const extension = vscode.extensions.getExtension('layerlint.layerlint');
    assert.ok(extension);
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
  });

  it('layerlint.fixAll applies the safe fixes to the active editor', async () => {
    const { document } = await open('fix_all.py');
    await waitForDiagnostics(document.uri, withCode('LL104'), 'LL104');
    await vscode.commands.executeCommand('layerlint.fixAll');
    assert.equal(document.getText(), MERGED);
  });

  it('source.fixAll.layerlint in editor.codeActionsOnSave fixes the file when it is saved', async () => {
    const file = workspaceFile('on_save.py');
    await vscode.workspace.fs.copy(workspaceFile('fix_all.py'), file, { overwrite: true });
    const python = vscode.workspace.getConfiguration('', { languageId: 'python' });
    await python.update('editor.codeActionsOnSave', { 'source.fixAll.layerlint': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      const editor = await open('on_save.py');
      await waitForDiagnostics(file, withCode('LL104'), 'LL104');
      // An edit makes the document dirty, so that saving it runs the save participants.
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# saved\n'));
      assert.equal(await editor.document.save(), true);
      assert.equal(editor.document.getText(), `# saved\n${MERGED}`);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), `# saved\n${MERGED}`);
    } finally {
      await python.update('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await revertAll();
      await vscode.workspace.fs.delete(file);
    }
  });

  it('layerlint.restartServer brings the server back, and it keeps linting as the user types', async () => {
    const editor = await open('sequential.py');
    const { document } = editor;
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    await vscode.commands.executeCommand('layerlint.restartServer');
    await editor.edit((edit) => edit.replace(document.lineAt(6).range, '        layers.Dense(64, use_bias=False),'));
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'the edit to be linted by the restarted server');
  });

  it('layerlint.showRuleDocs opens the bundled rule page', async () => {
    await vscode.commands.executeCommand('layerlint.showRuleDocs', 'LL101');
    const deadline = Date.now() + 10_000;
    const labels = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
    while (!labels().some((label) => label.includes('LL101.md')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(labels().some((label) => label.includes('LL101.md')), JSON.stringify(labels()));
  });
});
