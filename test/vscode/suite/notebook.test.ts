// A real Jupyter notebook in VS Code: the model is built over several cells, and LL101 appears on the cell and
// line of the Dropout, with the BatchNormalization in a later cell as its related location.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, layerlintDiagnostics, revertAll, waitForDiagnostics, withCode, workspaceFile } from './helpers';

describe('notebooks', () => {
  afterEach(revertAll);

  it('LL101 on the cell where the Dropout is', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(workspaceFile('notebook.ipynb'));
    await vscode.window.showNotebookDocument(notebook);
    const cells = notebook.getCells();
    // Cells as the notebook has them: markdown, imports, the model's start, a raw cell (not Python), the rest of the
    // model, a summary.
    assert.equal(cells.length, 6);
    assert.equal(cells[0].kind, vscode.NotebookCellKind.Markup);
    assert.deepEqual([1, 2, 4, 5].map((i) => cells[i].document.languageId), ['python', 'python', 'python', 'python']);
    assert.notEqual(cells[3].document.languageId, 'python');
    const build = cells[2].document;
    const diagnostics = await waitForDiagnostics(build.uri, withCode('LL101'), 'LL101 in the third cell');
    assert.deepEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line, build.getText(d.range)]),
      [['LL101', 2, 'layers.Dropout(0.3)']],
    );
    assert.match(diagnostics[0].message, /^Dropout \(cell 3, line 3\) feeds BatchNormalization \(cell 5, line 2\)/);
    const related = diagnostics[0].relatedInformation?.[0];
    assert.equal(related?.location.uri.toString(), cells[4].document.uri.toString());
    assert.equal(related?.location.range.start.line, 1);
    for (const cell of [cells[1], cells[4], cells[5]]) assert.deepEqual(layerlintDiagnostics(cell.document.uri), []);
  });
});
