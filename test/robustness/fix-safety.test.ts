// Fix safety, as a property over every fixture and a slice of the benchmark corpus: every fix offered, and fix-all
// (safe, then unsafe), must give Python that parses, keep every comment, keep every word of the code when it only
// reorders layers, make its own finding go away without a new warning, and fix-all applied twice must change nothing
// the second time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Rng, generateFile } from '../../bench/corpus';
import { pythonSource } from '../../server/src/cli/source';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import { applyEdits } from '../../server/src/fixes/apply';
import { fixAll } from '../../server/src/fixes/fixAll';
import { analyzeModule } from '../../server/src/keras/analyze';
import { namedDescendants, type PythonParser } from '../../server/src/parse/tree';
import { lint } from '../../server/src/rules/lint';
import type { Finding, Fix } from '../../server/src/rules/types';
import { parser } from '../helpers/engine';
import { pythonFiles } from '../helpers/files';
import { ROOT } from '../helpers/lsp-client';

const CORPUS_FILES = Number(process.env.FIX_SAFETY_CORPUS ?? 60);

interface Checked {
  readonly findings: Finding[];
  readonly hasError: boolean;
  readonly comments: string[];
  /** Words of the code (names, numbers, strings, keywords), comments aside, sorted. */
  readonly words: string[];
}

function check(p: PythonParser, text: string): Checked {
  const root = p.parseRoot(text);
  const comments: string[] = [];
  const words: string[] = [];
  for (const node of namedDescendants(root)) {
    if (node.type === 'comment') comments.push(node.text.trim());
    else if (node.childCount === 0 || node.type === 'string') words.push(node.text);
    // Keywords (`def`, `return`, `not`) are tokens, not named nodes.
    for (const child of node.children) if (!child.isNamed && child.childCount === 0 && /\w/.test(child.type)) words.push(child.type);
  }
  return {
    findings: lint(analyzeModule(root), text, DEFAULT_CONFIG, root),
    hasError: root.hasError,
    comments: comments.sort(),
    words: words.sort(),
  };
}

const serious = (f: Finding) => f.severity === 'warning' || f.severity === 'error';
const countBy = (findings: readonly Finding[], keep: (f: Finding) => boolean) => {
  const counts = new Map<string, number>();
  for (const f of findings) if (keep(f)) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return counts;
};

/** Everything wrong with applying `fix` of `finding` to `text`. */
function problemsOf(p: PythonParser, text: string, before: Checked, finding: Finding, fix: Fix): string[] {
  const fixed = applyEdits(text, fix.edits);
  const after = check(p, fixed);
  const problems: string[] = [];
  if (!before.hasError && after.hasError) problems.push('does not parse');
  const lost = before.comments.filter((c) => !after.comments.includes(c));
  if (lost.length > 0) problems.push(`loses comments ${JSON.stringify(lost)}`);
  // Swapping two layers, or moving one before the output layer, only reorders what is written.
  if (/^(Swap |Move \S+ before )/.test(fix.title) && after.words.join('\u0000') !== before.words.join('\u0000')) {
    problems.push('a reordering that adds or drops words of the code');
  }
  const counts = countBy(after.findings, () => true);
  const previous = countBy(before.findings, () => true);
  if ((counts.get(finding.code) ?? 0) >= (previous.get(finding.code) ?? 0)) problems.push(`its ${finding.code} is still reported`);
  const warningsBefore = countBy(before.findings, serious);
  for (const [code, count] of countBy(after.findings, serious)) {
    if (code !== finding.code && count > (warningsBefore.get(code) ?? 0)) problems.push(`a new ${code} warning`);
  }
  return problems;
}

test(`every fix, and fix-all twice, on the fixtures and ${CORPUS_FILES} corpus files`, { timeout: 300_000 }, async () => {
  const p = await parser();
  const rng = new Rng(20261124);
  const sources = [
    ...pythonFiles(join(ROOT, 'test')).map((file) => ({ name: file.slice(ROOT.length + 1), text: readFileSync(file, 'utf8') })),
    ...Array.from({ length: CORPUS_FILES }, (_, i) => ({ name: `corpus #${i}`, text: generateFile(rng, 60 + rng.int(0, 140)) })),
  ];
  const failures: string[] = [];
  let fixesTried = 0;
  let fixAllRuns = 0;
  for (const { name, text } of sources) {
    const before = check(p, text);
    for (const finding of before.findings) {
      for (const fix of finding.fixes) {
        fixesTried++;
        for (const problem of problemsOf(p, text, before, finding, fix)) failures.push(`${name}: ${finding.code} "${fix.title}": ${problem}`);
      }
    }
    for (const unsafe of [false, true]) {
      fixAllRuns++;
      const lintText = (t: string) => check(p, t);
      const once = fixAll(pythonSource(text), lintText, unsafe).source.text;
      const twice = fixAll(pythonSource(once), lintText, unsafe).source.text;
      const after = check(p, once);
      if (!before.hasError && after.hasError) failures.push(`${name}: fix-all (${unsafe ? 'unsafe' : 'safe'}) does not parse`);
      const lost = before.comments.filter((c) => !after.comments.includes(c));
      if (lost.length > 0) failures.push(`${name}: fix-all (${unsafe ? 'unsafe' : 'safe'}) loses comments ${JSON.stringify(lost)}`);
      if (twice !== once) failures.push(`${name}: fix-all (${unsafe ? 'unsafe' : 'safe'}) changes the text again when applied twice`);
    }
  }
  console.log(`fix safety: ${sources.length} files, ${fixesTried} fixes and ${fixAllRuns} fix-all runs tried, ${failures.length} failures`);
  assert.ok(fixesTried > 100, `only ${fixesTried} fixes were offered`);
  assert.deepEqual(failures, []);
});
