// Runs the enabled rules over one analysed module and returns their findings, in source order, without the
// ones a `# noqa` or `# layerlint: disable` comment suppresses.
import type { ModuleAnalysis } from '../keras/analyze';
import { ruleSetting, type LintConfig } from '../config/config';
import { findSuppressions, type Suppressions } from '../config/suppression';
import type { SyntaxNode } from '../parse/tree';
import { RULES } from './registry';
import type { Finding, RuleContext, Severity } from './types';

export function lint(analysis: ModuleAnalysis, text: string, config: LintConfig, root: SyntaxNode): Finding[] {
  return unsuppressed(findingsOf(analysis, text, config), findSuppressions(root, text));
}

/** The findings the `# noqa` and `# layerlint: disable` comments leave. */
export function unsuppressed(findings: readonly Finding[], suppressions: Suppressions): Finding[] {
  return findings.filter((finding) => !suppressions.suppresses(finding.code, finding.span.start));
}

/** Every finding of the enabled rules (of those in `only`, if given), suppressed or not, in source order. */
export function findingsOf(analysis: ModuleAnalysis, text: string, config: LintConfig, only?: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  // A layer inside a helper is seen once per caller it is inlined into; report each place once. By start offset:
  // the few findings that start at one place are compared in full.
  const seen = new Map<number, Finding[]>();
  let code = '';
  let severity: Severity = 'warning';
  // One context for all rules: each reports while its own check runs, under the code and severity set for it.
  const context: RuleContext = {
    analysis,
    text,
    options: config.options,
    report: (report) => {
      const { span, message } = report;
      const here = seen.get(span.start);
      if (here?.some((f) => f.code === code && f.span.end === span.end && f.message === message)) return;
      const finding: Finding = { span, message, related: report.related, fixes: report.fixes, code, severity };
      if (here) here.push(finding);
      else seen.set(span.start, [finding]);
      findings.push(finding);
    },
  };
  for (const rule of RULES) {
    const setting = ruleSetting(config, rule.meta);
    if (setting === 'off' || (only && !only.has(rule.meta.code))) continue;
    code = rule.meta.code;
    severity = setting;
    try {
      rule.check(context);
    } catch (error) {
      // One rule tripping over an input it did not foresee must not cost the findings of the others.
      console.error(`layerlint: rule ${rule.meta.code} failed: ${(error as Error).stack ?? error}`);
    }
  }
  return findings.sort(inSourceOrder);
}

/** By start offset, then by code (ASCII: no locale-aware comparison needed). */
export function inSourceOrder(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
