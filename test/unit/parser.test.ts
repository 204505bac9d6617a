// Both parsers give the same trees and the same graphs; incremental re-parsing gives the tree a full parse gives.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Rng, generateFile } from '../../bench/corpus';
import { ParsedDocument } from '../../server/src/parse/document';
import type { SyntaxNode } from '../../server/src/parse/tree';
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

test('the mirror has the same nodes, offsets and fields as the binding tree, in both parsers', async () => {
  // The binding's own nodes, for comparison only: everything else reads the mirror.
  interface BindingNode {
    type: string;
    startIndex: number;
    endIndex: number;
    isNamed: boolean;
    hasError: boolean;
    children: BindingNode[];
    childForFieldName(field: string): BindingNode | null;
  }
  const FIELDS = ['name', 'body', 'left', 'right', 'function', 'arguments', 'value', 'parameters', 'superclasses', 'condition',
    'consequence', 'alternative', 'object', 'attribute', 'argument', 'module_name', 'alias', 'definition', 'key', 'return_type'];
  for (const kind of ['native', 'wasm'] as const) {
    const p = await parser(kind);
    // As written (no errors: token ends are taken from their type) and with a syntax error (every end is read).
    const rng = new Rng(5);
    const sources: Array<[string, string]> = [
      ...fixtures.map((f): [string, string] => [f, readFileSync(join(FIXTURES, f), 'utf8')]),
      ...Array.from({ length: 12 }, (_, i): [string, string] => [`corpus #${i}`, generateFile(rng, 120)]),
      ['strings', 'x = f"{a!r:>{w}} {{b}}" + rb"\\d" + """doc\n""" + u"\\N{DASH}" and not y @ z\n'],
    ];
    for (const [file, text] of sources.flatMap(([f, source]) => [[f, source], [`${f} + error`, `${source}\nbroken = (1, [\n`]])) {
      const tree = p.parse(text);
      const binding = (tree as unknown as { binding: { rootNode: BindingNode } }).binding.rootNode;
      const pending: Array<[BindingNode, SyntaxNode | null]> = [[binding, tree.rootNode]];
      let compared = 0;
      while (pending.length > 0) {
        const [expected, actual] = pending.pop()!;
        assert.ok(actual);
        const where = `${kind} ${file} at ${expected.startIndex}`;
        assert.deepEqual(
          [actual.type, actual.startIndex, actual.endIndex, actual.isNamed, actual.hasError, actual.children.length],
          [expected.type, expected.startIndex, expected.endIndex, expected.isNamed, expected.hasError, expected.children.length],
          where,
        );
        for (const field of FIELDS) {
          const child = expected.childForFieldName(field);
          // Fields that name tokens (a binary operator's `operator`) are not mirrored; none of these name a token.
          assert.equal(actual.childForFieldName(field)?.startIndex, child?.isNamed ? child.startIndex : undefined, `${where}: ${field}`);
        }
        expected.children.forEach((child, i) => pending.push([child, actual.children[i]]));
        compared++;
      }
      assert.ok(compared > 10);
      tree.dispose();
    }
  }
});
