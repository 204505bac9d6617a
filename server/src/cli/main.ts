// The `layerlint` command: one engine for the terminal, CI and pre-commit, and the language server for editors.
import { parseArgs } from 'node:util';
import { VERSION } from '../version';
import { check } from './check';
import { explain, rulesJson, rulesTable } from './rules';
import { styleFor } from './terminal';

const USAGE = `usage: layerlint <command> [OPTIONS]

Finds questionable BatchNormalization and Dropout placement in Keras models.

commands:
  check [PATHS...]     check files and folders (default: the current folder)
  rules                list the rules: code, name, default severity, fixable
  explain CODE         show a rule's documentation page
  server --stdio       start the language server (also --node-ipc, --socket=PORT, --pipe=NAME)

options:
  -V, --version        print the version
  -h, --help           show this help; 'layerlint <command> --help' shows a command's options
`;

const RULES_USAGE = `usage: layerlint rules [--format text|json]

Lists every rule with its code, name, default severity and the kinds of fix it offers (safe, unsafe or none).
`;

const EXPLAIN_USAGE = `usage: layerlint explain CODE

Prints the documentation page of a rule (e.g. layerlint explain LL101): what it finds, why it matters, and how to fix it.
`;

const SERVER_USAGE = `usage: layerlint server (--stdio | --node-ipc | --socket=PORT | --pipe=NAME)

Starts the Language Server Protocol server that editors talk to; --stdio is what most editors configure.
`;

const TRANSPORTS = /^--(stdio|node-ipc|socket=\d+|pipe=.+)$/;

/** Runs a command; the exit code, or undefined for the server, which runs until its client ends it. */
export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command !== 'server') quietWhenThePipeCloses();
  switch (command) {
    case 'check':
      return check(rest);
    case 'rules':
      return rules(rest);
    case 'explain':
      return explainCommand(rest);
    case 'server':
      if (rest.includes('--help') || rest.includes('-h')) return print(SERVER_USAGE);
      if (!rest.some((arg) => TRANSPORTS.test(arg))) return usageError('server', 'choose how to talk to the editor', SERVER_USAGE);
      startLanguageServer();
      return undefined;
    case '-V':
    case '--version':
      return print(`layerlint ${VERSION}\n`);
    case '-h':
    case '--help':
      return print(USAGE);
    case undefined:
      process.stderr.write(USAGE);
      return 2;
    default:
      return usageError(undefined, `unknown command '${command}'`, USAGE);
  }
}

/** The language server's modules are loaded for this command only: the others need not set them up. */
function startLanguageServer(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer }: typeof import('../lsp/server') = require('../lsp/server');
  startServer();
}

function rules(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return usageError('rules', (error as Error).message, RULES_USAGE);
  }
  if (values.help) return print(RULES_USAGE);
  const format = values.format ?? 'text';
  if (format === 'json') return print(rulesJson());
  if (format !== 'text') return usageError('rules', `--format: ${JSON.stringify(format)} is not one of text, json`, RULES_USAGE);
  return print(rulesTable(styleFor(process.stdout)));
}

function explainCommand(argv: string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) return print(EXPLAIN_USAGE);
  if (argv.length !== 1) return usageError('explain', 'give one rule code, e.g. layerlint explain LL101', EXPLAIN_USAGE);
  const page = explain(argv[0]);
  if ('error' in page) {
    process.stderr.write(`layerlint explain: ${page.error}\n`);
    return 2;
  }
  return print(page.text.endsWith('\n') ? page.text : `${page.text}\n`);
}

/** `layerlint check | head` closes the pipe early: the reader's choice, not a failure worth a stack trace. */
function quietWhenThePipeCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

function print(text: string): number {
  process.stdout.write(text);
  return 0;
}

function usageError(command: string | undefined, message: string, usage: string): number {
  process.stderr.write(`layerlint${command ? ` ${command}` : ''}: ${message}\n\n${usage}`);
  return 2;
}

