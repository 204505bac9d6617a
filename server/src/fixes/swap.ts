// Reordering layers where they are written. A "site" is the text that puts one layer at its place in a model:
// a list element, an `add(...)` statement (with the comment on its line), or, for a call `Layer(...)(x, training=t)`
// / `self.drop(x)`, the layer part before the input together with the call's other arguments. Reordering a
// straight run of layers (see `straightPath`) means handing each site the text of another site of the same kind;
// the input and output variables stay where they are, so the data flow keeps its shape.
import type { LayerNode } from '../keras/graph';
import type { SyntaxNode } from '../parse/tree';
import { detached } from '../parse/strings';
import type { Span, TextEdit } from '../rules/types';
import { assignmentOf, lineEnd, mentions, ownsLines } from './text';

type SiteKind = 'list' | 'add' | 'call';

interface Site {
  readonly kind: SiteKind;
  /** The list or the block all sites of one reordering must share; unused for calls. */
  readonly container?: SyntaxNode;
  readonly slots: readonly Span[];
}

/** The site of a layer application, or undefined when it is not written in a way that can be moved safely. */
function siteOf(node: LayerNode, text: string): Site | undefined {
  const app = node.application;
  switch (node.style) {
    case 'list': {
      const list = app.parent;
      if (!list || (list.type !== 'list' && list.type !== 'tuple')) return undefined;
      return { kind: 'list', container: list, slots: [spanOf(app)] };
    }
    case 'add': {
      const statement = addStatement(node);
      if (!statement || !ownsLines(text, statement)) return undefined;
      // The comment at the end of the line describes the layer, so it travels with the statement.
      return { kind: 'add', container: statement.parent ?? undefined, slots: [{ start: statement.startIndex, end: lineEnd(text, statement.endIndex) }] };
    }
    default: {
      const call = callParts(app);
      if (!call) return undefined;
      const { fn, input, rest } = call;
      return { kind: 'call', slots: [spanOf(fn), rest ? { start: input.endIndex, end: rest.endIndex } : { start: input.endIndex, end: input.endIndex }] };
    }
  }
}

function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** The `model.add(layer)` statement of an add-chain node, when the statement is just that call. */
export function addStatement(node: LayerNode): SyntaxNode | undefined {
  const call = node.application.parent?.parent;
  const statement = node.statement;
  if (call?.type !== 'call' || statement.type !== 'expression_statement') return undefined;
  const only = statement.namedChild(0);
  return only && only.startIndex === call.startIndex && only.endIndex === call.endIndex && statement.namedChildCount === 1 ? statement : undefined;
}

export interface CallParts {
  /** What is called: `Dropout(0.3)`, `drop`, `self.drop`. */
  readonly fn: SyntaxNode;
  /** The input tensor: the first argument, written positionally. */
  readonly input: SyntaxNode;
  /** The last argument when there are more than the input (`training=training`). */
  readonly rest?: SyntaxNode;
}

/** The parts of a layer application call, or undefined when its input is not the first, positional argument. */
export function callParts(app: SyntaxNode): CallParts | undefined {
  if (app.type !== 'call') return undefined;
  const fn = app.childForFieldName('function');
  const args = app.childForFieldName('arguments');
  if (!fn || args?.type !== 'argument_list' || args.hasError) return undefined;
  const code = args.namedChildren.filter((c) => c.type !== 'comment');
  const input = code[0];
  if (!input || input.type === 'keyword_argument' || input.type === 'list_splat' || input.type === 'dictionary_splat') return undefined;
  // A comment between the arguments would travel with the wrong layer.
  if (args.namedChildren.some((c) => c.type === 'comment')) return undefined;
  return code.length > 1 ? { fn, input, rest: code[code.length - 1] } : { fn, input };
}

/** Whether the output of call site `a` is exactly the input of call site `b` and nothing else reads it. */
function callsConnected(a: LayerNode, b: LayerNode): boolean {
  const input = callParts(b.application)?.input;
  if (!input) return false;
  if (input.startIndex === a.application.startIndex && input.endIndex === a.application.endIndex) return true;
  const name = assignmentOf(a.statement, a.application);
  if (!name || input.type !== 'identifier' || input.text !== name) return false;
  const block = a.statement.parent;
  if (!block || block.id !== b.statement.parent?.id || a.statement.endIndex > b.statement.startIndex) return false;
  for (let s = a.statement.nextNamedSibling; s && s.startIndex < b.statement.startIndex; s = s.nextNamedSibling) {
    if (mentions(s, name).length > 0) return false;
  }
  const rebinds = assignmentOf(b.statement, b.application) === name;
  if (mentions(b.statement, name).length !== (rebinds ? 2 : 1)) return false;
  if (rebinds) return true;
  // The intermediate name keeps the other layer's output after the reordering: nothing later may read it.
  const scope = enclosingScope(b.statement);
  return mentions(scope, name).every((m) => m.startIndex < b.statement.endIndex);
}

function enclosingScope(node: SyntaxNode): SyntaxNode {
  let scope = node;
  while (scope.parent && scope.type !== 'function_definition') scope = scope.parent;
  return scope;
}

/** Edits that put the layer of `path[order[i]]` at the place of `path[i]`, for a straight run of layers `path`. */
export function permuteLayers(path: readonly LayerNode[], order: readonly number[], text: string): TextEdit[] | undefined {
  const sites = path.map((node) => siteOf(node, text));
  if (sites.some((s) => !s)) return undefined;
  const all = sites as Site[];
  const kind = all[0].kind;
  if (all.some((s) => s.kind !== kind)) return undefined;
  if (kind === 'call') {
    if (!path.every((node, i) => i === 0 || callsConnected(path[i - 1], node))) return undefined;
  } else if (all.some((s) => s.container?.id !== all[0].container?.id)) {
    return undefined;
  }
  // One statement can stand for several nodes (a loop over a list of layers): such sites cannot be told apart.
  const starts = new Set(all.map((s) => s.slots[0].start));
  if (starts.size !== all.length) return undefined;
  const edits: TextEdit[] = [];
  all.forEach((site, i) => {
    site.slots.forEach((slot, j) => {
      const source = all[order[i]].slots[j];
      // Kept with the finding, possibly across many versions of the document.
      const newText = detached(text.slice(source.start, source.end));
      if (newText !== text.slice(slot.start, slot.end)) edits.push({ start: slot.start, end: slot.end, newText });
    });
  });
  return edits.length > 0 ? edits : undefined;
}

/** Swaps the first and the last layer of a straight run; the layers between stay. */
export function swapEnds(path: readonly LayerNode[], text: string): TextEdit[] | undefined {
  const last = path.length - 1;
  return permuteLayers(path, path.map((_, i) => (i === 0 ? last : i === last ? 0 : i)), text);
}

/** Moves the last layer of a straight run in front of the first one. */
export function moveLastToFront(path: readonly LayerNode[], text: string): TextEdit[] | undefined {
  return permuteLayers(path, path.map((_, i) => (i === 0 ? path.length - 1 : i - 1)), text);
}
