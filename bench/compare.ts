// Compares the engine of two builds of layerlint on the benchmark's corpus, closely enough to judge a change of a
// few percent on a shared machine:
//
//   node dist/bench-compare.js BUILD_A BUILD_B [rounds]
//
// A build is a checkout where `npm ci && npm run build && npx tsc -p .` has run (its engine is read from its out/,
// its native reader from its native/build): a git worktree of the other commit, or a copy of out/ and native/ beside
// a node_modules. Both engines run in this one process, taking turns file by file; each file's time is the least
// over the rounds. A round over the whole corpus moves by ±5% with the host's load, and so does any ratio of two
// such rounds; a file's fastest run is the one nothing else got in the way of (no other process, no collection of
// garbage), and the sum of those moves by well under 1% between runs of the same build. Because the fastest runs
// leave out the collector's pauses, a change that only allocates less shows in the pauses, reported apart: each
// build's share of them follows how much it allocates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchCorpus } from './corpus';
import { Collections, median } from './stats';
import type { PythonParser, SyntaxNode } from '../server/src/parse/tree';

interface Engine {
  readonly build: string;
  parser: PythonParser;
  analyze(root: SyntaxNode, text: string): void;
}

/** The engine of the build at `dir`, loaded from its own files. */
async function load(dir: string): Promise<Engine> {
  const out = join(resolve(dir), 'out', 'server', 'src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const from = (module: string) => require(join(out, module));
  from('heap.js').tuneHeapForAnalysis();
  const { analyzeModule } = from('keras/analyze.js');
  const { lint } = from('rules/lint.js');
  const { DEFAULT_CONFIG } = from('config/config.js');
  const parser: PythonParser = await from('parse/parser.js').createParser();
  return { build: dir, parser, analyze: (root, text) => lint(analyzeModule(root), text, DEFAULT_CONFIG, root) };
}

/** Parse, then (timed apart) the copy, the freeing of the binding's tree, graphs and rules: one file at a time, as
 *  the editor analyses a document. (`layerlint check` parses runs of files before analysing them, which makes both
 *  faster; per-file minima of the engine's own work compare builds as well either way.) */
function timeFile(engine: Engine, text: string): [parse: number, analysis: number] {
  let start = performance.now();
  const tree = engine.parser.parse(text);
  const parse = performance.now() - start;
  start = performance.now();
  const root = tree.rootNode;
  tree.dispose();
  engine.analyze(root, text);
  return [parse, performance.now() - start];
}

async function main([first, second, rounds = '5']: readonly string[]): Promise<void> {
  if (!first || !second) throw new Error('usage: node dist/bench-compare.js BUILD_A BUILD_B [rounds]');
  const engines = [await load(first), await load(second)];
  const work = mkdtempSync(join(tmpdir(), 'layerlint-compare-'));
  try {
    const texts = benchCorpus(join(work, 'corpus')).files.map((file) => readFileSync(file, 'utf8'));
    for (const engine of engines) for (let pass = 0; pass < 2; pass++) texts.forEach((text) => timeFile(engine, text));
    const fastest = engines.map(() => texts.map(() => [Infinity, Infinity]));
    const collections = new Collections<'A' | 'B'>(['A', 'B']);
    for (let round = 0; round < Number(rounds); round++) {
      texts.forEach((text, file) => {
        // Which build goes first alternates, so that neither always runs right after the other's garbage.
        const order = (file + round) % 2 === 0 ? [0, 1] : [1, 0];
        for (const side of order) {
          let parse = 0;
          let analysis = 0;
          collections.turn(side === 0 ? 'A' : 'B', () => ([parse, analysis] = timeFile(engines[side], text)));
          const best = fastest[side][file];
          best[0] = Math.min(best[0], parse);
          best[1] = Math.min(best[1], analysis);
        }
      });
    }
    const sums = fastest.map((files) => files.reduce(([p, a], [parse, analysis]) => [p + parse, a + analysis], [0, 0]));
    engines.forEach((engine, side) => {
      const [parse, analysis] = sums[side];
      console.log(`${engine.build}: parse ${parse.toFixed(0)} ms, copy + graphs + rules ${analysis.toFixed(0)} ms (${(analysis / parse).toFixed(3)}× the parse)`);
    });
    const perFile = fastest[1].map(([, analysis], file) => analysis / fastest[0][file][1]);
    console.log(`B ÷ A, copy + graphs + rules: ${(sums[1][1] / sums[0][1]).toFixed(3)} (median file ${median(perFile).toFixed(3)})`);
    // The fastest runs leave out the collector's pauses: what a build allocates shows here instead.
    // Pause entries reach JavaScript from the event loop, after the rounds.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const paused = collections.totals();
    const perRound = (ms: number) => `${(ms / Number(rounds)).toFixed(0)} ms`;
    console.log(`garbage collection pauses per round, in A's files ${perRound(paused.A)}, in B's ${perRound(paused.B)} (B ÷ A ${(paused.B / paused.A).toFixed(2)})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`bench-compare failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
