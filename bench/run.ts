// `npm run bench`: layerlint's cost measured against tree-sitter's parse of the same input, plus the editor-facing
// latencies and the server's memory. Absolute times on a shared 2-core machine wander, so every comparison runs
// its two sides alternately in the same conditions and the ratios are printed last.
//
//   node --expose-gc dist/bench.js [--quick] [--keep] [--only=keystrokes,memory,…]
//   node dist/bench.js parse-only DIR [native|wasm]     (the "raw parse as a process" side; used internally)
import { spawnSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { DEFAULT_CONFIG } from '../server/src/config/config';
import { tuneHeapForAnalysis } from '../server/src/heap';
import { DocumentStore } from '../server/src/lsp/documents';
import { createParser } from '../server/src/parse/parser';
import type { ParserKind, PythonParser, SyntaxNode, SyntaxTree } from '../server/src/parse/tree';
import { runEnds } from '../server/src/cli/engine';
import { analyzeModule, type ModuleAnalysis } from '../server/src/keras/analyze';
import { lint } from '../server/src/rules/lint';
import { pythonFiles } from '../test/helpers/files';
import { TestServer } from '../test/helpers/lsp-client';
import { BENCH_SEED, benchCorpus, generateCorpus, generateLargeFile, Rng, type Corpus } from './corpus';
import { Collections, median, quantile, summary, timed, timedAsync } from './stats';

const ROOT = resolve(__dirname, '..');
const BENCH_JS = __filename;
const KEYSTROKE_BUDGET_MS = 45_000;

interface Row {
  measure: string;
  result: string;
  target: string;
}

const rows: Row[] = [];
const ratios: Row[] = [];
const notes: string[] = [];

function record(measure: string, result: string, target = 'reported'): void {
  rows.push({ measure, result, target });
  process.stdout.write(`  ${measure}: ${result}\n`);
}

function ratio(measure: string, value: number, target: number | undefined, detail: string): void {
  const verdict = target === undefined ? 'reported' : `≤ ${target}× ${value <= target ? '✓' : '✗ MISSED'}`;
  ratios.push({ measure, result: `${value.toFixed(2)}× (${detail})`, target: verdict });
}

/** An absolute figure with a limit, listed with the ratios at the end. */
function target(measure: string, value: number, limit: number, unit: string): void {
  ratios.push({ measure, result: `${value.toFixed(unit === 'ms' ? 2 : 0)} ${unit}`, target: `≤ ${limit} ${unit} ${value <= limit ? '✓' : '✗ MISSED'}` });
}

type CollectGarbage = (options?: { type: 'minor' }) => void;

/** Collects garbage between sections and rounds, so that each starts on a heap without the last one's garbage, and
 *  turns the event loop once: the binding's tree wrappers are finalized only then. */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: CollectGarbage }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc?.();
}

/** Collects the young generation only, between rounds that time the compiled engine: after a full collection asked
 *  for with `gc()` (a forced one) V8 throws away most of the code it optimized for the engine (`--trace-deopt`: four
 *  times as many deoptimizations, "weak objects"), so each round warmed the engine up again inside its timing.
 *  Neither `layerlint check` nor the language server forces a collection where it keeps its trees' memory in sight
 *  (server/src/lsp/documents.ts); the full collections V8 starts by itself keep that code. */
async function collectYoung(): Promise<void> {
  (globalThis as { gc?: CollectGarbage }).gc?.({ type: 'minor' });
  await new Promise((resolve) => setTimeout(resolve, 20));
}

// ---- 1. in-process: analysis vs parse ------------------------------------------------------------------

/** Parses each text and frees its tree, as the engine does with a tree it keeps no copy of. */
function parseAll(parser: PythonParser, texts: readonly string[]): void {
  for (const text of texts) parser.parse(text).dispose();
}

interface Phases {
  /** Parsing a run of texts, reading each tree's records and freeing it. */
  'parse + records': number;
  'records → JS nodes': number;
  'imports + graphs': number;
  rules: number;
}

