// A notebook's code cells analysed as one module. IPython syntax (`%magic`, `!shell`, `obj?`, `%%cell` magics) is
// masked line by line without changing any line's length, so every offset in a cell is the same offset in the
// joined text, shifted by where the cell starts.
import { indexOf } from './lines';

export interface CodeCell {
  /** Position of the cell among all cells of the notebook (0-based). */
  readonly index: number;
  readonly text: string;
}

export interface CellLocation {
  /** Position in `JoinedNotebook.cells`. */
  readonly cell: number;
  /** Offset inside that cell's text. */
  readonly offset: number;
}

export interface JoinedNotebook {
  /** Masked cell texts joined by newlines. */
  readonly text: string;
  readonly cells: readonly CodeCell[];
  /** Offset in `text` where each cell starts. */
  readonly starts: readonly number[];
}

/** Cell magics whose body is Python: only their first line is masked. */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'timeit', 'capture', 'prun', 'debug', 'tensorflow_version']);

/** Replaces a stretch of IPython syntax with `0` and spaces: a valid expression statement of the same length. */
function blank(text: string): string {
  return text.length === 0 ? text : '0' + ' '.repeat(text.length - 1);
}

// `x = !ls`, `files = %sx ls`: the value comes from the shell or a magic.
const MAGIC_ASSIGNMENT = /^(\s*[\w.,\s[\]()]+?=\s*)([!%].*)$/;
// `%matplotlib inline`, `!pip install`, `?obj`, `obj?`, `obj??`, `%%time` first lines.
const MAGIC_LINE = /^(\s*)([%!?].*|[\w.]+\?\??\s*)$/;

/** The cell with its IPython syntax masked, keeping every line's length. */
export function maskIPython(cell: string): string {
  const lines = cell.split('\n');
  const cellMagic = /^\s*%%(\w+)/.exec(lines[0] ?? '');
  if (cellMagic && !PYTHON_BODY_CELL_MAGICS.has(cellMagic[1])) {
    // A %%bash, %%html or %%writefile cell is not Python at all.
    return lines.map((line) => ' '.repeat(line.length)).join('\n');
  }
  let continued = false;
  return lines
    .map((line) => {
      // A magic continued with a trailing backslash goes on to the next line.
      if (continued) {
        continued = line.endsWith('\\');
        return ' '.repeat(line.length);
      }
      const assignment = MAGIC_ASSIGNMENT.exec(line);
      if (assignment && !/[=!<>]=/.test(assignment[1].slice(-3))) {
        continued = line.endsWith('\\');
        return assignment[1] + blank(assignment[2]);
      }
      const magic = MAGIC_LINE.exec(line);
      if (magic && !line.trimStart().startsWith('!=')) {
        continued = line.endsWith('\\');
        return magic[1] + blank(magic[2]);
      }
      return line;
    })
    .join('\n');
}

export function joinCells(cells: readonly CodeCell[]): JoinedNotebook {
  const starts: number[] = [];
  let text = '';
  cells.forEach((cell, i) => {
    if (i > 0) text += '\n';
    starts.push(text.length);
    text += maskIPython(cell.text);
  });
  return { text, cells, starts };
}

/** Where a joined-text offset falls: the cell and the offset inside it. An offset on a separator belongs to the cell before. */
export function locateInCell(notebook: JoinedNotebook, offset: number): CellLocation {
  const cell = indexOf(notebook.starts, offset);
  const length = notebook.cells[cell]?.text.length ?? 0;
  return { cell, offset: Math.min(Math.max(offset - (notebook.starts[cell] ?? 0), 0), length) };
}

/** The joined-text offset of an offset inside a cell. */
export function offsetInJoined(notebook: JoinedNotebook, location: CellLocation): number {
  return notebook.starts[location.cell] + location.offset;
}

export interface CellEdit {
  readonly cell: number;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Joined-text edits as edits inside cells; undefined when an edit crosses a cell boundary (it cannot be applied). */
export function editsInCells(
  notebook: JoinedNotebook,
  edits: ReadonlyArray<{ start: number; end: number; newText: string }>,
): CellEdit[] | undefined {
  const result: CellEdit[] = [];
  for (const edit of edits) {
    const start = locateInCell(notebook, edit.start);
    const end = locateInCell(notebook, edit.end);
    if (start.cell !== end.cell || edit.end - edit.start !== end.offset - start.offset) return undefined;
    result.push({ cell: start.cell, start: start.offset, end: end.offset, newText: edit.newText });
  }
  return result;
}

/** Where a 1-based line of the joined text is in the notebook: the cell (counted from 1 over all cells, as a person
 *  counts them) and the 1-based line in that cell. */
function cellLine(notebook: JoinedNotebook, joinedLine: number): { cell: number; line: number } {
  let offset = 0;
  for (let line = 1; line < joinedLine && offset !== -1; line++) offset = notebook.text.indexOf('\n', offset) + 1 || -1;
  const location = locateInCell(notebook, offset === -1 ? notebook.text.length : offset);
  const cell = notebook.cells[location.cell];
  const line = cell ? cell.text.slice(0, location.offset).split('\n').length : 1;
  return { cell: (cell?.index ?? 0) + 1, line };
}

/** A message whose `line N` references count lines of the joined text, rewritten to name cells and their lines. */
export function relabelLines(notebook: JoinedNotebook, message: string): string {
  return message.replace(/\bline (\d+)\b/g, (_, n: string) => {
    const { cell, line } = cellLine(notebook, Number(n));
    return `cell ${cell}, line ${line}`;
  });
}
