// Linting a text, and `--fix`: apply every finding's fix that does not collide with another, re-analyse, repeat.
// One finding's fix can reveal or remove another (a swap moves a Dropout next to a second one), hence the rounds.
import type { LintConfig } from '../config/config';
import { applyEdits, compatibleFixes } from '../fixes/apply';
import { analyzeModule } from '../keras/analyze';
import type { PythonParser } from '../parse/tree';
import { lint } from '../rules/lint';
import type { Finding, Fix } from '../rules/types';

/** Enough for fixes that enable one another; a set of fixes that keeps undoing itself stops here. */
const MAX_ROUNDS = 8;

/** The fix `--fix` applies for a finding: its preferred one, when the applicability allowed covers it. */
export function fixToApply(finding: Finding, unsafeFixes: boolean): Fix | undefined {
  const fix = finding.fixes.find((f) => f.preferred);
  return fix && (fix.applicability === 'safe' || unsafeFixes) ? fix : undefined;
}

export interface Linted {
  readonly findings: Finding[];
  /** The text has a syntax error. */
  readonly hasError: boolean;
}

export type Linter = (text: string) => Linted;

export function linter(parser: PythonParser, config: LintConfig): Linter {
  return (text) => {
    const root = parser.parse(text).rootNode;
    return { findings: lint(analyzeModule(root), text, config, root), hasError: root.hasError };
  };
}

export interface FixResult {
  readonly text: string;
  /** How many fixes were applied. */
  readonly fixed: number;
  /** What remains in `text`. */
  readonly findings: Finding[];
  readonly notes: string[];
}

export function fixAll(original: string, lintText: Linter, unsafeFixes: boolean): FixResult {
  let text = original;
  let current = lintText(text);
  // A file that did not parse before is judged by whether the fixes make it worse, which cannot be told; only
  // a file that parsed must still parse afterwards.
  const mustParse = !current.hasError;
  const seen = new Set([text]);
  // A fix left out is offered again in every round; say so once.
  const notes = new Set<string>();
  let fixed = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const candidates = compatibleFixes(current.findings.flatMap((f) => fixToApply(f, unsafeFixes) ?? []));
    if (candidates.length === 0) break;
    let applied = candidates;
    let next = withFixes(text, applied);
    let linted = lintText(next);
    if (mustParse && linted.hasError) {
      // Find the culprits: keep the fixes that parse on their own, and only if together they still do.
      applied = candidates.filter((fix) => {
        if (!lintText(withFixes(text, [fix])).hasError) return true;
        notes.add(`fix "${fix.title}" not applied: the result would not parse`);
        return false;
      });
      if (applied.length === 0) break;
      next = withFixes(text, applied);
      linted = lintText(next);
      if (linted.hasError) {
        notes.add('fixes not applied: each parses on its own, but not together');
        break;
      }
    }
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    fixed += applied.length;
    current = linted;
  }
  return { text, fixed, findings: current.findings, notes: [...notes] };
}

function withFixes(text: string, fixes: readonly Fix[]): string {
  return applyEdits(text, fixes.flatMap((fix) => fix.edits));
}
