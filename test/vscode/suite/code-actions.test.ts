// Quick fixes, suppression and fix-all as the lightbulb and `editor.codeActionsOnSave` run them, checked by
// the exact text they leave and by the diagnostics that follow (issue 4, "Code actions").
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  apply,
  codeActions,
  codeOf,
  open,
  revertAll,
  setLayerlintSetting,
  waitForDiagnostics,
  withCode,
  withoutCode,
} from './helpers';

const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('layerlint');

/** The quick fixes offered on the LL101 diagnostic of `file`, once it is there. */
async function ll101Actions(file: string) {
  const { document } = await open(file);
  // VS Code can still show the diagnostics of an earlier opening of the file when the test starts, and drop them
  // when the server's clearing for that closing arrives: then it asks for actions with no diagnostic. Ask again
  // until the actions come (for at most ten seconds; the assertions fail on an empty list).
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [diagnostic] = (await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101')).filter((d) => codeOf(d) === 'LL101');
    // The command does not return the actions' diagnostics, but LL101 is the only finding on its range.
    const actions = await codeActions(document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix);
    if (actions.length > 0 || Date.now() > deadline) return { document, actions };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Lines `from`..`to` (1-based, inclusive) of the document. */
const lines = (document: vscode.TextDocument, from: number, to: number) =>
  document.getText(new vscode.Range(from - 1, 0, to, 0));

describe('code actions', () => {
  afterEach(async () => {
    await setLayerlintSetting('fixAll.unsafe', undefined);
    await revertAll();
  });

  const swaps: ReadonlyArray<readonly [string, number, string]> = [
    ['sequential.py', 7, '        layers.BatchNormalization(momentum=0.9),\n        layers.Dropout(0.3),\n'],
    ['add_chain.py', 9, 'model.add(BatchNormalization())\nmodel.add(Dropout(0.2))\n'],
    ['functional.py', 8, '    x = norm(x)\n    return drop(x)\n'],
    ['subclass.py', 15, '        x = self.bn(x, training=training)\n        x = self.dropout(x, training=training)\n'],
  ];
  for (const [file, line, expected] of swaps) {
    it(`the preferred LL101 quick fix swaps the layers in ${file}`, async () => {
      const { document, actions } = await ll101Actions(file);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `one preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(preferred[0].kind?.value, vscode.CodeActionKind.QuickFix.value);
      await apply(preferred[0]);
      assert.equal(lines(document, line, line + 1), expected);
      await waitForDiagnostics(document.uri, (d) => d.length === 0, 'no diagnostics after the fix');
    });
  }

  it('"Suppress LL101 on this line" adds a noqa comment and the warning goes', async () => {
    const { document, actions } = await ll101Actions('sequential.py');
    const suppress = actions.find((a) => /Suppress LL101/.test(a.title));
    assert.ok(suppress, `no suppress action among ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(suppress);
    assert.equal(document.lineAt(6).text, '        layers.Dropout(0.3),  # noqa: LL101');
    await waitForDiagnostics(document.uri, withoutCode('LL101'), 'LL101 to be suppressed');
  });

  it('offers the rule documentation for LL101', async () => {
    const { actions } = await ll101Actions('sequential.py');
    assert.ok(
      actions.some((a) => /LL101/.test(a.title) && /doc/i.test(a.title) && a.command),
      `no documentation action among ${JSON.stringify(actions.map((a) => a.title))}`,
    );
  });

  it('fix-all applies the safe Dropout merge and leaves the unsafe reorder alone', async () => {
    const { document } = await open('fix_all.py');
    await waitForDiagnostics(document.uri, withCode('LL104'), 'LL104');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const fixAll = (await codeActions(document.uri, whole, FIX_ALL)).filter((a) => a.kind && FIX_ALL.contains(a.kind));
    assert.equal(fixAll.length, 1, `one fix-all action, got ${JSON.stringify(fixAll.map((a) => a.title))}`);
    await apply(fixAll[0]);
    assert.equal(lines(document, 4, 7), '    layers.Dense(64, activation="relu"),\n    layers.Dropout(0.6),\n    layers.BatchNormalization(),\n    layers.Dense(1),\n');
    const after = await waitForDiagnostics(document.uri, withoutCode('LL104'), 'LL104 to go');
    assert.deepEqual(after.map(codeOf), ['LL101']);
  });

  it('fix-all reorders too once layerlint.fixAll.unsafe is on', async () => {
    const { document } = await open('sequential.py');
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const safeOnly = (await codeActions(document.uri, whole, FIX_ALL)).filter((a) => a.kind && FIX_ALL.contains(a.kind));
    for (const action of safeOnly) await apply(action);
    assert.equal(document.isDirty, false, 'fix-all without unsafe fixes must not reorder layers');

    await setLayerlintSetting('fixAll.unsafe', true);
    const withUnsafe = (await codeActions(document.uri, whole, FIX_ALL)).filter((a) => a.kind && FIX_ALL.contains(a.kind));
    assert.equal(withUnsafe.length, 1);
    await apply(withUnsafe[0]);
    assert.equal(lines(document, 7, 8), '        layers.BatchNormalization(momentum=0.9),\n        layers.Dropout(0.3),\n');
  });
});
