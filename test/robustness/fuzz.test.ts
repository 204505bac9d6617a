// Input fuzzing: random mutations of every fixture go through parse → graphs → rules. Each must return within a time
// bound and never throw. A fixed seed runs in `npm test`; `npm run fuzz` runs longer (FUZZ_CASES, FUZZ_SEED).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/config/config';
import { analyzeModule } from '../../server/src/keras/analyze';
import { lint } from '../../server/src/rules/lint';
import type { ParserKind } from '../../server/src/parse/tree';
import { parser } from '../helpers/engine';
import { ROOT } from '../helpers/lsp-client';
import { pythonFiles } from '../helpers/files';
import { mutate, random } from './mutations';

const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

/** Milliseconds for the raw parse, and for parse + graphs + rules. A rule that throws is caught and logged by lint()
 *  so that the others still report; here that log is a failure. */
async function check(text: string, kind: ParserKind): Promise<{ parse: number; total: number }> {
  const p = await parser(kind);
  let started = performance.now();
  p.parse(text).dispose();
  const parse = performance.now() - started;
  const logged: string[] = [];
  const log = console.error;
  console.error = (message: unknown) => logged.push(String(message));
  try {
    started = performance.now();
    const root = p.parseRoot(text);
    lint(analyzeModule(root), text, DEFAULT_CONFIG, root);
  } finally {
    console.error = log;
  }
  if (logged.length > 0) throw new Error(logged[0].split('\n').slice(0, 3).join(' | '));
  return { parse, total: performance.now() - started };
}

/** What counts as hanging: far beyond the parse of the same input in the same run (a busy machine slows both). */
const bound = (parse: number) => Math.max(25 * parse, 5_000);

test(`fuzzing the engine with ${CASES} mutated fixtures (seed ${SEED})`, async () => {
  const fixtures = pythonFiles(join(ROOT, 'test', 'fixtures')).map((f) => readFileSync(f, 'utf8'));
  assert.ok(fixtures.length > 0);
  const rand = random(SEED);
  const failures: string[] = [];
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    const source = fixtures[i % fixtures.length];
    const { text, applied } = mutate(source, rand, 1 + Math.floor(rand() * 4));
    // One case in ten also goes through the WASM parser: both must survive the same input.
    for (const kind of i % 10 === 0 ? (['native', 'wasm'] as const) : (['native'] as const)) {
      try {
        const { parse, total } = await check(text, kind);
        slowest = Math.max(slowest, total);
        if (total > bound(parse)) failures.push(`case ${i} (${kind}, ${applied.join('+')}): ${total.toFixed(0)} ms, parse ${parse.toFixed(0)} ms`);
      } catch (error) {
        failures.push(`case ${i} (${kind}, ${applied.join('+')}): ${(error as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
      }
    }
  }
  console.log(`fuzz: ${CASES} cases tried, ${failures.length} failures, slowest ${slowest.toFixed(0)} ms`);
  assert.deepEqual(failures, []);
});

test('a 5 MB Keras file is analysed within the bound', async () => {
  const unit = readFileSync(join(ROOT, 'test', 'fixtures', 'add_chain.py'), 'utf8');
  const text = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
  const { parse, total } = await check(text, 'native');
  console.log(`5 MB file: parsed in ${parse.toFixed(0)} ms, parsed and analysed in ${total.toFixed(0)} ms`);
  assert.ok(total < bound(parse), `took ${total.toFixed(0)} ms against a ${parse.toFixed(0)} ms parse`);
});

test('one model of 20,000 layers is analysed within the bound', async () => {
  const text = 'import keras\nm = keras.Sequential([\n' + '    keras.layers.Dense(3),\n    keras.layers.Dropout(0.1),\n'.repeat(10_000) + '])\n';
  const { parse, total } = await check(text, 'native');
  console.log(`20,000-layer model: parsed in ${parse.toFixed(0)} ms, parsed and analysed in ${total.toFixed(0)} ms`);
  assert.ok(total < bound(parse), `took ${total.toFixed(0)} ms against a ${parse.toFixed(0)} ms parse`);
});
