// Findings as LSP diagnostics.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl } from '../rules/registry';
import type { Finding, Severity, Span } from '../rules/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(document: TextDocument, span: Span) {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** What a diagnostic carries so that a code action finds its finding again without re-linting. */
export interface DiagnosticData {
  /** The document version the finding was computed for. */
  readonly version: number;
  /** Its index in that version's findings. */
  readonly index: number;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  const data = value as Partial<DiagnosticData> | null | undefined;
  return typeof data?.version === 'number' && typeof data.index === 'number';
}

export function toDiagnostic(document: TextDocument, finding: Finding, data: DiagnosticData): Diagnostic {
  return {
    range: rangeOf(document, finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocsUrl(finding.code) },
    source: 'layerlint',
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: document.uri, range: rangeOf(document, r.span) },
      message: r.message,
    })),
    data,
  };
}
