// Linting a text with a configuration, for the CLI's checks and fix rounds.
import type { LintConfig } from '../config/config';
import type { Linted } from '../fixes/fixAll';
import { analyzeModule } from '../keras/analyze';
import type { PythonParser } from '../parse/tree';
import { lint } from '../rules/lint';

export type Linter = (text: string) => Linted & { readonly findings: ReturnType<typeof lint> };

export function linter(parser: PythonParser, config: LintConfig): Linter {
  return (text) => {
    const root = parser.parseRoot(text);
    return { findings: lint(analyzeModule(root), text, config, root), hasError: root.hasError };
  };
}
