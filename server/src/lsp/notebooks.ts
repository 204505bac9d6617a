// Jupyter notebooks over LSP notebook sync: the Python code cells of a notebook, in order, are analysed as one
// module (a model is often built across cells), and every position is mapped between the joined text and the cell
// it belongs to, so diagnostics, hovers, quick fixes and symbols land in the right cell.
import {
  NotebookCellKind,
  NotebookDocuments,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type NotebookDocument,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintConfig } from '../config/config';
import { editsInCells, joinCells, locateInCell, offsetInJoined, relabelLines, type CodeCell, type JoinedNotebook } from '../parse/notebook';
import type { PythonParser, SyntaxNode } from '../parse/tree';
import type { Span, TextEdit } from '../rules/types';
import { toDiagnostic } from './diagnostics';
import { analyzeText, type Analysis } from './documents';

/** One analysed state of a notebook. */
export interface NotebookView {
  readonly uri: string;
  readonly joined: JoinedNotebook;
  /** The analysed cells' documents, parallel to `joined.cells`. */
  readonly cells: readonly TextDocument[];
  /** The joined text as a document, for the features that work on one. */
  readonly document: TextDocument;
  readonly root: SyntaxNode;
  readonly analysis: Analysis;
}

export class NotebookStore {
  readonly documents = new NotebookDocuments(TextDocument);
  private readonly views = new Map<string, { key: string; config: LintConfig; view: NotebookView }>();
  /** Cells that have diagnostics published, per notebook, so that cells removed later can be cleared. */
  private readonly published = new Map<string, Set<string>>();
  private analyses = 0;
  private readonly open = new Set<string>();

  listen(connection: Connection): void {
    this.documents.listen(connection);
    this.documents.onDidOpen((notebook) => this.open.add(notebook.uri));
    this.documents.onDidClose((notebook) => this.open.delete(notebook.uri));
  }

  uris(): string[] {
    return [...this.open];
  }

  /** The notebook a cell document belongs to. */
  notebookOf(cellUri: string): NotebookDocument | undefined {
    return this.documents.findNotebookDocumentForCell(cellUri);
  }

  /** The analysis of the notebook's current cells under `config`, computed once per state of its cells. */
  view(notebook: NotebookDocument, config: LintConfig, parser: PythonParser): NotebookView {
    const cells: CodeCell[] = [];
    const documents: TextDocument[] = [];
    notebook.cells.forEach((cell, index) => {
      const document = this.documents.getCellTextDocument(cell);
      if (cell.kind !== NotebookCellKind.Code || !document || document.languageId !== 'python') return;
      cells.push({ index, text: document.getText() });
      documents.push(document);
    });
    const key = `${notebook.version}|${documents.map((d) => `${d.uri}@${d.version}`).join('|')}`;
    const cached = this.views.get(notebook.uri);
    if (cached && cached.key === key && cached.config === config) return cached.view;
    const joined = joinCells(cells);
    const root = parser.parseRoot(joined.text);
    const version = ++this.analyses;
    const analysis: Analysis = { version, config, ...analyzeText(root, joined.text, config) };
    const document = TextDocument.create(notebook.uri, 'python', version, joined.text);
    const view: NotebookView = { uri: notebook.uri, joined, cells: documents, document, root, analysis };
    this.views.set(notebook.uri, { key, config, view });
    return view;
  }

  forget(notebookUri: string): string[] {
    this.views.delete(notebookUri);
    const cells = [...(this.published.get(notebookUri) ?? [])];
    this.published.delete(notebookUri);
    return cells;
  }

  /** Diagnostics for every analysed cell (empty where there are none), and the cells published before that are gone. */
  diagnostics(view: NotebookView): { byCell: Map<string, Diagnostic[]>; cleared: string[] } {
    const byCell = new Map<string, Diagnostic[]>(view.cells.map((c) => [c.uri, []]));
    view.analysis.findings.forEach((finding, index) => {
      const place = cellRange(view, finding.span);
      if (!place) return;
      const diagnostic = toDiagnostic(view.document, finding, { version: view.analysis.version, index });
      byCell.get(place.uri)!.push({
        ...diagnostic,
        range: place.range,
        message: relabelLines(view.joined, finding.message),
        relatedInformation: finding.related.flatMap((related) => {
          const at = cellRange(view, related.span);
          return at ? [{ location: { uri: at.uri, range: at.range }, message: relabelLines(view.joined, related.message) }] : [];
        }),
      });
    });
    const before = this.published.get(view.uri) ?? new Set<string>();
    const cleared = [...before].filter((uri) => !byCell.has(uri));
    this.published.set(view.uri, new Set(byCell.keys()));
    return { byCell, cleared };
  }
}

/** The cell and the range inside it that a span of the joined text covers; undefined for a span across cells. */
export function cellRange(view: NotebookView, span: Span): { uri: string; range: Range } | undefined {
  const start = locateInCell(view.joined, span.start);
  const end = locateInCell(view.joined, span.end);
  if (start.cell !== end.cell) return undefined;
  const document = view.cells[start.cell];
  return { uri: document.uri, range: { start: document.positionAt(start.offset), end: document.positionAt(end.offset) } };
}

/** The offset in the joined text of a position in a cell. */
export function joinedOffset(view: NotebookView, cellUri: string, position: Position): number | undefined {
  const cell = view.cells.findIndex((c) => c.uri === cellUri);
  return cell < 0 ? undefined : offsetInJoined(view.joined, { cell, offset: view.cells[cell].offsetAt(position) });
}

/** Edits of the joined text as edits of the cells they fall in; undefined when one crosses two cells. */
export function cellsEdit(view: NotebookView, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const inCells = editsInCells(view.joined, edits);
  if (!inCells) return undefined;
  const changes: Record<string, LspTextEdit[]> = {};
  for (const { cell, start, end, newText } of inCells) {
    const document = view.cells[cell];
    (changes[document.uri] ??= []).push({ range: { start: document.positionAt(start), end: document.positionAt(end) }, newText });
  }
  return { changes };
}

/** The joined text's symbols that start in this cell, with their ranges in the cell (clipped to it). */
export function cellSymbols(view: NotebookView, cellUri: string, symbols: readonly DocumentSymbol[]): DocumentSymbol[] {
  const cell = view.cells.findIndex((c) => c.uri === cellUri);
  if (cell < 0) return [];
  const document = view.cells[cell];
  const inCell = (position: Position): Position | undefined => {
    const location = locateInCell(view.joined, view.document.offsetAt(position));
    return location.cell === cell ? document.positionAt(location.offset) : undefined;
  };
  const map = (symbol: DocumentSymbol): DocumentSymbol[] => {
    const start = inCell(symbol.range.start);
    const selection = inCell(symbol.selectionRange.start);
    if (!start || !selection) return [];
    const end = inCell(symbol.range.end) ?? document.positionAt(document.getText().length);
    const selectionEnd = inCell(symbol.selectionRange.end) ?? end;
    return [
      {
        ...symbol,
        range: { start, end },
        selectionRange: { start: selection, end: selectionEnd },
        children: symbol.children?.flatMap(map),
      },
    ];
  };
  return symbols.flatMap(map);
}
