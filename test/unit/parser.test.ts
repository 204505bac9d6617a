// Both parsers give the same trees and the same graphs; incremental re-parsing gives the tree a full parse gives.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Rng, generateFile } from '../../bench/corpus';
import { ParsedDocument } from '../../server/src/parse/document';
import type { MirrorNode } from '../../server/src/parse/mirror';
import type { SyntaxNode, SyntaxTree } from '../../server/src/parse/tree';
import { analyze, describe, everyParser, parser } from '../helpers/engine';
import { inverse, randomChanges, type Change } from '../helpers/edits';
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

// The binding's own nodes, for comparison only: everything else reads the mirror.
interface BindingNode {
  type: string;
  startIndex: number;
  endIndex: number;
  isNamed: boolean;
  hasError: boolean;
  isMissing: boolean;
  children: BindingNode[];
  fieldNameForChild(index: number): string | null;
}

/** Compares the mirror of `tree` with the binding's tree node for node; returns how many nodes it compared. */
function compareWithBinding(tree: SyntaxTree, where: string): number {
  const binding = (tree as unknown as { binding: { rootNode: BindingNode } }).binding.rootNode;
  const pending: Array<[BindingNode, SyntaxNode | null]> = [[binding, tree.rootNode]];
  let compared = 0;
  while (pending.length > 0) {
    const [expected, actual] = pending.pop()!;
    assert.ok(actual);
    // A MISSING hidden token (`_dedent`) is a child in the binding's node API; cursors do not visit it.
    const children = expected.children.filter((child) => !(child.isMissing && child.type.startsWith('_')));
    const at = `${where} at ${expected.startIndex}`;
    assert.deepEqual(
      [actual.type, actual.startIndex, actual.endIndex, actual.isNamed, actual.children.length],
      [expected.type, expected.startIndex, expected.endIndex, expected.isNamed, children.length],
      at,
    );
    // The mirror sees the errors a cursor visits: a hidden MISSING token (a newline, a dedent) shows only on the root. An ERROR
    // node over one unexpected character has no error of its own in the bindings; the mirror says it has.
    if (actual === tree.rootNode || actual.type === 'ERROR') assert.equal(actual.hasError, true === (expected.hasError || expected.type === 'ERROR'), at);
    else if (actual.hasError) assert.equal(expected.hasError, true, `${at}: an error the binding does not see`);
    children.forEach((child, i) => {
      // Fields that name tokens (a binary operator's `operator`) are not mirrored.
      const field = (actual.children[i] as MirrorNode).field;
      assert.equal(field, child.isNamed ? (expected.fieldNameForChild(i) ?? null) : null, `${at}: field of child ${i}`);
      pending.push([child, actual.children[i]]);
    });
    compared++;
  }
  return compared;
}

// Text where offsets do not simply follow from the tokens: comments and line continuations that the scanner folds
// into the blank before an indent or dedent, tabs, form feeds, CRLF, Unicode blanks, a byte-order mark, strings of
// every kind, non-ASCII names.
const AWKWARD: Array<[string, string]> = [
  ['comments at dedents', 'def f():\n    x = 1\n    # trailing\n# top\ny = 2\nif a:\n    b()\n        # deeper\n    c()\n  # shallower\nd()\n'],
  ['continuations', 'x = 1 + \\\n    2\nif a and \\\n   b:\n    pass\n    \\\n\ny = [1,\n  2]  # c\n'],
  ['tabs and form feeds', 'if a:\n\tb()\n\f\nc()\nclass K:\n\tdef m(self):\n\t\treturn 1\n'],
  ['crlf', 'import keras\r\nx = keras.layers.Dense(1)  # c\r\nif x:\r\n    y = 2\r\n'],
  ['blanks the grammar names', '\ufeffimport keras\ny = 3\u200b+ 4\nz = 5\u2060\n'],
  ['other Unicode blanks', 'x = 1\u00a0+\u2003 2\n'],
  ['names', 'modèle = 1\nλ_x = modèle + ℌ\nclass Ünï:\n    ñ = λ_x\n'],
  ['strings', 'x = f"{a!r:>{w}} {{b}}" + rb"\\d" + """doc\n""" + u"\\N{DASH}" and not y @ z\ns = \'a\\\nb\' + f\'\'\'{ x = }\'\'\' "c" \'d\'\nt = f"{x:{y}.{z}f}" F"{\'q\'}"\n'],
  ['empty', ''],
  ['blank', '\n\n   \n'],
  ['only comments', '# a\n  # b\n'],
  ['statements', '@dec(1)\nasync def g(*, a: int = 1, **k) -> None:\n    """Doc."""\n    await h(lambda q, *r: q)\n    return [i for i in range(3) if i]\nmatch p:\n    case [1, *rest] | {"k": v}:\n        pass\n    case _:\n        pass\nprint >> f, x\nexec "code"\nglobal a; del b; assert c, d\nx: list[int] = (yield)\n'],
];

