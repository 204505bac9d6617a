// Fix-all: apply every finding's fix that does not collide with another, re-analyse, repeat. One finding's fix can
// reveal or remove another (a swap moves a Dropout next to a second one), hence the rounds. Used by
// `layerlint check --fix` and by the editor's `source.fixAll.layerlint`.
import { compatibleFixes } from './apply';
import type { Finding, Fix, TextEdit } from '../rules/types';

/** Enough for fixes that enable one another; a set of fixes that keeps undoing itself stops here. */
const MAX_ROUNDS = 8;

/** Something fixes are applied to: a Python file, or a notebook whose cells are analysed as one text. */
export interface Editable<T> {
  /** The Python the rules read; fix edits are offsets into it. */
  readonly text: string;
  /** The result of the edits, or the reason they cannot be applied (an edit across two notebook cells). */
  withEdits(edits: readonly TextEdit[]): T | string;
}

export interface Linted {
  readonly findings: readonly Finding[];
  /** The text has a syntax error. */
  readonly hasError: boolean;
}

/** The fix fix-all applies for a finding: its preferred one, when the applicability allowed covers it. */
export function fixToApply(finding: Finding, unsafeFixes: boolean): Fix | undefined {
  const fix = finding.fixes.find((f) => f.preferred);
  return fix && (fix.applicability === 'safe' || unsafeFixes) ? fix : undefined;
}

export interface FixAllResult<T> {
  readonly source: T;
  /** How many fixes were applied. */
  readonly fixed: number;
  /** What remains in `source`. */
  readonly findings: readonly Finding[];
  /** Fixes left out, and why. */
  readonly notes: string[];
}

export function fixAll<T extends Editable<T>>(original: T, lintText: (text: string) => Linted, unsafeFixes: boolean, first = lintText(original.text)): FixAllResult<T> {
  let source = original;
  let current = first;
  // A text that did not parse before is judged by whether the fixes make it worse, which cannot be told; only
  // a text that parsed must still parse afterwards.
  const mustParse = !current.hasError;
  const seen = new Set([source.text]);
  // A fix left out is offered again in every round; say so once.
  const notes = new Set<string>();
  let fixed = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const candidates = compatibleFixes(current.findings.flatMap((f) => fixToApply(f, unsafeFixes) ?? []));
    if (candidates.length === 0) break;
    // Fixes that work on their own: they can be applied, and (for a text that parsed) the result still parses.
    const usable = (fix: Fix): boolean => {
      const alone = source.withEdits(fix.edits);
      if (typeof alone === 'string') {
        notes.add(`fix "${fix.title}" not applied: ${alone}`);
        return false;
      }
      if (mustParse && lintText(alone.text).hasError) {
        notes.add(`fix "${fix.title}" not applied: the result would not parse`);
        return false;
      }
      return true;
    };
    let applied = candidates;
    let next = source.withEdits(applied.flatMap((fix) => fix.edits));
    let linted = typeof next === 'string' ? undefined : lintText(next.text);
    if (typeof next === 'string' || (mustParse && linted!.hasError)) {
      applied = candidates.filter(usable);
      if (applied.length === 0) break;
      next = source.withEdits(applied.flatMap((fix) => fix.edits));
      linted = typeof next === 'string' ? undefined : lintText(next.text);
      if (typeof next === 'string' || (mustParse && linted!.hasError)) {
        notes.add('fixes not applied: each works on its own, but not together');
        break;
      }
    }
    if (seen.has(next.text)) break;
    seen.add(next.text);
    source = next;
    fixed += applied.length;
    current = linted!;
  }
  return { source, fixed, findings: current.findings, notes: [...notes] };
}
