// Wording a marked message: each mark becomes the line its node starts on; nothing else of the text changes.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { DEFAULT_CONFIG } from '../../../server/src/config/config';
import { analyzeModule } from '../../../server/src/keras/analyze';
import type { SyntaxNode } from '../../../server/src/parse/tree';
import { findingsOf } from '../../../server/src/rules/lint';
import { line, markingLines, span, word } from '../../../server/src/rules/messages';
import { RULES } from '../../../server/src/rules/registry';
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

suite('a lint run words what rules report', () => {
  test('the message and the related messages name lines; the same report again is dropped', async () => {
    const text = 'a = 1\n\nb = 2\nc = 3\n';
    const root = (await parser()).parseRoot(text);
    const [first, second, third] = root.namedChildren;
    // A rule's check stands in for one whose related messages name lines (the mechanism every rule reports through).
    const rule = RULES[0];
    const check = rule.check;
    rule.check = ({ report }) => {
      for (let i = 0; i < 2; i++) {
        report({
          span: span(second),
          message: `b at line ${line(second)}`,
          related: [
            { span: span(first), message: `a at line ${line(first)}` },
            { span: span(third), message: 'c, no line named' },
          ],
        });
      }
      report({ span: span(third), message: 'c', related: [{ span: span(first), message: `a at line ${line(first)}` }] });
    };
    try {
      const findings = findingsOf(analyzeModule(root), text, DEFAULT_CONFIG, new Set([rule.meta.code]));
      assert.deepEqual(
        findings.map((f) => [f.message, f.related.map((r) => r.message)]),
        [
          ['b at line 3', ['a at line 1', 'c, no line named']],
          ['c', ['a at line 1']],
        ],
      );
      // Kept for wording again after an edit, out of the finding's value.
      const wording = (findings[1] as { wording?: { marked: string[] } }).wording;
      assert.deepEqual(wording?.marked.map((m) => m.includes('\u0000')), [false, true]);
      assert.ok(!Object.keys(findings[1]).includes('wording'));
    } finally {
      rule.check = check;
    }
  });
});
