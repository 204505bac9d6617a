// Groups a module's top-level statements into islands: statements that share no variable with the rest of the module.
// The graph builder's view of a statement depends only on the imports and on the statements that bind or use the
// same module-level names, so an island analysed alone gives what the whole module would give for it. The editor
// re-analyses only the islands an edit touched (see lsp/incremental.ts).
import { indexOf } from '../parse/lines';
import type { SyntaxNode } from '../parse/tree';

/** The module-level names one top-level statement binds and reads. */
export interface StatementNames {
  readonly binds: readonly string[];
  readonly reads: readonly string[];
  /** Names some function in it declares `global`: calling it binds them, wherever the call is. */
  readonly declared: readonly string[];
  /** Nested too deep to read through: the statement is put with every other. */
  readonly opaque: boolean;
}

// Nodes are carried over unchanged from one version of a document to the next (parse/mirror.ts): a statement's names
// are worked out once.
const namesCache = new WeakMap<SyntaxNode, StatementNames>();

const MAX_DEPTH = 300;
const FUNCTION_SCOPES = new Set(['function_definition', 'lambda']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
/** Targets whose identifiers are bound as a whole (`a, (b, *c) = …`). */
const TARGET_GROUPS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'list_splat_pattern', 'as_pattern_target']);

/** The names a scope binds and reads. Reads of names it binds itself are its own business; what it reads and does not
 *  bind (free names) reaches the enclosing scope. */
class Scope {
  readonly bound = new Set<string>();
  readonly read = new Set<string>();
  /** Names declared `global` or `nonlocal`: assignments to them bind in an enclosing scope. */
  readonly declared = new Set<string>();
  truncated = false;

  free(): Set<string> {
    const free = new Set<string>(this.declared);
    for (const name of this.read) if (!this.bound.has(name) || this.declared.has(name)) free.add(name);
    return free;
  }
}

export function statementNames(statement: SyntaxNode): StatementNames {
  let names = namesCache.get(statement);
  if (!names) {
    const module = new Scope();
    visit(statement, module);
    // Text the parser could not place (an ERROR statement: a half-typed `x =`, a def whose header broke) is no
    // statement the graph builder runs, whatever it holds: it joins the statements it shares names with, as any
    // statement does, rather than putting the whole module in one island while the user types.
    const opaque = module.truncated;
    names = { binds: [...module.bound, ...module.declared], reads: [...module.read], declared: [...module.declared], opaque };
    namesCache.set(statement, names);
  }
  return names;
}

/** Records the names `node` binds and reads in `scope`, descending into nested scopes. */
function visit(node: SyntaxNode, scope: Scope, depth = 0): void {
  // Recursion keeps the scoping rules readable; code nested this deep is generated or hostile, and is kept whole.
  if (depth > MAX_DEPTH) {
    scope.truncated = true;
    return;
  }
  const next = depth + 1;
  switch (node.type) {
    case 'identifier':
      scope.read.add(node.text);
      return;
    case 'call': {
      // `m.add(layer)` on a name the builder knows nothing of makes `m` a Sequential model: it binds `m`.
      const callee = node.childForFieldName('function');
      if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'add') {
        const base = baseName(callee);
        if (base) scope.bound.add(base);
      }
      for (const child of node.namedChildren) visit(child, scope, next);
      return;
    }
    case 'attribute': {
      // `a.b`: `a` is a variable, and the builder keeps what is assigned to `a.b` under that name too.
      const dotted = dottedName(node);
      if (dotted) scope.read.add(dotted);
      return visitField(node, 'object', scope, next);
    }
    case 'keyword_argument':
      return visitField(node, 'value', scope, next);
    case 'assignment':
    case 'augmented_assignment': {
      const left = node.childForFieldName('left');
      if (left) bind(left, scope, next);
      if (node.type === 'augmented_assignment' && left) visit(left, scope, next);
      visitField(node, 'type', scope, next);
      return visitField(node, 'right', scope, next);
    }
    case 'named_expression': {
      const name = node.childForFieldName('name');
      if (name) scope.bound.add(name.text);
      return visitField(node, 'value', scope, next);
    }
    case 'for_statement':
    case 'for_in_clause':
      return bindingField(node, 'left', scope, next);
    case 'as_pattern_target':
      bind(node, scope, next);
      return;
    case 'except_clause':
      return bindingField(node, 'alias', scope, next);
    case 'import_statement':
    case 'import_from_statement':
    case 'future_import_statement':
      bindImport(node, scope);
      return;
    case 'global_statement':
    case 'nonlocal_statement':
      for (const child of node.namedChildren) if (child.type === 'identifier') scope.declared.add(child.text);
      return;
    case 'function_definition':
    case 'class_definition':
    case 'lambda':
      return visitDefinition(node, scope, next);
    default:
      if (COMPREHENSIONS.has(node.type)) {
        // The loop variables are the comprehension's own; what else it reads comes from outside.
        const inner = new Scope();
        for (const child of node.namedChildren) visit(child, inner, next);
        for (const name of inner.free()) scope.read.add(name);
        if (inner.truncated) scope.truncated = true;
        return;
      }
      for (const child of node.namedChildren) visit(child, scope, next);
  }
}

