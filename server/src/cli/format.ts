// The reports of a run, printed in each output format. Every format lists files in path order and a file's findings
// in source order, so two runs over the same tree print the same bytes.
import { ruleDocsUrl } from '../rules/registry';
import type { Severity } from '../rules/types';
import type { FileReport, FindingReport, FixMode } from './engine';
import { sarifLog } from './sarif';
import type { Style } from './terminal';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Totals {
  readonly findings: number;
  readonly fixable: number;
  readonly unsafeFixable: number;
  readonly fixed: number;
  /** Files with a finding, fixed or remaining. */
  readonly files: number;
  readonly fixedFiles: number;
}

export function totals(reports: readonly FileReport[]): Totals {
  let findings = 0;
  let fixable = 0;
  let unsafeFixable = 0;
  let fixed = 0;
  let files = 0;
  let fixedFiles = 0;
  for (const report of reports) {
    findings += report.findings.length;
    fixable += report.findings.filter((f) => f.fixable).length;
    unsafeFixable += report.findings.filter((f) => f.unsafeFixable).length;
    fixed += report.fixed;
    if (report.findings.length > 0 || report.fixed > 0) files++;
    if (report.fixed > 0) fixedFiles++;
  }
  return { findings, fixable, unsafeFixable, fixed, files, fixedFiles };
}

/** `errors` are the run's problems; SARIF carries them in the log, the other formats leave them to stderr. */
export function formatFindings(format: Format, reports: readonly FileReport[], errors: readonly string[], style: Style): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reports.flatMap(jsonFindings), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarifLog(reports, errors), null, 2)}\n`;
    case 'github':
      return reports.flatMap((r) => r.findings.map((f) => githubAnnotation(r.display, f))).join('');
    default:
      return reports.flatMap((r) => r.findings.map((f) => textLine(r.display, f, style))).join('');
  }
}

const SEVERITY_STYLE: Record<Severity, keyof Style> = { error: 'red', warning: 'yellow', information: 'blue', hint: 'dim' };

/** `path:line:col: CODE [*] message`, the shape ruff and flake8 print and editors and terminals link;
 *  in a notebook `path:cell 3:line 2:col: …`. */
function textLine(display: string, finding: FindingReport, style: Style): string {
  const { line, column, cell } = finding.range.start;
  const code = style.bold(style[SEVERITY_STYLE[finding.severity]](finding.code));
  const fixable = finding.fixable ? `${style.cyan('[*]')} ` : '';
  const where = cell === undefined ? `${line}` : `cell ${cell}${style.dim(':')}line ${line}`;
  return `${style.bold(display)}${style.dim(':')}${where}${style.dim(':')}${column}${style.dim(':')} ${code} ${fixable}${finding.message}\n`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The closing lines of the text format. `errors`: how many problems the run printed on stderr. */
export function summary(t: Totals, mode: FixMode, style: Style, errors = 0): string {
  if (mode === 'diff') {
    return t.fixed === 0 ? 'No fixes to apply.\n' : `Would fix ${plural(t.fixed, 'finding')} in ${plural(t.fixedFiles, 'file')}.\n`;
  }
  const more = t.unsafeFixable > 0 ? `${t.unsafeFixable} more fixable with --unsafe-fixes.\n` : '';
  if (t.fixed > 0) {
    const total = t.fixed + t.findings;
    return `Found ${plural(total, 'finding')} (${t.fixed} fixed, ${t.findings} remaining) in ${plural(t.files, 'file')}.\n${more}`;
  }
  // A file that could not be read, or a configuration that could not be used, was not checked as asked.
  if (t.findings === 0 && errors > 0) return `No findings, but ${plural(errors, 'error')} (above).\n`;
  if (t.findings === 0) return style.green('All checks passed.') + '\n';
  const fixable = t.fixable > 0 ? ` (${t.fixable} fixable)` : '';
  return `Found ${plural(t.findings, 'finding')}${fixable} in ${plural(t.files, 'file')}.\n${more}`;
}

function jsonFindings(report: FileReport) {
  return report.findings.map((f) => ({
    file: report.display,
    range: f.range,
    code: f.code,
    severity: f.severity,
    message: f.message,
    url: ruleDocsUrl(f.code),
    related: f.related,
    fixes: f.fixes.map((fix) => ({ title: fix.title, applicability: fix.applicability, preferred: fix.preferred, edits: fix.edits })),
  }));
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** A workflow command (docs.github.com, "Workflow commands for GitHub Actions"), escaped as the runner decodes it. */
function githubAnnotation(display: string, f: FindingReport): string {
  const property = (value: string) => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const { start, end } = f.range;
  const fields = [
    `file=${property(display)}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${property(start.cell === undefined ? f.code : `${f.code} (cell ${start.cell})`)}`,
  ];
  return `::${GITHUB_LEVEL[f.severity]} ${fields.join(',')}::${escapeData(f.message)}\n`;
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
