// The server's document store: only the recently used documents keep a tree and an analysis, and a document that
// lost its tree is parsed again when it is used, with every edit made meanwhile applied to its text.
import assert from 'node:assert/strict';
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