/** A node whose `field` child is bound (a loop variable, an `except … as` name) and whose other children are read. */
function bindingField(node: SyntaxNode, field: string, scope: Scope, depth: number): void {
  const target = node.childForFieldName(field);
  if (target) bind(target, scope, depth);
  for (const child of node.namedChildren) if (child !== target) visit(child, scope, depth);
}

function visitField(node: SyntaxNode, field: string, scope: Scope, depth: number): void {
  const child = node.childForFieldName(field);
  if (child) visit(child, scope, depth);
}

/** A def, class or lambda: its name is bound where it stands; decorators, defaults, annotations and base classes are
 *  read there too; its body is a scope of its own. */
function visitDefinition(node: SyntaxNode, scope: Scope, depth: number): void {
  const name = node.childForFieldName('name');
  if (name) scope.bound.add(name.text);
  const inner = new Scope();
  const parameters = node.childForFieldName('parameters');
  if (parameters) {
    for (const parameter of parameters.namedChildren) bindParameter(parameter, inner, scope, depth);
  }
  for (const field of ['superclasses', 'return_type', 'type_parameters']) visitField(node, field, scope, depth);
  const body = node.childForFieldName('body');
  if (body) visit(body, inner, depth);
  // A class body's names are not visible in its methods, so the methods' free names stay free: keeping every name
  // the class reads is the safe side.
  const reaching = FUNCTION_SCOPES.has(node.type) ? inner.free() : new Set([...inner.read, ...inner.declared]);
  for (const free of reaching) scope.read.add(free);
  for (const declared of inner.declared) scope.declared.add(declared);
  if (inner.truncated) scope.truncated = true;
}

function bindParameter(parameter: SyntaxNode, inner: Scope, outer: Scope, depth: number): void {
  switch (parameter.type) {
    case 'identifier':
      inner.bound.add(parameter.text);
      return;
    case 'default_parameter':
    case 'typed_default_parameter':
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const name = parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c.type === 'identifier');
      if (name) inner.bound.add(name.text);
      // Defaults and annotations are evaluated where the function is defined.
      for (const child of parameter.namedChildren) if (child !== name) visit(child, outer, depth);
      return;
    }
    default:
      visit(parameter, outer, depth);
  }
}

/** Binds the variables of an assignment target; the objects of `a.b = …` and `a[i] = …` are read (and changed). */
function bind(target: SyntaxNode, scope: Scope, depth: number): void {
  if (target.type === 'identifier') {
    scope.bound.add(target.text);
    return;
  }
  if (TARGET_GROUPS.has(target.type)) {
    for (const child of target.namedChildren) bind(child, scope, depth);
    return;
  }
  // A changed object counts as bound as well as read: the statements that changed it and the ones that made it
  // belong together.
  visit(target, scope, depth);
  const base = baseName(target);
  if (base) scope.bound.add(base);
  const dotted = target.type === 'attribute' ? dottedName(target) : undefined;
  if (dotted) scope.bound.add(dotted);
}

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** `a.b.c` for a chain of plain names. */
function dottedName(node: SyntaxNode): string | undefined {
  const text = node.text;
  return DOTTED.test(text) ? text : undefined;
}

