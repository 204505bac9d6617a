// Changing `layerlint.*` settings re-lints open documents without reopening them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, open, revertAll, setLayerlintSetting, waitForDiagnostics, withCode, workspaceFile } from './helpers';

describe('settings', () => {
  afterEach(async () => {
    await setLayerlintSetting('rules', undefined);
    await setLayerlintSetting('enable', undefined);
    await revertAll();
  });

  it('layerlint.rules: LL101 off removes the warning, and removing the setting brings it back', async () => {
    const { document } = await open('sequential.py');
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    await setLayerlintSetting('rules', { LL101: 'off' });
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'LL101 to be turned off');
    await setLayerlintSetting('rules', undefined);
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101 to come back');
  });

  it('layerlint.rules: LL101 as an error changes the severity', async () => {
    const { document } = await open('sequential.py');
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    await setLayerlintSetting('rules', { LL101: 'error' });
    await waitForDiagnostics(
      document.uri,
      (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error,
      'LL101 as an error',
    );
  });

  it('layerlint.enable: false clears the diagnostics', async () => {
    const { document } = await open('sequential.py');
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    await setLayerlintSetting('enable', false);
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'diagnostics to be cleared');
  });

  it("the nearest pyproject.toml's [tool.layerlint] applies, and editing it re-lints the open file", async () => {
    const pyproject = workspaceFile('with-pyproject/pyproject.toml');
    const original = await vscode.workspace.fs.readFile(pyproject);
    try {
      const { document } = await open('with-pyproject/model.py');
      const asError = await waitForDiagnostics(
        document.uri,
        (d) => d.some((x) => codeOf(x) === 'LL101' && x.severity === vscode.DiagnosticSeverity.Error),
        'LL101 as an error, from pyproject.toml',
      );
      assert.equal(document.getText(asError[0].range), 'keras.layers.GaussianDropout(0.1)');
      await vscode.workspace.fs.writeFile(pyproject, new TextEncoder().encode('[tool.layerlint]\nignore = ["LL101"]\n'));
      await waitForDiagnostics(document.uri, (d) => d.length === 0, 'LL101 to be ignored after pyproject.toml changed');
    } finally {
      await vscode.workspace.fs.writeFile(pyproject, original);
    }
  });
});
