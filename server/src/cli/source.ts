// Reading a file the CLI was asked to check. This is the one place that knows file kinds: a Python file, or a
// Jupyter notebook whose code cells are analysed as one module and whose fixed cells are written back in place.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Editable } from '../fixes/fixAll';
import { applyEdits } from '../fixes/apply';
import { readNotebook, writeNotebook, type Notebook } from '../parse/ipynb';
import { editsInCells, joinCells, locateInCell, relabelLines, type CodeCell, type JoinedNotebook } from '../parse/notebook';
import type { Span, TextEdit } from '../rules/types';
import { LineIndex, type Range } from './positions';

export interface Source extends Editable<Source> {
  /** The file's content, with whatever edits were applied. */
  render(): string;
  /** Where an offset of `text` is for a person: line and column, and the cell in a notebook. */
  range(span: Span): Range;
  /** A finding's message with its line references in the file's own terms (cells and their lines in a notebook). */
  relabel(message: string): string;
}

/** The file extensions a folder walk collects. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.py', '.ipynb'];

/** Throws the file system's error (ENOENT, EACCES, EISDIR, …) or a NotebookFormatError for the caller to report.
 *  Read synchronously: each checking thread reads one file at a time anyway, and the promise API costs more per
 *  file than reading a small file does. */
export function readSource(path: string): Source {
  return sourceFromText(path, readFileSync(path, 'utf8'));
}

/** The content of a file named `path` (standard input is named by --stdin-filename). */
export function sourceFromText(path: string, raw: string): Source {
  return extname(path).toLowerCase() === '.ipynb' ? notebookSource(readNotebook(raw)) : pythonSource(raw);
}

export function pythonSource(raw: string): Source {
  // A UTF-8 byte order mark is not Python; it is kept out of the analysis and put back on write.
  const bom = raw.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const make = (text: string): Source => {
    let lines: LineIndex | undefined;
    return {
      text,
      withEdits: (edits) => make(applyEdits(text, edits)),
      render: () => bom + text,
      range: (span) => (lines ??= new LineIndex(text)).range(span),
      relabel: (message) => message,
    };
  };
  return make(bom ? raw.slice(1) : raw);
}

export function notebookSource(notebook: Notebook): Source {
  const make = (cells: readonly CodeCell[]): Source => {
    const joined = joinCells(cells);
    const lines = new Map<number, LineIndex>();
    const position = (offset: number) => {
      const { cell, offset: inCell } = locateInCell(joined, offset);
      let index = lines.get(cell);
      if (!index) lines.set(cell, (index = new LineIndex(cells[cell].text)));
      // Cells are numbered as a person counts them in the notebook, markdown cells included.
      return { ...index.position(inCell), cell: cells[cell].index + 1 };
    };
    return {
      text: joined.text,
      withEdits: (edits) => editCells(joined, cells, edits, make),
      render: () => writeNotebook(notebook, new Map(cells.filter((c, i) => c.text !== notebook.cells[i].text).map((c) => [c.index, c.text]))),
      range: (span) => ({ start: position(span.start), end: position(span.end) }),
      relabel: (message) => relabelLines(joined, message),
    };
  };
  return make(notebook.cells);
}

function editCells(
  joined: JoinedNotebook,
  cells: readonly CodeCell[],
  edits: readonly TextEdit[],
  make: (cells: readonly CodeCell[]) => Source,
): Source | string {
  const inCells = editsInCells(joined, edits);
  if (!inCells) return 'it would edit two cells at once';
  const byCell = new Map<number, TextEdit[]>();
  for (const { cell, start, end, newText } of inCells) {
    // IPython lines are masked in the analysed text; an edit that reaches into one would lose the magic.
    const masked = joined.text.slice(joined.starts[cell] + start, joined.starts[cell] + end);
    if (masked !== cells[cell].text.slice(start, end)) return 'it would change an IPython magic or shell line';
    byCell.set(cell, [...(byCell.get(cell) ?? []), { start, end, newText }]);
  }
  return make(cells.map((cell, i) => (byCell.has(i) ? { ...cell, text: applyEdits(cell.text, byCell.get(i)!) } : cell)));
}
