// Helpers for rule tests: lint a snippet, locate a finding in line/column terms, apply one of its fixes and check
// that the result still parses.
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, type LintConfig, type LintOptions, type RuleSetting } from '../../server/src/config/config';
import { applyEdits } from '../../server/src/fixes/apply';
import { lint } from '../../server/src/rules/lint';
import type { Finding } from '../../server/src/rules/types';
import { analyzeModule } from '../../server/src/keras/analyze';
import { dedent, parser } from './engine';

export interface LintSettings {
  readonly options?: Partial<LintOptions>;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

/** Every finding for `source` (taken as written: dedent it first if it is an indented template). */
export async function findings(source: string, settings: LintSettings = {}): Promise<Finding[]> {
  const config: LintConfig = {
    rules: new Map(Object.entries(settings.rules ?? {})),
    options: { ...DEFAULT_CONFIG.options, ...settings.options },
  };
  const root = (await parser()).parse(source).rootNode;
  return lint(analyzeModule(root), source, config, root);
}

/** The findings of one rule. */
export async function findingsOf(code: string, source: string, settings?: LintSettings): Promise<Finding[]> {
  return (await findings(source, settings)).filter((f) => f.code === code);
}

export interface Place {
  /** 0-based line of the range start. */
  readonly line: number;
  /** 0-based columns of the range start and end (the end on its own line). */
  readonly start: number;
  readonly end: number;
  readonly endLine: number;
}

/** Where a span is, in 0-based line and column terms. */
export function place(source: string, span: { start: number; end: number }): Place {
  const at = (offset: number) => {
    const before = source.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  const start = at(span.start);
  const end = at(span.end);
  return { line: start.line, start: start.column, end: end.column, endLine: end.line };
}

/** `code line:start-end` (0-based) for each finding, a compact form to assert exact results with. */
export async function summary(source: string, settings?: LintSettings): Promise<string[]> {
  return (await findings(source, settings)).map((f) => `${f.code} ${where(source, f.span)}`);
}

/** `line:start-end` (0-based) of each finding of one rule. */
export async function placesOf(code: string, source: string, settings?: LintSettings): Promise<string[]> {
  return (await findingsOf(code, source, settings)).map((f) => where(source, f.span));
}

function where(source: string, span: { start: number; end: number }): string {
  const p = place(source, span);
  return `${p.line}:${p.start}-${p.endLine === p.line ? '' : `${p.endLine}:`}${p.end}`;
}

/** The source after applying fix `index` of `finding`; fails the test if it no longer parses. */
export async function applyFix(source: string, finding: Finding, index = 0): Promise<string> {
  const fix = finding.fixes[index];
  assert.ok(fix, `${finding.code} has no fix ${index}`);
  const result = applyEdits(source, fix.edits);
  assert.equal((await parser()).parse(result).rootNode.hasError, false, `the fixed source does not parse:\n${result}`);
  return result;
}

/** Applies a fix of the only `code` finding, checks the expected text, and that re-analysis shows the finding gone
 *  and no finding that was not there before. Returns the fixed text. */
export async function assertFix(code: string, source: string, expected: string, settings?: LintSettings, index = 0): Promise<string> {
  const before = await findings(source, settings);
  const own = before.filter((f) => f.code === code);
  assert.equal(own.length, 1, `expected one ${code} finding, got ${own.length}`);
  const fixed = await applyFix(source, own[0], index);
  assert.equal(fixed, expected);
  // Nothing new may appear; a finding the fix also resolves (a reordering can settle two at once) may go.
  const remaining = before.filter((f) => f !== own[0]).map((f) => f.code);
  for (const finding of await findings(fixed, settings)) {
    const at = remaining.indexOf(finding.code);
    assert.ok(at >= 0, `the fix introduced ${finding.code}: ${finding.message}\n${fixed}`);
    remaining.splice(at, 1);
  }
  return fixed;
}

export { dedent };
