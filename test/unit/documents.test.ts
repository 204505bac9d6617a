// The server's document store: only the recently used documents keep a tree and an analysis, and a document that
// lost its tree is parsed again when it is used, with every edit made meanwhile applied to its text.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import { analyzeText, DocumentStore } from '../../server/src/lsp/documents';
import { dedent, parser } from '../helpers/engine';

const MODEL = dedent(`
  from tensorflow.keras import Sequential, layers

  model = Sequential([
      layers.Dense(64),
      layers.Dropout(0.5),
      layers.BatchNormalization(),
  ])
`);

/** What a fresh parse and analysis of `text` finds: code and span of each finding. */
async function fresh(text: string): Promise<Array<[string, number, number]>> {
  const { findings } = analyzeText((await parser()).parse(text).rootNode, text, DEFAULT_CONFIG);
  return findings.map((f) => [f.code, f.span.start, f.span.end]);
}

function rangeOf(text: string, needle: string) {
  const start = text.indexOf(needle);
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(start), end: position(start + needle.length) };
}

test('of forty analysed documents, the 24 used last keep their trees; opening parses nothing', async () => {
  const store = new DocumentStore(await parser());
  const states = Array.from({ length: 40 }, (_, i) => store.open(`file:///m${i}.py`, 1, MODEL));
  assert.deepEqual(states.filter((s) => s.document.hasTree).length, 0);
  for (const state of states) store.analysis(state, DEFAULT_CONFIG);
  assert.deepEqual(
    states.map((s) => s.document.hasTree),
    states.map((_, i) => i >= 16),
  );
});

test('a document edited after it lost its tree is analysed as its new text', async () => {
  const store = new DocumentStore(await parser());
  const states = Array.from({ length: 30 }, (_, i) => store.open(`file:///m${i}.py`, 1, MODEL));
  for (const state of states) store.analysis(state, DEFAULT_CONFIG);
  const [first] = states;
  assert.equal(first.document.hasTree, false);

  // Two ranged edits while it has no tree: the Dropout becomes a Dense, and the first Dense a Conv1D.
  store.change(first.document.uri, 2, [{ range: rangeOf(MODEL, 'layers.Dropout(0.5)'), text: 'layers.Dense(8)' }]);
  const middle = MODEL.replace('layers.Dropout(0.5)', 'layers.Dense(8)');
  store.change(first.document.uri, 3, [{ range: rangeOf(middle, 'layers.Dense(64)'), text: 'layers.Conv1D(8, 3)' }]);
  const edited = middle.replace('layers.Dense(64)', 'layers.Conv1D(8, 3)');

  assert.equal(first.document.text, edited);
  assert.equal(first.document.version, 3);
  const analysis = store.analysis(first, DEFAULT_CONFIG);
  assert.equal(first.document.hasTree, true);
  assert.deepEqual(
    analysis.findings.map((f) => [f.code, f.span.start, f.span.end]),
    await fresh(edited),
  );
  // The original text had LL101 (Dropout before BatchNormalization); the edit removed it.
  assert.ok((await fresh(MODEL)).some(([code]) => code === 'LL101'));
  assert.ok(!analysis.findings.some((f) => f.code === 'LL101'));
});

test('when the incremental analysis fails, the document is analysed whole and the next edit starts afresh', async () => {
  const store = new DocumentStore(await parser());
  const state = store.open('file:///failing.py', 1, MODEL);
  store.analysis(state, DEFAULT_CONFIG);
  const failing = { analyze: () => assert.fail('an island the analyzer cannot handle') };
  state.analyzer = failing as unknown as NonNullable<typeof state.analyzer>;
  store.change('file:///failing.py', 2, [{ range: rangeOf(MODEL, '0.5'), text: '0.4' }]);
  const errors: unknown[] = [];
  const log = console.error;
  console.error = (...args: unknown[]) => errors.push(args);
  try {
    const { findings } = store.analysis(state, DEFAULT_CONFIG);
    const text = MODEL.replace('0.5', '0.4');
    assert.deepEqual(findings.map((f): [string, number, number] => [f.code, f.span.start, f.span.end]), await fresh(text));
    assert.ok(findings.length > 0);
  } finally {
    console.error = log;
  }
  assert.equal(errors.length, 1);
  assert.equal(state.analyzer, undefined);
});

test('once diagnostics are out, the store collects the young generation in the next turn, once per turn', () => {
  // In a process of its own: the test runner's own work would bring collections of its own into the count.
  const script = `
    const { constants, PerformanceObserver } = require('node:perf_hooks');
    const { DocumentStore } = require(${JSON.stringify(require.resolve('../../server/src/lsp/documents'))});
    const { createParser } = require(${JSON.stringify(require.resolve('../../server/src/parse/parser'))});
    (async () => {
      const store = new DocumentStore(await createParser());
      const counts = [];
      for (const publications of [0, 1, 2]) {
        let minor = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
        });
        observer.observe({ entryTypes: ['gc'] });
        for (let i = 0; i < publications; i++) store.published();
        const during = minor;
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 20));
        observer.disconnect();
        counts.push([during, minor]);
      }
      console.log(JSON.stringify(counts));
    })();`;
  const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  // None while the publication runs; one in the next turn; a second publication in the same turn asks for no more.
  assert.deepEqual(JSON.parse(output), [[0, 0], [0, 1], [0, 1]]);
});

