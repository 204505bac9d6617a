// Import and alias resolution: which local names denote which Keras symbols.
//
// `import tensorflow as tf`, `from tensorflow.keras import layers as L`, `from keras.layers import Dropout as DO`,
// star imports and the legacy `tensorflow.python.keras` path all end up as a qualified name, which is then
// normalized to the `keras.` namespace and looked up in the layer catalog.
import type { SyntaxNode } from '../parse/tree';
import { layerByFunctionalName, layerByName, type LayerSpec } from './catalog';

export interface ImportTable {
  /** Local name → fully qualified dotted name it was imported as. */
  readonly bindings: ReadonlyMap<string, string>;
  /** Modules imported with `from M import *`. */
  readonly starModules: readonly string[];
  /** Names the module defines itself (classes, functions, assignments): they shadow star imports and bare names. */
  readonly localNames: ReadonlySet<string>;
  /** A file without any import (a pasted snippet) resolves bare Keras names by convention. */
  readonly hasImports: boolean;
}

export type KerasSymbol =
  | { kind: 'layer'; spec: LayerSpec }
  /** A lower-case merge function such as `layers.concatenate`. */
  | { kind: 'merge-function'; spec: LayerSpec }
  | { kind: 'input' }
  | { kind: 'sequential' }
  | { kind: 'model' }
  | { kind: 'base-layer' }
  | { kind: 'application'; name: string };

// Aliases conventional enough to resolve in a snippet that has no imports at all.
const SNIPPET_ALIASES: ReadonlyMap<string, string> = new Map([
  ['tf', 'tensorflow'],
  ['keras', 'keras'],
  ['layers', 'keras.layers'],
  ['models', 'keras.models'],
]);

/** An import table being filled, statement by statement. */
interface Collected {
  readonly bindings: Map<string, string>;
  readonly starModules: string[];
  readonly localNames: Set<string>;
  hasImports: boolean;
}

const collected = (): Collected => ({ bindings: new Map(), starModules: [], localNames: new Set(), hasImports: false });

// What each top-level statement adds, for statements carried over unchanged from a document's previous version
// (parse/mirror.ts), so that they are read once.
const contributions = new WeakMap<SyntaxNode, ImportTable>();

/** The import table of a module. `remember`: keep what each top-level statement adds, for the next version of the
 *  same document (the editor's incremental analysis); a one-off analysis saves the cost of keeping it. */
export function collectImports(root: SyntaxNode, remember = true): ImportTable {
  const table = collected();
  for (const statement of root.children) {
    if (!remember) {
      addStatement(statement, table);
      continue;
    }
    const contribution = contributionOf(statement);
    for (const [name, target] of contribution.bindings) table.bindings.set(name, target);
    table.starModules.push(...contribution.starModules);
    for (const name of contribution.localNames) table.localNames.add(name);
    table.hasImports ||= contribution.hasImports;
  }
  return table;
}

/** What one top-level statement adds to its module's table, read once per statement. */
function contributionOf(statement: SyntaxNode): ImportTable {
  let contribution = contributions.get(statement);
  if (!contribution) {
    const own = collected();
    addStatement(statement, own);
    contributions.set(statement, (contribution = own));
  }
  return contribution;
}

/** The import table of `root` after an edit replaced some of the top-level statements `previous` was collected
 *  from (`replaced`: old statement → new one, everything else the same nodes): `previous` itself when each new
 *  statement adds what its old one added (a keystroke inside a layer call), else the table collected afresh. */
export function importsAfterEdit(root: SyntaxNode, previous: ImportTable, replaced: ReadonlyMap<SyntaxNode, SyntaxNode>): ImportTable {
  for (const [old, now] of replaced) if (!sameImports(contributionOf(old), contributionOf(now))) return collectImports(root);
  return previous;
}

/** Whether two tables hold the same names. */
export function sameImports(a: ImportTable, b: ImportTable): boolean {
  if (a === b) return true;
  if (!sameImported(a, b) || a.localNames.size !== b.localNames.size) return false;
  for (const name of a.localNames) if (!b.localNames.has(name)) return false;
  return true;
}

