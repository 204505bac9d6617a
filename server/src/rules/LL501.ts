// LL501 batchnorm-small-batch: BatchNormalization estimates its statistics from the current batch, and those
// estimates get noisy as batches shrink. Wu & He 2018 (arXiv:1803.08494) measured ResNet-50's ImageNet error
// rising from 23.6% at 32 images per GPU to 34.7% at 2, while GroupNormalization stayed near 24.1%.
import type { ModelEvent, ModelObject } from '../keras/builder';
import { literalOf, parseArguments } from '../keras/builder';
import type { ModuleAnalysis } from '../keras/analyze';
import { reportNode, type Argument, type LayerNode } from '../keras/graph';
import { namedDescendants, type SyntaxNode } from '../parse/tree';
import { isBatchNorm } from './kinds';
import { scopeOf } from './LL403';
import { line, span } from './messages';
import type { Rule } from './types';

/** fit(x, y, batch_size, ...) */
const FIT_BATCH_SIZE_POSITION = 2;
/** Dataset methods whose first argument is the batch size. */
const BATCHING_METHODS = new Set(['batch', 'padded_batch']);
/** How many assignments back a name is followed (`ds = ds.batch(4)`; `ds = ds.prefetch(1)`; …). */
const MAX_HOPS = 8;

interface BatchSize {
  readonly size: number;
  /** What to underline: the batch size as the fit call or the dataset pipeline writes it. */
  readonly node: SyntaxNode;
  /** Where the literal was found, when it is not at the fit call itself. */
  readonly origin?: SyntaxNode;
}

export const LL501: Rule = {
  meta: {
    code: 'LL501',
    name: 'batchnorm-small-batch',
    severity: 'warning',
    summary: 'A model with BatchNormalization is trained with a literal batch size below minBatchSize (8).',
    fixes: [],
  },
  check({ analysis, options, report }) {
    for (const event of analysis.events) {
      if (event.kind !== 'method' || event.method !== 'fit') continue;
      const norm = batchNormOf(analysis, event.model);
      if (!norm) continue;
      const batch = batchSize(event);
      if (!batch || batch.size < 1 || batch.size >= options.minBatchSize) continue;
      const where = batch.origin ? ` (set on line ${line(batch.origin)})` : '';
      report({
        span: span(batch.node),
        message:
          `The model trained here (line ${line(event.node)}) uses batches of ${batch.size}${where}, below ${options.minBatchSize}, ` +
          `and contains ${norm.spec.name} (line ${line(norm)}): with so few samples its batch statistics are noisy and its ` +
          `accuracy can drop sharply. Use larger batches, or GroupNormalization (or LayerNormalization), which do not depend on the batch.`,
        related: [{ span: span(reportNode(norm)), message: `the ${norm.spec.name} that depends on the batch size` }],
      });
    }
  },
};

/** A BatchNormalization of the model: in the graph the model's creation anchors, or written inside that creation
 *  (`Sequential([...])`), which keeps it findable when the model is called inside another model and its layers
 *  join that model's graph. */
export function batchNormOf(analysis: ModuleAnalysis, model: ModelObject): LayerNode | undefined {
  const { startIndex, endIndex } = model.creation;
  for (const graph of analysis.graphs) {
    const anchored = graph.owner.anchor.startIndex === startIndex && graph.owner.anchor.endIndex === endIndex;
    const norm = graph.nodes.find((n) => isBatchNorm(n) && (anchored || (n.ctor.startIndex >= startIndex && n.ctor.endIndex <= endIndex)));
    if (norm) return norm;
  }
  return undefined;
}

function batchSize(fit: Extract<ModelEvent, { kind: 'method' }>): BatchSize | undefined {
  const explicit = fit.args.find((a) => a.keyword === 'batch_size') ?? fit.args.find((a) => a.position === FIT_BATCH_SIZE_POSITION);
  // batch_size=None leaves the batching to the dataset.
  if (explicit && explicit.literal !== null) return sizeOf(explicit.value, fit.node, 0);
  const data = fit.args.find((a) => a.keyword === 'x') ?? fit.args.find((a) => a.position === 0);
  return data ? pipelineBatchSize(data.value, fit.node, 0) : undefined;
}

/** A literal integer, or a name bound to one earlier in the same scope. */
function sizeOf(value: SyntaxNode, before: SyntaxNode, hops: number): BatchSize | undefined {
  const literal = literalOf(value);
  if (typeof literal === 'number') return Number.isInteger(literal) ? { size: literal, node: value } : undefined;
  if (value.type !== 'identifier' || hops >= MAX_HOPS) return undefined;
  const bound = lastAssignment(value.text, before);
  const found = bound ? sizeOf(bound, bound, hops + 1) : undefined;
  return found && { size: found.size, node: value, origin: found.node };
}

/** The batch size a data pipeline ends with: `.batch(N)`, or a loader called with `batch_size=N`, followed
 *  through method chains and through the names the pipeline is assigned to. */
function pipelineBatchSize(expr: SyntaxNode, before: SyntaxNode, hops: number): BatchSize | undefined {
  if (hops >= MAX_HOPS) return undefined;
  if (expr.type === 'identifier') {
    const bound = lastAssignment(expr.text, before);
    return bound ? pipelineBatchSize(bound, bound, hops + 1) : undefined;
  }
  if (expr.type !== 'call') return undefined;
  const fn = expr.childForFieldName('function');
  const list = expr.childForFieldName('arguments');
  const args: Argument[] = list?.type === 'argument_list' ? parseArguments(list) : [];
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const written =
    args.find((a) => a.keyword === 'batch_size') ?? (method && BATCHING_METHODS.has(method) ? args.find((a) => a.position === 0) : undefined);
  if (written) return sizeOf(written.value, expr, hops + 1);
  // `ds.shuffle(100).batch(4).prefetch(1)`: the batch is further in along the chain.
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  return receiver ? pipelineBatchSize(receiver, before, hops + 1) : undefined;
}

/** The value last assigned to `name` before `before`, in the function (or module) that holds `before`. */
function lastAssignment(name: string, before: SyntaxNode): SyntaxNode | undefined {
  const scope = scopeOf(before);
  if (!scope) return undefined;
  let found: SyntaxNode | undefined;
  const body = scope.type === 'function_definition' ? scope.childForFieldName('body') : scope;
  if (!body) return undefined;
  // Names inside nested functions and classes belong to those scopes; nothing at or after `before` counts.
  const inScope = (node: SyntaxNode) =>
    node.startIndex < before.startIndex && node.type !== 'function_definition' && node.type !== 'class_definition';
  for (const node of namedDescendants(body, inScope)) {
    if (node.type !== 'assignment' || node.startIndex >= before.startIndex) continue;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type === 'identifier' && left.text === name && right && right.endIndex <= before.startIndex) found = right;
  }
  return found;
}
