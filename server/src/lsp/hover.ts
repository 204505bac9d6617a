// Hovers that explain a Keras layer where it is used: what it does, the arguments of this call against the
// defaults, training vs inference, its neighbours in this model, the catalog's guidance, and layerlint's findings.
// Every sentence about a layer comes from the catalog; this file only arranges it.
import { paramAt, paramSpec, type LayerSpec, type ParamSpec } from '../keras/catalog';
import { reportNode, type Argument, type LayerNode, type ModelGraph } from '../keras/graph';
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

const contains = (node: SyntaxNode, offset: number) => node.startIndex <= offset && offset < node.endIndex;
const lineOf = (node: SyntaxNode) => node.startPosition.row + 1;

/**
 * Every graph application of the layer whose class reference is under `offset`. One constructor can stand for
 * several applications (a layer object applied twice, a helper inlined into several callers); copies of a helper
 * in its own `function` graph are dropped when a caller's graph holds the same application.
 */
function placementsAt(analysis: Analysis, offset: number): Placement[] {
  const found: Placement[] = [];
  for (const graph of analysis.result.graphs) {
    for (const node of graph.nodes) if (contains(node.classRef, offset)) found.push({ graph, node });
  }
  const inModels = new Set(found.filter((p) => p.graph.owner.kind !== 'function').map((p) => p.node.application.startIndex));
  return found.filter((p) => p.graph.owner.kind !== 'function' || !inModels.has(p.node.application.startIndex));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_VALUE_LENGTH ? `${flat.slice(0, MAX_VALUE_LENGTH - 1)}…` : flat;
}

function paramOf(spec: LayerSpec, arg: Argument): ParamSpec | undefined {
  return arg.keyword !== undefined ? paramSpec(spec, arg.keyword) : paramAt(spec, arg.position ?? -1);
}

function parameterLines(node: LayerNode): string[] {
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

/** Findings underlining this layer: inside its constructor or its call arguments, or on the application itself. */
function findingsOn(findings: readonly Finding[], node: LayerNode): Finding[] {
  const owned = [node.ctor, ...node.callArgs.map((a) => a.node)];
  const whole = [reportNode(node), node.application];
  return findings.filter(
    (f) =>
      owned.some((n) => n.startIndex <= f.span.start && f.span.end <= n.endIndex) ||
      whole.some((n) => n.startIndex === f.span.start && n.endIndex === f.span.end),
  );
}

function layerHover(analysis: Analysis, placements: readonly Placement[]): string {
  const { node } = placements[0];
  const { spec } = node;
  // What is particular to this place in the code comes first; the catalog's general text after it.
  const sections = [`**${spec.name}** · ${spec.family} layer\n\n${spec.summary}`];
  const findings = [...new Set(placements.flatMap((p) => findingsOn(analysis.findings, p.node)))];
  if (findings.length > 0) sections.push(`**layerlint**\n${findings.map((f) => `- ${f.severity} ${f.code}: ${f.message}`).join('\n')}`);
  const where = neighbours(placements);
  if (where.length > 0) sections.push(`**In this model**\n${where.join('\n')}`);
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

function argumentHover(node: LayerNode, arg: Argument): string | undefined {
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

function argumentAt(analysis: Analysis, offset: number): { node: LayerNode; arg: Argument; call: boolean } | undefined {
  for (const graph of analysis.result.graphs) {
    for (const node of graph.nodes) {
      const arg = node.args.find((a) => keywordName(a, offset));
      if (arg) return { node, arg, call: false };
      const callArg = node.callArgs.find((a) => keywordName(a, offset));
      if (callArg) return { node, arg: callArg, call: true };
    }
  }
  return undefined;
}

/** The hover at `offset`, with the range it covers as offsets; undefined when nothing there is a known layer. */
export function hoverAt(analysis: Analysis, offset: number): { markdown: string; start: number; end: number } | undefined {
  const placements = placementsAt(analysis, offset);
  if (placements.length > 0) {
    const { classRef } = placements[0].node;
    return { markdown: layerHover(analysis, placements), start: classRef.startIndex, end: classRef.endIndex };
  }
  const found = argumentAt(analysis, offset);
  if (!found) return undefined;
  const markdown = found.call
    ? found.arg.keyword === 'training'
      ? trainingHover(found.node, found.arg)
      : undefined
    : argumentHover(found.node, found.arg);
  const name = found.arg.node.childForFieldName('name')!;
  return markdown === undefined ? undefined : { markdown, start: name.startIndex, end: name.endIndex };
}
