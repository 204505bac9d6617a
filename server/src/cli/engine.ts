// Checking one file, the unit of work the CLI runs in its own thread or in a worker: read it, lint it, compute and
// (with --fix) write the fixes, and return everything the report needs as plain data.
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { configForFile } from '../config/resolve';
import { unifiedDiff } from './diff';
import { fixAll, fixToApply } from '../fixes/fixAll';
import { linter, type Linter } from './fixer';
import type { Range } from './positions';
import { applyOverrides, type RuleOverrides } from './selection';
import { readSource, sourceFromText, type Source } from './source';
import type { Applicability, Finding, Severity } from '../rules/types';
import type { PythonParser, SyntaxNode } from '../parse/tree';

/** none: report only; write: fix files in place; diff: show what would change; print: fixed text to stdout (stdin). */
export type FixMode = 'none' | 'write' | 'diff' | 'print';

export interface CheckSettings {
  readonly overrides: RuleOverrides;
  readonly fix: FixMode;
  readonly unsafeFixes: boolean;
  /** Findings carry their fixes and related locations (the json and sarif formats print them; the others would only
   *  pay to copy them from the worker threads). */
  readonly details: boolean;
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

/** Files are parsed together (see PythonParser.parseAhead) in runs of up to this many files and this much text: in
 *  the bench's corpus (files of some 6,000 characters) runs of 4 files gained little, of 16 most of the benefit, of
 *  64 some 0.02× of the parse more than 32, of 128 no more; the records kept for a run stay a few megabytes. */
export const RUN_FILES = 64;
const RUN_TEXT = 512 * 1024;

/** Where each run of texts to parse together ends, given the texts' lengths: at least one text a run. */
export function runEnds(lengths: readonly number[]): number[] {
  const ends: number[] = [];
  for (let end = 0; end < lengths.length; ) {
    const first = end;
    for (let size = 0; end < lengths.length && end - first < RUN_FILES && (end === first || size + lengths[end] <= RUN_TEXT); end++) size += lengths[end];
    ends.push(end);
  }
  return ends;
}

/** Checks files one after another in one thread. A run has one configuration per folder, so it is looked up once. */
export class FileChecker {
  private readonly folders = new Map<string, { lint: Linter; problems: string[] }>();

  constructor(
    private readonly parser: PythonParser,
    private readonly settings: CheckSettings,
  ) {}

  /**
   * Checks `jobs` in order, handing each report to `done` as it is made; `starting` is told which job is in hand.
   * The files are read first, and their texts parsed together in runs (see runEnds) before the runs' files are
   * analysed. A failure of layerlint itself becomes an error line for that file, never the end of the run.
   */
  async checkBatch(jobs: readonly FileJob[], starting: (index: number) => void, done: (index: number, report: FileReport) => void): Promise<void> {
    const sources = jobs.map(readJob);
    let first = 0;
    for (const end of runEnds(sources.map((source) => (typeof source === 'string' ? 0 : source.text.length)))) {
      starting(first);
      const readable = sources.slice(first, end).filter((source): source is Source => typeof source !== 'string');
      let copies: Array<() => SyntaxNode> | undefined;
      try {
        copies = this.parser.parseAhead(readable.map((source) => source.text));
      } catch (error) {
        // Each file is then parsed on its own, and a failure there is that file's.
        console.error(`layerlint: parsing ${readable.length} files ahead failed (${(error as Error).message}); parsing them one by one`);
      }
      for (let index = first, copied = 0; index < end; index++) {
        starting(index);
        const source = sources[index];
        if (typeof source === 'string') {
          done(index, this.unreadable(jobs[index], source));
          continue;
        }
        const copy = copies?.[copied++];
        done(index, await this.checkRead(jobs[index], source, copy));
      }
      first = end;
    }
  }

  /** `copy`: makes the text's tree, when it was parsed ahead. */
  private async checkRead(job: FileJob, source: Source, copy: (() => SyntaxNode) | undefined): Promise<FileReport> {
    try {
      return await checkSource(job, source, copy?.(), this.linterFor(job.path), this.settings);
    } catch (error) {
      return failedReport(job, `internal error while checking it: ${(error as Error).message ?? error}`);
    }
  }

  /** The report of a file that could not be read, with the problems of its folder's configuration. */
  private unreadable(job: FileJob, problem: string): FileReport {
    try {
      return emptyReport(job, [...this.linterFor(job.path).problems, `${job.display}: ${problem}`]);
    } catch (error) {
      return failedReport(job, `internal error while checking it: ${(error as Error).message ?? error}`);
    }
  }

  private linterFor(path: string): { lint: Linter; problems: string[] } {
    const folder = dirname(path);
    let found = this.folders.get(folder);
    if (!found) {
      const { config, problems } = configForFile(path, undefined);
      found = { lint: linter(this.parser, applyOverrides(config, this.settings.overrides)), problems };
      this.folders.set(folder, found);
    }
    return found;
  }
}

export function failedReport(job: FileJob, problem: string): FileReport {
  return emptyReport(job, [`${job.display}: ${problem}`]);
}

function emptyReport(job: FileJob, errors: string[]): FileReport {
  return { path: job.path, display: job.display, findings: [], fixed: 0, errors, notes: [] };
}

/** The job's content, or why it cannot be read. */
function readJob(job: FileJob): Source | string {
  try {
    return job.text !== undefined ? sourceFromText(job.path, job.text) : readSource(job.path);
  } catch (error) {
    return ioProblem(error);
  }
}

async function checkSource(
  job: FileJob,
  source: Source,
  root: SyntaxNode | undefined,
  { lint: lintText, problems: errors }: { lint: Linter; problems: string[] },
  settings: CheckSettings,
): Promise<FileReport> {
  const first = lintText(source.text, root);
  const result = settings.fix !== 'none' ? fixAll(source, lintText, settings.unsafeFixes, first) : { source, fixed: 0, findings: first.findings, notes: [] };
  const notes = result.notes.map((note) => `${job.display}: ${note}`);
  const report = {
    path: job.path,
    display: job.display,
    findings: describe(result.source, result.findings, settings),
    fixed: result.fixed,
    errors,
    notes,
  };
  if (settings.fix === 'none') return report;
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
          findings: describe(source, unchanged, settings),
          fixed: 0,
          errors: [...errors, `${job.display}: could not write the fixes: ${ioProblem(error)}`],
        };
      }
  }
}

function describe(lines: Source, findings: readonly Finding[], { unsafeFixes, details }: CheckSettings): FindingReport[] {
  return findings.map((finding) => {
    const preferred = finding.fixes.find((f) => f.preferred);
    return {
      code: finding.code,
      severity: finding.severity,
      message: lines.relabel(finding.message),
      range: lines.range(finding.span),
      related: !details ? [] : finding.related.map((r) => ({ range: lines.range(r.span), message: lines.relabel(r.message) })),
      fixes: !details ? [] : finding.fixes.map((fix) => ({
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
