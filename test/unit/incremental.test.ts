// Islands and the incremental re-analysis: after any edit, re-analysing only the touched islands gives exactly the
// findings a full analysis of the new text gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng, generateFile, generateLargeFile } from '../../bench/corpus';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import { islandsOf } from '../../server/src/keras/islands';
import { analyzeText } from '../../server/src/lsp/documents';
import { applyEdits } from '../../server/src/fixes/apply';
import { IncrementalAnalyzer, type IncrementalResult } from '../../server/src/lsp/incremental';
import { ParsedDocument } from '../../server/src/parse/document';
import type { Finding } from '../../server/src/rules/types';
import { inverse, randomChanges, type Change } from '../helpers/edits';
import { dedent, parser } from '../helpers/engine';

/** The findings as plain values, their fixes included (a finding works its fixes out when they are first read). */
function withFixes(findings: readonly Finding[]): object[] {
  return findings.map((finding) => ({ ...finding, fixes: finding.fixes }));
}

/** A document of `source` analysed incrementally, and ways to edit it. Each edit is checked: the findings after it
 *  (fixes included) are those of a full analysis of the new text. */
async function editing(name: string, source: string) {
  const p = await parser();
  const doc = new ParsedDocument(p, `file:///${name}.py`, 1, dedent(source));
  const analyzer = new IncrementalAnalyzer();
  const first = analyzer.analyze(doc, DEFAULT_CONFIG);
  let version = 1;
  /** Replaces the `deleting` characters after the first `after` in the text with `text`. */
  const edit = (after: string, text: string, deleting = 0): IncrementalResult => {
    const offset = doc.text.indexOf(after) + after.length;
    const range = { start: doc.textDocument.positionAt(offset), end: doc.textDocument.positionAt(offset + deleting) };
    doc.update([{ range, text }], ++version);
    const incremental = analyzer.analyze(doc, DEFAULT_CONFIG);
    const full = analyzeText(p.parseRoot(doc.text), doc.text, DEFAULT_CONFIG);
    assert.deepEqual(withFixes(incremental.findings), withFixes(full.findings), `after ${JSON.stringify(after)}, typing ${JSON.stringify(text)}`);
    return incremental;
  };
  /** Types `text` after the first `after`, a character at a time: how many islands each keystroke analysed, of how
   *  many, and whether the text then had a syntax error. */
  const type = (after: string, text: string) =>
    [...text].map((character, i) => {
      const { analysed, islands } = edit(after + text.slice(0, i), character);
      return { analysed, islands, hasError: doc.tree.rootNode.hasError };
    });
  return { doc, analyzer, first, edit, type };
}

async function islands(source: string): Promise<string[][]> {
  const root = (await parser()).parseRoot(dedent(source));
  return islandsOf(root.namedChildren).map((island) => island.map((statement) => statement.text.split('\n')[0]));
}

test('statements that share no module-level name are islands of their own', async () => {
  assert.deepEqual(
    await islands(`
      import keras
      from keras import layers

      # a comment belongs to no island
      def block(x, filters):
          x = layers.Conv2D(filters, 3)(x)
          return layers.BatchNormalization()(x)

      def tower(x):
          return block(block(x, 32), 64)

      def standalone():
          model = keras.Sequential([layers.Dense(4), layers.Dropout(0.2)])
          return model

      model = keras.Sequential()
      model.add(layers.Dense(3))
      model.compile(loss="mse")
      rate = 0.1
      head = [layers.Dropout(rate) for rate in (0.1, 0.2)]
      values = {k: 1 for k in range(3)}
    `),
    [
      ['def block(x, filters):', 'def tower(x):'],
      ['def standalone():'],
      ['model = keras.Sequential()', 'model.add(layers.Dense(3))', 'model.compile(loss="mse")'],
      ['rate = 0.1'],
      ['head = [layers.Dropout(rate) for rate in (0.1, 0.2)]'],
      ['values = {k: 1 for k in range(3)}'],
    ],
  );
});

test('islands follow classes, globals, decorators, defaults and rebound imports', async () => {
  assert.deepEqual(
    await islands(`
      from keras import layers, Model

      class Base(Model):
          def call(self, x):
              return x

      class Net(Base):
          pass

      size = 3
      def grow():
          global size
          size += 1

      def uses_default(units=size):
          return layers.Dense(units)

      def deco(f):
          return f

      @deco
      def wrapped():
          return layers.Dropout(0.5)

      Dense = layers.Dense
      def late():
          return Dense(1)

      def reads_attribute(x):
          return x.size
    `),
    [
      ['class Base(Model):', 'class Net(Base):'],
      ['size = 3', 'def grow():', 'def uses_default(units=size):'],
      ['def deco(f):', '@deco'],
      ['Dense = layers.Dense', 'def late():'],
      ['def reads_attribute(x):'],
    ],
  );
});

