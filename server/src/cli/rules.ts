// `layerlint rules` (the rule table) and `layerlint explain CODE` (a rule's documentation page).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RULES, ruleByCode, ruleDocsUrl } from '../rules/registry';
import type { RuleMeta } from '../rules/types';
import type { Style } from './terminal';

/** Fix applicabilities as the table shows them: `safe`, `unsafe`, `safe, unsafe`, or `-` for none. */
function fixable(meta: RuleMeta): string {
  const kinds = [...new Set(meta.fixes)].sort();
  return kinds.length > 0 ? kinds.join(', ') : '-';
}

export function rulesTable(style: Style): string {
  const header = ['code', 'name', 'severity', 'fixable'];
  const rows = RULES.map(({ meta }) => [meta.code, meta.name, meta.severity, fixable(meta)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  return [style.bold(line(header)), ...rows.map(line)].join('\n') + '\n';
}

export function rulesJson(): string {
  const rules = RULES.map(({ meta }) => ({
    code: meta.code,
    name: meta.name,
    severity: meta.severity,
    summary: meta.summary,
    fixes: [...meta.fixes],
    url: ruleDocsUrl(meta.code),
  }));
  return `${JSON.stringify(rules, null, 2)}\n`;
}

/** The folder with layerlint's package.json: above dist/ when bundled, above out/server/src/cli/ when compiled. */
export function packageRoot(from: string = __dirname): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'layerlint') return folder;
      } catch {
        // not a readable manifest: keep looking above
      }
    }
    if (dirname(folder) === folder) return undefined;
  }
}

/** The rule's page, or the reason it cannot be shown. */
export function explain(code: string): { text: string } | { error: string } {
  const rule = ruleByCode(code.trim());
  if (!rule) return { error: `unknown rule '${code}' (run \`layerlint rules\` for the list)` };
  const root = packageRoot();
  const page = root && join(root, 'docs', 'rules', `${rule.meta.code}.md`);
  if (!page || !existsSync(page)) return { error: `${rule.meta.code}: its documentation page is missing from this installation (see ${ruleDocsUrl(rule.meta.code)})` };
  return { text: readFileSync(page, 'utf8') };
}
