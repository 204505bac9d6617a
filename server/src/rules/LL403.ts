// LL403 trainable-changed-after-compile: Keras reads which weights are trainable when the model is compiled;
// setting `trainable` afterwards changes nothing in training until `compile()` runs again (Keras
// BatchNormalization docstring, transfer-learning guide). Fine-tuning then silently trains the old set of weights.
import type { ModelEvent, ModelObject } from '../keras/builder';
import { namedDescendants, type SyntaxNode } from '../parse/tree';
import { modelLabel } from './LL401';
import { line, span } from './messages';
import type { Rule } from './types';

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
    // Where each model is compiled and trained, as indices into the events, in order.
    const marks = new Map<ModelObject, { compiles: number[]; fits: number[] }>();
    events.forEach((event, index) => {
      if (event.kind !== 'method' || (event.method !== 'compile' && event.method !== 'fit')) return;
      let own = marks.get(event.model);
      if (!own) marks.set(event.model, (own = { compiles: [], fits: [] }));
      (event.method === 'compile' ? own.compiles : own.fits).push(index);
    });
    if (marks.size === 0) return;
    const affected = new Map<ModelObject, ModelObject[]>();
    events.forEach((event, index) => {
      if (event.kind !== 'trainable') return;
      let models = affected.get(event.model);
      if (!models) affected.set(event.model, (models = affectedModels([...marks.keys()], events, event.model)));
      for (const model of models) {
        const { compiles, fits } = marks.get(model)!;
        const compiled = [...compiles].reverse().find((i) => i < index);
        const fit = fits.find((i) => i > index);
        if (compiled === undefined || fit === undefined || compiles.some((i) => i > index && i < fit)) continue;
        const label = modelLabel(model);
        const compileNode = events[compiled].node;
        const fitNode = events[fit].node;
        report({
          span: span(event.node),
          message:
            `\`${event.node.text}\` (line ${line(event.node)}) comes after ${label} was compiled (line ${line(compileNode)}), ` +
            `and fit (line ${line(fitNode)}) follows without compiling again: Keras fixes the set of trainable weights at compile(), ` +
            `so this change has no effect on that training. Call compile() again before fit.`,
          related: [
            { span: span(compileNode), message: `${label} is compiled here` },
            { span: span(fitNode), message: `and trained here without compiling again` },
          ],
        });
        return;
      }
    });
  },
};

/** Among `candidates`, the models a trainable change on `changed` reaches: the model itself, and models built
 *  around it (a base called inside a functional model made after that call in the same scope, or named in a
 *  Sequential(...) list). */
function affectedModels(candidates: readonly ModelObject[], events: readonly ModelEvent[], changed: ModelObject): ModelObject[] {
  const calls = events.filter((e) => e.kind === 'call' && e.model === changed);
  return candidates.filter((model) => {
    if (model === changed) return true;
    if (model.origin === 'functional') {
      return calls.some((c) => c.node.endIndex <= model.creation.startIndex && sameScope(c.node, model.creation));
    }
    return model.origin === 'sequential' && changed.name !== '' && mentions(model.creation, changed.name);
  });
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
  for (const n of namedDescendants(node)) {
    if ((n.type === 'identifier' || n.type === 'attribute') && n.text.replace(/\s+/g, '') === name) return true;
  }
  return false;
}
