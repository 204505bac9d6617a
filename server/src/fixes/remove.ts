// Taking a layer out of a model: its list element, its `add` statement, or its application call (the input
// flows straight on). A layer object bound to a name for this one application goes with it.
import { argument, type LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import type { TextEdit } from '../rules/types';
import { replaceValue } from './arguments';
import { addStatement, callParts } from './swap';
import { assignmentOf, lineEnd, lineStart, mentions, newlineOf, ownsLines } from './text';

export function removeLayer(node: LayerNode, text: string): TextEdit[] | undefined {
  const app = node.application;
  let edits: TextEdit[] | undefined;
  switch (node.style) {
    case 'list':
      edits = removeListElement(app, text);
      break;
    case 'add': {
      const statement = addStatement(node);
      edits = statement && ownsLines(text, statement) ? removeStatement(statement, text) : undefined;
      break;
    }
    default: {
      const parts = callParts(app);
      if (!parts) return undefined;
      const name = assignmentOf(node.statement, app);
      edits =
        name !== undefined && parts.input.type === 'identifier' && parts.input.text === name && ownsLines(text, node.statement)
          ? removeStatement(node.statement, text)
          : [{ start: app.startIndex, end: app.endIndex, newText: parts.input.text }];
    }
  }
  return edits && [...edits, ...removeBinding(node, text)];
}

/** Two Dropouts in a row as one: the first gets rate `1-(1-a)(1-b)`, the second goes. Both drop units independently,
 *  so a unit survives both with probability (1-a)(1-b), and the scaling of the survivors matches too. */
export function mergeDropouts(first: LayerNode, second: LayerNode, text: string): TextEdit[] | undefined {
  const a = argument(first, 'rate');
  const b = argument(second, 'rate');
  if (typeof a?.literal !== 'number' || typeof b?.literal !== 'number') return undefined;
  // In `Dropout(b)(Dropout(a)(x))` taking the outer call out would copy the inner one's old text: keep the outer.
  const nested = second.application.startIndex <= first.application.startIndex && first.application.endIndex <= second.application.endIndex;
  const [kept, removed] = nested ? [b, first] : [a, second];
  const removal = removeLayer(removed, text);
  if (!removal) return undefined;
  return [...replaceValue(kept.value, formatRate(1 - (1 - a.literal) * (1 - b.literal))), ...removal];
}

function formatRate(rate: number): string {
  const text = String(Number(rate.toPrecision(12)));
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

function removeListElement(element: SyntaxNode, text: string): TextEdit[] {
  if (ownsLines(text, element, true)) return [wholeLines(element, element, text)];
  // `a, b` loses `, b`; a first element `b, c` loses `b, `.
  const previous = element.previousSibling;
  if (previous?.type === ',') return [{ start: previous.startIndex, end: element.endIndex, newText: '' }];
  const next = element.nextSibling;
  if (next?.type === ',') {
    const following = next.nextSibling;
    const end = following && following.startPosition.row === next.endPosition.row ? following.startIndex : next.endIndex;
    return [{ start: element.startIndex, end, newText: '' }];
  }
  return [{ start: element.startIndex, end: element.endIndex, newText: '' }];
}

/** Removes a statement that has its lines to itself; the only statement of a block becomes `pass`. */
function removeStatement(statement: SyntaxNode, text: string): TextEdit[] {
  const siblings = statement.parent?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  if (statement.parent?.type === 'block' && siblings.length === 1) return [{ start: statement.startIndex, end: statement.endIndex, newText: 'pass' }];
  return [wholeLines(statement, statement, text)];
}

function wholeLines(first: SyntaxNode, last: SyntaxNode, text: string): TextEdit {
  const start = lineStart(text, first.startIndex);
  const end = lineEnd(text, last.endIndex);
  const newline = newlineOf(text);
  const through = text.startsWith(newline, end) ? end + newline.length : end;
  // A comment at the end of the removed line is the user's, not the layer's: it stays, on a line of its own.
  const comment = /#.*$/.exec(text.slice(last.endIndex, end))?.[0].trimEnd();
  const indent = text.slice(start, first.startIndex);
  return { start, end: through, newText: comment ? `${indent}${comment}${through > end ? newline : ''}` : '' };
}

/** `bn2 = BatchNormalization()` / `self.bn2 = ...` made only for the application being removed. */
function removeBinding(node: LayerNode, text: string): TextEdit[] {
  const ctor = node.ctor;
  if (ctor.startIndex >= node.application.startIndex && ctor.endIndex <= node.application.endIndex) return [];
  const assignment = ctor.parent;
  const statement = assignment?.parent;
  if (assignment?.type !== 'assignment' || statement?.type !== 'expression_statement' || !ownsLines(text, statement)) return [];
  const target = assignment.childForFieldName('left');
  if (!target || (target.type !== 'identifier' && target.type !== 'attribute')) return [];
  const name = target.type === 'identifier' ? target.text : target.childForFieldName('attribute')?.text;
  if (!name) return [];
  // Other uses of the name keep the layer object alive.
  let scope: SyntaxNode = statement;
  while (scope.parent && scope.type !== (target.type === 'attribute' ? 'class_definition' : 'function_definition')) scope = scope.parent;
  const uses = target.type === 'identifier' ? mentions(scope, name).length : attributeUses(scope, name);
  return uses === 2 ? removeStatement(statement, text) : [];
}

/** Uses of `.name` in `scope`, on any object. */
function attributeUses(scope: SyntaxNode, name: string): number {
  return mentions(scope, name).filter((n) => n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute') === n).length;
}
