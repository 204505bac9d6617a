// From syntax tree to model graphs. A small abstract interpreter walks the statements of each scope and
// tracks, per variable, which layer applications produced a tensor, which layer object a name holds, and
// which layer each Sequential model ends with. Every construction style (Sequential lists, `add` chains,
// the functional API, subclasses, loops, helper functions) lands in the same graph of layer applications.
import type { SyntaxNode } from '../parse/tree';
import type { LayerSpec } from './catalog';
import {
  argumentFor,
  ModelGraph,
  type Argument,
  type ConstructionStyle,
  type GraphOwner,
  type LayerNode,
  type Literal,
} from './graph';
import { resolverFor, type ImportTable, type KerasResolver, type KerasSymbol } from './imports';

export type ModelOrigin = 'sequential' | 'functional' | 'application' | 'subclass' | 'unknown';

export interface ModelObject {
  readonly id: number;
  readonly origin: ModelOrigin;
  /** The name it was bound to, when known. */
  name: string;
  /** The expression that made it (`Sequential()`, `ResNet50(...)`, `keras.Model(...)`, `Net()`). */
  readonly creation: SyntaxNode;
  /** For an instance of a subclassed model: its class, the anchor of the class's graph. */
  readonly definition?: SyntaxNode;
}

export type ModelEvent =
  /** A model called on a tensor: `base(x)`, `base(x, training=False)`. */
  | { kind: 'call'; model: ModelObject; node: SyntaxNode; args: readonly Argument[] }
  /** A method of a model: `model.compile(...)`, `model.fit(...)`. */
  | { kind: 'method'; model: ModelObject; method: string; node: SyntaxNode; args: readonly Argument[] }
  /** `model.trainable = value` (or on a layer reached through the model). */
  | { kind: 'trainable'; model: ModelObject; node: SyntaxNode; value: SyntaxNode; literal?: Literal };

interface LayerObject {
  readonly spec: LayerSpec;
  readonly classRef: SyntaxNode;
  readonly ctor: SyntaxNode;
  readonly args: readonly Argument[];
  readonly wrapped?: LayerObject;
}

interface SequentialState {
  readonly model: ModelObject;
  readonly owner: GraphOwner;
}

type Value =
  | { kind: 'tensor'; producers: ReadonlySet<LayerNode> }
  | { kind: 'layer'; layer: LayerObject }
  | { kind: 'list'; items: readonly Value[] }
  | { kind: 'model'; model: ModelObject; sequential?: SequentialState }
  | { kind: 'function'; definition: SyntaxNode; scope: Env }
  /** A subclass of keras.Model defined in the file: calling it makes a model. */
  | { kind: 'model-class'; definition: SyntaxNode }
  | { kind: 'unknown' };

const UNKNOWN: Value = { kind: 'unknown' };
const NO_PRODUCERS: ReadonlySet<LayerNode> = new Set();
const FRESH_TENSOR: Value = { kind: 'tensor', producers: NO_PRODUCERS };
const NO_ENDS: ReadonlyMap<SequentialState, ReadonlySet<LayerNode>> = new Map();

/**
 * Variables and Sequential end points of one scope. A branch (of an `if`, a `try`) starts as a view of the scope it
 * branches from and keeps only what it binds itself, so that branching costs nothing however many names are in scope;
 * the scope takes the union of its branches afterwards (`assignUnion`). A scope is left as it was while its branches
 * run.
 */
class Env {
  /** Made by the first `bind`: many branches and inlined bodies bind nothing. */
  private vars: Map<string, Value> | undefined;
  /** For each Sequential model: the layers the next `add` follows. Made by the first `setSequentialEnd`: most scopes
   *  and branches build no Sequential model. */
  private ends: Map<SequentialState, ReadonlySet<LayerNode>> | undefined;
  /** The module scope only (one field, not three, in the many scopes made for branches and inlined calls). */
  private timeline: Timeline | undefined;

  private constructor(
    /** The enclosing scope: names this one does not bind are looked up there. */
    readonly parent: Env | undefined,
    /** For a branch: the scope it branched from. */
    private readonly base: Env | undefined,
    /** For a helper inlined at a call: the caller's scope, whose Sequential models the helper's `add`s continue. */
    private readonly caller: Env | undefined,
  ) {}

  /** A scope of its own: a function body, a class body. */
  static scope(parent?: Env): Env {
    return new Env(parent, undefined, undefined);
  }

  /** The module's scope, which keeps every value each name has had (see `readAsOf`). */
  static module(): Env {
    const env = new Env(undefined, undefined, undefined);
    env.timeline = new Timeline();
    return env;
  }

  /** The scope of a helper's body inlined at a call from `caller`: it sees the names of `definitionScope`, where the
   *  helper was defined, and the caller's Sequential end points. */
  static inlined(definitionScope: Env, caller: Env): Env {
    return new Env(definitionScope, undefined, caller);
  }

  branch(): Env {
    return new Env(this.parent, this, undefined);
  }

  bind(name: string, value: Value): void {
    (this.vars ??= new Map()).set(name, value);
    this.timeline?.record(name, value);
  }

  /** The module scope's time: binds made so far. */
  now(): number {
    return this.timeline!.now();
  }

  /** Reads the module scope as it was at `time` (a function's definition), or as it is (undefined). */
  readAsOf(time: number | undefined): void {
    this.timeline!.asOf = time;
  }

  /** What this scope itself (not an enclosing one) binds `name` to. */
  private own(name: string): Value | undefined {
    if (this.timeline?.asOf !== undefined) return this.timeline.valueAsOf(name);
    return this.vars?.get(name) ?? this.base?.own(name);
  }

  lookup(name: string): Value | undefined {
    return this.own(name) ?? this.parent?.lookup(name);
  }

  sequentialEnd(state: SequentialState): ReadonlySet<LayerNode> | undefined {
    if (this.caller) return this.caller.sequentialEnd(state);
    return this.ends?.get(state) ?? this.base?.sequentialEnd(state);
  }

  setSequentialEnd(state: SequentialState, ends: ReadonlySet<LayerNode>): void {
    if (this.caller) this.caller.setSequentialEnd(state, ends);
    else (this.ends ??= new Map()).set(state, ends);
  }