test('the native parser reads trees with layerlint\'s native reader (built by npm run build)', async (t) => {
  const native = await parser('native');
  // A machine without a C compiler falls back to the cursor copy; CI must not.
  if (native.reader !== 'records' && process.env.CI !== 'true') return t.skip('native/build/Release/tree_export.node is not built here');
  assert.equal(native.reader, 'records');
  assert.equal((await parser('wasm')).reader, 'cursor');
});

test('the mirror has the same nodes, offsets and fields as the binding tree, in every parser and reader', async () => {
  for (const [kind, p] of await everyParser()) {
    // As written (offsets follow from the text) and with a syntax error (every offset is read).
    const rng = new Rng(5);
    const sources: Array<[string, string]> = [
      ...fixtures.map((f): [string, string] => [f, readFileSync(join(FIXTURES, f), 'utf8')]),
      ...Array.from({ length: 12 }, (_, i): [string, string] => [`corpus #${i}`, generateFile(rng, 120)]),
      // More nodes than the native reader's first array holds (16,384): the parser grows it.
      ['corpus, 2,000 lines', generateFile(rng, 2000)],
      ...AWKWARD,
    ];
    let clean = 0;
    for (const [file, text] of sources.flatMap(([f, source]) => [[f, source], [`${f} + error`, `${source}\nbroken = (1, [\n`]])) {
      const tree = p.parse(text);
      const compared = compareWithBinding(tree, `${kind} ${file}`);
      if (text.trim()) assert.ok(compared >= 2, file);
      if (!tree.rootNode.hasError) clean++;
      tree.dispose();
    }
    // Most of them must take the path that derives offsets, or this test would not cover it.
    assert.ok(clean >= sources.length - 3, `${clean} of ${sources.length} without errors`);
  }
});

test('a module larger than the native reader keeps its array for is copied whole, and so are the modules after it', async (t) => {
  const [[, records], [, cursor]] = await everyParser();
  if (records.reader !== 'records') return t.skip('native/build/Release/tree_export.node is not built here');
  // About 330,000 nodes: more than the 262,144 the parser keeps an array of records for.
  const large = `from keras import layers\nx = layers.Input((8,))\n${'x = layers.Dense(64, activation="relu")(x)\n'.repeat(22_000)}`;
  const small = generateFile(new Rng(3), 80);
  for (const text of [large, small, large, small]) {
    const copied = records.parseRoot(text);
    assert.equal(copied.toString(), cursor.parseRoot(text).toString());
    assert.equal(copied.endIndex, text.length);
  }
});

test('siblings are found among more children than a node\'s flags number (over a million)', async () => {
  const p = await parser('native');
  // 600,000 elements and 599,999 commas between the brackets: 1,200,001 children of one list.
  const text = `x = [${'0,'.repeat(599_999)}7]\n`;
  const list = p.parseRoot(text).children[0].children[0].childForFieldName('right')!;
  assert.equal(list.type, 'list');
  assert.equal(list.childCount, 1_200_001);
  const last = list.child(1_199_999)!;
  assert.equal(last.text, '7');
  assert.equal(last.previousSibling?.type, ',');
  assert.equal(last.previousSibling?.startIndex, last.startIndex - 1);
  assert.equal(last.previousNamedSibling?.startIndex, last.startIndex - 2);
  assert.equal(last.nextSibling?.type, ']');
  assert.equal(last.nextNamedSibling, null);
  const early = list.child(1)!;
  assert.equal(early.nextSibling?.type, ',');
  assert.equal(early.nextNamedSibling?.startIndex, early.startIndex + 2);
});

