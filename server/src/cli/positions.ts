// From the engine's offsets (UTF-16 code units) to what people and tools read: 1-based lines, and 1-based columns
// counted in Unicode code points, the unit ruff reports and SARIF's default `columnKind`.
import { indexOf, lineStarts, type LineStarts } from '../parse/lines';

export interface Position {
  readonly line: number;
  readonly column: number;
  /** In a notebook: the cell, counted from 1 over all cells; `line` is then the line in that cell. */
  readonly cell?: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export class LineIndex {
  private readonly starts: LineStarts;

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  position(offset: number): Position {
    const line = indexOf(this.starts, offset);
    return { line: line + 1, column: codePoints(this.text, this.starts[line], offset) + 1 };
  }

  range(span: { readonly start: number; readonly end: number }): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }
}

function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