/** Parse, graphs and rules of every text, the way `layerlint check` runs them (server/src/cli/engine.ts): texts are
 *  parsed in runs (runEnds), each tree's records kept and the binding's tree freed, then each run's texts copied
 *  into the nodes the engine reads (see server/src/parse) and analysed. Each stage's time is added to `phases`. */
function analyzeAll(parser: PythonParser, texts: readonly string[], phases: Phases): number {
  let findings = 0;
  let first = 0;
  for (const end of runEnds(texts.map((text) => text.length))) {
    const run = texts.slice(first, end);
    first = end;
    let copies!: Array<() => SyntaxNode>;
    phases['parse + records'] += timed(() => (copies = parser.parseAhead(run)));
    run.forEach((text, index) => {
      let root!: SyntaxNode;
      let analysis!: ModuleAnalysis;
      phases['records → JS nodes'] += timed(() => (root = copies[index]()));
      phases['imports + graphs'] += timed(() => (analysis = analyzeModule(root)));
      phases.rules += timed(() => (findings += lint(analysis, text, DEFAULT_CONFIG, root).length));
    });
  }
  return findings;
}

/** Files per turn: each round alternates the raw parse and the full analysis this many files at a time. Whole-corpus
 *  turns are seconds apart, and the load of a shared machine changes within seconds: one side of a pair could run on
 *  a busy machine and the other on a quiet one. Turns of ~0.1 s put both sides under the same load. */
const TURN_FILES = 50;

async function inProcess(native: PythonParser, texts: readonly string[], rounds: number): Promise<void> {
  console.log('\nfull analysis vs raw parse, in one process');
  const parse: number[] = [];
  const full: number[] = [];
  const collections = new Collections<'parse' | 'analysis'>(['parse', 'analysis']);
  const phases: Phases = { 'parse + records': 0, 'records → JS nodes': 0, 'imports + graphs': 0, rules: 0 };
  let findings = 0;
  // One untimed pass of each first: the rounds time the engine compiled, as it runs through a large folder or a
  // long editing session (what the first pass costs shows in the whole-process figures below).
  analyzeAll(native, texts, { ...phases });
  parseAll(native, texts);
  const turns: string[][] = [];
  for (let at = 0; at < texts.length; at += TURN_FILES) turns.push(texts.slice(at, at + TURN_FILES));
  for (let round = 0; round < rounds; round++) {
    await collectYoung();
    let parseMs = 0;
    let fullMs = 0;
    let roundFindings = 0;
    turns.forEach((turn, index) => {
      // Which side goes first alternates too, so that neither always runs right after the other's garbage.
      const parseFirst = (index + round) % 2 === 0;
      if (parseFirst) parseMs += collections.turn('parse', () => parseAll(native, turn));
      fullMs += collections.turn('analysis', () => (roundFindings += analyzeAll(native, turn, phases)));
      if (!parseFirst) parseMs += collections.turn('parse', () => parseAll(native, turn));
    });
    parse.push(parseMs);
    full.push(fullMs);
    findings = roundFindings;
  }
  record('raw tree-sitter parse of the corpus (native)', summary(parse, 'ms'));
  record('parse + graphs + all rules of the corpus', `${summary(full, 'ms')}; ${findings} findings`);
  const share = Object.entries(phases).map(([phase, ms]) => `${phase} ${(ms / rounds).toFixed(0)} ms`);
  record('  the same, by stage (mean of the rounds)', share.join(', '));
  await collect();
  const paused = collections.totals();
  const perRound = (ms: number) => `${(ms / rounds).toFixed(0)} ms (${(ms / rounds / median(parse)).toFixed(2)}× the raw parse)`;
  record('  garbage collection pauses per round (mean), in the stages above', `analysis ${perRound(paused.analysis)}, raw parse ${perRound(paused.parse)}`);
  // Each round's analysis is compared with the parse interleaved with it, so load shifts cancel.
  const paired = full.map((f, i) => f / parse[i]);
  ratio('full analysis ÷ raw parse (in process)', median(paired), 1.5, `rounds ${paired.map((r) => r.toFixed(2)).join(', ')}`);
  // The least any reader of the binding's tree pays: a cursor visiting every node once and reading nothing.
  const trees = texts.map((text) => native.parse(text));
  const walk = timed(() => trees.forEach(visitEveryNode));
  trees.forEach((tree) => tree.dispose());
  ratio('a bare cursor walk over the binding\'s trees ÷ raw parse (the floor of any node copy)', walk / median(parse), undefined, `${walk.toFixed(0)} ms`);
}

