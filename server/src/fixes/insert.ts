// Putting a new layer right after an existing one, written the way the model around it is written: a list element,
// a `model.add(...)` line, a functional `x = Layer(...)(x)` line, or in a subclass an attribute made next to the
// existing layer's and a call of it in `call()`.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import type { TextEdit } from '../rules/types';
import { addStatement, callParts } from './swap';
import { assignmentOf, indentAt, lineEnd, mentions, newlineOf, ownsLines } from './text';

/** Edits that apply `layer` (the constructor text, `layers.Activation("relu")`) to the output of `node`. */
export function insertLayerAfter(node: LayerNode, layer: string, text: string): TextEdit[] | undefined {
  const app = node.application;
  const nl = newlineOf(text);
  switch (node.style) {
    case 'list': {
      if (!ownsLines(text, app, true)) return [{ start: app.endIndex, end: app.endIndex, newText: `, ${layer}` }];
      const end = lineEnd(text, app.endIndex);
      const line = `${nl}${indentAt(text, app.startIndex)}${layer}`;
      if (app.nextSibling?.type === ',') return [{ start: end, end, newText: `${line},` }];
      return end === app.endIndex
        ? [{ start: end, end, newText: `,${line}` }]
        : [
            { start: app.endIndex, end: app.endIndex, newText: ',' },
            { start: end, end, newText: line },
          ];
    }
    case 'add': {
      const statement = addStatement(node);
      const receiver = app.parent?.parent?.childForFieldName('function')?.childForFieldName('object');
      if (!statement || !receiver || !ownsLines(text, statement)) return undefined;
      return [afterLine(statement, `${receiver.text}.add(${layer})`, text)];
    }
    case 'subclass':
      // A layer made inside call() itself is followed the same way; one made in __init__ gets a sibling there.
      if (!(node.ctor.startIndex >= app.startIndex && node.ctor.endIndex <= app.endIndex)) return insertInSubclass(node, layer, text);
      return applyAfter(node, layer, text);
    default:
      return applyAfter(node, layer, text);
  }
}

/** `v = <node>(v)` gets a line `v = <callee>(v)` after it; any other application is wrapped: `<callee>(<node>(v))`. */
function applyAfter(node: LayerNode, callee: string, text: string): TextEdit[] {
  const app = node.application;
  const name = assignmentOf(node.statement, app);
  if (name !== undefined && ownsLines(text, node.statement)) return [afterLine(node.statement, `${name} = ${callee}(${name})`, text)];
  return [
    { start: app.startIndex, end: app.startIndex, newText: `${callee}(` },
    { start: app.endIndex, end: app.endIndex, newText: ')' },
  ];
}

/** A layer made in `__init__` as `self.bn = ...` gets a sibling `self.bn_activation = <layer>`, called after it. */
function insertInSubclass(node: LayerNode, layer: string, text: string): TextEdit[] | undefined {
  const fn = callParts(node.application)?.fn;
  const assignment = node.ctor.parent;
  const statement = assignment?.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  if (fn?.type !== 'attribute' || target?.type !== 'attribute' || target.text !== fn.text || !statement || !ownsLines(text, statement)) return undefined;
  const owner = fn.childForFieldName('object')!.text;
  const attribute = `${fn.childForFieldName('attribute')!.text}_activation`;
  const classBody = enclosing(statement, 'class_definition');
  // The new attribute must not shadow one the class already has.
  if (!classBody || mentions(classBody, attribute).length > 0) return undefined;
  return [afterLine(statement, `${owner}.${attribute} = ${layer}`, text), ...applyAfter(node, `${owner}.${attribute}`, text)];
}

function afterLine(statement: SyntaxNode, line: string, text: string): TextEdit {
  const end = lineEnd(text, statement.endIndex);
  return { start: end, end, newText: `${newlineOf(text)}${indentAt(text, statement.startIndex)}${line}` };
}

function enclosing(node: SyntaxNode, type: string): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  while (current && current.type !== type) current = current.parent;
  return current ?? undefined;
}