test('an add() binds its receiver, and attributes are bound and read by their dotted names, as the builder does', async () => {
  assert.deepEqual(
    await islands(`
      from keras import layers

      m.add(layers.Dense(1))
      m.add(layers.Dropout(0.1))
      self.drop = layers.Dropout(0.1)

      def call(self, x):
          return self.drop(x)

      def other(self, x):
          return self.dense(x)
    `),
    [['m.add(layers.Dense(1))', 'm.add(layers.Dropout(0.1))'], ['self.drop = layers.Dropout(0.1)', 'def call(self, x):'], ['def other(self, x):']],
  );
});

test('a redefined helper starts an island of its own, unless a later call can reach the first definition', async () => {
  assert.deepEqual(
    await islands(`
      from keras import layers

      def block(x):
          return layers.Dense(4)(x)

      def first(x):
          return block(x)

      def block(x):
          return layers.Dropout(0.2)(x)

      def second(x):
          return block(x)

      def third(x):
          return second(x)
    `),
    [['def block(x):', 'def first(x):'], ['def block(x):', 'def second(x):', 'def third(x):']],
  );
  // `first` runs again where it is called, after the second `block`: that call sees both definitions. `print(z)`
  // sees both branches of the `if`.
  assert.deepEqual(
    await islands(`
      def block(x):
          return x

      def first(x):
          return block(x)

      def block(x):
          return x

      y = first(1)
      if y:
          z = 1
      else:
          z = 2
      print(z)
    `),
    [['def block(x):', 'def first(x):', 'def block(x):', 'y = first(1)', 'if y:', 'print(z)']],
  );
});

test('after random edits, re-analysing only the touched islands gives the findings of a full analysis', async () => {
  const p = await parser();
  const rng = new Rng(23);
  const sources = [generateLargeFile(7, 900), ...Array.from({ length: 3 }, () => generateFile(rng, 220))];
  let analysed = 0;
  let islandCount = 0;
  let versions = 0;
  for (const [n, source] of sources.entries()) {
    const doc = new ParsedDocument(p, `file:///incremental${n}.py`, 1, source);
    const analyzer = new IncrementalAnalyzer();
    let undo: Change[] | undefined;
    for (let version = 2; version < 42; version++) {
      const changes =
        undo ??
        randomChanges(rng, doc.textDocument, ['', 'x', '0', '5', ' ', '# n', '# noqa', '(', '"', ':', '\n', '\n    x = layers.Dropout(0.2)(x)', 'BatchNormalization()', '\u0000', '((((((((', 'é😀', '"""', '\\\n', '\tif x:\n', 'global model\n']);
      undo = undo ? undefined : inverse(doc.textDocument, changes);
      doc.update(changes, version);
      const incremental = analyzer.analyze(doc, DEFAULT_CONFIG);
      const full = analyzeText(p.parseRoot(doc.text), doc.text, DEFAULT_CONFIG);
      assert.deepEqual(withFixes(incremental.findings), withFixes(full.findings), `file ${n}, version ${version}`);
      assert.equal(incremental.result.graphs.length, full.result.graphs.length, `file ${n}, version ${version}: graphs`);
      analysed += incremental.analysed;
      islandCount += incremental.islands;
      versions++;
    }
    doc.dispose();
  }
  // Most islands must come from the previous version, or this test says nothing about reuse.
  assert.ok(analysed < islandCount / 3, `${analysed} of ${islandCount} islands analysed over ${versions} versions`);
});

test('an edit inside a helper re-analyses the functions that call it', async () => {
  const p = await parser();
  const source = dedent(`
    from keras import layers, Model

    def block(x):
        x = layers.Dense(8)(x)
        return layers.Activation("relu")(x)

    def build(inputs):
        x = block(inputs)
        x = layers.BatchNormalization()(x)
        return Model(inputs, block(x))
  `);
  const doc = new ParsedDocument(p, 'file:///helper.py', 1, source);
  const analyzer = new IncrementalAnalyzer();
  analyzer.analyze(doc, DEFAULT_CONFIG);
  // A Dropout at the end of the helper now feeds the BatchNormalization in the caller (LL101 in `build`).
  const at = doc.textDocument.positionAt(source.indexOf('    return layers.Activation'));
  doc.update([{ range: { start: at, end: at }, text: '    x = layers.Dropout(0.3)(x)\n' }], 2);
  const incremental = analyzer.analyze(doc, DEFAULT_CONFIG);
  const full = analyzeText(p.parseRoot(doc.text), doc.text, DEFAULT_CONFIG);
  assert.ok(full.findings.some((f) => f.code === 'LL101'));
  assert.deepEqual(withFixes(incremental.findings), withFixes(full.findings));
  assert.equal(incremental.analysed, 1);
  doc.dispose();
});

