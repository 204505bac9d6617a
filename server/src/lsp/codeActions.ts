// Code actions: the quick fixes a finding carries, suppressing it with `# noqa`, opening its rule page, and
// `source.fixAll.layerlint`. Quick fixes come from the findings stored for the version the diagnostic was
// published for, so answering never re-lints the document; only fix-all re-analyses its own intermediate text.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits } from '../fixes/apply';
import { fixAll as applyAllFixes, type Editable, type Linted } from '../fixes/fixAll';
import type { SyntaxNode } from '../parse/tree';
import type { Finding, TextEdit } from '../rules/types';
import { noqaDirective } from '../config/suppression';
import { isDiagnosticData } from './diagnostics';
import type { Analysis } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerlint`;
export const SHOW_RULE_DOCS_COMMAND = 'layerlint.showRuleDocs';

export interface CodeActionInput {
  /** The analysed text: a document's, or a notebook's code cells joined. */
  readonly text: string;
  readonly root: SyntaxNode;
  /** The analysis of the document's current version. */
  readonly analysis: Analysis;
  readonly diagnostics: readonly Diagnostic[];
  readonly only: readonly string[] | undefined;
  readonly fixAllUnsafe: boolean;
  /** Findings of a text that is not the document (a fix-all round); absent where fix-all is not offered. */
  readonly reanalyze?: (text: string) => Linted;
  /** Edits of the analysed text as a workspace edit, or undefined when they cannot be applied (across notebook cells). */
  readonly workspaceEdit: (edits: readonly TextEdit[]) => WorkspaceEdit | undefined;
  /** The 0-based line of the analysed text a diagnostic starts on. */
  readonly lineOf: (diagnostic: Diagnostic) => number | undefined;
}

/** Edits of a text document, versioned when the client takes `documentChanges` (it then refuses them on a newer version). */
export function documentEdit(document: TextDocument, versioned: boolean, edits: readonly TextEdit[]): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = edits.map((e) => ({
    range: { start: document.positionAt(e.start), end: document.positionAt(e.end) },
    newText: e.newText,
  }));
  return versioned
    ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] }
    : { changes: { [document.uri]: lspEdits } };
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The finding a diagnostic was made from, when the diagnostic belongs to the analysed version. */
function findingOf(analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
  const { data } = diagnostic;
  if (!isDiagnosticData(data) || data.version !== analysis.version) return undefined;
  const finding = analysis.findings[data.index];
  return finding?.code === diagnostic.code ? finding : undefined;
}

/** Innermost node of one of `types` that covers `offset`. */
function enclosing(root: SyntaxNode, offset: number, types: readonly string[]): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset, offset + 1); node; node = node.parent) {
    if (types.includes(node.type)) return node;
  }
  return undefined;
}

/** The edit that adds `code` to the `# noqa` of `line` (0-based), or undefined when no comment can go there. */
export function suppressEdit(root: SyntaxNode, text: string, line: number, code: string): TextEdit | undefined {
  let lineStart = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0) return undefined;
    lineStart = next + 1;
  }
  const newline = text.indexOf('\n', lineStart);
  const lineText = text.slice(lineStart, newline < 0 ? text.length : newline).trimEnd();
  const end = lineStart + lineText.length;
  // A comment cannot follow a line continuation, and text appended inside a multi-line string is not a comment.
  if (lineText.trim() === '' || lineText.endsWith('\\')) return undefined;
  const node = enclosing(root, end - 1, ['comment', 'string']);
  if (node?.type === 'string') return node.endIndex > end ? undefined : { start: end, end, newText: `  # noqa: ${code}` };
  if (node?.type !== 'comment') return { start: end, end, newText: `  # noqa: ${code}` };
  const directive = noqaDirective(node.text);
  if (!directive) return { start: end, end, newText: `  # noqa: ${code}` };
  // A bare `# noqa` already silences everything on the line.
  if (directive.codes === 'all' || directive.codes.has(code)) return undefined;
  const at = node.startIndex + directive.end;
  return { start: at, end: at, newText: `, ${code}` };
}

function quickFixes(input: CodeActionInput): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of input.diagnostics) {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (diagnostic.source !== 'layerlint' || !code) continue;
    for (const fix of findingOf(input.analysis, diagnostic)?.fixes ?? []) {
      const edit = input.workspaceEdit(fix.edits);
      if (!edit) continue;
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred === true, edit });
    }
    const line = input.lineOf(diagnostic);
    const suppress = line === undefined ? undefined : suppressEdit(input.root, input.text, line, code);
    const suppressing = suppress && input.workspaceEdit([suppress]);
    if (suppressing) {
      actions.push({ title: `Suppress ${code} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: suppressing });
    }
    actions.push({
      title: `Show documentation for ${code}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: `Show documentation for ${code}`, command: SHOW_RULE_DOCS_COMMAND, arguments: [code] },
    });
  }
  return actions;
}

interface PlainText extends Editable<PlainText> {}

function plainText(text: string): PlainText {
  return { text, withEdits: (edits) => plainText(applyEdits(text, edits)) };
}

/** One edit covering only the span where `before` and `after` differ, so the rest of the buffer (and the cursor) stays put. */
function difference(before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

function fixAll(input: CodeActionInput): CodeAction[] {
  if (!input.reanalyze) return [];
  const before = input.text;
  // The same rounds as `layerlint check --fix`, starting from the findings already stored for this version.
  const first = { findings: input.analysis.findings, hasError: input.root.hasError };
  const after = applyAllFixes(plainText(before), input.reanalyze, input.fixAllUnsafe, first).source.text;
  const edit = after === before ? undefined : input.workspaceEdit([difference(before, after)]);
  if (!edit) return [];
  const title = input.fixAllUnsafe ? 'Fix all layerlint problems (including unsafe fixes)' : 'Fix all safely fixable layerlint problems';
  return [{ title, kind: FIX_ALL_KIND, edit }];
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  return [
    ...(wanted(CodeActionKind.QuickFix, input.only) ? quickFixes(input) : []),
    ...(wanted(FIX_ALL_KIND, input.only) && input.only !== undefined ? fixAll(input) : []),
  ];
}
