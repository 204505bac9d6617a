// Editing sessions for tests: random typing at random places, and the changes that undo it.
import { TextDocument, type Range } from 'vscode-languageserver-textdocument';
import type { Rng } from '../../bench/corpus';

export interface Change {
  range: Range;
  text: string;
}

/** One or two changes at random places: a character typed, a few deleted, now and then one that breaks the syntax. */
export function randomChanges(rng: Rng, document: TextDocument, inserts: readonly string[] = ['', 'x', '0', '_1', ' ', '# n', '(', ')', '"', ':', '\n']): Change[] {
  const text = document.getText();
  return Array.from({ length: rng.int(1, 2) }, () => {
    const offset = rng.int(0, text.length);
    const end = Math.min(offset + rng.int(0, 3), text.length);
    return { range: { start: document.positionAt(offset), end: document.positionAt(end) }, text: rng.pick(inserts) };
  });
}

/** The changes that take the text after `changes` back to that of `document`. */
export function inverse(document: TextDocument, changes: readonly Change[]): Change[] {
  const undo: Change[] = [];
  // TextDocument.update changes the document it is given: work on a copy.
  let current = TextDocument.create(document.uri, document.languageId, document.version, document.getText());
  for (const change of changes) {
    const removed = current.getText(change.range);
    const next = TextDocument.update(current, [change], current.version + 1);
    const start = current.offsetAt(change.range.start);
    undo.unshift({ range: { start: next.positionAt(start), end: next.positionAt(start + change.text.length) }, text: removed });
    current = next;
  }
  return undo;
}
