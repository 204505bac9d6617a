// The lint run itself: when a finding's fixes are worked out, and what a failing fix costs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ruleByCode } from '../../../server/src/rules/registry';
import type { Rule } from '../../../server/src/rules/types';
import { dedent, findings } from '../../helpers/rules';

const SOURCE = dedent(`
  from keras import layers, Sequential
  a = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.BatchNormalization(), layers.Dense(1)])
  b = Sequential([layers.Dense(8), layers.Dropout(0.2), layers.BatchNormalization(), layers.Dense(1)])
`);

/** Runs `body` with LL101's reports given the fixes `fixes` instead of their own. */
async function withLL101Fixes<T>(fixes: () => never, body: () => Promise<T>): Promise<T> {
  const rule = ruleByCode('LL101') as { check: Rule['check'] };
  const check = rule.check;
  rule.check = (context) => check({ ...context, report: (report) => context.report({ ...report, fixes }) });
  try {
    return await body();
  } finally {
    rule.check = check;
  }
}

test("a finding's fixes are worked out when first read, not while the rules run", async () => {
  let computed = 0;
  const found = await withLL101Fixes(() => {
    computed++;
    throw new Error('not expected yet');
  }, () => findings(SOURCE));
  assert.equal(computed, 0);
  assert.deepEqual(found.map((f) => f.code), ['LL101', 'LL101']);
});

test('a fix that throws costs its finding the fixes, not the rule its other findings', async () => {
  const errors: string[] = [];
  const log = console.error;
  console.error = (message: string) => errors.push(message);
  try {
    const found = await withLL101Fixes(() => {
      throw new Error('a fix builder tripped');
    }, () => findings(SOURCE));
    assert.deepEqual(found.map((f) => [f.code, f.fixes.length]), [['LL101', 0], ['LL101', 0]]);
    // Read twice, worked out once.
    assert.deepEqual(found.map((f) => f.fixes.length), [0, 0]);
  } finally {
    console.error = log;
  }
  assert.equal(errors.length, 2);
  assert.match(errors[0], /^layerlint: the fixes of a LL101 finding failed: Error: a fix builder tripped/);
});

test('findings read without a rule in the way have their fixes', async () => {
  const found = await findings(SOURCE);
  assert.deepEqual(found.map((f) => [f.code, f.fixes.map((fix) => fix.title)]), [
    ['LL101', ['Swap Dropout and BatchNormalization']],
    ['LL101', ['Swap Dropout and BatchNormalization']],
  ]);
});
