// The questions the placement rules (LL1xx, LL2xx) ask about layers and graphs. Layer identity comes from the
// catalog (family, weights, rank); the few class names below are the ones RULES.md itself singles out.
import { argument, literalArgument, type Argument, type LayerNode, type ModelGraph } from '../keras/graph';
import { paramSpec } from '../keras/catalog';

const BATCH_NORM = 'BatchNormalization';
const PLAIN_DROPOUT = 'Dropout';
/** Output activations: a normalization or dropout after them works on probabilities, not features. */
const OUTPUT_ACTIVATIONS = new Set(['softmax', 'sigmoid']);

export function isBatchNorm(node: LayerNode): boolean {
  return node.spec.name === BATCH_NORM;
}

export function isDropoutFamily(node: LayerNode): boolean {
  return node.spec.family === 'dropout';
}

/** `Dropout` itself, not a spatial, Gaussian or alpha variant. */
export function isPlainDropout(node: LayerNode): boolean {
  return node.spec.name === PLAIN_DROPOUT;
}

/** Dropout classes that zero units with independent Bernoulli masks: two in a row equal one with the combined
 *  rate. Gaussian and alpha dropout add noise of another shape, so two of them are not one. */
export function hasBernoulliMask(node: LayerNode): boolean {
  return isPlainDropout(node) || (isDropoutFamily(node) && node.spec.rank !== undefined);
}

export function isWeightLayer(node: LayerNode): boolean {
  return node.spec.weighted === true;
}

export type InlineActivation =
  | { readonly kind: 'none' }
  /** Written, but not as a literal or a dotted function name: it may or may not be linear. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'active'; readonly argument: Argument; readonly name?: string };

// Shared answers: most layers asked about have no inline activation.
const NO_ACTIVATION: InlineActivation = Object.freeze({ kind: 'none' });
const UNKNOWN_ACTIVATION: InlineActivation = Object.freeze({ kind: 'unknown' });

/** The `activation=` of a Dense or Conv-family layer. */
export function inlineActivation(node: LayerNode): InlineActivation {
  if (node.spec.family !== 'dense' && node.spec.family !== 'convolution') return NO_ACTIVATION;
  if (!paramSpec(node.spec, 'activation')) return NO_ACTIVATION;
  const written = argument(node, 'activation');
  if (!written) return NO_ACTIVATION;
  if (written.literal === null || written.literal === 'linear') return NO_ACTIVATION;
  if (typeof written.literal === 'string') return { kind: 'active', argument: written, name: written.literal.toLowerCase() };
  // `tf.nn.relu`, `keras.activations.gelu`: a function by its dotted name is an activation; a bare variable could be None.
  if (written.value.type === 'attribute') {
    const last = written.value.childForFieldName('attribute')?.text.toLowerCase();
    return last === 'linear' ? NO_ACTIVATION : { kind: 'active', argument: written, name: last };
  }
  return UNKNOWN_ACTIVATION;
}

/** A layer whose whole job is an activation function (`Activation("relu")`, `ReLU()`, …), not `Activation("linear")`. */
export function isActivationLayer(node: LayerNode): boolean {
  if (node.spec.family !== 'activation') return false;
  const name = activationLayerName(node);
  return name !== 'linear';
}

/** The activation function a layer applies, lower-case: its own (`Softmax` → softmax) or the inline one. */
export function appliedActivation(node: LayerNode): string | undefined {
  if (node.spec.family === 'activation') return activationLayerName(node);
  const inline = inlineActivation(node);
  return inline.kind === 'active' ? inline.name : undefined;
}

function activationLayerName(node: LayerNode): string | undefined {
  if (!paramSpec(node.spec, 'activation')) return node.spec.name.toLowerCase();
  const value = literalArgument(node, 'activation');
  return typeof value === 'string' ? value.toLowerCase() : value === null ? 'linear' : undefined;
}

export function isOutputActivation(node: LayerNode): boolean {
  const name = appliedActivation(node);
  return name !== undefined && OUTPUT_ACTIVATIONS.has(name);
}

/** The nodes after the model's last weight layer: no weight layer is reachable from them and everything they feed
 *  is in the set too. Empty when the code does not say what the model outputs. */