  /** Every Sequential model of a scope made by `scope` (the module, a function or class body: where code ends) with its
   *  end points. A branch or an inlined body ends inside a scope, which declares the ends. */
  scopeSequentialEnds(): ReadonlyMap<SequentialState, ReadonlySet<LayerNode>> {
    return this.ends ?? NO_ENDS;
  }

  /** Takes the state of `branches` (of this scope) that ran as alternatives; their union is what may hold afterwards.
   *  Only what some branch bound can differ from what this scope holds. */
  assignUnion(branches: readonly Env[]): void {
    const names = new Set<string>();
    const states = new Set<SequentialState>();
    for (const branch of branches) {
      if (branch.vars) for (const name of branch.vars.keys()) names.add(name);
      if (branch.ends) for (const state of branch.ends.keys()) states.add(state);
    }
    for (const name of names) {
      const read = (b: Env) => b.own(name) ?? UNKNOWN;
      const first = read(branches[0]);
      this.bind(name, branches.every((b) => read(b) === first) ? first : unionValues(branches.map(read)));
    }
    for (const state of states) {
      const read = (b: Env) => b.sequentialEnd(state) ?? NO_PRODUCERS;
      const first = read(branches[0]);
      if (branches.every((b) => read(b) === first)) {
        this.setSequentialEnd(state, first);
        continue;
      }
      const ends = new Set<LayerNode>();
      for (const branch of branches) for (const n of read(branch)) ends.add(n);
      this.setSequentialEnd(state, ends);
    }
  }
}

/** Each value the module scope has bound a name to, with the time it was bound (a count of the binds before it). */
class Timeline {
  private readonly values = new Map<string, Array<{ readonly time: number; readonly value: Value }>>();
  private clock = 0;
  /** While set, names read from the scope have the values they had at that time. */
  asOf: number | undefined;

  record(name: string, value: Value): void {
    const values = this.values.get(name);
    const entry = { time: this.clock++, value };
    if (values) values.push(entry);
    else this.values.set(name, [entry]);
  }

  now(): number {
    return this.clock;
  }

  /** The value `name` had at `asOf`. */
  valueAsOf(name: string): Value | undefined {
    const values = this.values.get(name);
    if (!values || this.asOf === undefined) return undefined;
    for (let i = values.length - 1; i >= 0; i--) if (values[i].time < this.asOf) return values[i].value;
    return undefined;
  }
}

function unionValues(values: readonly Value[]): Value {
  if (values.every((v) => v.kind === 'tensor')) {
    const producers = new Set<LayerNode>();
    for (const v of values) for (const p of (v as { producers: ReadonlySet<LayerNode> }).producers) producers.add(p);
    return { kind: 'tensor', producers };
  }
  const first = values[0];
  if (values.every((v) => sameValue(v, first))) return first;
  // A tensor in one branch and nothing known in the other: keep what is known.
  const tensors = values.filter((v) => v.kind === 'tensor');
  if (tensors.length > 0 && values.every((v) => v.kind === 'tensor' || v.kind === 'unknown')) return unionValues(tensors);
  return UNKNOWN;
}

function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a.kind === 'layer' && b.kind === 'layer') return a.layer === b.layer;
  if (a.kind === 'model' && b.kind === 'model') return a.model === b.model;
  if ((a.kind === 'function' || a.kind === 'model-class') && a.kind === b.kind) return a.definition.id === b.definition.id;
  return a.kind === 'unknown' && b.kind === 'unknown';
}

/** A chain of helper calls and unrolled loop passes. Each chain is one object (its steps are kept), so it can key a
 *  map: every call of a helper makes its own nodes, and the same call evaluated again finds them. */
class CallPath {
  /** Made by the first step: most chains end where they are. */
  private steps: Map<string | number, CallPath> | undefined;

  step(key: string | number): CallPath {
    let next = this.steps?.get(key);
    if (!next) (this.steps ??= new Map()).set(key, (next = new CallPath()));
    return next;
  }
}

/** Where evaluation stands: the graph it adds to and how, and under which conditions. A change makes a new frame
 *  (of one shape, through the constructor: object spreads of frames were a hot spot) and leaves the old one as it was. */
class Frame {
  constructor(
    /** The chain of helper calls that led here. */
    readonly path: CallPath,
    readonly owner: GraphOwner,
    readonly style: ConstructionStyle,
    readonly conditional: boolean,
    readonly inLoop: boolean,
    readonly depth: number,
    /** Function definitions being inlined (no recursion). */
    readonly active: ReadonlySet<number>,
    /** Return values of the function being evaluated. */
    readonly returns: Value[] | undefined,
  ) {}

  /** Under `if`/`try`/a conditional expression. */
  conditionally(): Frame {
    if (this.conditional) return this;
    return new Frame(this.path, this.owner, this.style, true, this.inLoop, this.depth, this.active, this.returns);
  }

  /** Inside a loop body. */
  looping(): Frame {
    if (this.inLoop) return this;
    return new Frame(this.path, this.owner, this.style, this.conditional, true, this.depth, this.active, this.returns);
  }

  ownedBy(owner: GraphOwner): Frame {
    if (owner === this.owner) return this;
    return new Frame(this.path, owner, this.style, this.conditional, this.inLoop, this.depth, this.active, this.returns);
  }

  /** One pass of an unrolled loop. */
  unrolled(path: CallPath): Frame {
    return new Frame(path, this.owner, this.style, this.conditional, this.inLoop, this.depth, this.active, this.returns);
  }

  /** Inside the body of `definition`, inlined at the call that `path` ends with. */
  inlined(path: CallPath, definition: number): Frame {
    const active = new Set(this.active).add(definition);
    return new Frame(path, this.owner, this.style, this.conditional, this.inLoop, this.depth + 1, active, this.returns);
  }

  /** Evaluating a function body: its `return` statements collect here. */
  collectingReturns(): Frame {
    return new Frame(this.path, this.owner, this.style, this.conditional, this.inLoop, this.depth, this.active, []);
  }
}

const MAX_INLINE_DEPTH = 6;
const MAX_UNROLL = 64;
const MAX_NESTING = 200;