test('the store forces a full collection after 24 released trees only where trees wait for V8 (the cursor copy)', () => {
  // A forced collection makes V8 discard the code it compiled for the engine, so it is asked for only where it frees
  // native memory V8 cannot see: native trees copied through the cursor. Sixty documents analysed in turn release
  // 36 trees: one collection. Counted in a process of its own, by the collector's own flag for a forced collection.
  const script = `
    const { constants, PerformanceObserver } = require('node:perf_hooks');
    const { DocumentStore } = require(${JSON.stringify(require.resolve('../../server/src/lsp/documents'))});
    const { createParser } = require(${JSON.stringify(require.resolve('../../server/src/parse/parser'))});
    const { DEFAULT_CONFIG } = require(${JSON.stringify(require.resolve('../../server/src/config/config'))});
    const model = ${JSON.stringify(MODEL)};
    (async () => {
      const forced = {};
      const parsers = [['native', { force: 'native' }], ['wasm', { force: 'wasm' }], ['cursor', { force: 'native', reader: 'cursor' }]];
      for (const [name, options] of parsers) {
        const store = new DocumentStore(await createParser(options));
        forced[name] = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (entry.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced[name].push(entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : 'other');
          }
        });
        observer.observe({ entryTypes: ['gc'] });
        for (let i = 0; i < 60; i++) store.analysis(store.open('file:///' + name + '/m' + i + '.py', 1, model), DEFAULT_CONFIG);
        // The collection is asked for in a later turn and runs incrementally: wait for it (the cursor's), or a second.
        for (let waited = 0; waited < (name === 'cursor' ? 10000 : 1000) && forced[name].length === 0; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        observer.disconnect();
      }
      console.log(JSON.stringify(forced));
    })();`;
  const output = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), { native: [], wasm: [], cursor: ['major'] });
});

test('a session of edits keeps no old version of the document or its nodes alive', () => {
  // Names, layer arguments and fix texts are cut from the document; a cut that kept a view into the whole text
  // would keep that version alive as long as the finding or table holding it. Counted in a heap snapshot of a process
  // of its own, after 80 edits across a 5,000-line module analysed the way the server does.
  const script = `
    const { readFileSync, rmSync } = require('node:fs');
    const { writeHeapSnapshot } = require('node:v8');
    const { DocumentStore } = require(${JSON.stringify(require.resolve('../../server/src/lsp/documents'))});
    const { createParser } = require(${JSON.stringify(require.resolve('../../server/src/parse/parser'))});
    const { DEFAULT_CONFIG } = require(${JSON.stringify(require.resolve('../../server/src/config/config'))});
    const { generateLargeFile } = require(${JSON.stringify(require.resolve('../../bench/corpus'))});
    (async () => {
      const uri = 'file:///large.py';
      const store = new DocumentStore(await createParser());
      const state = store.open(uri, 1, generateLargeFile(7, 5000));
      store.analysis(state, DEFAULT_CONFIG);
      const size = state.document.text.length;
      // A rate in a different island each time: each island's results were found in a different version.
      const rates = [...state.document.text.matchAll(/Dropout\\(0\\./g)].map((match) => match.index + match[0].length);
      for (let version = 2; version < 82; version++) {
        const at = rates[(version * 7) % rates.length];
        const range = { start: state.document.textDocument.positionAt(at), end: state.document.textDocument.positionAt(at + 1) };
        store.change(uri, version, [{ range, text: String(version % 10) }]);
        store.analysis(state, DEFAULT_CONFIG);
      }
      let nodes = 0;
      const count = (node) => { nodes++; node.children.forEach(count); };
      count(state.document.tree.rootNode);
      const file = writeHeapSnapshot();
      const snapshot = JSON.parse(readFileSync(file, 'utf8'));
      rmSync(file);
      const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
      const sizeAt = fields.indexOf('self_size');
      const nameAt = fields.indexOf('name');
      let whole = 0;
      let copied = 0;
      for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
        const type = types[snapshot.nodes[i]];
        if (type === 'string' && snapshot.nodes[i + sizeAt] >= size) whole++;
        if (type === 'object' && snapshot.strings[snapshot.nodes[i + nameAt]] === 'MirrorNode') copied++;
      }
      console.log(JSON.stringify({ whole, copied, nodes }));
    })();`;
  const { whole, copied, nodes } = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 })) as Record<string, number>;
  // The current text and, at most, one more (the parser's input, a copy of the text the store started from).
  assert.ok(whole >= 1 && whole <= 3, `${whole} strings the size of the whole document`);
  // No node of an old version's copy either (results kept across edits read the current layout of statements).
  assert.equal(copied, nodes, 'MirrorNode objects alive vs nodes in the current tree');
});
