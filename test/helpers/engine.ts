// Shared test helpers: parse a snippet and describe its graphs compactly, so tests can assert exact graphs.
import { analyzeModule, type ModuleAnalysis } from '../../server/src/keras/analyze';
import type { ModelGraph } from '../../server/src/keras/graph';
import { createParser } from '../../server/src/parse/parser';
import type { ParserKind, PythonParser } from '../../server/src/parse/tree';

const parsers = new Map<ParserKind, Promise<PythonParser>>();

export function parser(kind: ParserKind = 'native'): Promise<PythonParser> {
  let p = parsers.get(kind);
  if (!p) {
    p = createParser({ force: kind });
    parsers.set(kind, p);
  }
  return p;
}

let cursorCopying: Promise<PythonParser> | undefined;

/** Every way layerlint turns source into the nodes it reads: the native parser with its native tree reader and with
 *  the cursor copy it falls back to, and the WASM parser. */
export async function everyParser(): Promise<Array<[string, PythonParser]>> {
  cursorCopying ??= createParser({ force: 'native', reader: 'cursor' });
  return [
    ['native', await parser('native')],
    ['native, cursor copy', await cursorCopying],
    ['wasm', await parser('wasm')],
  ];
}

/** Removes the common indentation of a template literal and its first newline. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export async function analyze(source: string, kind: ParserKind = 'native'): Promise<ModuleAnalysis> {
  const tree = (await parser(kind)).parse(source);
  return analyzeModule(tree.rootNode);
}

export interface GraphShape {
  owner: string;
  nodes: string[];
  edges: string[];
  outputs?: string[];
}

/** `Dense@3` is the Dense layer applied on line 3 (1-based). */
export function describe(graph: ModelGraph): GraphShape {
  const label = (n: ModelGraph['nodes'][number]) => `${n.spec.name}@${n.application.startPosition.row + 1}`;
  const shape: GraphShape = {
    owner: `${graph.owner.kind} ${graph.owner.name}`,
    nodes: graph.nodes.map(label),
    edges: graph.edges.map(([a, b]) => `${label(a)}>${label(b)}`),
  };
  if (graph.outputs) shape.outputs = graph.outputs.map(label);
  return shape;
}

export async function graphsOf(source: string, kind: ParserKind = 'native'): Promise<GraphShape[]> {
  return (await analyze(dedent(source), kind)).graphs.map(describe);
}