/** One scope's worth of nodes and edges; split into graphs (connected components) at the end. */
class Context {
  readonly nodes: LayerNode[] = [];
  /** The graph owner of each node, by its index in `nodes`. */
  private readonly owners: GraphOwner[] = [];
  /** The index of each node in `nodes`. */
  private readonly slot = new Map<LayerNode, number>();
  /** By call path, then by the id of the application's syntax node. */
  private readonly nodeAt = new Map<CallPath, Map<number, LayerNode>>();
  private readonly linked = new Map<LayerNode, Set<LayerNode>>();
  readonly edges: Array<[LayerNode, LayerNode]> = [];
  /** `fallback`: the end of a Sequential model, which gives way to a `Model(outputs=…)` or `call()` that uses it. */
  readonly declaredOutputs: Array<{ owner: GraphOwner; outputs: ReadonlySet<LayerNode>; fallback?: boolean }> = [];
  /** Sequential models a function returns: its caller may add more layers, so their last layer is not the output. */
  readonly escaped = new Set<GraphOwner>();

  /** The node made for `application` on `path`, if there is one yet. */
  existing(application: SyntaxNode, path: CallPath): LayerNode | undefined {
    return this.nodeAt.get(path)?.get(application.id);
  }

  add(node: LayerNode, path: CallPath, owner: GraphOwner): void {
    let byApplication = this.nodeAt.get(path);
    if (!byApplication) this.nodeAt.set(path, (byApplication = new Map()));
    byApplication.set(node.application.id, node);
    this.slot.set(node, this.nodes.length);
    this.nodes.push(node);
    this.owners.push(owner);
  }

  edge(from: LayerNode, to: LayerNode): void {
    // A function analysed on its own can read a tensor that the module (or an enclosing function) made: that layer
    // belongs to the other scope's graph, and here the tensor is an input like a parameter.
    if (!this.slot.has(from)) return;
    let targets = this.linked.get(from);
    if (!targets) this.linked.set(from, (targets = new Set()));
    if (targets.has(to)) return;
    targets.add(to);
    this.edges.push([from, to]);
  }

  graphs(): ModelGraph[] {
    // Union-find over node indices, in a plain array: a typed array's memory is allocated and tracked apart from the
    // heap, which cost more than this small table is worth (made for every scope with layers).
    const parent: number[] = [];
    for (let i = 0; i < this.nodes.length; i++) parent.push(i);
    const find = (node: LayerNode): number => {
      const start = this.slot.get(node)!;
      let root = start;
      while (parent[root] !== root) root = parent[root];
      // Point every node on the way at the root, so long chains are walked once, not once per node.
      for (let next = start; next !== root; ) {
        const up = parent[next];
        parent[next] = root;
        next = up;
      }
      return root;
    };
    for (const [a, b] of this.edges) parent[find(a)] = find(b);
    interface Group {
      members: LayerNode[];
      edges: Array<[LayerNode, LayerNode]>;
      declared?: { owner: GraphOwner; outputs: LayerNode[] };
    }
    const byRoot: Array<Group | undefined> = [];
    const groups: Group[] = [];
    for (const n of this.nodes) {
      const root = find(n);
      const group = byRoot[root];
      if (group) group.members.push(n);
      else groups.push((byRoot[root] = { members: [n], edges: [] }));
    }
    const groupOf = (n: LayerNode): Group => byRoot[find(n)]!;
    for (const edge of this.edges) groupOf(edge[0]).edges.push(edge);
    // The last declaration that names a graph's output wins (a model rebuilt later in the file).
    for (const { owner, outputs, fallback } of this.declaredOutputs) {
      const byGroup = new Map<Group, LayerNode[]>();
      for (const n of outputs) {
        if (!this.slot.has(n)) continue;
        const group = groupOf(n);
        const inside = byGroup.get(group);
        if (inside) inside.push(n);
        else byGroup.set(group, [n]);
      }
      for (const [group, inside] of byGroup) if (!fallback || !group.declared) group.declared = { owner, outputs: inside };
    }
    const result: ModelGraph[] = [];
    for (const { members, edges, declared } of groups) {
      const owner = declared?.owner ?? this.owners[this.slot.get(members[0])!];
      let outputs = declared?.outputs;
      if (!outputs && owner.kind === 'sequential' && !this.escaped.has(owner)) {
        const hasSuccessor = new Set(edges.map(([a]) => a));
        outputs = members.filter((n) => !hasSuccessor.has(n));
      }
      result.push(new ModelGraph(owner, members, edges, outputs));
    }
    return result;
  }
}

export interface BuildResult {
  graphs: ModelGraph[];
  models: ModelObject[];
  events: ModelEvent[];
}

/** The graphs of the module `root`, or of some of its top-level statements (an island, see islands.ts). */
export function buildGraphs(root: SyntaxNode, imports: ImportTable, statements: readonly SyntaxNode[] = root.namedChildren): BuildResult {
  return new Builder(imports).run(root, statements);
}

class Builder {
  private idCounter = 0;
  private modelCounter = 0;
  private readonly contexts: Context[] = [];
  private readonly models: ModelObject[] = [];
  private readonly events: ModelEvent[] = [];
  private readonly kerasClasses = new Set<string>();
  private readonly kerasModelClasses = new Set<string>();
  private context!: Context;
  private nesting = 0;
  private readonly moduleEnv = Env.module();
  private readonly rootPath = new CallPath();
  /** By syntax node id. */
  private readonly calls = new Map<number, CallSyntax>();
  /** Functions defined at the module's top level, whose own run waits for the module's end (see runDefinedFunctions). */
  private readonly defined: DeferredRun[] = [];
  /** Functions a call has inlined, by definition node id. */
  private readonly inlinedDefinitions = new Set<number>();

  private readonly resolver: KerasResolver;

  constructor(imports: ImportTable) {
    this.resolver = resolverFor(imports);
  }

  run(root: SyntaxNode, statements: readonly SyntaxNode[]): BuildResult {
    const moduleOwner: GraphOwner = { kind: 'functional', name: '<module>', anchor: root };
    this.inContext(() => {
      this.block(statements, this.moduleEnv, this.frame(moduleOwner, 'functional'));
      this.declareSequentialEnds(this.moduleEnv);
    });
    this.runDefinedFunctions();
    const graphs = this.contexts.flatMap((c) => c.graphs());
    graphs.sort((a, b) => a.nodes[0].application.startIndex - b.nodes[0].application.startIndex);
    return { graphs, models: this.models, events: this.events };
  }

  private frame(owner: GraphOwner, style: ConstructionStyle): Frame {
    return new Frame(this.rootPath, owner, style, false, false, 0, new Set(), undefined);
  }

