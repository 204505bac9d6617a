// Linting a text with a configuration, for the CLI's checks and fix rounds.
import type { LintConfig } from '../config/config';
import type { Linted } from '../fixes/fixAll';
import { analyzeModule } from '../keras/analyze';
import type { PythonParser, SyntaxNode } from '../parse/tree';
import { lint } from '../rules/lint';

/** Lints `text`, parsing it unless its tree (`root`) was parsed ahead. */
export type Linter = (text: string, root?: SyntaxNode) => Linted & { readonly findings: ReturnType<typeof lint> };

export function linter(parser: PythonParser, config: LintConfig): Linter {
  return (text, root = parser.parseRoot(text)) => ({ findings: lint(analyzeModule(root), text, config, root), hasError: root.hasError });
}
