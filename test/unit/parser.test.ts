// Both parsers give the same trees and the same graphs; incremental re-parsing gives the tree a full parse gives.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ParsedDocument } from '../../server/src/parse/document';
import { analyze, describe, parser } from '../helpers/engine';
import { ROOT } from '../helpers/lsp-client';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.py'));

test('fixtures exist', () => assert.ok(fixtures.length >= 4));

test('the WASM fallback and the native parser give identical trees and graphs', async () => {
  const native = await parser('native');
  const wasm = await parser('wasm');
  assert.equal(native.kind, 'native');
  assert.equal(wasm.kind, 'wasm');
  for (const file of fixtures) {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    assert.equal(wasm.parse(text).rootNode.toString(), native.parse(text).rootNode.toString(), file);
    const graphs = async (kind: 'native' | 'wasm') => (await analyze(text, kind)).graphs.map(describe);
    assert.deepEqual(await graphs('wasm'), await graphs('native'), file);
  }
});

test('incremental edits give the same tree as a full parse, in both parsers', async () => {
  for (const kind of ['native', 'wasm'] as const) {
    const p = await parser(kind);
    const text = 'import keras\nmodel = keras.Sequential([\n    keras.layers.Dropout(0.2),\n    keras.layers.Dense(3),\n])\n';
    const doc = new ParsedDocument(p, 'file:///a.py', 1, text);
    // Replace "Dense(3)" by "BatchNormalization()", then insert a line with non-ASCII text before it.
    doc.update([{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 25 } }, text: 'BatchNormalization()' }], 2);
    doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# modèle 😀\n' }], 3);
    assert.equal(doc.text, 'import keras\n# modèle 😀\nmodel = keras.Sequential([\n    keras.layers.Dropout(0.2),\n    keras.layers.BatchNormalization(),\n])\n');
    assert.equal(doc.tree.rootNode.toString(), p.parse(doc.text).rootNode.toString(), kind);
    const bn = doc.tree.rootNode.descendantForIndex(doc.text.indexOf('BatchNormalization'));
    assert.deepEqual([bn.text, bn.startPosition], ['BatchNormalization', { row: 4, column: 17 }]);
  }
});
