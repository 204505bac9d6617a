// Hovers that explain a Keras layer where it is used: what it does, the arguments of this call against the
// defaults, training vs inference, its neighbours in this model, the catalog's guidance, and layerlint's findings.
// Every sentence about a layer comes from the catalog; this file only arranges it.
import { paramAt, paramSpec, type LayerSpec, type ParamSpec } from '../keras/catalog';
import { parseArguments } from '../keras/builder';
import { reportNode, type Argument, type LayerNode, type ModelGraph } from '../keras/graph';
import { resolveKeras } from '../keras/imports';
import type { SyntaxNode } from '../parse/tree';
import type { Finding } from '../rules/types';
import type { Analysis } from './documents';

/** Parameters listed in a hover even when the call does not write them: the leading ones of the signature. */
const LEADING_PARAMS = 3;
const MAX_VALUE_LENGTH = 40;

interface Placement {
  readonly graph: ModelGraph;
  readonly node: LayerNode;
}

/** A layer constructor call: in a graph, or standing alone where layerlint sees no model around it. */
type Construction = Pick<LayerNode, 'spec' | 'args' | 'ctor'>;

const contains = (node: SyntaxNode, offset: number) => node.startIndex <= offset && offset < node.endIndex;
const lineOf = (node: SyntaxNode) => node.startPosition.row + 1;

/** The name a layer object is applied by (`drop` in `drop(h)`, `self.norm` in `self.norm(x)`), if it is not built in place. */
function appliedName(node: LayerNode): SyntaxNode | undefined {
  // reportNode is the constructor exactly when the layer is built where it is applied.
  if (reportNode(node) === node.ctor) return undefined;
  const app = node.application;
  const name = app.type === 'call' ? app.childForFieldName('function') : app;
  return name?.type === 'identifier' || name?.type === 'attribute' ? name : undefined;
}

/**
 * The graph applications named under `offset`, with the name. On a class reference, every application of that
 * constructor (a layer object applied twice, a helper inlined into several callers); on the name a layer object is
 * applied by, that one application. Copies of a helper in its own `function` graph are dropped when a caller's
 * graph holds the same application.
 */
function placementsAt(analysis: Analysis, offset: number): { name: SyntaxNode; placements: Placement[] } | undefined {
  const found: Placement[] = [];
  let name: SyntaxNode | undefined;
  for (const graph of analysis.result.graphs) {
    for (const node of graph.nodes) {
      const hit = [node.classRef, appliedName(node)].find((n) => n && contains(n, offset));
      if (!hit || (name && hit.startIndex !== name.startIndex)) continue;
      name = hit;
      found.push({ graph, node });
    }
  }
  if (!name) return undefined;
  const inModels = new Set(found.filter((p) => p.graph.owner.kind !== 'function').map((p) => p.node.application.startIndex));
  return { name, placements: found.filter((p) => p.graph.owner.kind !== 'function' || !inModels.has(p.node.application.startIndex)) };
}

/** The Keras layer constructor call whose class name is under `offset`, when no graph holds it. */
function constructionAt(analysis: Analysis, root: SyntaxNode, offset: number): Construction | undefined {
  for (let node: SyntaxNode | null = root.descendantForIndex(offset, offset + 1); node; node = node.parent) {
    if (node.type !== 'call') continue;
    const callee = node.childForFieldName('function');
    if (!callee || !contains(callee, offset)) return undefined;
    const symbol = resolveKeras(callee, analysis.result.imports);
    if (symbol?.kind !== 'layer') return undefined;
    const list = node.childForFieldName('arguments');
    return { spec: symbol.spec, args: list ? parseArguments(list) : [], ctor: node };
  }
  return undefined;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH - 1)}…` : flat;
}

function paramOf(spec: LayerSpec, arg: Argument): ParamSpec | undefined {
  return arg.keyword !== undefined ? paramSpec(spec, arg.keyword) : paramAt(spec, arg.position ?? -1);
}

function parameterLines(node: Construction): string[] {
  const { spec } = node;
  const lines: string[] = [];
  const written = new Set<ParamSpec>();
  for (const arg of node.args) {
    const param = paramOf(spec, arg);
    const name = param?.name ?? arg.keyword;
    if (!name) continue;
    if (param) written.add(param);
    const value = `\`${name}\` = \`${shorten(arg.value.text)}\` here`;
    const fallback = param?.default !== undefined ? ` (default \`${param.default}\`)` : param ? ' (required)' : '';
    lines.push(`- ${value}${fallback}${param ? ` — ${param.meaning}` : ''}`);
  }
  const unwritten = spec.params.filter((p, index) => !written.has(p) && (index < LEADING_PARAMS || p.note !== undefined));
  for (const param of unwritten) {
    const value = param.default !== undefined ? `\`${param.name}\` = \`${param.default}\` (default)` : `\`${param.name}\` (required)`;
    lines.push(`- ${value} — ${param.meaning}`);
  }
  const rest = spec.params.length - written.size - unwritten.length;
  if (rest > 0) lines.push(`- …and ${rest} more, at their defaults`);
  return lines;
}