  private inContext(body: () => void): void {
    const saved = this.context;
    this.context = new Context();
    this.contexts.push(this.context);
    body();
    this.context = saved;
  }

  // ---- statements ---------------------------------------------------------------------------------

  private block(statements: readonly SyntaxNode[], env: Env, frame: Frame): void {
    for (const statement of statements) this.statement(statement, env, frame);
  }

  private statement(node: SyntaxNode, env: Env, frame: Frame): void {
    if (this.nesting >= MAX_NESTING) return;
    this.nesting++;
    try {
      this.execute(node, env, frame);
    } finally {
      this.nesting--;
    }
  }

  private execute(node: SyntaxNode, env: Env, frame: Frame): void {
    switch (node.type) {
      case 'expression_statement':
        for (const expr of node.children) this.expression(expr, env, frame, node);
        return;
      case 'return_statement': {
        const value = firstNamed(node);
        const returned = value ? this.expression(value, env, frame, node) : UNKNOWN;
        // Returned from a function analysed on its own (not inlined into a caller): the caller may go on adding.
        if (frame.depth === 0 && returned.kind === 'model' && returned.sequential) this.context.escaped.add(returned.sequential.owner);
        frame.returns?.push(returned);
        return;
      }
      case 'if_statement':
        return this.ifStatement(node, env, frame);
      case 'for_statement':
      case 'while_statement':
        return this.loop(node, env, frame);
      case 'try_statement':
        return this.tryStatement(node, env, frame);
      case 'with_statement': {
        const body = node.childForFieldName('body');
        if (body) this.block(body.children, env, frame);
        return;
      }
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        if (definition) this.statement(definition, env, frame);
        return;
      }
      case 'function_definition':
        return this.functionDefinition(node, env);
      case 'class_definition':
        return this.classDefinition(node, env);
      default:
        return;
    }
  }

  private ifStatement(node: SyntaxNode, env: Env, frame: Frame): void {
    const branchFrame = frame.conditionally();
    const branches: Env[] = [];
    let hasElse = false;
    const consequence = node.childForFieldName('consequence');
    const run = (block: SyntaxNode | null): void => {
      const branch = env.branch();
      if (block) this.block(block.children, branch, branchFrame);
      branches.push(branch);
    };
    run(consequence);
    for (const clause of node.children) {
      if (clause.type === 'elif_clause') run(clause.childForFieldName('consequence'));
      else if (clause.type === 'else_clause') {
        hasElse = true;
        run(clause.childForFieldName('body'));
      }
    }
    if (!hasElse) branches.push(env.branch());
    env.assignUnion(branches);
  }

  private tryStatement(node: SyntaxNode, env: Env, frame: Frame): void {
    // The body may have run to its end or have stopped anywhere for a handler, which then starts from the state
    // before the body.
    const body = node.childForFieldName('body');
    const tried = env.branch();
    if (body) this.block(body.children, tried, frame);
    const outcomes: Env[] = [tried];
    for (const clause of node.children) {
      if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
      const block = clause.children.find((c) => c.type === 'block');
      if (!block) continue;
      const handler = env.branch();
      this.block(block.children, handler, frame.conditionally());
      outcomes.push(handler);
    }
    env.assignUnion(outcomes);
    for (const clause of node.children) {
      if (clause.type !== 'else_clause' && clause.type !== 'finally_clause') continue;
      const block = clause.children.find((c) => c.type === 'block');
      if (block) this.block(block.children, env, frame);
    }
  }

  private loop(node: SyntaxNode, env: Env, frame: Frame): void {
    const body = node.childForFieldName('body');
    if (!body) return;
    const loopFrame = frame.looping();
    if (node.type === 'for_statement') {
      const target = node.childForFieldName('left');
      const iterable = node.childForFieldName('right');
      const items = iterable ? this.expression(iterable, env, frame, node) : UNKNOWN;
      // Iterating over a known list of layers runs the body once per layer, in order.
      const unrollable = items.kind === 'list' && items.items.length <= MAX_UNROLL && items.items.some((i) => i.kind === 'layer' || i.kind === 'model');
      if (target?.type === 'identifier' && items.kind === 'list' && unrollable) {
        items.items.forEach((item, index) => {
          env.bind(target.text, item);
          this.block(body.children, env, loopFrame.unrolled(frame.path.step(`#${node.id}.${index}`)));
        });
        return;
      }
      if (target) this.bindTarget(target, UNKNOWN, env);
    }
    // A loop body is assumed to run at least once; its second pass connects the body's end to its start.
    this.block(body.children, env, loopFrame);
    this.block(body.children, env, loopFrame);
  }

  /** Each function is also a graph of its own, with its parameters as unknown inputs. A method (`method`) is run
   *  the same way, but its name binds nothing in the scope around its class: a bare call of that name is not it. */
  private functionDefinition(node: SyntaxNode, env: Env, method = false): void {
    const nameNode = node.childForFieldName('name');
    const name = nameNode?.text ?? '<function>';
    if (nameNode && !method) env.bind(name, { kind: 'function', definition: node, scope: env });
    if (env !== this.moduleEnv) {
      this.inContext(() => this.ownRun(node, name, env));
      return;
    }
    // A module-level function's own run waits for the module's end, in a context of its own made here (graphs keep
    // the order of their contexts), so that it can be left out if a call inlines the function.
    const context = new Context();
    this.contexts.push(context);
    this.defined.push({ definition: node, name, context, time: env.now(), events: this.events.length, models: this.models.length });
  }

  private ownRun(definition: SyntaxNode, name: string, scope: Env): void {
    const owner: GraphOwner = { kind: 'function', name, anchor: definition };
    const local = Env.scope(scope);
    this.runFunction(definition, local, [], [], this.frame(owner, 'functional'));
    this.declareSequentialEnds(local);
  }

  /**
   * The own runs of the module-level functions that no call inlined: a function a call inlined has its layers in the
   * caller's graph already, with what the caller gives them, and its own graph would only repeat them. The last
   * defined runs first, so that the helpers it calls are marked before their turn. Each reads the module as it was
   * where the function was defined, and its models and events take their place there.
   */
  private runDefinedFunctions(): void {
    for (let run = this.defined.pop(); run; run = this.defined.pop()) {
      if (this.inlinedDefinitions.has(run.definition.id)) continue;
      const events = this.events.length;
      const models = this.models.length;
      const saved = this.context;
      this.context = run.context;
      this.moduleEnv.readAsOf(run.time);
      try {
        this.ownRun(run.definition, run.name, this.moduleEnv);
      } finally {
        this.moduleEnv.readAsOf(undefined);
        this.context = saved;
      }
      this.events.splice(run.events, 0, ...this.events.splice(events));
      this.models.splice(run.models, 0, ...this.models.splice(models));
    }
  }

  /** Where a scope's code ends, each Sequential model built in it ends with the layers its last `add` left (the end
   *  of a loop body too). */
  private declareSequentialEnds(env: Env): void {
    for (const [state, ends] of env.scopeSequentialEnds()) {
      if (state.owner.kind === 'sequential' && !this.context.escaped.has(state.owner)) {
        this.context.declaredOutputs.push({ owner: state.owner, outputs: ends, fallback: true });
      }
    }
  }

  private classDefinition(node: SyntaxNode, env: Env): void {
    const name = node.childForFieldName('name')?.text ?? '<class>';
    const superclasses = node.childForFieldName('superclasses');
    const bases = (superclasses?.namedChildren ?? []).map((base) => ({ base, symbol: this.resolver.resolve(base) }));
    const isModel = bases.some(({ base, symbol }) => symbol?.kind === 'model' || this.kerasModelClasses.has(base.text));
    const isKeras = isModel || bases.some(({ base, symbol }) => symbol?.kind === 'base-layer' || this.kerasClasses.has(base.text));
    if (isModel) {
      this.kerasModelClasses.add(name);
      env.bind(name, { kind: 'model-class', definition: node });
    }
    const body = node.childForFieldName('body');
    if (!body) return;
    const methods = new Map<string, SyntaxNode>();
    for (const statement of body.children) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const methodName = definition?.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
      if (definition && methodName) methods.set(methodName, definition);
    }
    if (!isKeras) {
      for (const method of methods.values()) this.functionDefinition(method, env, true);
      return;
    }
    this.kerasClasses.add(name);
    const owner: GraphOwner = { kind: 'subclass', name, anchor: node };
    // Layers are made in __init__ (or build) and wired in call(): evaluate them in that order in one scope.
    this.inContext(() => {
      const classEnv = Env.scope(env);
      const frame = this.frame(owner, 'subclass');
      for (const methodName of ['__init__', 'build']) {
        const method = methods.get(methodName);
        if (method) this.runFunction(method, classEnv, [], [], frame);
      }
      const call = methods.get('call');
      if (call) {
        const returned = this.runFunction(call, classEnv, [], [], frame);
        if (returned.kind === 'tensor') this.context.declaredOutputs.push({ owner, outputs: returned.producers });
      }
    });
    for (const [methodName, method] of methods) {
      if (!['__init__', 'build', 'call'].includes(methodName)) this.functionDefinition(method, env, true);
    }
  }

  /** Evaluates a function body in `env` with its parameters bound; returns the union of what it returns. */
  private runFunction(definition: SyntaxNode, env: Env, positional: readonly Value[], keywords: ReadonlyArray<[string, Value]>, frame: Frame): Value {
    let next = 0;
    let index = -1;
    for (const parameter of definition.childForFieldName('parameters')?.children ?? []) {
      if (!parameter.isNamed) continue;
      index++;
      const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? firstNamed(parameter));
      if (!name || name.type !== 'identifier') continue;
      if (index === 0 && isMethod(definition) && (name.text === 'self' || name.text === 'cls')) continue;
      const value = keywords.find(([k]) => k === name.text)?.[1] ?? positional[next++];
      env.bind(name.text, value ?? this.defaultValue(parameter, env, frame));
    }
    const body = definition.childForFieldName('body');
    const inner = frame.collectingReturns();
    if (body) this.block(body.children, env, inner);
    const returns = inner.returns ?? [];
    return returns.length === 0 ? UNKNOWN : unionValues(returns);
  }

  private defaultValue(parameter: SyntaxNode, env: Env, frame: Frame): Value {
    const value = parameter.childForFieldName('value');
    if (!value) return FRESH_TENSOR;
    const evaluated = this.expression(value, env, frame, parameter);
    return evaluated.kind === 'unknown' ? FRESH_TENSOR : evaluated;
  }

  // ---- expressions --------------------------------------------------------------------------------

  private expression(node: SyntaxNode, env: Env, frame: Frame, statement: SyntaxNode): Value {
    // Pathologically nested expressions (thousands of brackets) are not model code; stop before the stack does.
    if (this.nesting >= MAX_NESTING) return UNKNOWN;
    this.nesting++;
    try {
      return this.evaluate(node, env, frame, statement);
    } finally {
      this.nesting--;
    }
  }

  private evaluate(node: SyntaxNode, env: Env, frame: Frame, statement: SyntaxNode): Value {
    switch (node.type) {
      case 'assignment':
        return this.assignment(node, env, frame, statement);
      case 'augmented_assignment': {
        const right = node.childForFieldName('right');
        if (right) this.expression(right, env, frame, statement);
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(left, FRESH_TENSOR, env);
        return UNKNOWN;
      }
      case 'call':
        return this.call(node, env, frame, statement);
      case 'identifier': {
        const name = nameOf(node);
        return env.lookup(name) ?? this.moduleEnv.lookup(name) ?? UNKNOWN;
      }
      case 'attribute':
        return env.lookup(nameOf(node)) ?? UNKNOWN;
      case 'parenthesized_expression': {
        const inner = firstNamed(node);
        return inner ? this.expression(inner, env, frame, statement) : UNKNOWN;
      }
      case 'list':
      case 'tuple':
      case 'expression_list':
        return { kind: 'list', items: code(node).map((item) => this.expression(item, env, frame, statement)) };
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = node.namedChildren;
        const conditionalFrame = frame.conditionally();
        const values = [whenTrue, whenFalse].filter(Boolean).map((e) => this.expression(e, env, conditionalFrame, statement));
        return unionValues(values);
      }
      case 'binary_operator':
      case 'boolean_operator':
      case 'unary_operator':
      case 'subscript':
      case 'keyword_argument':
      case 'argument_list':
        // Layers built inside operands still exist; the result is a tensor no layer directly produced.
        for (const child of node.children) this.expression(child, env, frame, statement);
        return node.type === 'keyword_argument' || node.type === 'argument_list' ? UNKNOWN : FRESH_TENSOR;
      default:
        return UNKNOWN;
    }
  }

  private assignment(node: SyntaxNode, env: Env, frame: Frame, statement: SyntaxNode): Value {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    const value = right ? this.expression(right, env, frame, statement) : UNKNOWN;
    if (left) {
      this.bindTarget(left, value, env);
      if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'trainable' && right) {
        const model = this.modelReachedFrom(left.childForFieldName('object'), env);
        if (model) this.events.push({ kind: 'trainable', model, node, value: right, literal: literalOf(right) });
      }
    }
    return value;
  }

  private bindTarget(target: SyntaxNode, value: Value, env: Env): void {
    if (target.type === 'identifier') {
      const name = nameOf(target);
      env.bind(name, value);
      if (value.kind === 'model' && value.model.name === '') value.model.name = name;
    } else if (target.type === 'attribute') {
      env.bind(nameOf(target), value);
    } else if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      const items = value.kind === 'list' ? value.items : [];
      target.namedChildren.forEach((t, i) => this.bindTarget(t, items[i] ?? UNKNOWN, env));
    }
  }

  /** A model that `expr` is, or is an attribute of (`base`, `model.layers[0]`). */
  private modelReachedFrom(expr: SyntaxNode | null, env: Env): ModelObject | undefined {
    let node = expr;
    while (node && (node.type === 'attribute' || node.type === 'subscript')) {
      const whole = env.lookup(nameOf(node));
      if (whole?.kind === 'model') return whole.model;
      node = node.type === 'attribute' ? node.childForFieldName('object') : node.childForFieldName('value');
    }
    if (!node) return undefined;
    const value = node.type === 'identifier' ? env.lookup(nameOf(node)) ?? this.moduleEnv.lookup(nameOf(node)) : undefined;
    return value?.kind === 'model' ? value.model : undefined;
  }

  private call(node: SyntaxNode, env: Env, frame: Frame, statement: SyntaxNode): Value {
    const syntax = this.callSyntax(node);
    const { fn, args, receiver: receiverNode, method, symbol } = syntax;
    if (!fn) return UNKNOWN;

    // receiver.method(...): Sequential.add, compile/fit, and calls on unknown objects.
    if (receiverNode && !symbol) {
      const receiver = this.expression(receiverNode, env, frame, statement);
      if (method === 'add' && args.length >= 1 && !args[0].keyword) {
        if (receiver.kind === 'model' && receiver.sequential) return this.add(receiver.sequential, args[0].value, env, frame, statement);
        if (receiver.kind !== 'model') {
          const added = this.expression(args[0].value, env, frame, statement);
          const sequential = added.kind === 'layer' ? this.implicitSequential(receiver, receiverNode, env, node, frame) : undefined;
          return sequential ? this.add(sequential, args[0].value, env, frame, statement, 'add', added) : UNKNOWN;
        }
      }
      if (receiver.kind === 'model') {
        for (const arg of args) this.expression(arg.value, env, frame, statement);
        this.events.push({ kind: 'method', model: receiver.model, method, node, args });
        return UNKNOWN;
      }
      if (receiver.kind === 'list') return UNKNOWN;
    }

    const callee = this.callee(fn, syntax, env, frame, statement);
    switch (callee.kind) {
      case 'keras':
        if (callee.symbol.kind === 'merge-function') {
          // A merge function constructs the merge layer and applies it in one call (`layers.concatenate([a, b], axis=1)`).
          const layer: LayerObject = { spec: callee.symbol.spec, classRef: callee.classRef, ctor: node, args: syntax.rest };
          return this.apply(layer, node, syntax, env, frame, statement, false);
        }
        return this.construct(callee, node, args, env, frame, statement);
      case 'layer':
        return this.apply(callee.layer, node, syntax, env, frame, statement);
      case 'model': {
        for (const arg of args) this.expression(arg.value, env, frame, statement);
        this.events.push({ kind: 'call', model: callee.model, node, args });
        const ends = callee.sequential ? env.sequentialEnd(callee.sequential) : undefined;
        return { kind: 'tensor', producers: ends ?? NO_PRODUCERS };
      }
      case 'function':
        return this.inline(callee.definition, callee.scope, node, args, env, frame, statement);
      case 'model-class':
        for (const arg of args) this.expression(arg.value, env, frame, statement);
        return { kind: 'model', model: this.newModel('subclass', node, callee.definition) };
      default:
        for (const arg of args) this.expression(arg.value, env, frame, statement);
        return UNKNOWN;
    }
  }

  /** The parts of a call, read from the tree once: helpers are inlined at every call and loop bodies run twice, so
   *  the same call is evaluated again and again. */
  private callSyntax(node: SyntaxNode): CallSyntax {
    let syntax = this.calls.get(node.id);
    if (syntax) return syntax;
    const fn = node.childForFieldName('function');
    const list = node.childForFieldName('arguments');
    const args = list?.type === 'argument_list' ? parseArguments(list) : [];
    const input = argumentFor(args, 'inputs', 0);
    const symbol = fn ? this.resolver.resolve(fn) : undefined;
    // `layers.Dense(...)` names a class: only other attribute calls are methods of a receiver.
    const method = !symbol && fn?.type === 'attribute';
    syntax = {
      fn,
      name: fn && (fn.type === 'identifier' || fn.type === 'attribute') ? nameOf(fn) : undefined,
      args,
      input,
      rest: input ? args.filter((a) => a !== input) : args,
      receiver: method ? fn.childForFieldName('object') : null,
      method: (method && fn.childForFieldName('attribute')?.text) || '',
      symbol,
    };
    this.calls.set(node.id, syntax);
    return syntax;
  }

  /** What is being called: a Keras class (constructed here), or a value the scope holds. */
  private callee(fn: SyntaxNode, { name, symbol }: CallSyntax, env: Env, frame: Frame, statement: SyntaxNode): Value | KerasCallee {
    if (name !== undefined) {
      const bound = env.lookup(name) ?? (fn.type === 'identifier' ? this.moduleEnv.lookup(name) : undefined);
      if (bound) return bound;
      if (symbol) return { kind: 'keras', symbol, classRef: fn } as KerasCallee;
      return UNKNOWN;
    }
    return this.expression(fn, env, frame, statement);
  }

  /** Applies a layer to the input of `call`: a node, with edges from whatever produced the input. The node's call
   *  arguments are the others (`training=`), unless `callArgs` is false: a merge function's are its constructor's. */
  private apply(layer: LayerObject, call: SyntaxNode, syntax: CallSyntax, env: Env, frame: Frame, statement: SyntaxNode, callArgs = true): Value {
    const input = syntax.input ? this.expression(syntax.input.value, env, frame, statement) : UNKNOWN;
    for (const arg of syntax.rest) this.expression(arg.value, env, frame, statement);
    const node = this.makeNode(layer, call, callArgs ? syntax.rest : [], statement, frame, frame.style === 'subclass' ? 'subclass' : 'functional');
    for (const producer of producersOf(input)) this.context.edge(producer, node);
    return { kind: 'tensor', producers: only(node) };
  }

  private makeNode(
    layer: LayerObject,
    application: SyntaxNode,
    callArgs: readonly Argument[],
    statement: SyntaxNode,
    frame: Frame,
    style: ConstructionStyle,
  ): LayerNode {
    const existing = this.context.existing(application, frame.path);
    if (existing) return existing;
    const node: LayerNode = {
      id: this.idCounter++,
      spec: layer.spec,
      classRef: layer.classRef,
      ctor: layer.ctor,
      args: layer.args,
      wrapped: layer.wrapped,
      application,
      callArgs,
      statement,
      style,
      conditional: frame.conditional,
      inLoop: frame.inLoop,
      graphIndex: -1,
    };
    this.context.add(node, frame.path, frame.owner);
    return node;
  }

  private inline(
    definition: SyntaxNode,
    scope: Env,
    call: SyntaxNode,
    args: readonly Argument[],
    env: Env,
    frame: Frame,
    statement: SyntaxNode,
  ): Value {
    const positional: Value[] = [];
    const keywords: Array<[string, Value]> = [];
    for (const arg of args) {
      const value = this.expression(arg.value, env, frame, statement);
      if (arg.keyword) keywords.push([arg.keyword, value]);
      else positional.push(value);
    }
    if (frame.depth >= MAX_INLINE_DEPTH || frame.active.has(definition.id)) return UNKNOWN;
    this.inlinedDefinitions.add(definition.id);
    const callFrame = frame.inlined(frame.path.step(call.id), definition.id);
    // The helper sees the caller's Sequential end points, so `add` calls in a helper continue the caller's model.
    const local = Env.inlined(scope, env);
    return this.runFunction(definition, local, positional, keywords, callFrame);
  }

  // ---- Keras constructors ---------------------------------------------------------------------------

  private construct(callee: KerasCallee, call: SyntaxNode, args: readonly Argument[], env: Env, frame: Frame, statement: SyntaxNode): Value {
    const { symbol, classRef } = callee;
    switch (symbol.kind) {
      case 'layer': {
        // A wrapper's layer argument (`Bidirectional(LSTM(64))`) is the first positional one or `layer=`.
        const wrappedArg = argumentFor(args, 'layer', 0);
        let wrapped: LayerObject | undefined;
        for (const arg of args) {
          const value = this.expression(arg.value, env, frame, statement);
          if (arg === wrappedArg && value.kind === 'layer') wrapped = value.layer;
        }
        return { kind: 'layer', layer: { spec: symbol.spec, classRef, ctor: call, args, wrapped } };
      }
      case 'input':
        return FRESH_TENSOR;
      case 'sequential':
        return this.sequential(call, args, env, frame, statement);
      case 'model':
      case 'application': {
        const model = this.newModel(symbol.kind === 'model' ? 'functional' : 'application', call);
        const outputsArg = argumentFor(args, 'outputs', 1);
        for (const arg of args) {
          const value = this.expression(arg.value, env, frame, statement);
          if (arg === outputsArg && symbol.kind === 'model') {
            const owner: GraphOwner = { kind: 'functional', name: assignedName(call) ?? 'model', anchor: call };
            this.context.declaredOutputs.push({ owner, outputs: new Set(producersOf(value)) });
          }
        }
        return { kind: 'model', model };
      }
      default:
        return UNKNOWN;
    }
  }

  private newModel(origin: ModelOrigin, creation: SyntaxNode, definition?: SyntaxNode): ModelObject {
    const model: ModelObject = { id: this.modelCounter++, origin, name: assignedName(creation) ?? '', creation, definition };
    this.models.push(model);
    return model;
  }

  private sequential(call: SyntaxNode, args: readonly Argument[], env: Env, frame: Frame, statement: SyntaxNode): Value {
    const model = this.newModel('sequential', call);
    const state: SequentialState = {
      model,
      owner: { kind: 'sequential', name: model.name || 'Sequential', anchor: call },
    };
    env.setSequentialEnd(state, NO_PRODUCERS);
    const layersArg = argumentFor(args, 'layers', 0);
    for (const arg of args) {
      if (arg === layersArg && (arg.value.type === 'list' || arg.value.type === 'tuple')) {
        const owned = frame.ownedBy(state.owner);
        for (const element of code(arg.value)) this.add(state, element, env, owned, statement, 'list');
      } else {
        this.expression(arg.value, env, frame, statement);
      }
    }
    return { kind: 'model', model, sequential: state };
  }

  /** An unknown receiver (a helper's `model` parameter) that is given a layer with `add` is taken to be a Sequential model. */
  private implicitSequential(receiver: Value, receiverNode: SyntaxNode, env: Env, call: SyntaxNode, frame: Frame): SequentialState | undefined {
    if (receiver.kind !== 'unknown' && !(receiver.kind === 'tensor' && receiver.producers.size === 0)) return undefined;
    if (receiverNode.type !== 'identifier' && receiverNode.type !== 'attribute') return undefined;
    const model = this.newModel('sequential', call);
    model.name = receiverNode.text;
    // Inside a helper the model comes from the caller; the helper's own graph keeps the helper's name.
    const owner: GraphOwner = frame.owner.kind === 'function' ? frame.owner : { kind: 'sequential', name: receiverNode.text, anchor: receiverNode };
    const state: SequentialState = { model, owner };
    env.setSequentialEnd(state, NO_PRODUCERS);
    this.bindTarget(receiverNode, { kind: 'model', model, sequential: state }, env);
    return state;
  }

  private add(
    state: SequentialState,
    expr: SyntaxNode,
    env: Env,
    frame: Frame,
    statement: SyntaxNode,
    style: ConstructionStyle = 'add',
    value: Value = this.expression(expr, env, frame, statement),
  ): Value {
    const owned = frame.ownedBy(state.owner);
    if (value.kind === 'layer') {
      const node = this.makeNode(value.layer, expr, [], statement, owned, style);
      for (const producer of env.sequentialEnd(state) ?? NO_PRODUCERS) this.context.edge(producer, node);
      env.setSequentialEnd(state, only(node));
    } else if (value.kind === 'model' && value.sequential) {
      // A Sequential nested in a Sequential: its layers run in between, so the chain continues from its end.
      env.setSequentialEnd(state, env.sequentialEnd(value.sequential) ?? NO_PRODUCERS);
    } else {
      // Something unknown stands between: the next layer does not directly follow the previous one.
      env.setSequentialEnd(state, NO_PRODUCERS);
    }
    return UNKNOWN;
  }
}

