// Runs the enabled rules over one analysed module and returns their findings, in source order.
import type { ModuleAnalysis } from '../keras/analyze';
import type { LintConfig } from '../config/config';
import { RULES } from './registry';
import type { Finding } from './types';

export function lint(analysis: ModuleAnalysis, text: string, config: LintConfig): Finding[] {
  const findings: Finding[] = [];
  // A layer inside a helper is seen once per caller it is inlined into; report each place once.
  const seen = new Set<string>();
  for (const rule of RULES) {
    const setting = config.rules.get(rule.meta.code) ?? rule.meta.severity;
    if (setting === 'off') continue;
    rule.check({
      analysis,
      text,
      options: config.options,
      report: (finding) => {
        const key = `${rule.meta.code}:${finding.span.start}:${finding.span.end}:${finding.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({ ...finding, code: rule.meta.code, severity: setting });
      },
    });
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
