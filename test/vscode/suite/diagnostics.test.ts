// LL101 appears in VS Code's diagnostics for every way a Keras model is written, on the Dropout that feeds
// the BatchNormalization, with its rule link and the related normalization; a clean model gets nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, layerlintDiagnostics, open, revertAll, waitForDiagnostics, withCode, workspaceFile } from './helpers';

interface Case {
  readonly file: string;
  /** 1-based line of the Dropout, and the exact text the squiggle covers. */
  readonly line: number;
  readonly underlined: string;
  /** 1-based line of the BatchNormalization it feeds. */
  readonly norm: number;
}

const CASES: readonly Case[] = [
  { file: 'sequential.py', line: 7, underlined: 'layers.Dropout(0.3)', norm: 8 },
  { file: 'add_chain.py', line: 9, underlined: 'Dropout(0.2)', norm: 10 },
  { file: 'functional.py', line: 8, underlined: 'drop(x)', norm: 9 },
  { file: 'subclass.py', line: 15, underlined: 'self.dropout(x, training=training)', norm: 16 },
];

describe('diagnostics', () => {
  afterEach(revertAll);

  for (const c of CASES) {
    it(`LL101 in ${c.file}`, async () => {
      const { document } = await open(c.file);
      const diagnostics = await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
      assert.deepEqual(
        diagnostics.map((d) => [codeOf(d), d.range.start.line + 1, document.getText(d.range), d.severity]),
        [['LL101', c.line, c.underlined, vscode.DiagnosticSeverity.Warning]],
      );
      const [diagnostic] = diagnostics;
      assert.match(diagnostic.message, /^Dropout \(line \d+\) feeds BatchNormalization/);
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.path.endsWith('/docs/rules/LL101.md'), true, code.target.toString());
      assert.deepEqual(
        diagnostic.relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range.start.line + 1]),
        [[document.uri.toString(), c.norm]],
      );
    });
  }

  it('LL101 in an unsaved (untitled) editor', async () => {
    const document = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'from keras import Sequential, layers\n\nmodel = Sequential([layers.Dropout(0.1), layers.BatchNormalization(), layers.Dense(1)])\n',
    });
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    assert.deepEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line + 1, document.getText(d.range)]),
      [['LL101', 3, 'layers.Dropout(0.1)']],
    );
  });

  it('a model in the recommended order has no findings', async () => {
    // Open a file with a finding afterwards: once that one is reported, the server has surely analysed this one too.
    await open('clean.py');
    const other = await open('sequential.py');
    await waitForDiagnostics(other.document.uri, withCode('LL101'), 'LL101');
    assert.deepEqual(layerlintDiagnostics(workspaceFile('clean.py')), []);
  });

  it('an edit that puts the Dropout after the BatchNormalization clears LL101 as the user types', async () => {
    const editor = await open('sequential.py');
    const { document } = editor;
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    const dropoutLine = document.lineAt(6);
    const normLine = document.lineAt(7);
    await editor.edit((edit) => {
      edit.replace(dropoutLine.range, normLine.text);
      edit.replace(normLine.range, dropoutLine.text);
    });
    await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics after the edit');
  });
});
