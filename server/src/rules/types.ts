// What a rule is and what it returns. Ranges are offsets into the analysed text (UTF-16 code units);
// the LSP and CLI layers turn them into line/column positions of their own documents.
import type { ModuleAnalysis } from '../keras/analyze';
import type { LintOptions } from '../config/config';
import type { SharedLayers } from '../fixes/shared';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit extends Span {
  readonly newText: string;
}

/** Safe fixes keep the function the model computes; unsafe ones change the model (usually the point). */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  readonly title: string;
  readonly applicability: Applicability;
  readonly preferred?: boolean;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related: readonly RelatedInformation[];
  readonly fixes: readonly Fix[];
}

export interface RuleMeta {
  readonly code: string;
  /** kebab-case name, as in the rule catalog. */
  readonly name: string;
  readonly severity: Severity;
  /** One line, for `layerlint rules` and the docs index. */
  readonly summary: string;
  /** The applicability of each fix the rule can offer; empty when it offers none. */
  readonly fixes: readonly Applicability[];
}

/** What a rule reports. Its fixes are computed only for a finding not reported before (a layer in a helper is found
 *  again in each caller the helper is inlined into, and its fixes would be the same edits every time), and only when
 *  the finding's fixes are first read (see lint.ts). */
export type Report = Omit<Finding, 'code' | 'severity' | 'fixes'> & { readonly fixes?: () => readonly Fix[] };

export interface RuleContext {
  readonly analysis: ModuleAnalysis;
  readonly text: string;
  readonly options: LintOptions;
  report(finding: Report): void;
  /** Which layer objects of the analysis are applied more than once: worked out when a fix first asks, once for all
   *  the rules of the run. */
  sharedLayers(): SharedLayers;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}