/** Moves a cursor of the binding over every node of `tree`, reading nothing. */
function visitEveryNode(tree: SyntaxTree): void {
  const cursor = (tree as unknown as { binding: { walk(): { gotoFirstChild(): boolean; gotoNextSibling(): boolean; gotoParent(): boolean } } }).binding.walk();
  let depth = 0;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (depth === 0 || !cursor.gotoParent()) return;
      depth--;
    }
  }
}

// ---- 2. whole processes: `layerlint check` vs a parse-only process ----------------------------------------

async function parseOnly(dir: string, kind: ParserKind): Promise<void> {
  const parser = await createParser({ force: kind });
  const files = pythonFiles(dir);
  for (const file of files) parser.parse(readFileSync(file, 'utf8')).dispose();
  process.stdout.write(`${files.length} files parsed\n`);
}

function runProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): { ms: number; status: number | null; stderr: string } {
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', devNull, 'pipe'], maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, status: result.status, stderr: result.stderr?.toString() ?? '' };
  } finally {
    closeSync(devNull);
  }
}

/** The CLI is being extended; use the richest invocation this build accepts (exit 0/1 = ran, 2 = usage or I/O error).
 *  Probed on a one-file folder so that choosing costs nothing measurable. */
function checkInvocation(corpus: Corpus, work: string): string[] | undefined {
  const bin = join(ROOT, 'bin', 'layerlint.js');
  const probeDir = join(work, 'probe');
  mkdirSync(probeDir, { recursive: true });
  writeFileSync(join(probeDir, 'probe.py'), 'from keras import layers\nlayers.Dense(1)\n');
  const candidates = (dir: string, files: readonly string[]) => [
    [bin, 'check', dir, '--no-progress'],
    [bin, 'check', dir],
    [bin, 'check', ...files],
  ];
  const index = candidates(probeDir, [join(probeDir, 'probe.py')]).findIndex((args) => {
    const status = runProcess(args).status;
    return status === 0 || status === 1;
  });
  return index === -1 ? undefined : candidates(corpus.dir, corpus.files)[index];
}

/** The median `layerlint check` of the corpus, for comparing with flake8. */
let checkMs: number | undefined;

function processes(corpus: Corpus, work: string, rounds: number): void {
  console.log('\n`layerlint check` vs a parse-only process');
  const invocation = checkInvocation(corpus, work);
  if (!invocation) {
    record('layerlint check (whole process)', 'not available: every invocation failed');
    return;
  }
  const shown = invocation.length > 4 ? `check <${corpus.files.length} files>` : invocation.slice(1).join(' ').replace(corpus.dir, 'CORPUS');
  const check: number[] = [];
  const parse: number[] = [];
  for (let round = 0; round < rounds; round++) {
    parse.push(runProcess([BENCH_JS, 'parse-only', corpus.dir, 'native']).ms);
    check.push(runProcess(invocation).ms);
  }
  record('parse-only process over the corpus', summary(parse, 'ms'));
  record(`layerlint ${shown}`, summary(check, 'ms'));
  checkMs = median(check);
  const paired = check.map((c, i) => c / parse[i]);
  ratio('`layerlint check` ÷ parse-only process', median(paired), 2, `rounds ${paired.map((r) => r.toFixed(2)).join(', ')}`);
}

// ---- 3. keystrokes in a 5,000-line file ---------------------------------------------------------------