/** A module-level function whose own run waits for the module's end: the context its graphs go to, and where it was
 *  defined (the module's time, and how many events and models the module had made). */
interface DeferredRun {
  readonly definition: SyntaxNode;
  readonly name: string;
  readonly context: Context;
  readonly time: number;
  readonly events: number;
  readonly models: number;
}

interface KerasCallee {
  kind: 'keras';
  symbol: KerasSymbol;
  classRef: SyntaxNode;
}

interface CallSyntax {
  readonly fn: SyntaxNode | null;
  /** The variable `fn` names, when it is a name or an attribute chain. */
  readonly name: string | undefined;
  readonly args: readonly Argument[];
  /** What a layer called this way takes as its input: `inputs=`, or the first positional argument. */
  readonly input: Argument | undefined;
  /** The arguments other than `input`. */
  readonly rest: readonly Argument[];
  /** For `receiver.method(...)` (not a Keras class): the receiver, and the method's name ('' when it cannot be read). */
  readonly receiver: SyntaxNode | null;
  readonly method: string;
  /** The Keras symbol `fn` names through the imports. */
  readonly symbol: KerasSymbol | undefined;
}

/** The variable an identifier or attribute chain (`self.drop`) names, however it is spaced. */
function nameOf(node: SyntaxNode): string {
  const text = node.text;
  return node.type !== 'identifier' && /\s/.test(text) ? text.replace(/\s+/g, '') : text;
}

