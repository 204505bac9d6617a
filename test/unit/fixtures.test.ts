// The whole rule catalog over the fixtures: every finding is one the fixture marks (`# expect: LL101, LL203` on the
// line where the finding starts), and every mark is found. A rule that fires where it must not fails here.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../helpers/lsp-client';
import { findings, place } from '../helpers/rules';

const FIXTURES = join(ROOT, 'test', 'fixtures');

for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.py'))) {
  test(`every rule over ${file}: exactly the marked findings`, async () => {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    const marked = text.split('\n').flatMap((line, index) => {
      const codes = /# expect: ([A-Z0-9, ]+)/.exec(line)?.[1].split(/\s*,\s*/) ?? [];
      return codes.map((code) => `${index}:${code}`);
    });
    const found = (await findings(text)).map((f) => `${place(text, f.span).line}:${f.code}`);
    assert.ok(marked.length > 0);
    assert.deepEqual(found.sort(), marked.sort());
  });
}