/**
 * Whether analyses made with one table of a module hold with the other: the same imports, and the module's own names
 * differ only in names that shadow nothing (a module's own `EPOCHS = 10` as it is typed). Every name resolves alike
 * with either table, and fixes write the same names and imports.
 */
export function resolvesAlike(a: ImportTable, b: ImportTable): boolean {
  if (a === b) return true;
  if (!sameImported(a, b)) return false;
  for (const name of a.localNames) if (!b.localNames.has(name) && shadows(name, a)) return false;
  for (const name of b.localNames) if (!a.localNames.has(name) && shadows(name, a)) return false;
  return true;
}

function sameImported(a: ImportTable, b: ImportTable): boolean {
  if (a.hasImports !== b.hasImports || a.bindings.size !== b.bindings.size) return false;
  if (a.starModules.length !== b.starModules.length || a.starModules.some((module, i) => module !== b.starModules[i])) return false;
  for (const [name, target] of a.bindings) if (b.bindings.get(name) !== target) return false;
  return true;
}

/** Whether a name the module defines for itself changes anything by being defined: what a name resolves to through
 *  a star import or a snippet's conventions (see `qualify`), or whether a fix may write a layer class under that
 *  name (fixes/rename.ts). */
function shadows(name: string, imports: ImportTable): boolean {
  return (
    SNIPPET_ALIASES.has(name) ||
    kerasSymbolOf(`keras.layers.${name}`) !== undefined ||
    imports.starModules.some((module) => kerasSymbolOf(`${module}.${name}`) !== undefined)
  );
}

function addImport(statement: SyntaxNode, table: Collected): void {
  const { bindings, starModules } = table;
  table.hasImports = true;
  if (statement.type === 'import_statement') {
    for (const child of statement.children) {
      if (child.type === 'dotted_name') {
        // `import tensorflow.keras` binds `tensorflow`
        const top = child.text.split('.')[0];
        bindings.set(top, top);
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name');
        const alias = child.childForFieldName('alias');
        if (name && alias) bindings.set(alias.text, dotted(name));
      }
    }
    return;
  }
  const moduleNode = statement.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') return;
  const moduleName = dotted(moduleNode);
  for (const child of statement.children) {
    if (child === moduleNode || child.id === moduleNode.id) continue;
    if (child.type === 'wildcard_import') starModules.push(moduleName);
    else if (child.type === 'dotted_name') bindings.set(child.text, `${moduleName}.${dotted(child)}`);
    else if (child.type === 'aliased_import') {
      const name = child.childForFieldName('name');
      const alias = child.childForFieldName('alias');
      if (name && alias) bindings.set(alias.text, `${moduleName}.${dotted(name)}`);
    }
  }
}

/** Adds what a statement of the module's own level binds: through compound statements (if/try/with/for) but not
 *  into function and class bodies, whose imports are found by their text (see importsInside). `children` rather than
 *  `namedChildren` throughout: tokens fall through every case, and the node copy makes the list of named children
 *  on first use. */
function addStatement(statement: SyntaxNode, table: Collected): void {
  switch (statement.type) {
    case 'import_statement':
    case 'import_from_statement':
      return addImport(statement, table);
    case 'future_import_statement':
      return;
    case 'class_definition':
    case 'function_definition': {
      const name = statement.childForFieldName('name');
      if (name) table.localNames.add(name.text);
      for (const nested of importsInside(statement)) addImport(nested, table);
      return;
    }
    case 'decorated_definition': {
      const definition = statement.childForFieldName('definition');
      if (definition) addStatement(definition, table);
      return;
    }
    case 'expression_statement': {
      const assignment = statement.children.find((c) => c.isNamed);
      if (assignment?.type === 'assignment') {
        const left = assignment.childForFieldName('left');
        if (left?.type === 'identifier') table.localNames.add(left.text);
      }
      return;
    }
    default:
      // Compound statements (if/try/with/for) can hold imports too.
      for (const child of statement.children) {
        if (child.type === 'block' || child.type.endsWith('_clause')) {
          for (const inner of child.type === 'block' ? child.children : blockOf(child)) addStatement(inner, table);
        }
      }
  }
}

