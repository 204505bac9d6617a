// A unified diff (the format `patch` and `git apply` read) of what `--fix` would write, for `--diff`.

interface Op {
  readonly kind: ' ' | '-' | '+';
  readonly line: string;
}

const CONTEXT = 3;
/** Above this many cells the line-matching table costs more than it is worth; the changed middle is then shown whole. */
const MAX_TABLE = 4_000_000;

export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = lineOps(splitLines(before), splitLines(after));
  let out = `--- ${path}\n+++ ${path}\n`;
  for (const hunk of hunks(ops)) out += hunk;
  return out;
}

/** Lines with their terminators, so that a missing final newline is visible in the diff. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lineOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = a.slice(0, head).map((line) => ({ kind: ' ', line }));
  ops.push(...middleOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)));
  ops.push(...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })));
  return ops;
}

/** The changed middle as a longest-common-subsequence edit script. */
function middleOps(a: string[], b: string[]): Op[] {
  if ((a.length + 1) * (b.length + 1) > MAX_TABLE) {
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  const width = b.length + 1;
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] =
        a[i] === b[j] ? common[(i + 1) * width + j + 1] + 1 : Math.max(common[(i + 1) * width + j], common[i * width + j + 1]);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || common[(i + 1) * width + j] >= common[i * width + j + 1])) {
      // On a tie the old line goes first, so a moved line reads as removed here and added later, as in GNU diff.
      ops.push({ kind: '-', line: a[i++] });
    } else {
      ops.push({ kind: '+', line: b[j++] });
    }
  }
  // Deletions first within each run of changes, as diff(1) prints them.
  return reorderRuns(ops);
}

function reorderRuns(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((op) => op.kind === '-'), ...run.filter((op) => op.kind === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function hunks(ops: Op[]): string[] {
  const changed = ops.flatMap((op, index) => (op.kind === ' ' ? [] : [index]));
  const result: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k];
    let last = first;
    while (k + 1 < changed.length && changed[k + 1] - last <= 2 * CONTEXT + 1) last = changed[++k];
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length, last + CONTEXT + 1);
    result.push(hunk(ops, from, to));
  }
  return result;
}

function hunk(ops: Op[], from: number, to: number): string {
  let oldStart = 1;
  let newStart = 1;
  for (const op of ops.slice(0, from)) {
    if (op.kind !== '+') oldStart++;
    if (op.kind !== '-') newStart++;
  }
  const body = ops.slice(from, to);
  const oldCount = body.filter((op) => op.kind !== '+').length;
  const newCount = body.filter((op) => op.kind !== '-').length;
  // An empty side is numbered by the line before it, as GNU diff does.
  const header = `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@\n`;
  return (
    header +
    body.map((op) => (op.line.endsWith('\n') ? `${op.kind}${op.line}` : `${op.kind}${op.line}\n\\ No newline at end of file\n`)).join('')
  );
}