// The builder reads `children` and passes over the tokens in them (statements and expressions ignore what they do not
// know) rather than reading `namedChildren`: the node copy makes that second list on first use, for nearly every node
// the builder visits.

/** The first named child, as `namedChild(0)`. */
function firstNamed(node: SyntaxNode): SyntaxNode | null {
  for (const child of node.children) if (child.isNamed) return child;
  return null;
}

/** Children that are code: comments inside lists and argument lists are not elements. */
function code(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((n) => n.isNamed && n.type !== 'comment');
}

/** A set of one node (without the array and iterator `new Set([node])` goes through: this is made per application). */
function only(node: LayerNode): ReadonlySet<LayerNode> {
  return new Set<LayerNode>().add(node);
}

function producersOf(value: Value): Iterable<LayerNode> {
  if (value.kind === 'tensor') return value.producers;
  if (value.kind !== 'list') return NO_PRODUCERS;
  const all: LayerNode[] = [];
  for (const item of value.items) for (const producer of producersOf(item)) all.push(producer);
  return all;
}

function isMethod(definition: SyntaxNode): boolean {
  return definition.parent?.parent?.type === 'class_definition' || definition.parent?.parent?.parent?.type === 'class_definition';
}

function assignedName(call: SyntaxNode): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === call.id) {
    const left = parent.childForFieldName('left');
    if (left?.type === 'identifier' || left?.type === 'attribute') return left.text;
  }
  return undefined;
}