function neighbours(placements: readonly Placement[]): string[] {
  const describe = (nodes: readonly LayerNode[]) => nodes.map((n) => `\`${n.spec.name}\` (line ${lineOf(n.application)})`).join(', ');
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const { graph, node } of placements) {
    const before = graph.predecessors(node);
    const after = graph.successors(node);
    const parts = [
      before.length > 0 ? `after ${describe(before)}` : 'first layer',
      after.length > 0 ? `before ${describe(after)}` : graph.outputs?.includes(node) ? "the model's output" : 'last layer',
    ];
    const line = `- in \`${graph.owner.name}\`, line ${lineOf(node.application)}: ${parts.join(' · ')}`;
    if (seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines;
}

/** Findings underlining a layer: inside its constructor or the arguments of an application, or on an application itself. */
function findingsOn(findings: readonly Finding[], node: Construction, applications: readonly LayerNode[]): Finding[] {
  const owned = [node.ctor, ...applications.flatMap((a) => a.callArgs.map((c) => c.node))];
  const whole = applications.flatMap((a) => [reportNode(a), a.application]);
  return findings.filter(
    (f) =>
      owned.some((n) => n.startIndex <= f.span.start && f.span.end <= n.endIndex) ||
      whole.some((n) => n.startIndex === f.span.start && n.endIndex === f.span.end),
  );
}

function layerHover(analysis: Analysis, node: Construction, placements: readonly Placement[]): string {
  const { spec } = node;
  // What is particular to this place in the code comes first; the catalog's general text after it.
  const sections = [`**${spec.name}** · ${spec.family} layer\n\n${spec.summary}`];
  const findings = findingsOn(analysis.findings, node, placements.map((p) => p.node));
  if (findings.length > 0) sections.push(`**layerlint**\n${findings.map((f) => `- ${f.severity} ${f.code}: ${f.message}`).join('\n')}`);
  const where = neighbours(placements);
  sections.push(where.length > 0 ? `**In this model**\n${where.join('\n')}` : '**In this model** — not applied in a model layerlint can follow.');
  const params = parameterLines(node);
  if (params.length > 0) sections.push(`**Parameters**\n${params.join('\n')}`);
  sections.push(`**Training vs inference.** ${spec.trainingBehaviour ?? 'Behaves the same in both.'}`);
  if (spec.guidance) sections.push(`**Guidance**\n${spec.guidance}`);
  return sections.join('\n\n');
}

function keywordName(arg: Argument, offset: number): boolean {
  const name = arg.node.type === 'keyword_argument' ? arg.node.childForFieldName('name') : null;
  return arg.keyword !== undefined && name !== null && contains(name, offset);
}

function argumentHover(node: Construction, arg: Argument): string | undefined {
  const param = paramSpec(node.spec, arg.keyword!);
  if (!param) return undefined;
  const fallback = param.default !== undefined ? `default \`${param.default}\`` : 'required';
  const lines = [`**\`${param.name}\`** — ${node.spec.name} parameter, ${fallback}; \`${shorten(arg.value.text)}\` here`, param.meaning];
  if (param.note) lines.push(`**Watch out.** ${param.note}`);
  return lines.join('\n\n');
}

/** `training=` on the application: a Keras call convention, so only the layer's own behaviour comes from the catalog. */
function trainingHover(node: LayerNode, arg: Argument): string {
  return [
    `**\`training\`** — argument of this ${node.spec.name} call; \`${shorten(arg.value.text)}\` here`,
    '`training=True` forces the training behaviour even in `predict()` and `evaluate()`; `training=False` forces the ' +
      'inference behaviour even inside `fit()`. Left out, Keras picks the mode from the context.',
    `**${node.spec.name} in each mode.** ${node.spec.trainingBehaviour ?? 'It behaves the same in both, so this argument changes nothing here.'}`,
  ].join('\n\n');
}

function argumentAt(analysis: Analysis, root: SyntaxNode, offset: number): { node: Construction; arg: Argument; call?: LayerNode } | undefined {
  for (const graph of analysis.result.graphs) {
    for (const node of graph.nodes) {
      const arg = node.args.find((a) => keywordName(a, offset));
      if (arg) return { node, arg };
      const callArg = node.callArgs.find((a) => keywordName(a, offset));
      if (callArg) return { node, arg: callArg, call: node };
    }
  }
  // A keyword of a constructor outside any graph: the call is the parent of its argument list.
  const keyword = root.descendantForIndex(offset, offset + 1).parent;
  const callee = keyword?.type === 'keyword_argument' ? keyword.parent?.parent?.childForFieldName('function') : undefined;
  const construction = callee ? constructionAt(analysis, root, callee.startIndex) : undefined;
  const arg = construction?.args.find((a) => keywordName(a, offset));
  return construction && arg ? { node: construction, arg } : undefined;
}

/** The hover at `offset`, with the range it covers as offsets; undefined when nothing there is a known layer. */
export function hoverAt(analysis: Analysis, root: SyntaxNode, offset: number): { markdown: string; start: number; end: number } | undefined {
  const placed = placementsAt(analysis, offset);
  if (placed) {
    const { name, placements } = placed;
    return { markdown: layerHover(analysis, placements[0].node, placements), start: name.startIndex, end: name.endIndex };
  }
  const construction = constructionAt(analysis, root, offset);
  if (construction) {
    const name = construction.ctor.childForFieldName('function')!;
    return { markdown: layerHover(analysis, construction, []), start: name.startIndex, end: name.endIndex };
  }
  const found = argumentAt(analysis, root, offset);
  if (!found) return undefined;
  const markdown = found.call
    ? found.arg.keyword === 'training'
      ? trainingHover(found.call, found.arg)
      : undefined
    : argumentHover(found.node, found.arg);
  const name = found.arg.node.childForFieldName('name')!;
  return markdown === undefined ? undefined : { markdown, start: name.startIndex, end: name.endIndex };
}