interface Edit {
  offset: number;
  deleteLength: number;
  insert: string;
}

/** Typing as it happens: digits into a rate, a letter into a name or comment, a new line of code, a deletion.
 *  Each edit is followed later by its undo, so the document stays a realistic Keras module throughout. */
function keystrokes(text: string, count: number, rng: Rng): Edit[] {
  const anchors = (pattern: RegExp): number[] => [...text.matchAll(pattern)].map((m) => m.index! + m[0].length);
  const rates = anchors(/Dropout\(0?\.\d/g);
  const names = anchors(/\n {4}x = /g);
  const lineEnds = anchors(/\n {4}x = [^\n]*\)\(x\)/g);
  const comments = anchors(/# /g);
  const edits: Edit[] = [];
  while (edits.length < count) {
    const kind = rng.int(0, 9);
    let edit: Edit;
    if (kind < 4 && rates.length > 0) edit = { offset: rng.pick(rates), deleteLength: 0, insert: String(rng.int(0, 9)) };
    else if (kind < 6 && comments.length > 0) edit = { offset: rng.pick(comments), deleteLength: 0, insert: rng.pick(['a', 'e', 'x ', 'TODO ']) };
    else if (kind < 8 && lineEnds.length > 0) edit = { offset: rng.pick(lineEnds), deleteLength: 0, insert: rng.pick(['\n    x = layers.Dropout(0.2)(x)', '\n    x = layers.BatchNormalization()(x)', '\n']) };
    else edit = { offset: rng.pick(names), deleteLength: 1, insert: '' };
    edits.push(edit);
  }
  return edits;
}

async function keystrokeBench(native: PythonParser, text: string, count: number): Promise<void> {
  console.log('\nkeystrokes in the large file');
  // A server that has been edited in for a moment has compiled its incremental paths; the first keystrokes of a
  // fresh process also pay for that compilation. Like the in-process section, the figure is of the warmed state:
  // a first session of edits on the same text runs untimed.
  await typingSession(native, text, count / 5, BENCH_SEED + 2);
  const { totals, parses, copies, analysedIslands, islands } = await typingSession(native, text, count, BENCH_SEED + 1);
  const spread = (values: number[]) => `median ${median(values).toFixed(2)} ms, p95 ${quantile(values, 0.95).toFixed(2)} ms`;
  record(`keystroke → diagnostics in ${text.split('\n').length} lines, ${totals.length} edits (after ${count / 5} untimed)`, `${spread(totals)}, max ${Math.max(...totals).toFixed(2)} ms`, 'p95 ≤ 5 ms');
  target('keystroke → diagnostics, p95', quantile(totals, 0.95), 5, 'ms');
  record('  of which incremental re-parse', spread(parses));
  record('  of which node copy (unchanged statements carried over)', spread(copies));
  record('  islands analysed again per keystroke', `${(analysedIslands / totals.length).toFixed(2)} of ${(islands / totals.length).toFixed(0)} on average`);
}

/** `count` edits (half of them undos) to a document of `text`, each handled as the server handles a change: the
 *  store's incremental re-parse and re-analysis are timed; what follows a publication (the store's idle-time
 *  collection, the binding freeing old trees) runs between keystrokes, in a turn of the event loop, untimed. */
async function typingSession(native: PythonParser, text: string, count: number, seed: number) {
  const uri = 'file:///bench/large.py';
  const store = new DocumentStore(native);
  const state = store.open(uri, 1, text);
  store.analysis(state, DEFAULT_CONFIG);
  const edits = keystrokes(text, count / 2, new Rng(seed));
  const totals: number[] = [];
  const parses: number[] = [];
  const copies: number[] = [];
  let analysedIslands = 0;
  let islands = 0;
  let version = 1;
  const apply = async (offset: number, deleteLength: number, insert: string): Promise<void> => {
    const current = state.document.textDocument;
    const range = { start: current.positionAt(offset), end: current.positionAt(offset + deleteLength) };
    let parseMs = 0;
    let copyMs = 0;
    const total = timed(() => {
      parseMs = timed(() => store.change(uri, ++version, [{ range, text: insert }]));
      copyMs = timed(() => state.document.tree.rootNode);
      const { analysed, islands: all } = store.analysis(state, DEFAULT_CONFIG);
      analysedIslands += analysed ?? 0;
      islands += all ?? 0;
    });
    totals.push(total);
    parses.push(parseMs);
    copies.push(copyMs);
    store.published();
    await new Promise((resolve) => setImmediate(resolve));
  };
  // While a keystroke costs far more than its target, 500 of them would take minutes; the budget keeps the whole
  // bench under five minutes and the report says how many edits were timed.
  const deadline = Date.now() + KEYSTROKE_BUDGET_MS;
  for (const edit of edits) {
    if (Date.now() > deadline) break;
    const removed = state.document.text.slice(edit.offset, edit.offset + edit.deleteLength);
    await apply(edit.offset, edit.deleteLength, edit.insert);
    await apply(edit.offset, edit.insert.length, removed);
  }
  // Sanity: undoing every edit must bring back the original text, or the edits were not what was measured.
  if (state.document.text !== text) throw new Error('keystroke benchmark: the document drifted from its original text');
  store.close(uri);
  return { totals, parses, copies, analysedIslands, islands };
}

// ---- 4. the language server: hover, code action, memory, start-up --------------------------------------------

async function requestTimes(server: TestServer, method: string, params: readonly unknown[]): Promise<number[] | string> {
  const times: number[] = [];
  for (const p of params) {
    try {
      times.push(await timedAsync(() => server.connection.sendRequest(method, p)));
    } catch (error) {
      return `not available (${(error as Error).message.split('\n')[0]})`;
    }
  }
  return times;
}

function latency(result: number[] | string): string {
  if (typeof result === 'string') return result;
  return `median ${median(result).toFixed(2)} ms, p95 ${quantile(result, 0.95).toFixed(2)} ms (n=${result.length})`;
}

async function editorLatency(text: string, count: number): Promise<void> {
  console.log('\nhover and code action over LSP (real server, stdio)');
  const server = await TestServer.start();
  try {
    const uri = 'file:///bench/large.py';
    await server.open(uri, text);
    const diagnostics: Diagnostic[] = await server.diagnosticsFor(uri, 1, 60_000);
    const rng = new Rng(BENCH_SEED + 2);
    const lines = text.split('\n');
    const layerSites: Array<{ line: number; character: number }> = [];
    lines.forEach((line, row) => {
      for (const m of line.matchAll(/(?:Dropout|BatchNormalization|Dense|Conv2D|BN)\(/g)) layerSites.push({ line: row, character: m.index! + 2 });
    });
    const hovers = Array.from({ length: count }, () => ({ textDocument: { uri }, position: rng.pick(layerSites) }));
    const hover = await requestTimes(server, 'textDocument/hover', hovers);
    const sample = (await server.connection.sendRequest('textDocument/hover', hovers[0]).catch(() => null)) as Hover | null;
    record('hover on a layer', latency(hover) + (sample ? '' : '; (no hover content returned)'), 'p95 ≤ 5 ms');
    if (typeof hover !== 'string') target('hover, p95', quantile(hover, 0.95), 5, 'ms');
    const actions = Array.from({ length: count }, () => {
      const diagnostic = diagnostics.length > 0 ? rng.pick(diagnostics) : undefined;
      const range = diagnostic?.range ?? { start: rng.pick(layerSites), end: rng.pick(layerSites) };
      return { textDocument: { uri }, range, context: { diagnostics: diagnostic ? [diagnostic] : [] } };
    });
    const action = await requestTimes(server, 'textDocument/codeAction', actions);
    const offered = (await server.connection.sendRequest('textDocument/codeAction', actions[0]).catch(() => [])) as CodeAction[] | null;
    record(`code action on a diagnostic (${diagnostics.length} in the file)`, `${latency(action)}; ${offered?.length ?? 0} actions offered`, 'p95 ≤ 5 ms');
    if (typeof action !== 'string') target('code action, p95', quantile(action, 0.95), 5, 'ms');
  } finally {
    await server.stop();
  }
}

function residentMegabytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

async function serverMemory(corpus: Corpus, documents: number): Promise<void> {
  console.log(`\nserver memory with ${documents} open documents`);
  const server = await TestServer.start();
  try {
    const pid = server.process.pid!;
    const idle = residentMegabytes(pid);
    const files = corpus.files.slice(0, documents);
    let lines = 0;
    for (const [index, file] of files.entries()) {
      const text = readFileSync(file, 'utf8');
      lines += text.split('\n').length;
      await server.open(`file:///bench/open/${index}.py`, text);
    }
    for (let index = 0; index < files.length; index++) await server.diagnosticsFor(`file:///bench/open/${index}.py`, 1, 60_000);
    await new Promise((done) => setTimeout(done, 500));
    const loaded = residentMegabytes(pid);
    record('server RSS after initialize', `${idle.rss.toFixed(0)} MB`);
    record(`server RSS with ${documents} open documents (${lines} lines), all diagnosed`, `${loaded.rss.toFixed(0)} MB (peak ${loaded.peak.toFixed(0)} MB)`, '≤ 150 MB');
    target(`server RSS, ${documents} open documents`, loaded.rss, 150, 'MB');
  } finally {
    await server.stop();
  }
}

/** What the VS Code extension does on activation: fork dist/server.js over node IPC and wait for `initialize`. */
async function startupOnce(): Promise<number> {
  const start = process.hrtime.bigint();
  const child = fork(join(ROOT, 'dist', 'server.js'), ['--node-ipc'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.onRequest(() => []);
  connection.onNotification(() => undefined);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    await new Promise<void>((done) => (child.exitCode !== null ? done() : child.once('exit', () => done())));
  }
}

async function startup(rounds: number): Promise<void> {
  console.log('\nserver start-up');
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) times.push(await startupOnce());
  record('spawn dist/server.js (IPC, as the extension does) → initialize answered', summary(times, 'ms'));
}

// ---- 5. WASM fallback vs native --------------------------------------------------------------------------

async function wasmVsNative(native: PythonParser, texts: readonly string[], rounds: number): Promise<void> {
  console.log('\nWASM fallback parser vs native');
  const wasm = await createParser({ force: 'wasm' });
  parseAll(wasm, texts.slice(0, 50));
  const n: number[] = [];
  const w: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await collect();
    n.push(timed(() => parseAll(native, texts)));
    await collect();
    w.push(timed(() => parseAll(wasm, texts)));
  }
  record('native parse of the corpus', summary(n, 'ms'));
  record('WASM parse of the corpus', summary(w, 'ms'));
  const paired = w.map((v, i) => v / n[i]);
  ratio('WASM parse ÷ native parse', median(paired), undefined, `rounds ${paired.map((r) => r.toFixed(2)).join(', ')}`);
}

// ---- 6. the linters users already run --------------------------------------------------------------------

function externalLinters(corpus: Corpus): void {
  console.log('\nflake8 / pylint on the same corpus');
  const pylintFiles = corpus.files.slice(0, 150);
  const tools: Array<[string, string[]]> = [
    ['flake8', ['--jobs=1', corpus.dir]],
    ['pylint', ['--jobs=1', '--disable=import-error', ...pylintFiles]],
  ];
  for (const [name, args] of tools) {
    // The tool's own command (a distribution package), else the module of the `python3` on the PATH.
    const command = [[name], ['python3', '-m', name]].find(([program, ...rest]) => spawnSync(program, [...rest, '--version'], { stdio: 'ignore' }).status === 0);
    if (!command) {
      record(name, 'skipped: not installed');
      notes.push(`${name} is not installed here (neither \`${name}\` nor \`python3 -m ${name}\` runs); install it to get this reference figure.`);
      continue;
    }
    const start = process.hrtime.bigint();
    spawnSync(command[0], [...command.slice(1), ...args], { stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    // pylint takes minutes on the whole corpus; it runs on the first 150 files and the line count says how much that is.
    const subject = name === 'pylint' ? `first 150 files, ${pylintFiles.reduce((n, f) => n + readFileSync(f, 'utf8').split('\n').length - 1, 0)} lines` : 'whole corpus';
    record(`${name} (${subject}, one process)`, `${ms.toFixed(0)} ms`);
    if (name === 'flake8' && checkMs !== undefined) ratio('flake8 ÷ `layerlint check`, same corpus (a reference: what users already wait for)', ms / checkMs, undefined, `${ms.toFixed(0)} ms ÷ ${checkMs.toFixed(0)} ms`);
  }
}

// ---- main ----------------------------------------------------------------------------------------------------

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${model}, node ${process.version}, ${process.platform}-${process.arch}`;
}

function table(list: readonly Row[]): string {
  return ['| measure | result | target |', '| --- | --- | --- |', ...list.map((r) => `| ${r.measure.trim()} | ${r.result} | ${r.target} |`)].join('\n');
}

async function main(argv: readonly string[]): Promise<void> {
  // The engine's processes run with this (see server/src/heap.ts); so does the process that measures the engine.
  tuneHeapForAnalysis();
  if (argv[0] === 'parse-only') return parseOnly(argv[1], (argv[2] as ParserKind | undefined) ?? 'native');
  const quick = argv.includes('--quick');
  const began = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'layerlint-bench-'));
  try {
    const corpus = quick ? generateCorpus(join(work, 'corpus'), BENCH_SEED, 300, 50_000) : benchCorpus(join(work, 'corpus'));
    const large = generateLargeFile(BENCH_SEED, 5_000);
    writeFileSync(join(work, 'large.py'), large);
    console.log(`layerlint bench on ${machine()}`);
    console.log(`corpus: ${corpus.files.length} files, ${corpus.lines} lines, ${(corpus.bytes / 1e6).toFixed(1)} MB in ${corpus.dir} (seed ${BENCH_SEED})`);
    console.log(`large file: ${large.split('\n').length - 1} lines`);
    if (!(globalThis as { gc?: unknown }).gc) notes.push('run with `node --expose-gc` (as `npm run bench` does) to collect garbage between rounds.');

    const native = await createParser({ force: 'native' });
    const texts = corpus.files.map((f) => readFileSync(f, 'utf8'));
    const sections: Array<[string, () => unknown]> = [
      // Five rounds: on a shared machine one round in three or four can run a third slower than the others.
      ['in process', () => inProcess(native, texts, 5)],
      ['processes', () => processes(corpus, work, 3)],
      ['keystrokes', () => keystrokeBench(native, large, 500)],
      ['hover / code action', () => editorLatency(large, 200)],
      ['memory', () => serverMemory(corpus, 200)],
      ['start-up', () => startup(5)],
      ['WASM', () => wasmVsNative(native, texts, 3)],
      ['flake8 / pylint', () => externalLinters(corpus)],
    ];
    // `--only=keystrokes,memory` runs some sections (while working on one figure); the report then lists just those.
    const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
    for (const [name, section] of sections) {
      if (only && !only.some((wanted) => name.startsWith(wanted))) continue;
      const ms = await timedAsync(async () => section());
      console.log(`  (${name}: ${(ms / 1000).toFixed(1)} s)`);
      await collect();
    }

    console.log(`\n## Results (${machine()}; corpus ${corpus.files.length} files / ${corpus.lines} lines)\n`);
    console.log(table(rows));
    console.log('\n## Ratios and targets\n');
    console.log(table(ratios));
    for (const note of notes) console.log(`\nnote: ${note}`);
    console.log(`\nbench finished in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  } finally {
    if (argv.includes('--keep')) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`bench failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
