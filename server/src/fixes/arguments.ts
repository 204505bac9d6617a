// Edit builders for the arguments of a call: set, replace or remove one argument, keeping the call's own layout
// (one line or one argument per line, trailing comma or not, comments beside arguments).
import type { SyntaxNode } from '../parse/tree';
import type { TextEdit } from '../rules/types';

/** Replaces a value expression (positional or keyword) with `valueText`. */
export function replaceValue(value: SyntaxNode, valueText: string): TextEdit[] {
  return [{ start: value.startIndex, end: value.endIndex, newText: valueText }];
}

/** Sets a parameter that may already be written positionally or as a keyword (`written`, as `argument()` finds it):
 *  replaces the written value, else adds `name=value`. Adding a keyword beside a positional one would make Python
 *  reject the call with "got multiple values". */
export function setParameter(call: SyntaxNode, written: { readonly value: SyntaxNode } | undefined, name: string, valueText: string): TextEdit[] {
  return written ? replaceValue(written.value, valueText) : setKeywordArgument(call, name, valueText);
}

/** Sets `name=valueText` on a call: replaces the value if the keyword is written, else appends the keyword. */
export function setKeywordArgument(call: SyntaxNode, name: string, valueText: string): TextEdit[] {
  const list = argumentList(call);
  if (!list) return [];
  const existing = keywordArgument(list, name);
  if (existing) return replaceValue(existing.childForFieldName('value')!, valueText);

  const added = `${name}=${valueText}`;
  const items = list.namedChildren.filter((c) => c.type !== 'comment');
  const open = list.child(0)!;
  if (items.length === 0) return [{ start: open.endIndex, end: open.endIndex, newText: added }];

  const last = items[items.length - 1];
  if (last.startPosition.row === open.startPosition.row) {
    // One line: `f(a)` → `f(a, name=v)`; a trailing comma stays after the new argument.
    return [{ start: last.endIndex, end: last.endIndex, newText: `, ${added}` }];
  }

  // One argument per line: the new one gets a line of its own, indented like the last one.
  const newline = list.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = lineIndent(list, last);
  const after = last.nextSibling;
  const trailingComma = after?.type === ',' ? after : null;
  const commentAfter = sameRowComment(trailingComma ?? last);
  if (trailingComma) {
    const at = (commentAfter ?? trailingComma).endIndex;
    return [{ start: at, end: at, newText: `${newline}${indent}${added},` }];
  }
  if (commentAfter) {
    // `b  # note` — the comma goes right after `b`, the new line after the comment, which keeps describing `b`.
    return [
      { start: last.endIndex, end: last.endIndex, newText: ',' },
      { start: commentAfter.endIndex, end: commentAfter.endIndex, newText: `${newline}${indent}${added}` },
    ];
  }
  return [{ start: last.endIndex, end: last.endIndex, newText: `,${newline}${indent}${added}` }];
}

/** Removes `name=...` from a call together with its comma, leaving valid Python. No edits when it is not written. */
export function removeKeywordArgument(call: SyntaxNode, name: string): TextEdit[] {
  const list = argumentList(call);
  const argument = list ? keywordArgument(list, name) : undefined;
  return argument ? removeArgument(argument) : [];
}

/** Removes one argument node (a child of an argument list) together with its comma. */
export function removeArgument(argument: SyntaxNode): TextEdit[] {
  const list = argument.parent;
  if (!list || !argumentList(list)) return [];
  const before = argument.previousSibling!;
  const comma = argument.nextSibling?.type === ',' ? argument.nextSibling : null;
  const end = comma ?? argument;
  const following = end.nextSibling;
  const trailingComment = following?.type === 'comment' && following.startPosition.row === end.endPosition.row ? following : null;

  const startsLine = before.endPosition.row < argument.startPosition.row;
  const endsLine = !following || trailingComment !== null || following.startPosition.row > end.endPosition.row;
  if (startsLine && endsLine) {
    // The argument has its line(s) to itself: remove the lines, with the comment that describes it.
    return [{ start: before.endIndex, end: (trailingComment ?? end).endIndex, newText: '' }];
  }
  if (comma) {
    // `f(a=1, b)`: the space after the comma goes too; at a line end, the space before the argument goes instead.
    if (following && following.type !== 'comment' && following.type !== ')' && following.startPosition.row === comma.endPosition.row) {
      return [{ start: argument.startIndex, end: following.startIndex, newText: '' }];
    }
    return [{ start: before.type === '(' ? argument.startIndex : before.endIndex, end: comma.endIndex, newText: '' }];
  }
  // The last argument without a trailing comma: take the comma before it, if any.
  const previousComma = precedingComma(argument);
  if (!previousComma) return [{ start: argument.startIndex, end: argument.endIndex, newText: '' }];
  if (previousComma.nextSibling === argument) return [{ start: previousComma.startIndex, end: argument.endIndex, newText: '' }];
  // A comment sits between the comma and the argument: removing the span would pull `)` into the comment.
  return [
    { start: previousComma.startIndex, end: previousComma.endIndex, newText: '' },
    { start: argument.startIndex, end: argument.endIndex, newText: '' },
  ];
}

function argumentList(call: SyntaxNode): SyntaxNode | undefined {
  const list = call.type === 'argument_list' ? call : call.childForFieldName('arguments');
  // A broken argument list (missing `)`, error nodes) gets no edits: they could not be trusted to parse afterwards.
  if (!list || list.type !== 'argument_list' || list.hasError || list.child(list.childCount - 1)?.type !== ')') return undefined;
  if (list.child(list.childCount - 1)!.isMissing) return undefined;
  return list;
}

function keywordArgument(list: SyntaxNode, name: string): SyntaxNode | undefined {
  return list.namedChildren.find((c) => c.type === 'keyword_argument' && c.childForFieldName('name')?.text === name && c.childForFieldName('value'));
}

function sameRowComment(node: SyntaxNode): SyntaxNode | null {
  const next = node.nextSibling;
  return next?.type === 'comment' && next.startPosition.row === node.endPosition.row ? next : null;
}

function precedingComma(node: SyntaxNode): SyntaxNode | null {
  let previous = node.previousSibling;
  while (previous?.type === 'comment') previous = previous.previousSibling;
  return previous?.type === ',' ? previous : null;
}

/** The whitespace that starts the line holding `item`, read from the argument list's own text. */
function lineIndent(list: SyntaxNode, item: SyntaxNode): string {
  const offset = item.startIndex - list.startIndex;
  const lineStart = list.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(list.text.slice(lineStart, offset))![0];
}

/** `1 - value` as Python source, without float noise (`1 - 0.1` → `0.9`, not `0.9000000000000001`). */
export function complementText(value: number): string {
  const text = String(Number((1 - value).toPrecision(12)));
  return /[.e]/.test(text) ? text : `${text}.0`;
}