test('after edits, statements carried over from the previous copy match the binding tree', async () => {
  for (const [kind, p] of await everyParser()) {
    const rng = new Rng(11);
    let carried = 0;
    for (let round = 0; round < 3; round++) {
      const doc = new ParsedDocument(p, `file:///edit${round}.py`, 1, generateFile(rng, 150));
      let undo: Change[] | undefined;
      for (let version = 2; version < 30; version++) {
        const before = new Set(doc.tree.rootNode.children);
        // Every other version undoes the one before, as an editor's undo does.
        const changes = undo ?? randomChanges(rng, doc.textDocument);
        undo = undo ? undefined : inverse(doc.textDocument, changes);
        doc.update(changes, version);
        compareWithBinding(doc.tree, `${kind} round ${round} v${version}`);
        for (const node of doc.tree.rootNode.children) if (before.has(node)) carried++;
      }
      doc.dispose();
    }
    // The carrying over must happen for this test to mean anything.
    assert.ok(carried > 300, `${kind}: ${carried} statements carried over`);
  }
});

test('disposing a WASM tree deletes it from WASM memory, which V8 never collects; its copied nodes stay readable', async () => {
  const wasm = await parser('wasm');
  assert.equal(wasm.freesOnDispose, true);
  const text = 'import keras\nmodel = keras.Sequential([keras.layers.Dense(2)])\n';
  const tree = wasm.parse(text);
  const root = tree.rootNode;
  const binding = (tree as unknown as { binding: { rootNode: unknown } }).binding;
  assert.notEqual(binding.rootNode, null);
  tree.dispose();
  // web-tree-sitter answers null for the root of a tree it has deleted.
  assert.equal(binding.rootNode, null);
  assert.equal(root.toString(), wasm.parseRoot(text).toString());
});

test('disposing a native tree frees its memory at once, not when V8 collects the wrapper', async (t) => {
  const native = await parser('native');
  if (native.reader !== 'records') return t.skip('the native reader is not built here');
  const text = generateFile(new Rng(3), 6000);
  const copy = native.parseRoot(text).toString();
  // Without the release, each of these trees would stay in native memory until a collection and an event-loop turn
  // (the loop gives neither): some 4 MB a tree, 240 MB in all.
  const before = process.memoryUsage().rss;
  for (let i = 0; i < 60; i++) {
    const tree = native.parse(text);
    assert.equal(tree.rootNode.children.length > 0, true);
    tree.dispose();
    tree.dispose(); // a second dispose does nothing
  }
  const grown = (process.memoryUsage().rss - before) / 1e6;
  assert.ok(grown < 80, `resident memory grew by ${grown.toFixed(0)} MB over 60 parses`);
  // Nodes copied before the release stay readable; the copy is the one a fresh parse gives.
  const tree = native.parse(text);
  const root = tree.rootNode;
  tree.dispose();
  assert.equal(root.toString(), copy);
  assert.throws(() => {
    const unread = native.parse(text);
    unread.dispose();
    return unread.rootNode;
  }, /disposed/);
});

test('a change whose range is given end first edits the tree and the lines as its reverse', async () => {
  const p = await parser();
  const source = 'import keras\nx = keras.layers.Dense(2)\ny = keras.layers.Dropout(0.5)\n';
  const doc = new ParsedDocument(p, 'file:///reversed.py', 1, source);
  // A position read before the edit: the line table of this text is the one the edit derives the next from.
  assert.equal(doc.tree.rootNode.children[2].startPosition.row, 2);
  const start = doc.textDocument.positionAt(source.indexOf('Dense'));
  const end = doc.textDocument.positionAt(source.indexOf('(2)'));
  doc.update([{ range: { start: end, end: start }, text: 'BatchNormalization\n#' }], 2);
  const expected = source.replace('Dense', 'BatchNormalization\n#');
  assert.equal(doc.text, expected);
  const fresh = p.parseRoot(expected);
  assert.equal(doc.tree.rootNode.toString(), fresh.toString());
  const dropout = doc.tree.rootNode.descendantForIndex(expected.indexOf('Dropout'));
  assert.deepEqual([dropout.text, dropout.startPosition], ['Dropout', { row: 3, column: 17 }]);
  doc.dispose();
});

