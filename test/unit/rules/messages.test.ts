// Wording a marked message: each mark becomes the line its node starts on; nothing else of the text changes.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import type { SyntaxNode } from '../../../server/src/parse/tree';
import { line, markingLines, word } from '../../../server/src/rules/messages';
import { parser } from '../../helpers/engine';

suite('word', () => {
  test('marks become lines; a NUL of the source quoted in a message stays as it is', async () => {
    const root = (await parser()).parse('a = 1\n\nb = 2\n').rootNode;
    const [first, second] = root.namedChildren;
    const nodes: SyntaxNode[] = [];
    let marked = '';
    markingLines(nodes, () => {
      marked = `\u0000x at line ${line(second)}, \u00007 and line ${line(first)}\u0000\u0000`;
    });
    assert.equal(word({ marked, nodes }), '\u0000x at line 3, \u00007 and line 1\u0000\u0000');
  });
});