function baseName(node: SyntaxNode): string | undefined {
  let current: SyntaxNode | null = node;
  while (current && (current.type === 'attribute' || current.type === 'subscript')) {
    current = current.childForFieldName(current.type === 'attribute' ? 'object' : 'value');
  }
  return current?.type === 'identifier' ? current.text : undefined;
}

function bindImport(node: SyntaxNode, scope: Scope): void {
  for (const child of node.namedChildren) {
    if (child.type === 'aliased_import') {
      const alias = child.childForFieldName('alias');
      if (alias) scope.bound.add(alias.text);
    } else if (child.type === 'dotted_name' && child !== node.childForFieldName('module_name')) {
      const first = child.namedChild(0);
      if (first) scope.bound.add(first.text);
    }
  }
}

/** Statements that give the builder nothing to do in an island: imports (the import table is shared) and comments. */
const OUTSIDE_ISLANDS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'comment']);

/** Statements after which a name may still hold its earlier value: a binding inside an `if`, a loop, a `try`. */
const SURE_BINDERS = new Set(['expression_statement', 'function_definition', 'class_definition', 'decorated_definition']);
/** Statements whose body runs again wherever they are called: what it reads is looked up at the call. */
const DEFINITIONS = new Set(['function_definition', 'class_definition', 'decorated_definition']);

/**
 * The module's top-level statements in islands, each in source order; islands ordered by their first statement.
 * Imports and comments belong to none.
 *
 * The graph builder runs the statements in order, so a statement sees, for each name it reads, the statement that
 * bound it last before it (and the ones before that, when that binding was conditional). A function or class it uses
 * runs its body there too, so the names the body reads are looked up from the same place. A statement joins the
 * island of every binding it can see this way, which leaves no island reading a name another island binds. Names a
 * function declares `global` are bound wherever it is called: every statement naming them is put together.
 */
export function islandsOf(statements: readonly SyntaxNode[]): SyntaxNode[][] {
  // Union-find over statement indices; the smaller index becomes the root, so an island's root is its first statement.
  const parent = statements.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const names = statements.map((statement) => (OUTSIDE_ISLANDS.has(statement.type) ? undefined : statementNames(statement)));
  const members = names.flatMap((n, i) => (n ? [i] : []));
  if (members.some((i) => names[i]!.opaque)) {
    for (const i of members) union(members[0], i);
  }
  /** The statements binding each name, in source order. */
  const binders = new Map<string, number[]>();
  const everywhere = new Set<string>();
  for (const i of members) {
    for (const name of names[i]!.binds) {
      const list = binders.get(name);
      if (list) list.push(i);
      else binders.set(name, [i]);
    }
    for (const name of names[i]!.declared) everywhere.add(name);
  }
  /** The bindings of `name` statement `at` can see: the last one before it, and earlier ones while that one may not
   *  have happened. */
  const visible = (name: string, at: number): number[] => {
    const list = binders.get(name);
    if (!list) return [];
    if (everywhere.has(name)) return list;
    const seen: number[] = [];
    for (let k = lastBefore(list, at); k >= 0; k--) {
      seen.push(list[k]);
      if (SURE_BINDERS.has(statements[list[k]].type)) break;
    }
    return seen;
  };
  for (const at of members) {
    const pending = [...names[at]!.reads, ...names[at]!.declared];
    const looked = new Set<string>(pending);
    while (pending.length > 0) {
      const name = pending.pop()!;
      for (const binder of visible(name, at)) {
        union(binder, at);
        if (!DEFINITIONS.has(statements[binder].type)) continue;
        for (const inner of names[binder]!.reads) {
          if (!looked.has(inner)) {
            looked.add(inner);
            pending.push(inner);
          }
        }
      }
    }
    // A statement that binds a name everyone may change goes with all that name's other statements.
    for (const name of names[at]!.binds) if (everywhere.has(name)) for (const binder of binders.get(name)!) union(binder, at);
  }
  const islands = new Map<number, SyntaxNode[]>();
  for (const i of members) {
    const root = find(i);
    const island = islands.get(root);
    if (island) island.push(statements[i]);
    else islands.set(root, [statements[i]]);
  }
  return [...islands.values()];
}

/** The position in ascending `list` of its last element below `at`, or -1. */
function lastBefore(list: readonly number[], at: number): number {
  return list.length > 0 && list[0] < at ? indexOf(list, at - 1) : -1;
}