export function literalOf(node: SyntaxNode): Literal | undefined {
  let sign = 1;
  let hasSign = false;
  let inner: SyntaxNode | null = node;
  // Unwrap `(…)` and unary signs in a loop: input with thousands of them must not exhaust the stack.
  for (;;) {
    if (inner?.type === 'parenthesized_expression') inner = firstNamed(inner);
    else if (inner?.type === 'unary_operator') {
      const operator = inner.child(0)?.text;
      if (operator === '-') sign = -sign;
      else if (operator !== '+') return undefined;
      hasSign = true;
      inner = inner.childForFieldName('argument');
    } else break;
  }
  if (!inner) return undefined;
  switch (inner.type) {
    case 'integer':
    case 'float': {
      const value = Number(inner.text.replace(/_/g, ''));
      return Number.isNaN(value) ? undefined : sign * value;
    }
    case 'true':
    case 'false':
    case 'none':
    case 'string':
      if (hasSign) return undefined;
      if (inner.type === 'true') return true;
      if (inner.type === 'false') return false;
      if (inner.type === 'none') return null;
      if (inner.children.some((c) => c.type === 'interpolation')) return undefined;
      return inner.children.filter((c) => c.type === 'string_content').map((c) => c.text).join('');
    default:
      return undefined;
  }
}

export function parseArguments(list: SyntaxNode): Argument[] {
  const result: Argument[] = [];
  let position = 0;
  for (const child of list.children) {
    if (!child.isNamed || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) result.push(new CallArgument(name.text, undefined, child, value));
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      position = Number.POSITIVE_INFINITY; // positions after *args are unknown
    } else {
      result.push(new CallArgument(undefined, position++, child, child));
    }
  }
  return result;
}

/** An argument of a call. Its literal value is read when first asked for: the builder parses the arguments of every
 *  call it meets, and only the rules ask for a few layer arguments' values. */
class CallArgument implements Argument {
  private literalRead = false;
  private literalValue: Literal | undefined;

  constructor(
    readonly keyword: string | undefined,
    readonly position: number | undefined,
    readonly node: SyntaxNode,
    readonly value: SyntaxNode,
  ) {}

  get literal(): Literal | undefined {
    if (!this.literalRead) {
      this.literalValue = literalOf(this.value);
      this.literalRead = true;
    }
    return this.literalValue;
  }
}
