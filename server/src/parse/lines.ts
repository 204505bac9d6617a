// Offsets and lines: where each line starts, and which line (or cell) an offset falls in.

/** Where each line starts, in ascending order. */
export type LineStarts = ArrayLike<number>;

/** The table of a text this long or longer is a typed array, whose memory lies outside the JavaScript heap: the
 *  editor's large document gets a new table at every keystroke, and that costs the young generation nothing to
 *  collect. A shorter text's table is a plain array: a typed array's memory is allocated and tracked for freeing
 *  apart from the heap, which cost more than finding the lines of a 200-line module (5% of the analysis after the
 *  parse, over a corpus of such modules). */
const TYPED_TABLE_LENGTH = 65_536;

// The last text asked for and its table. The node copy, the suppression comments and the findings of one version
// all ask for the same text, and in the editor that text is large and changes with every keystroke.
let lastText: string | undefined;
let lastStarts: number[] | Uint32Array = [0];

/** The offset where each line of `text` starts. */
export function lineStarts(text: string): LineStarts {
  if (text === lastText) return lastStarts;
  let starts: number[] | Uint32Array;
  if (text.length < TYPED_TABLE_LENGTH) {
    starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    starts = new Uint32Array(lines);
    let line = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
  }
  lastText = text;
  lastStarts = starts;
  return starts;
}

/** Tells the table that `text` is `previous` with [start, end) replaced by `inserted`. When the table at hand is
 *  that of `previous` (the editor's last version), the table of `text` is made from it, the lines before the edit
 *  kept and those after it moved, instead of by a scan of the whole text. */
export function textEdited(previous: string, text: string, start: number, end: number, inserted: string): void {
  if (previous !== lastText) return;
  if (start > end || text.length !== previous.length - (end - start) + inserted.length) {
    // Not the edit it claims to be: the next request scans.
    lastText = undefined;
    return;
  }
  const old = lastStarts;
  // Lines starting at or before `start` stay; those that started inside the replaced text are gone; the rest move.
  const kept = indexOf(old, start) + 1;
  let after = kept;
  while (after < old.length && old[after] <= end) after++;
  let added = 0;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) added++;
  const lines = kept + added + old.length - after;
  const starts = text.length < TYPED_TABLE_LENGTH ? new Array<number>(lines) : new Uint32Array(lines);
  for (let i = 0; i < kept; i++) starts[i] = old[i];
  let line = kept;
  for (let i = inserted.indexOf('\n'); i !== -1; i = inserted.indexOf('\n', i + 1)) starts[line++] = start + i + 1;
  const delta = inserted.length - (end - start);
  for (let i = after; i < old.length; i++) starts[line++] = old[i] + delta;
  lastText = text;
  lastStarts = starts;
}

/** The index of the last start at or before `offset` in ascending `starts` (the line or cell holding it); 0 if none. */
export function indexOf(starts: LineStarts, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