test('typing in a top-level comment or an import keeps every island, and changing what an import binds re-analyses', async () => {
  const { doc, first, edit } = await editing(
    'comment',
    `
    # models for the demo
    from keras import layers
    import keras

    def build(inputs):
        x = layers.Dense(8)(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.Dropout(0.5)(x)
        return layers.BatchNormalization()(x)

    model = keras.Sequential([layers.Dropout(0.2), layers.BatchNormalization()])
  `,
  );
  assert.ok(first.findings.length >= 2);
  assert.equal(edit('# models', 's').analysed, 0);
  assert.equal(edit('import keras', ' ').analysed, 0);
  // `layers` now comes from elsewhere: every island that reads it is analysed again, and finds nothing.
  const renamed = edit('from ', 'mylib', 'keras'.length);
  assert.ok(renamed.analysed >= 2, `${renamed.analysed} islands analysed`);
  assert.deepEqual(renamed.findings.filter((f) => f.code !== 'LL000'), []);
  doc.dispose();
});

test('findings carried over an edit have the fixes of the new text, though nobody read their fixes before the edit', async () => {
  const p = await parser();
  const source = dedent(`
    from keras import layers, Sequential

    model = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.BatchNormalization(), layers.Dense(1)])
  `);
  const doc = new ParsedDocument(p, 'file:///carried.py', 1, source);
  const analyzer = new IncrementalAnalyzer();
  const before = analyzer.analyze(doc, DEFAULT_CONFIG);
  assert.deepEqual(before.findings.map((f) => f.code), ['LL101']);
  // Two lines above the model: its island is carried over, and its finding moved.
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n# the sizes come from the paper\n' }], 2);
  const after = analyzer.analyze(doc, DEFAULT_CONFIG);
  assert.deepEqual([after.analysed, after.islands], [0, 1]);
  const [fix] = after.findings[0].fixes;
  assert.deepEqual(
    fix.edits.map((e) => doc.text.slice(e.start, e.end)),
    ['layers.Dropout(0.5)', 'layers.BatchNormalization()'],
  );
  assert.equal(
    applyEdits(doc.text, fix.edits),
    'from keras import layers, Sequential\n\n# the sizes come from the paper\n\nmodel = Sequential([layers.Dense(8), layers.BatchNormalization(), layers.Dropout(0.5), layers.Dense(1)])\n',
  );
  doc.dispose();
});

test('renaming a module-level name that shadows nothing keeps the other islands; a name that shadows a star import re-analyses them', async () => {
  const { doc, analyzer, first, type } = await editing(
    'constants',
    `
    from keras.layers import *
    import keras

    def build(inputs):
        x = Dense(8)(inputs)
        x = Dropout(0.5)(x)
        return BatchNormalization()(x)

    model = keras.Sequential([Dense(4), Dropout(0.2), BatchNormalization()])
    EPOCHS = 10
    Dropou = 3
  `,
  );
  assert.deepEqual(first.findings.map((f) => f.code), ['LL101', 'LL101', 'LL202', 'LL201']);
  const analysed = (keystrokes: ReturnType<typeof type>) => keystrokes.map((keystroke) => keystroke.analysed);
  // Renaming a constant by typing: each keystroke binds another name, which the other islands do not read.
  assert.deepEqual(analysed(type('\nEPOCHS', '_MAX')), [1, 1, 1, 1]);
  // `Dropout` now names the module's own value, not the star import's layer: every island changes.
  assert.deepEqual(analysed(type('\nDropou', 't')), [4]);
  assert.deepEqual(analyzer.analyze(doc, DEFAULT_CONFIG).findings.map((f) => f.code), ['LL201']);
  doc.dispose();
});

test('a half-typed statement between two others (a syntax error at the top level) re-analyses the islands it shares names with, not every island', async () => {
  const { doc, first, type } = await editing(
    'half-typed',
    `
    from keras import layers, Sequential

    def head(x):
        x = layers.Dropout(0.5)(x)
        return layers.BatchNormalization()(x)

    def stem(x):
        return layers.Conv2D(8, 3)(x)

    model = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.BatchNormalization()])
    other = Sequential([layers.Dense(4), layers.Dropout(0.2), layers.BatchNormalization()])
  `,
  );
  assert.equal(first.islands, 4);
  // Typed on a line of its own before `def stem`.
  const analysed = type('BatchNormalization()(x)\n', '\nsize = stem').map((k) => `${k.hasError ? 'error, ' : ''}${k.analysed} of ${k.islands}`);
  // While `size =` waits for its value the text has an error, and the new statement is still an island of its own.
  assert.deepEqual(analysed, ['0 of 4', ...Array(5).fill('1 of 5'), 'error, 1 of 5', 'error, 1 of 5', ...Array(4).fill('1 of 5')]);
  doc.dispose();
});
