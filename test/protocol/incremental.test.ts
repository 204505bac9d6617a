// The real server, edited change by change (where it re-analyses only what an edit touched), publishes the
// diagnostics it publishes for the same text opened afresh.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { Rng, generateFile } from '../../bench/corpus';
import { inverse, randomChanges, type Change } from '../helpers/edits';
import { TestServer } from '../helpers/lsp-client';

let server: TestServer;

before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});

/** What a diagnostic says, without the fields that name its document or version. */
function said(diagnostic: Diagnostic): unknown {
  const { code, severity, range, message, relatedInformation } = diagnostic;
  return { code, severity, range, message, related: relatedInformation?.map((r) => [r.location.range, r.message]) };
}

test('edits sent as changes end in the diagnostics of the same text opened afresh', async () => {
  const rng = new Rng(31);
  const uri = 'file:///edited.py';
  let document = TextDocument.create(uri, 'python', 1, generateFile(rng, 260));
  await server.open(uri, document.getText());
  await server.diagnosticsFor(uri);
  let undo: Change[] | undefined;
  for (let version = 2; version <= 13; version++) {
    const changes = undo ?? randomChanges(rng, document, ['0', 'x', '\n', '\n    x = layers.Dropout(0.2)(x)', '(', '# noqa']);
    undo = undo ? undefined : inverse(document, changes);
    document = TextDocument.update(document, changes, version);
    const published = server.publications(uri);
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    const edited = await server.diagnosticsFor(uri, published + 1);
    const fresh = `file:///fresh-${version}.py`;
    await server.open(fresh, document.getText());
    const expected = await server.diagnosticsFor(fresh);
    assert.deepEqual(edited.map(said), expected.map(said), `version ${version}`);
    assert.ok(expected.length > 0, `version ${version}: the module has findings to compare`);
    // Their quick fixes too: a finding's fixes are worked out when first asked for, and the edit moved the nodes of
    // the findings the server kept from the last version.
    assert.deepEqual(await quickFixes(uri, edited), await quickFixes(fresh, expected), `version ${version}: quick fixes`);
  }
});

/** The title and edits of every quick fix offered for `diagnostics`. */
async function quickFixes(uri: string, diagnostics: Diagnostic[]): Promise<unknown[]> {
  const offered: unknown[] = [];
  for (const diagnostic of diagnostics) {
    for (const action of await server.codeActions(uri, diagnostic.range, [diagnostic], ['quickfix'])) {
      const edits = action.edit?.documentChanges?.flatMap((change) => ('edits' in change ? change.edits : [])) ?? action.edit?.changes?.[uri];
      offered.push([action.title, edits]);
    }
  }
  return offered;
}
