// The line table: made by a scan, or after an edit from the table of the text before it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng, generateFile } from '../../bench/corpus';
import { indexOf, lineStarts, textEdited } from '../../server/src/parse/lines';

const scan = (text: string): number[] => [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];

test('line starts of a text, and the line an offset is on', () => {
  assert.deepEqual(Array.from(lineStarts('a\nbc\n\nd')), [0, 2, 5, 6]);
  assert.deepEqual(Array.from(lineStarts('')), [0]);
  assert.deepEqual(Array.from(lineStarts('x\r\ny')), [0, 3]);
  const starts = lineStarts('a\nbc\n\nd');
  assert.deepEqual([0, 1, 2, 4, 5, 6, 9].map((offset) => indexOf(starts, offset)), [0, 0, 1, 1, 2, 3, 3]);
});

test('after an edit the table is derived from the previous one, and equals a fresh scan', () => {
  const rng = new Rng(41);
  let text = generateFile(rng, 60);
  lineStarts(text);
  const pieces = ['', 'x', '\n', '\n\n', 'a\nb', '\r\n', '    x = 1\n', '😀\n'];
  for (let i = 0; i < 400; i++) {
    const start = rng.int(0, text.length);
    const end = Math.min(text.length, start + rng.pick([0, 0, 1, 2, 5, 40]));
    const inserted = rng.pick(pieces);
    const next = text.slice(0, start) + inserted + text.slice(end);
    textEdited(text, next, start, end, inserted);
    text = next;
    assert.deepEqual(Array.from(lineStarts(text)), scan(text), `edit ${i}: [${start}, ${end}) ← ${JSON.stringify(inserted)}`);
  }
  // An edit to a text whose table is not at hand changes nothing: the next request scans.
  textEdited('other text', 'another text', 0, 1, 'a');
  assert.deepEqual(Array.from(lineStarts('another\ntext')), [0, 8]);
});

test('an edit that does not match the texts leaves the table to a fresh scan', () => {
  lineStarts('ab\ncd');
  textEdited('ab\ncd', 'ab\nXcd', 3, 2, 'X'); // end before start
  assert.deepEqual(Array.from(lineStarts('ab\nXcd')), [0, 3]);
  lineStarts('ab\ncd');
  textEdited('ab\ncd', 'a\n\nb\ncd', 1, 1, 'X'); // the new text is not the old one with `X` inserted
  assert.deepEqual(Array.from(lineStarts('a\n\nb\ncd')), [0, 2, 3, 5]);
});

test('around the length where the table becomes a typed array, scans and edits give the same table', () => {
  const rng = new Rng(7);
  let text = generateFile(rng, 60);
  // Comment lines up to just under 64 Ki characters: edits then take the text over that length and back.
  while (text.length < 65_536 - 60) text += `# ${'x'.repeat(rng.int(0, 70))}\n`;
  lineStarts(text);
  const lengths = { below: 0, above: 0 };
  for (let i = 0; i < 300; i++) {
    const start = rng.int(0, text.length);
    const end = Math.min(text.length, start + rng.int(0, 120));
    const inserted = 'ab\n'.repeat(rng.int(0, 40));
    const next = text.slice(0, start) + inserted + text.slice(end);
    textEdited(text, next, start, end, inserted);
    text = next;
    lengths[text.length < 65_536 ? 'below' : 'above']++;
    assert.deepEqual(Array.from(lineStarts(text)), scan(text), `edit ${i}, length ${text.length}`);
  }
  // A fresh scan of a text on each side, too.
  for (const length of [65_535, 65_536, 70_000]) {
    const long = ('a'.repeat(9) + '\n').repeat(length / 10 + 1).slice(0, length);
    assert.deepEqual(Array.from(lineStarts(long)), scan(long));
  }
  assert.ok(lengths.below > 20 && lengths.above > 20, `the edits stayed on one side: ${JSON.stringify(lengths)}`);
});
