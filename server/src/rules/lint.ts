// Runs the enabled rules over one analysed module and returns their findings, in source order, without the
// ones a `# noqa` or `# layerlint: disable` comment suppresses.
import type { ModuleAnalysis } from '../keras/analyze';
import { ruleSetting, type LintConfig } from '../config/config';
import { findSuppressions, type Suppressions } from '../config/suppression';
import { SharedLayers } from '../fixes/shared';
import type { SyntaxNode } from '../parse/tree';
import { RULES } from './registry';
import { isMarked, markingLines, word } from './messages';
import type { Finding, Fix, RuleContext, Severity, Span, TextEdit } from './types';

const NO_FIXES: readonly Fix[] = Object.freeze([]);

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
  /** The nodes whose lines the messages of this run name. */
  const nodes: SyntaxNode[] = [];
  let code = '';
  let severity: Severity = 'warning';
  let shared: SharedLayers | undefined;
  // One context for all rules: each reports while its own check runs, under the code and severity set for it.
  const context: RuleContext = {
    analysis,
    text,
    options: config.options,
    report: (report) => {
      const { span } = report;
      // The message first: a finding reported before is known by it, and its related messages need no wording.
      const messageMarked = isMarked(report.message);
      const message = messageMarked ? word({ marked: report.message, nodes }) : report.message;
      const here = seen.get(span.start);
      if (here?.some((f) => f.code === code && f.span.end === span.end && f.message === message)) return;
      const linesNamed = messageMarked || report.related.some((r) => isMarked(r.message));
      const wording = linesNamed ? { marked: [report.message, ...report.related.map((r) => r.message)], nodes } : undefined;
      const related = wording ? report.related.map((r) => ({ span: r.span, message: word({ marked: r.message, nodes }) })) : report.related;
      const finding = new ReportedFinding(code, severity, span, message, related, report.fixes ?? NO_FIXES, wording);
      if (here) here.push(finding);
      else seen.set(span.start, [finding]);
      findings.push(finding);
    },
    sharedLayers: () => (shared ??= new SharedLayers(analysis.graphs)),
  };
  markingLines(nodes, () => {
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
  });
  return findings.sort(inSourceOrder);
}

/**
 * A finding as a lint run reports it, its fixes worked out when first read, once: the editor shows a file's findings
 * as soon as they are found and needs the fixes of one only when the user asks for its quick fixes (`layerlint
 * check` reads them all). They must be read before the text or the nodes they were found in change: see
 * `resolveFixes`. A fix that throws costs that finding its fixes, not the rule its other findings.
 *
 * A class, for its getters on the prototype: a getter per finding (an object literal's `get`) gave every finding a
 * hidden class of its own, whose map in the old generation kept the file's analysis alive past young collections;
 * defining properties on each finding (a shared getter, the wording hidden from comparisons) cost 0.7 µs apiece.
 */
class ReportedFinding implements Finding {
  /** The fixes, or the rule's function that works them out until they are first read. */
  #fixes: readonly Fix[] | (() => readonly Fix[]);
  /** How the messages were worded, lines marked, when they name lines (not part of the finding's value). */
  readonly #wording: FindingWording | undefined;

  constructor(
    readonly code: string,
    readonly severity: Severity,
    readonly span: Span,
    readonly message: string,
    readonly related: Finding['related'],
    fixes: readonly Fix[] | (() => readonly Fix[]),
    wording: FindingWording | undefined,
  ) {
    this.#fixes = fixes;
    this.#wording = wording;
  }

  get wording(): FindingWording | undefined {
    return this.#wording;
  }

  get fixes(): readonly Fix[] {
    const fixes = this.#fixes;
    if (typeof fixes !== 'function') return fixes;
    // Once known, the rule's function goes: it holds the text and the analysis of its version.
    return (this.#fixes = workedOutFixes(this.code, fixes));
  }
}

/** What the rule's `compute` gives, or no fixes when it throws (logged). */
function workedOutFixes(code: string, compute: () => readonly Fix[]): readonly Fix[] {
  try {
    return compute();
  } catch (error) {
    console.error(`layerlint: the fixes of a ${code} finding failed: ${(error as Error).stack ?? error}`);
    return NO_FIXES;
  }
}

/** Works out the fixes of `findings` not read yet, while the text and the syntax nodes they were found in are still
 *  current: an edit moves nodes that the next version of the document keeps. */
export function resolveFixes(findings: readonly Finding[]): void {
  for (const finding of findings) void finding.fixes;
}

/** How a finding's message and related messages were worded, lines marked; kept by findings that name lines. */
interface FindingWording {
  readonly marked: readonly string[];
  readonly nodes: readonly SyntaxNode[];
}

/** A finding's message and related messages, each mark replaced by the line its node starts on now. */
function worded({ marked, nodes }: FindingWording): string[] {
  return marked.map((text) => word({ marked: text, nodes }));
}

/** `finding` with its offsets moved by `move` and, if `linesMoved`, the lines its messages name worded anew: for a
 *  finding kept across an edit, whose nodes moved with the text. */
export function movedFinding(finding: Finding, move: (offset: number) => number, linesMoved: boolean): Finding {
  const kept = finding instanceof ReportedFinding ? finding.wording : undefined;
  const words = linesMoved && kept ? worded(kept) : undefined;
  const message = words ? words[0] : finding.message;
  // Spans and edits are made afresh in their own two shapes: a spread of objects of several shapes is slow.
  const span = (at: Span): Span => ({ start: move(at.start), end: move(at.end) });
  const edit = (at: TextEdit): TextEdit => ({ start: move(at.start), end: move(at.end), newText: at.newText });
  const related = finding.related.length === 0 ? finding.related : finding.related.map((r, i) => ({ span: span(r.span), message: words ? words[i + 1] : r.message }));
  const fixes = finding.fixes.length === 0 ? finding.fixes : finding.fixes.map((fix): Fix => ({ ...fix, edits: fix.edits.map(edit) }));
  return new ReportedFinding(finding.code, finding.severity, span(finding.span), message, related, fixes, kept);
}

/** Calls `visit` with every span of `finding`: its own, its related locations', its fixes' edits'. */
export function forEachSpan(finding: Finding, visit: (span: Span) => void): void {
  visit(finding.span);
  for (const related of finding.related) visit(related.span);
  for (const fix of finding.fixes) fix.edits.forEach(visit);
}

/** By start offset, then by code (ASCII: no locale-aware comparison needed). */
export function inSourceOrder(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