/** The import statements in the body of a function or class, at any depth, in source order. Few bodies import
 *  anything, so rather than visiting every statement of every body, the text is searched for the `import` keyword
 *  and each hit is confirmed in the tree: a keyword token of an import statement, in a statement that a walk of
 *  the nested bodies, blocks and clauses would reach (not one that error recovery left somewhere else). */
function importsInside(definition: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const text = definition.text;
  for (let at = text.indexOf('import'); at !== -1; at = text.indexOf('import', at + 1)) {
    const start = definition.startIndex + at;
    const token = definition.descendantForIndex(start, start + 'import'.length);
    const statement = token.type === 'import' ? token.parent : null;
    if (statement && (statement.type === 'import_statement' || statement.type === 'import_from_statement') && reachable(definition, statement)) {
      found.push(statement);
    }
  }
  return found;
}

/** Whether the walk of statements that starts at `definition` reaches `statement`: from a function or class into
 *  its body, from a decorated definition to the definition, from any other statement into its blocks and into the
 *  first block of each of its clauses. */
function reachable(definition: SyntaxNode, statement: SyntaxNode): boolean {
  const path: SyntaxNode[] = [];
  for (let node: SyntaxNode | null = statement; node && node.id !== definition.id; node = node.parent) path.push(node);
  path.push(definition);
  path.reverse();
  let at = 0;
  while (at < path.length - 1) {
    const current = path[at];
    const next = path[at + 1];
    switch (current.type) {
      case 'class_definition':
      case 'function_definition':
        if (next.id !== current.childForFieldName('body')?.id) return false;
        at += 2;
        break;
      case 'decorated_definition':
        if (next.id !== current.childForFieldName('definition')?.id) return false;
        at += 1;
        break;
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'expression_statement':
        return false;
      default:
        if (next.type === 'block') at += 2;
        else if (next.type.endsWith('_clause') && path[at + 2]?.id === next.children.find((c) => c.type === 'block')?.id) at += 3;
        else return false;
    }
  }
  return at === path.length - 1;
}

function blockOf(clause: SyntaxNode): readonly SyntaxNode[] {
  const block = clause.children.find((c) => c.type === 'block');
  return block ? block.children : [];
}

