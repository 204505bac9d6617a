// The argument edit builders: each case is the exact text before and after, and the result must still parse.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { removeKeywordArgument, setKeywordArgument, setParameter } from '../../../server/src/fixes/arguments';
import { applyEdits } from '../../../server/src/fixes/apply';
import type { SyntaxNode } from '../../../server/src/parse/tree';
import type { TextEdit } from '../../../server/src/rules/types';
import { parser } from '../../helpers/engine';

/** Applies `build` to the first call in `source` and returns the new text, checking that it parses. */
async function edit(source: string, build: (call: SyntaxNode) => TextEdit[]): Promise<string> {
  const p = await parser();
  const root = p.parse(source).rootNode;
  const call = firstCall(root);
  assert.ok(call, 'no call in the snippet');
  const result = applyEdits(source, build(call));
  assert.equal(p.parse(result).rootNode.hasError, false, `does not parse:\n${result}`);
  return result;
}

function firstCall(node: SyntaxNode): SyntaxNode | undefined {
  if (node.type === 'call') return node;
  for (const child of node.namedChildren) {
    const found = firstCall(child);
    if (found) return found;
  }
  return undefined;
}

const set = (name: string, value: string) => (call: SyntaxNode) => setKeywordArgument(call, name, value);
const remove = (name: string) => (call: SyntaxNode) => removeKeywordArgument(call, name);

suite('setKeywordArgument', () => {
  const cases: Array<[string, string, string]> = [
    ['empty call', 'f()\n', 'f(use_bias=False)\n'],
    ['one line', 'f(64)\n', 'f(64, use_bias=False)\n'],
    ['one line, trailing comma', 'f(64,)\n', 'f(64, use_bias=False,)\n'],
    ['replaces an existing value', 'f(64, use_bias=True)\n', 'f(64, use_bias=False)\n'],
    ['replaces in place, multi-line', 'f(\n    use_bias=True,  # c\n    x=1,\n)\n', 'f(\n    use_bias=False,  # c\n    x=1,\n)\n'],
    ['multi-line with trailing comma', 'f(\n    64,\n    activation="relu",\n)\n', 'f(\n    64,\n    activation="relu",\n    use_bias=False,\n)\n'],
    ['multi-line, no trailing comma', 'f(64,\n  activation="relu")\n', 'f(64,\n  activation="relu",\n  use_bias=False)\n'],
    ['comment after the trailing comma stays on its line', 'f(\n    64,  # units\n)\n', 'f(\n    64,  # units\n    use_bias=False,\n)\n'],
    ['comment after the last argument, no comma', 'f(\n    64  # units\n)\n', 'f(\n    64,  # units\n    use_bias=False\n)\n'],
    ['several per line: indent of the line', 'f(\n    1, 2,\n    3, 4)\n', 'f(\n    1, 2,\n    3, 4,\n    use_bias=False)\n'],
    ['CRLF', 'f(\r\n    64,\r\n)\r\n', 'f(\r\n    64,\r\n    use_bias=False,\r\n)\r\n'],
  ];
  for (const [name, before, after] of cases) {
    test(name, async () => assert.equal(await edit(before, set('use_bias', 'False')), after));
  }

  test('a broken call gets no edit', async () => {
    const root = (await parser()).parse('f(64 x)\n').rootNode;
    assert.deepEqual(setKeywordArgument(firstCall(root)!, 'use_bias', 'False'), []);
  });

  test('setParameter replaces a positional value instead of adding a duplicate keyword', async () => {
    const p = await parser();
    const source = 'Dropout(0.9, seed=1)\n';
    const call = firstCall(p.parse(source).rootNode)!;
    const positional = call.childForFieldName('arguments')!.namedChild(0)!;
    assert.equal(applyEdits(source, setParameter(call, { value: positional }, 'rate', '0.1')), 'Dropout(0.1, seed=1)\n');
    assert.equal(applyEdits(source, setParameter(call, undefined, 'noise_shape', 'None')), 'Dropout(0.9, seed=1, noise_shape=None)\n');
  });
});

suite('removeKeywordArgument', () => {
  const cases: Array<[string, string, string]> = [
    ['only argument', 'f(training=True)\n', 'f()\n'],
    ['last argument', 'f(x, training=True)\n', 'f(x)\n'],
    ['first argument', 'f(training=True, x)\n', 'f(x)\n'],
    ['middle argument', 'f(x, training=True, y=2)\n', 'f(x, y=2)\n'],
    ['last with trailing comma', 'f(x, training=True,)\n', 'f(x,)\n'],
    ['own line, with its comment', 'f(\n    x,\n    training=True,  # why\n    y=2,\n)\n', 'f(\n    x,\n    y=2,\n)\n'],
    ['own line, last, no comma', 'f(\n    x,\n    training=True\n)\n', 'f(\n    x,\n)\n'],
    ['continuation line, before )', 'f(x,\n  training=True)\n', 'f(x)\n'],
    ['ends its line, more on the next', 'f(x, training=True,\n  y=2)\n', 'f(x,\n  y=2)\n'],
    ['comment between comma and argument', 'f(x,  # input\n  training=True)\n', 'f(x  # input\n  )\n'],
    ['not written: unchanged', 'f(x)\n', 'f(x)\n'],
  ];
  for (const [name, before, after] of cases) {
    test(name, async () => assert.equal(await edit(before, remove('training')), after));
  }
});