// The engine compares node types and field names with literals everywhere; V8 compares internalized strings by
// address and others by content, so every copy hands out the interned names (parse/strings.ts `interned`).
test('node types and field names are internalized strings in every parser and reader', () => {
  const engine = join(ROOT, 'out', 'test', 'helpers', 'engine.js');
  const check = `
    const { everyParser } = require(${JSON.stringify(engine)});
    (async () => {
      const counts = {};
      for (const [kind, p] of await everyParser()) {
        const root = p.parseRoot('import keras\\nx = keras.layers.Dense(4, activation="relu")(inputs)\\nif x:\\n    y = [a for a in b]\\n');
        const c = (counts[kind] = { nodes: 0, types: 0, fields: 0, fieldsInterned: 0 });
        for (const stack = [root]; stack.length; ) {
          const node = stack.pop();
          c.nodes++;
          if (%IsInternalizedString(node.type)) c.types++;
          if (node.field) { c.fields++; if (%IsInternalizedString(node.field)) c.fieldsInterned++; }
          stack.push(...node.children);
        }
      }
      process.stdout.write(JSON.stringify(counts));
    })();`;
  const result = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', check], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, result.stderr);
  const counts = JSON.parse(result.stdout) as Record<string, { nodes: number; types: number; fields: number; fieldsInterned: number }>;
  assert.deepEqual(Object.keys(counts), ['native', 'native, cursor copy', 'wasm']);
  for (const [kind, c] of Object.entries(counts)) {
    assert.ok(c.nodes > 30 && c.fields > 10, `${kind}: ${JSON.stringify(c)}`);
    assert.equal(c.types, c.nodes, `${kind}: types`);
    assert.equal(c.fieldsInterned, c.fields, `${kind}: fields`);
  }
});

/** Every node of a copy, in order: what a copy parsed ahead must share with one parsed alone. */
function nodesOf(root: SyntaxNode): string[] {
  const nodes: string[] = [];
  const visit = (node: SyntaxNode, depth: number) => {
    nodes.push(`${depth} ${node.type} ${node.startIndex}-${node.endIndex}${node.isNamed ? ' named' : ''}${node.hasError ? ' error' : ''}${node.isMissing ? ' missing' : ''}`);
    for (const child of node.children) visit(child, depth + 1);
  };
  visit(root, 0);
  return nodes;
}

test('texts parsed ahead, together, are copied as each parsed alone, in any order and batch after batch, in every parser and reader', async () => {
  for (const [kind, p] of await everyParser()) {
    const rng = new Rng(17);
    const texts = [
      generateFile(rng, 120),
      `${generateFile(rng, 60)}\nbroken = (1, [\n`,
      '',
      // More nodes than the first array of records holds: its slot grows.
      generateFile(rng, 2000),
      ...AWKWARD.map(([, text]) => text),
    ];
    for (const batch of [texts, [...texts].reverse(), texts.slice(0, 2)]) {
      const copies = p.parseAhead(batch);
      assert.equal(copies.length, batch.length);
      // Copied last to first: each copy reads its own text's records, whatever was copied before.
      const roots = copies.map((_, i) => copies[copies.length - 1 - i]()).reverse();
      batch.forEach((text, i) => {
        const alone = p.parseRoot(text);
        assert.deepEqual(nodesOf(roots[i]), nodesOf(alone), `${kind}: text ${i}`);
        assert.equal(roots[i].toString(), alone.toString(), `${kind}: text ${i}`);
        assert.equal(roots[i].children[0]?.text, alone.children[0]?.text);
      });
    }
  }
});

test('a tree parsed ahead cannot be copied once the next batch has been parsed, whose texts reuse its memory', async (t) => {
  const [[, records]] = await everyParser();
  if (records.reader !== 'records') return t.skip('native/build/Release/tree_export.node is not built here');
  const [first] = records.parseAhead(['x = 1\n']);
  const [second] = records.parseAhead(['y = (2)\n']);
  assert.throws(first, /copied after the next batch was parsed/);
  assert.equal(second().toString(), '(module (expression_statement (assignment left: (identifier) right: (parenthesized_expression (integer)))))');
});