function dotted(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

// What most chains look like: plain ASCII names and dots, nothing in between.
const PLAIN_CHAIN = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** `tf.keras.layers.Dense` for that chain however it is spaced; undefined unless `expr` is a chain of attributes
 *  ending in an identifier. */
function dottedName(expr: SyntaxNode): string | undefined {
  if (expr.type === 'identifier') return expr.text;
  if (expr.type !== 'attribute') return undefined;
  const text = expr.text;
  // An error-free node whose text is a plain chain can only be that chain: no need to walk its attributes.
  if (!expr.hasError && PLAIN_CHAIN.test(text)) return text;
  const parts: string[] = [];
  let node: SyntaxNode | null = expr;
  while (node && node.type === 'attribute') {
    const attribute = node.childForFieldName('attribute');
    if (!attribute) return undefined;
    parts.push(attribute.text);
    node = node.childForFieldName('object');
  }
  if (!node || node.type !== 'identifier') return undefined;
  parts.push(node.text);
  return parts.reverse().join('.');
}

/** The qualified name a dotted name denotes through the file's imports; undefined if it is not imported. */
function qualify(name: string, imports: ImportTable): string | undefined {
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  const rest = dot === -1 ? '' : name.slice(dot);
  const bound = imports.bindings.get(head);
  if (bound !== undefined) return bound + rest;
  if (imports.localNames.has(head)) return undefined;
  if (rest === '') {
    for (const module of imports.starModules) {
      if (kerasSymbolOf(`${module}.${head}`)) return `${module}.${head}`;
    }
  }
  if (!imports.hasImports) {
    const alias = SNIPPET_ALIASES.get(head);
    if (alias) return alias + rest;
    if (rest === '') return `keras.layers.${head}`;
  }
  return undefined;
}

/** `tensorflow.keras.x`, `tensorflow.python.keras.x`, `tf_keras.x`, `keras.src.x` → `keras.x`. */
function normalizeKeras(qualified: string): string[] | undefined {
  const parts = qualified.split('.');
  let start: number;
  if (parts[0] === 'keras' || parts[0] === 'tf_keras') start = 1;
  else if (parts[0] === 'tensorflow' && parts[1] === 'keras') start = 2;
  else if (parts[0] === 'tensorflow' && parts[1] === 'python' && parts[2] === 'keras') start = 3;
  else return undefined;
  if (parts[start] === 'src') start++;
  return parts.slice(start);
}

// Every call's callee is resolved, and with star imports every bare name is tried against each star module, so
// the same few hundred qualified names are looked up again and again; splitting and normalizing them each time
// showed up in profiles. The bound keeps a long-running server from keeping every name it ever saw.
/** null: not a symbol layerlint knows (one lookup answers both questions). */
const symbolCache = new Map<string, KerasSymbol | null>();
const SYMBOL_CACHE_LIMIT = 10_000;

/** The Keras symbol a qualified name denotes, if it is one layerlint knows. */
export function kerasSymbolOf(qualified: string): KerasSymbol | undefined {
  const known = symbolCache.get(qualified);
  if (known !== undefined) return known ?? undefined;
  if (symbolCache.size >= SYMBOL_CACHE_LIMIT) symbolCache.clear();
  const symbol = lookUpSymbol(qualified);
  symbolCache.set(qualified, symbol ?? null);
  return symbol;
}

function lookUpSymbol(qualified: string): KerasSymbol | undefined {
  const path = normalizeKeras(qualified);
  if (!path || path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (path.length === 1) {
    if (last === 'Sequential') return { kind: 'sequential' };
    if (last === 'Model') return { kind: 'model' };
    if (last === 'Input') return { kind: 'input' };
    return undefined;
  }
  switch (path[0]) {
    case 'models':
      if (last === 'Sequential') return { kind: 'sequential' };
      if (last === 'Model') return { kind: 'model' };
      return undefined;
    case 'applications':
      return /^[A-Z]/.test(last) ? { kind: 'application', name: last } : undefined;
    case 'layers': {
      if (last === 'Layer') return { kind: 'base-layer' };
      if (last === 'Input') return { kind: 'input' };
      const spec = layerByName(last);
      if (spec) return spec.family === 'input' ? { kind: 'input' } : { kind: 'layer', spec };
      const merge = layerByFunctionalName(last);
      return merge ? { kind: 'merge-function', spec: merge } : undefined;
    }
    default:
      return undefined;
  }
}

/** Resolves expressions through one import table. A file names the same few classes (`layers.Dense`,
 *  `tf.keras.layers.Dropout`) over and over: each dotted name is qualified and looked up once. */
export class KerasResolver {
  /** null: not a Keras symbol. */
  private readonly symbols = new Map<string, KerasSymbol | null>();

  constructor(private readonly imports: ImportTable) {}

  resolve(expr: SyntaxNode): KerasSymbol | undefined {
    const name = dottedName(expr);
    if (name === undefined) return undefined;
    let symbol = this.symbols.get(name);
    if (symbol === undefined) {
      const qualified = qualify(name, this.imports);
      symbol = (qualified === undefined ? undefined : kerasSymbolOf(qualified)) ?? null;
      this.symbols.set(name, symbol);
    }
    return symbol ?? undefined;
  }
}

const resolvers = new WeakMap<ImportTable, KerasResolver>();

/** The resolver of an import table, shared by everything that resolves names of that analysis. */
export function resolverFor(imports: ImportTable): KerasResolver {
  let resolver = resolvers.get(imports);
  if (!resolver) resolvers.set(imports, (resolver = new KerasResolver(imports)));
  return resolver;
}

export function resolveKeras(expr: SyntaxNode, imports: ImportTable): KerasSymbol | undefined {
  return resolverFor(imports).resolve(expr);
}
