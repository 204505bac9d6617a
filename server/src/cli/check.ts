// `layerlint check`: find the files, check them, print the findings, and say with the exit code how it went.
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Severity } from '../rules/types';
import type { CheckSettings, FileJob, FixMode } from './engine';
import { discover } from './files';
import { FORMATS, formatFindings, summary, totals, type Format } from './format';
import { CheckPool } from './pool';
import { Progress } from './progress';
import { parseOverrides } from './selection';
import { styleFor } from './terminal';

export const CHECK_USAGE = `usage: layerlint check [OPTIONS] [PATHS...]

Checks Python files, and the Python files under folders (default: the current folder), for BatchNormalization
and Dropout placement problems. Folders skip what .gitignore and [tool.layerlint] exclude leave out, and .git,
virtual environments, node_modules, site-packages and caches. A file named explicitly is always checked.

options:
  --select CODES           run only these rules (codes or prefixes, comma-separated: LL101,LL2)
  --ignore CODES           do not run these rules
  --severity CODE=LEVEL    report a rule at this level: error, warning, information, hint, off (repeatable)
  --format FORMAT          text (default), json, sarif or github
  --fix                    apply safe fixes and write the files
  --unsafe-fixes           also apply (and count as fixable) fixes that change the model
  --diff                   print a unified diff of what --fix would change; write nothing
  --stdin-filename NAME    check standard input, reported as NAME (with --fix, print the fixed text)
  --fail-on LEVEL          lowest severity that fails the run: error, warning (default), information
  --no-progress            no progress line on the terminal
  -q, --quiet              print the findings only: no summary, no progress
  -h, --help               show this help

exit status: 0 no findings at or above --fail-on, 1 findings (with --diff: changes to apply), 2 usage,
configuration or file errors.
`;

const RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };
const FAIL_ON = ['error', 'warning', 'information', 'hint'] as const;

class UsageError extends Error {}

interface CheckCommand {
  readonly paths: string[];
  readonly format: Format;
  readonly settings: CheckSettings;
  readonly stdinFilename?: string;
  readonly failOn: Severity;
  readonly progress: boolean;
  readonly quiet: boolean;
}

function parseCheck(argv: string[]): CheckCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      select: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      severity: { type: 'string', multiple: true },
      format: { type: 'string' },
      fix: { type: 'boolean' },
      'unsafe-fixes': { type: 'boolean' },
      diff: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'fail-on': { type: 'string' },
      'no-progress': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const format = (values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format: ${JSON.stringify(values.format)} is not one of ${FORMATS.join(', ')}`);
  const failOn = (values['fail-on'] ?? 'warning') as Severity;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on: ${JSON.stringify(values['fail-on'])} is not one of ${FAIL_ON.join(', ')}`);
  const { overrides, problems } = parseOverrides(values.select, values.ignore ?? [], values.severity ?? []);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const stdinFilename = values['stdin-filename'];
  if (stdinFilename !== undefined && positionals.length > 0) {
    throw new UsageError('--stdin-filename checks standard input; give no paths with it');
  }
  const fix: FixMode = values.diff ? 'diff' : values.fix ? (stdinFilename !== undefined ? 'print' : 'write') : 'none';
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    settings: { overrides, fix, unsafeFixes: values['unsafe-fixes'] === true, details: format === 'json' || format === 'sarif' },
    stdinFilename,
    failOn,
    progress: !values['no-progress'] && !values.quiet,
    quiet: values.quiet === true,
  };
}

export async function check(argv: string[]): Promise<number> {
  let command: CheckCommand | 'help';
  try {
    command = parseCheck(argv);
  } catch (error) {
    // parseArgs and our own checks both describe the problem in their message.
    for (const line of (error as Error).message.split('\n')) process.stderr.write(`layerlint check: ${line}\n`);
    process.stderr.write("Run 'layerlint check --help' for the options.\n");
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(CHECK_USAGE);
    return 0;
  }
  const cwd = process.cwd();
  const errors: string[] = [];
  const pool = new CheckPool(command.settings);
  let jobs: FileJob[];
  if (command.stdinFilename !== undefined) {
    jobs = [{ path: resolve(cwd, command.stdinFilename), display: command.stdinFilename, text: await readStdin() }];
  } else {
    // The workers start while the folders are still being listed.
    const found = await discover(command.paths, cwd, (count) => pool.expect(count));
    errors.push(...found.errors);
    jobs = found.files.map((path) => ({ path, display: displayPath(path, cwd) }));
    jobs.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  }

  const progress = Progress.maybe(jobs.length, command.progress);
  const reports = await pool.check(jobs, (done) => progress?.update(done));
  progress?.done();

  // Every file under one pyproject.toml reports its problems; say each once.
  const problems = [...new Set([...errors, ...reports.flatMap((r) => r.errors)])];
  for (const problem of problems) process.stderr.write(`layerlint: error: ${problem}\n`);
  for (const note of reports.flatMap((r) => r.notes)) process.stderr.write(`layerlint: warning: ${note}\n`);

  // As ruff does: a path that holds no Python file to check is most likely a mistake, though not a failure.
  if (jobs.length === 0 && problems.length === 0 && !command.quiet) {
    process.stderr.write(`layerlint: warning: no Python files to check in ${command.paths.join(', ')}\n`);
  }
  const failed = problems.length > 0;
  const { settings } = command;
  if (settings.fix === 'diff') {
    process.stdout.write(reports.flatMap((r) => r.diff ?? []).join(''));
    if (!command.quiet) process.stderr.write(summary(totals(reports), 'diff', styleFor(process.stderr)));
    return failed ? 2 : reports.some((r) => r.diff) ? 1 : 0;
  }
  // With the fixed text on stdout, the findings that remain go to stderr.
  const out = settings.fix === 'print' ? process.stderr : process.stdout;
  if (settings.fix === 'print') process.stdout.write(reports.map((r) => r.output ?? '').join(''));
  const style = styleFor(out);
  out.write(formatFindings(command.format, reports, problems, style));
  if (command.format === 'text' && !command.quiet) out.write(summary(totals(reports), settings.fix, style, problems.length));
  if (failed) return 2;
  const threshold = RANK[command.failOn];
  return reports.some((r) => r.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
}

/** Relative to the working directory when inside it, as ruff and ESLint print paths; absolute otherwise. */
function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

