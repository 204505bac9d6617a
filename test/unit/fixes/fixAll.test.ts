// The --fix loop on its own, with a stand-in linter whose fixes can be made to misbehave: a fix that breaks the
// syntax is left out, fixes that undo each other stop, and only preferred fixes of the allowed applicability apply.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonSource } from '../../../server/src/cli/source';
import { fixAll, type Linted } from '../../../server/src/fixes/fixAll';
import type { Finding, Fix } from '../../../server/src/rules/types';

/** A finding at every occurrence of `word`, fixed by `fix(start)`. */
function finding(start: number, fixes: Fix[]): Finding {
  return { code: 'LL999', severity: 'warning', span: { start, end: start + 1 }, message: 'm', related: [], fixes };
}

/** Unbalanced brackets stand for a syntax error. */
const hasError = (text: string) => (text.match(/\(/g)?.length ?? 0) !== (text.match(/\)/g)?.length ?? 0);

function linterFor(fixesAt: (text: string) => Finding[]): (text: string) => Linted {
  return (text) => ({ findings: fixesAt(text), hasError: hasError(text) });
}

const replace = (start: number, end: number, newText: string, applicability: Fix['applicability'] = 'safe', preferred = true): Fix => ({
  title: `put ${newText}`,
  applicability,
  preferred,
  edits: [{ start, end, newText }],
});

test('a fix whose result would not parse is not applied; the others are, and the note says why', () => {
  // Every `a` gets a fix: at the start to `b` (fine), elsewhere to `(` (a syntax error).
  const lintText = linterFor((text) =>
    [...text.matchAll(/a/g)].map((m) => finding(m.index!, [replace(m.index!, m.index! + 1, m.index === 0 ? 'b' : '(')])),
  );
  const result = fixAll(pythonSource('a a'), lintText, false);
  assert.equal(result.source.text, 'b a');
  assert.equal(result.fixed, 1);
  assert.deepEqual(result.notes, ['fix "put (" not applied: the result would not parse']);
  assert.equal(result.findings.length, 1);
});

test('a file that did not parse before may be fixed anyway', () => {
  const lintText = linterFor((text) => [...text.matchAll(/a/g)].map((m) => finding(m.index!, [replace(m.index!, m.index! + 1, 'b')])));
  assert.equal(fixAll(pythonSource('( a'), lintText, false).source.text, '( b');
});

test('fixes that undo each other stop instead of running forever', () => {
  const lintText = linterFor((text) => [finding(0, [replace(0, 1, text[0] === 'x' ? 'y' : 'x')])]);
  const result = fixAll(pythonSource('x'), lintText, false);
  assert.equal(result.source.text, 'y');
  assert.equal(result.fixed, 1);
});

test('one fix can enable the next: rounds go on until nothing more applies', () => {
  // `c` becomes `b`, which becomes `a`, which is clean.
  const next: Record<string, string> = { c: 'b', b: 'a' };
  const lintText = linterFor((text) => (next[text] ? [finding(0, [replace(0, 1, next[text])])] : []));
  const result = fixAll(pythonSource('c'), lintText, false);
  assert.deepEqual([result.source.text, result.fixed, result.findings, result.notes], ['a', 2, [], []]);
});

test('unsafe fixes need --unsafe-fixes; a fix that is not preferred is never applied by fix-all', () => {
  const lintText = linterFor((text) =>
    text === 'ab' ? [finding(0, [replace(0, 1, 'x', 'unsafe')]), finding(1, [replace(1, 2, 'y', 'safe', false)])] : [],
  );
  assert.equal(fixAll(pythonSource('ab'), lintText, false).source.text, 'ab');
  assert.equal(fixAll(pythonSource('ab'), lintText, true).source.text, 'xb');
});
