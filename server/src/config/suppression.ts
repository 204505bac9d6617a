// Suppression comments: `# noqa` / `# noqa: LL101, LL203` on the line a finding starts, and a file-wide
// `# layerlint: disable=LL203` (or a bare `# layerlint: disable`). Only real comments count: each candidate the
// text scan finds is confirmed against the syntax tree, so the same characters inside a string do nothing.
import type { SyntaxNode } from '../parse/tree';
import { indexOf, lineStarts, type LineStarts } from '../parse/lines';

// Tried at each `#` of the text (found with indexOf, far quicker than a case-insensitive search of the whole text:
// the editor looks again after every keystroke).
const CANDIDATE = /#[ \t]*(?:noqa|layerlint[ \t]*:)/iy;
// flake8's form: codes after a colon, separated by commas or spaces; anything that is not a code ends the list.
const NOQA = /#[ \t]*noqa(?![\w-])(?:[ \t]*:[ \t]*([A-Z]+[0-9]+(?:[ \t]*[, \t][ \t]*[A-Z]+[0-9]+)*))?/i;
const DISABLE = /^#[ \t]*layerlint[ \t]*:[ \t]*disable(?![\w-])(?:[ \t]*=[ \t]*([A-Z]+[0-9]+(?:[ \t]*,[ \t]*[A-Z]+[0-9]+)*))?/i;

/** Codes suppressed somewhere, or `'all'` for every code. */
export type CodeSet = ReadonlySet<string> | 'all';

export class Suppressions {
  constructor(
    private readonly lineStarts: LineStarts,
    /** By 0-based line. */
    private readonly byLine: ReadonlyMap<number, CodeSet>,
    private readonly fileWide: CodeSet | undefined,
  ) {}

  /** Whether a finding of `code` whose range starts at `offset` is suppressed. */
  suppresses(code: string, offset: number): boolean {
    if (covers(this.fileWide, code)) return true;
    return this.byLine.size > 0 && covers(this.byLine.get(indexOf(this.lineStarts, offset)), code);
  }
}

function covers(set: CodeSet | undefined, code: string): boolean {
  return set === 'all' || (set !== undefined && set.has(code));
}

/** Every suppression comment of a file. */
export function findSuppressions(root: SyntaxNode, text: string): Suppressions {
  const byLine = new Map<number, CodeSet>();
  let fileWide: CodeSet | undefined;
  const seen = new Set<number>();
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    CANDIDATE.lastIndex = at;
    if (!CANDIDATE.test(text)) continue;
    const comment = root.descendantForIndex(at, at + 1);
    if (comment.type !== 'comment' || seen.has(comment.startIndex)) continue;
    seen.add(comment.startIndex);
    const disable = DISABLE.exec(comment.text);
    if (disable) {
      fileWide = merge(fileWide, codesOf(disable[1]));
      continue;
    }
    const noqa = noqaDirective(comment.text);
    if (noqa) {
      const line = comment.startPosition.row;
      byLine.set(line, merge(byLine.get(line), noqa.codes));
    }
  }
  // Most files have no `# noqa`: then no finding needs its line, and the text is not scanned for line starts.
  return new Suppressions(byLine.size > 0 ? lineStarts(text) : [], byLine, fileWide);
}

/** The `# noqa` directive in a comment's text: the codes it names (or `'all'`), and the offset just past it in the
 *  text, where another code can be appended as `, LLnnn`. The one grammar for reading and for writing noqa comments. */
export function noqaDirective(commentText: string): { codes: CodeSet; end: number } | undefined {
  const match = NOQA.exec(commentText);
  return match ? { codes: codesOf(match[1]), end: match.index + match[0].length } : undefined;
}

function codesOf(list: string | undefined): CodeSet {
  return list ? new Set(list.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase())) : 'all';
}

function merge(a: CodeSet | undefined, b: CodeSet): CodeSet {
  if (a === undefined) return b;
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}
