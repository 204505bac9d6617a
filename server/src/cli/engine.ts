// Checking one file, the unit of work the CLI runs in its own thread or in a worker: read it, lint it, compute and
// (with --fix) write the fixes, and return everything the report needs as plain data.
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { configForFile } from '../config/resolve';
import { unifiedDiff } from './diff';
import { fixAll, fixToApply } from '../fixes/fixAll';
import { linter } from './fixer';
import type { Range } from './positions';
import { applyOverrides, type RuleOverrides } from './selection';
import { readSource, sourceFromText, type Source } from './source';
import type { Applicability, Finding, Severity } from '../rules/types';
import type { PythonParser } from '../parse/tree';

/** none: report only; write: fix files in place; diff: show what would change; print: fixed text to stdout (stdin). */
export type FixMode = 'none' | 'write' | 'diff' | 'print';

export interface CheckSettings {
  readonly overrides: RuleOverrides;
  readonly fix: FixMode;
  readonly unsafeFixes: boolean;
}

export interface FileJob {
  /** Absolute path: where the file is read and written, and where its configuration is looked up. */
  readonly path: string;
  /** How the report names the file. */
  readonly display: string;
  /** The text to check instead of reading `path` (standard input). */
  readonly text?: string;
}

export interface EditReport {
  readonly range: Range;
  readonly newText: string;
}

export interface FixReport {
  readonly title: string;
  readonly applicability: Applicability;
  readonly preferred: boolean;
  readonly edits: readonly EditReport[];
}

export interface FindingReport {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly related: ReadonlyArray<{ readonly range: Range; readonly message: string }>;
  readonly fixes: readonly FixReport[];
  /** `--fix` would fix it (with `--unsafe-fixes` as given). */
  readonly fixable: boolean;
  /** Only `--unsafe-fixes` would fix it. */
  readonly unsafeFixable: boolean;
}

export interface FileReport {
  readonly path: string;
  readonly display: string;
  /** What remains after fixing (or everything, without --fix); positions are in the file as it now is. */
  readonly findings: readonly FindingReport[];
  /** Findings fixed, or that would be fixed with --diff. */
  readonly fixed: number;
  readonly diff?: string;
  /** The whole fixed content, for `--stdin-filename … --fix`. */
  readonly output?: string;
  /** Problems that make the run fail (exit 2): unreadable file, failed write, invalid configuration. */
  readonly errors: readonly string[];
  /** Things the user should know that do not fail the run (a fix left out because it would not parse). */
  readonly notes: readonly string[];
}

/** Checks one file; a failure of layerlint itself becomes an error line for that file, never the end of the run. */
export async function checkFile(job: FileJob, parser: PythonParser, settings: CheckSettings): Promise<FileReport> {
  try {
    return await checkSource(job, parser, settings);
  } catch (error) {
    return failedReport(job, `internal error while checking it: ${(error as Error).message ?? error}`);
  }
}

export function failedReport(job: FileJob, problem: string): FileReport {
  return emptyReport(job, [`${job.display}: ${problem}`]);
}

function emptyReport(job: FileJob, errors: string[]): FileReport {
  return { path: job.path, display: job.display, findings: [], fixed: 0, errors, notes: [] };
}

async function checkSource(job: FileJob, parser: PythonParser, settings: CheckSettings): Promise<FileReport> {
  const { config, problems: errors } = configForFile(job.path, undefined);
  let source: Source;
  try {
    source = job.text !== undefined ? sourceFromText(job.path, job.text) : await readSource(job.path);
  } catch (error) {
    return emptyReport(job, [...errors, `${job.display}: ${ioProblem(error)}`]);
  }

  const lintText = linter(parser, applyOverrides(config, settings.overrides));
  const result =
    settings.fix !== 'none'
      ? fixAll(source, lintText, settings.unsafeFixes)
      : { source, fixed: 0, findings: lintText(source.text).findings, notes: [] };
  const notes = result.notes.map((note) => `${job.display}: ${note}`);
  const report = {
    path: job.path,
    display: job.display,
    findings: describe(result.source, result.findings, settings.unsafeFixes),
    fixed: result.fixed,
    errors,
    notes,
  };
  const before = source.render();
  const after = result.source.render();
  switch (settings.fix) {
    case 'diff':
      return after !== before ? { ...report, diff: unifiedDiff(job.display, before, after) } : report;
    case 'print':
      return { ...report, output: after };
    case 'write':
      if (after === before) return report;
      try {
        await writeAtomically(job.path, after);
        return report;
      } catch (error) {
        // Nothing was written: report the findings of the file as it still is.
        const unchanged = lintText(source.text).findings;
        return {
          ...report,
          findings: describe(source, unchanged, settings.unsafeFixes),
          fixed: 0,
          errors: [...errors, `${job.display}: could not write the fixes: ${ioProblem(error)}`],
        };
      }
    default:
      return report;
  }
}

function describe(lines: Source, findings: readonly Finding[], unsafeFixes: boolean): FindingReport[] {
  return findings.map((finding) => {
    const preferred = finding.fixes.find((f) => f.preferred);
    return {
      code: finding.code,
      severity: finding.severity,
      message: lines.relabel(finding.message),
      range: lines.range(finding.span),
      related: finding.related.map((r) => ({ range: lines.range(r.span), message: lines.relabel(r.message) })),
      fixes: finding.fixes.map((fix) => ({
        title: fix.title,
        applicability: fix.applicability,
        preferred: fix.preferred === true,
        edits: fix.edits.map((edit) => ({ range: lines.range(edit), newText: edit.newText })),
      })),
      fixable: fixToApply(finding, unsafeFixes) !== undefined,
      unsafeFixable: !unsafeFixes && preferred?.applicability === 'unsafe',
    };
  });
}

/** Writes beside the file and renames over it, so a reader never sees half a file and a failure leaves the original. */
async function writeAtomically(path: string, content: string): Promise<void> {
  // Through a symbolic link, the file it points to is what changes; the link stays a link.
  const target = await realpath(path);
  const { mode } = await stat(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}-${threadId}.layerlint-tmp`);
  try {
    await writeFile(temporary, content, { mode });
    await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

const IO_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
};

/** One line saying what went wrong with a file, without a stack trace. */
export function ioProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return (code && IO_MESSAGES[code]) ?? (error as Error).message ?? String(error);
}
