// `layerlint`: the command line. `server` starts the language server; `check` lints files.
import { readFileSync } from 'node:fs';
import { analyzeModule } from './keras/analyze';
import { DEFAULT_CONFIG } from './config/config';
import { createParser } from './parse/parser';
import { lint } from './rules/lint';
import { startServer } from './lsp/server';

const USAGE = `usage: layerlint <command>

commands:
  check FILE...     lint Python files and print the findings
  server --stdio    start the language server (also --node-ipc, --socket=PORT)
`;

async function check(paths: string[]): Promise<number> {
  const parser = await createParser();
  let total = 0;
  let failed = false;
  for (const file of paths) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`layerlint: ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      failed = true;
      continue;
    }
    const root = parser.parse(text).rootNode;
    const findings = lint(analyzeModule(root), text, DEFAULT_CONFIG, root);
    for (const finding of findings) {
      const before = text.slice(0, finding.span.start);
      const lineNo = before.split('\n').length;
      const column = finding.span.start - before.lastIndexOf('\n');
      process.stdout.write(`${file}:${lineNo}:${column}: ${finding.code} ${finding.message}\n`);
    }
    total += findings.length;
  }
  process.stdout.write(`${total} finding${total === 1 ? '' : 's'}\n`);
  return failed ? 2 : total > 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number | undefined> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'server':
      startServer();
      return undefined;
    case 'check':
      return check(rest);
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`layerlint: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`layerlint: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