export function outputTail(graph: ModelGraph): Set<LayerNode> {
  const tail = new Set<LayerNode>();
  if (!graph.outputs) return tail;
  const queue = graph.outputs.filter((n) => !isWeightLayer(n));
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (tail.has(node)) continue;
    tail.add(node);
    for (const previous of graph.predecessors(node)) if (!isWeightLayer(previous)) queue.push(previous);
  }
  // A node that also feeds something outside (a second head that goes on to weights) is not past the last weights.
  let changed = true;
  while (changed) {
    changed = false;
    for (const node of tail) {
      if (graph.successors(node).some((s) => !tail.has(s))) {
        tail.delete(node);
        changed = true;
      }
    }
  }
  return tail;
}

/** The model's output layer for a node in its tail: the one weight layer that starts the straight run of layers
 *  ending at `node`, with that run (output layer first). Undefined when the way back branches. */
export function runFromOutputLayer(graph: ModelGraph, node: LayerNode): LayerNode[] | undefined {
  const run = [node];
  let current = node;
  while (!isWeightLayer(current)) {
    const previous = graph.predecessors(current);
    if (previous.length !== 1 || run.includes(previous[0])) return undefined;
    current = previous[0];
    run.unshift(current);
  }
  return straightRun(graph, run) ? run : undefined;
}

/** The straight run of layers from `from` to `to`: each one's output goes only to the next, which takes no other
 *  input, and none of them but the last is a model output. Only over such a run can layers be reordered by
 *  editing the layer sites without rewiring anything else. */
export function straightPath(graph: ModelGraph, from: LayerNode, to: LayerNode, maxLength = 8): LayerNode[] | undefined {
  const path = [from];
  let current = from;
  while (current !== to) {
    const next = graph.successors(current);
    if (next.length !== 1 || path.includes(next[0]) || path.length >= maxLength) return undefined;
    current = next[0];
    path.push(current);
  }
  return straightRun(graph, path) ? path : undefined;
}

function straightRun(graph: ModelGraph, run: readonly LayerNode[]): boolean {
  return run.every((node, i) => {
    if (i === run.length - 1) return true;
    if (graph.outputs?.includes(node)) return false;
    return graph.successors(node).length === 1 && graph.predecessors(run[i + 1]).length === 1;
  });
}

/** What a graph walk does at a node: go on through it, collect it (and go no further that way), end that way
 *  silently, or give up the whole walk. */
export type Step = 'through' | 'found' | 'stop' | 'abort';

/** How far into its queue a walk looks for the nodes it met before; further on it keeps them in a set. */
const LONG_WALK = 16;

/** Walks from `start` (not included) along successors (`forward`) or predecessors (`back`), asking `visit` at each
 *  node; returns the nodes found, or undefined when `visit` gave up. */
export function walk(graph: ModelGraph, start: LayerNode, direction: 'forward' | 'back', visit: (node: LayerNode) => Step): LayerNode[] | undefined {
  const forward = direction === 'forward';
  const found: LayerNode[] = [];
  // Rules walk from most nodes of a graph: the first step, often to nothing, allocates nothing more.
  const first = forward ? graph.successors(start) : graph.predecessors(start);
  if (first.length === 0) return found;
  // Breadth first, the queue read by index rather than shifted. It holds every node met, `start` first, so a node was
  // met before when it stands earlier in the queue: most walks are a few nodes long, and look there rather than
  // build a set; a long one moves to a set.
  const queue = [start, ...first];
  let met: Set<LayerNode> | undefined;
  for (let at = 1; at < queue.length; at++) {
    const node = queue[at];
    if (at < LONG_WALK) {
      if (queue.indexOf(node) < at) continue;
    } else {
      met ??= new Set(queue.slice(0, at));
      if (met.has(node)) continue;
      met.add(node);
    }
    const step = visit(node);
    if (step === 'abort') return undefined;
    if (step === 'found') found.push(node);
    else if (step === 'through') for (const n of forward ? graph.successors(node) : graph.predecessors(node)) queue.push(n);
  }
  return found;
}

/** Whether `node` is a BatchNormalization applied to the model's output (LL201's case). LL102 leaves these alone. */
export function isBatchNormOnOutput(graph: ModelGraph, node: LayerNode, tail = outputTail(graph)): boolean {
  if (!isBatchNorm(node) || !tail.has(node)) return false;
  return graph.outputs!.includes(node) || graph.predecessors(node).some(isOutputActivation);
}
