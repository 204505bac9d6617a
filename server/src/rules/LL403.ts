// LL403 trainable-changed-after-compile: Keras reads which weights are trainable when the model is compiled;
// setting `trainable` afterwards changes nothing in training until `compile()` runs again (Keras
// BatchNormalization docstring, transfer-learning guide). Fine-tuning then silently trains the old set of weights.
import type { ModelEvent, ModelObject } from '../keras/builder';
import type { SyntaxNode } from '../parse/tree';
import { modelLabel } from './LL401';
import { span } from './messages';
import type { Rule } from './types';

type Trainable = Extract<ModelEvent, { kind: 'trainable' }>;
type Method = Extract<ModelEvent, { kind: 'method' }>;

export const LL403: Rule = {
  meta: {
    code: 'LL403',
    name: 'trainable-changed-after-compile',
    severity: 'warning',
    summary: '`.trainable` is changed after compile() and the model is trained again without compiling.',
    fixes: [],
  },
  check({ analysis, report }) {
    const events = analysis.events;
    events.forEach((event, index) => {
      if (event.kind !== 'trainable') return;
      for (const model of affectedModels(analysis.models, events, event)) {
        const compiled = lastMethod(events.slice(0, index), model, 'compile');
        if (!compiled) continue;
        const fit = nextFitBeforeCompile(events.slice(index + 1), model);
        if (!fit) continue;
        const label = modelLabel(model);
        report({
          span: span(event.node),
          message:
            `\`${event.node.text}\` (line ${event.node.startPosition.row + 1}) comes after ${label} was compiled (line ${row(compiled.node)}), ` +
            `and fit (line ${row(fit.node)}) follows without compiling again: Keras fixes the set of trainable weights at compile(), ` +
            `so this change has no effect on that training. Call compile() again before fit.`,
          related: [
            { span: span(compiled.node), message: `${label} is compiled here` },
            { span: span(fit.node), message: `and trained here without compiling again` },
          ],
          fixes: [],
        });
        return;
      }
    });
  },
};

function row(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** The models a trainable change reaches: the model itself, and models built around it (a base called inside a
 *  functional model made after that call in the same scope, or named in a Sequential(...) list). */
function affectedModels(models: readonly ModelObject[], events: readonly ModelEvent[], change: Trainable): ModelObject[] {
  const changed = change.model;
  const calls = events.filter((e) => e.kind === 'call' && e.model === changed);
  const outer = models.filter((model) => {
    if (model === changed) return false;
    if (model.origin === 'functional') {
      return calls.some((c) => c.node.endIndex <= model.creation.startIndex && sameScope(c.node, model.creation));
    }
    return model.origin === 'sequential' && changed.name !== '' && mentions(model.creation, changed.name);
  });
  return [changed, ...outer];
}

function lastMethod(events: readonly ModelEvent[], model: ModelObject, method: string): Method | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'method' && e.model === model && e.method === method) return e;
  }
  return undefined;
}

function nextFitBeforeCompile(events: readonly ModelEvent[], model: ModelObject): Method | undefined {
  for (const e of events) {
    if (e.kind !== 'method' || e.model !== model) continue;
    if (e.method === 'compile') return undefined;
    if (e.method === 'fit') return e;
  }
  return undefined;
}

/** The function definition, or the module, whose names `node` sees. */
export function scopeOf(node: SyntaxNode): SyntaxNode | null {
  let current = node.parent;
  while (current && current.type !== 'function_definition' && current.type !== 'module') current = current.parent;
  return current;
}

function sameScope(a: SyntaxNode, b: SyntaxNode): boolean {
  return scopeOf(a)?.id === scopeOf(b)?.id;
}

function mentions(node: SyntaxNode, name: string): boolean {
  if ((node.type === 'identifier' || node.type === 'attribute') && node.text.replace(/\s+/g, '') === name) return true;
  return node.namedChildren.some((child) => mentions(child, name));
}
