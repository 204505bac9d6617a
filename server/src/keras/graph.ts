// The model graph: what every rule reads. A node is one application of one Keras layer; an edge says that
// the output of one node is the input of another. Rules never look at how the model was written.
import type { SyntaxNode } from '../parse/tree';
import { paramIndex, paramSpec, type LayerSpec } from './catalog';

export type Literal = number | string | boolean | null;

export interface Argument {
  /** Keyword name, or undefined for a positional argument. */
  readonly keyword?: string;
  /** Position among the positional arguments. */
  readonly position?: number;
  /** The whole argument (`momentum=0.1`, or the bare expression for a positional one). */
  readonly node: SyntaxNode;
  /** The value expression. */
  readonly value: SyntaxNode;
  /** The value when it is a literal (numbers, strings, True/False/None, negated numbers). */
  readonly literal?: Literal;
}

/** A layer constructed as the argument of a wrapper layer: it runs inside the wrapper, not as a node of its own. */
export interface WrappedLayer {
  readonly spec: LayerSpec;
  readonly classRef: SyntaxNode;
  readonly ctor: SyntaxNode;
  readonly args: readonly Argument[];
  readonly wrapped?: WrappedLayer;
}

export type ConstructionStyle = 'list' | 'add' | 'functional' | 'subclass';

export interface LayerNode {
  readonly id: number;
  readonly spec: LayerSpec;
  /** The expression naming the class (`layers.Dropout`, `DO`, `tf.keras.layers.Dropout`). */
  readonly classRef: SyntaxNode;
  /** The constructor call. In subclasses and for layers bound to a name first, it stands apart from the application. */
  readonly ctor: SyntaxNode;
  readonly args: readonly Argument[];
  /** The layer a wrapper is given (`TimeDistributed(BatchNormalization())`, `Bidirectional(LSTM(64))`). */
  readonly wrapped?: WrappedLayer;
  /** The expression that puts the layer at its place in the model: the list element, the `add` argument, the
   *  functional call `Dropout(0.3)(x)` / `drop(x)`, or `self.drop(x)` in `call()`. */
  readonly application: SyntaxNode;
  /** Arguments of the application call other than the input tensor (`training=...`). */
  readonly callArgs: readonly Argument[];
  /** The statement that holds the application. */
  readonly statement: SyntaxNode;
  readonly style: ConstructionStyle;
  /** Under `if`/`try`: the layer may or may not be there. */
  readonly conditional: boolean;
  /** Inside a `for`/`while` body. */
  readonly inLoop: boolean;
  /** Its place among the `nodes` of the one graph it belongs to, set when that graph is made: rules ask a graph for
   *  the neighbours of most of its nodes. */
  graphIndex: number;
}

/** The argument for a parameter, written as keyword or positionally. */
export function argument(node: Pick<LayerNode, 'args' | 'spec'>, name: string): Argument | undefined {
  // The parameter's position is looked up only when some argument is positional: most are not (or there are none).
  const positional = node.args.some((a) => a.position !== undefined);
  return argumentFor(node.args, name, positional ? paramIndex(node.spec, name) : -1);
}

/** The argument written as `keyword=`, else the one at `position` (none when it is -1). */
export function argumentFor(args: readonly Argument[], keyword: string, position: number): Argument | undefined {
  let positional: Argument | undefined;
  for (const arg of args) {
    if (arg.keyword === keyword) return arg;
    if (positional === undefined && arg.position === position) positional = arg;
  }
  return positional;
}

/** The literal value of a parameter: as written, else the catalog default when it is a literal. */
export function literalArgument(node: Pick<LayerNode, 'args' | 'spec'>, name: string): Literal | undefined {
  const written = argument(node, name);
  if (written) return written.literal;
  const fallback = paramSpec(node.spec, name)?.default;
  if (fallback === undefined) return undefined;
  if (!parsedDefaults.has(fallback)) parsedDefaults.set(fallback, parsePythonLiteral(fallback));
  return parsedDefaults.get(fallback);
}

/** Catalog defaults by their text, parsed once: rules read the same few defaults (`True`, `-1`, `None`) of most layers. */
const parsedDefaults = new Map<string, Literal | undefined>();

/** A Python literal written as source text (catalog defaults). */
function parsePythonLiteral(text: string): Literal | undefined {
  const trimmed = text.trim();
  if (trimmed === 'None') return null;
  if (trimmed === 'True') return true;
  if (trimmed === 'False') return false;
  if (/^-?\d+(\.\d*)?([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  const quoted = /^(['"])(.*)\1$/.exec(trimmed);
  return quoted ? quoted[2] : undefined;
}

/** The node to underline for a layer: the constructor when it is written at the layer's place, else the application. */
export function reportNode(node: LayerNode): SyntaxNode {
  const app = node.application;
  return node.ctor.startIndex >= app.startIndex && node.ctor.endIndex <= app.endIndex ? node.ctor : app;
}

export type GraphKind = 'sequential' | 'functional' | 'subclass' | 'function';

export interface GraphOwner {
  readonly kind: GraphKind;
  /** The variable, class or function name. */
  readonly name: string;
  /** Where the model is defined: the `Sequential(...)` call, the class or the function. */
  readonly anchor: SyntaxNode;
}

const NO_NODES: readonly LayerNode[] = Object.freeze([]);

function link(lists: Array<LayerNode[] | undefined>, from: number, to: LayerNode): void {
  const list = lists[from];
  if (list) list.push(to);
  else lists[from] = [to];
}

export class ModelGraph {
  /** Successors and predecessors by position in `nodes`. */
  private readonly succ: Array<LayerNode[] | undefined> = [];
  private readonly pred: Array<LayerNode[] | undefined> = [];

  constructor(
    readonly owner: GraphOwner,
    /** In the order the model applies them. */
    readonly nodes: readonly LayerNode[],
    readonly edges: ReadonlyArray<readonly [LayerNode, LayerNode]>,
    /** The layers whose output is the model's output, when the code says so (Sequential end, `Model(outputs=…)`, `call()` return). */
    readonly outputs: readonly LayerNode[] | undefined,
  ) {
    nodes.forEach((node, index) => (node.graphIndex = index));
    // Only nodes with edges get lists: many nodes (model inputs and outputs, graphs of one layer) have none one way.
    for (const [from, to] of edges) {
      link(this.succ, this.positionOf(from), to);
      link(this.pred, this.positionOf(to), from);
    }
  }

  successors(node: LayerNode): readonly LayerNode[] {
    return this.succ[this.positionOf(node)] ?? NO_NODES;
  }

  predecessors(node: LayerNode): readonly LayerNode[] {
    return this.pred[this.positionOf(node)] ?? NO_NODES;
  }

  /** -1 for a node of another graph. */
  private positionOf(node: LayerNode): number {
    const index = node.graphIndex;
    return this.nodes[index] === node ? index : -1;
  }
}
