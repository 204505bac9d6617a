// Editor settings over a base configuration: what they change, and how each bad value is reported and skipped.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { DEFAULT_CONFIG, DEFAULT_OPTIONS, ruleSetting, type LintConfig } from '../../../server/src/config/config';
import { configFromSettings } from '../../../server/src/config/settings';

const LL102 = { code: 'LL102', severity: 'information' } as const;
const LL103 = { code: 'LL103', severity: 'information' } as const;

suite('configFromSettings', () => {
  test('rule severities, off, and every option (nested as VS Code sends them)', () => {
    const { config, problems } = configFromSettings(
      { rules: { LL103: 'off', LL102: 'warning' }, batchNorm: { activationOrder: 'after' }, minBatchSize: 16, keepProbThreshold: 0.9, enable: true },
      DEFAULT_CONFIG,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual([...config.rules], [['LL103', 'off'], ['LL102', 'warning']]);
    assert.equal(ruleSetting(config, LL103), 'off');
    assert.equal(ruleSetting(config, LL102), 'warning');
    assert.deepEqual(config.options, { activationOrder: 'after', minBatchSize: 16, keepProbThreshold: 0.9 });
  });

  test('flat dotted keys and severity aliases', () => {
    const { config, problems } = configFromSettings({ 'batchNorm.activationOrder': 'either', rules: { ll102: 'warn' } }, DEFAULT_CONFIG);
    assert.deepEqual(problems, []);
    assert.equal(config.options.activationOrder, 'either');
    assert.equal(config.rules.get('LL102'), 'warning');
  });

  test('nothing sent: the base configuration, unchanged', () => {
    assert.deepEqual(configFromSettings(undefined, DEFAULT_CONFIG), { config: DEFAULT_CONFIG, problems: [] });
    assert.deepEqual(configFromSettings({}, DEFAULT_CONFIG).config.options, DEFAULT_OPTIONS);
  });

  test('each bad value is one clear problem and is skipped; the good ones still apply', () => {
    const { config, problems } = configFromSettings(
      {
        rules: { LL103: 'offf', LL999: 'off', banana: 'error', LL102: 'error' },
        batchNorm: { activationOrder: 'sideways' },
        minBatchSize: -3,
        keepProbThreshold: '0.8',
      },
      DEFAULT_CONFIG,
    );
    assert.deepEqual(problems, [
      'layerlint.rules.LL103: "offf" is not a severity (use error, warning, information, hint or off); ignored',
      'layerlint.rules.LL999: "LL999" is not a layerlint rule (run `layerlint rules` for the list); ignored',
      'layerlint.rules.banana: "banana" is not a rule code like "LL101"; ignored',
      'layerlint.batchNorm.activationOrder: "sideways" is not one of "before", "after", "either"; ignored',
      'layerlint.minBatchSize: -3 is not a positive whole number; ignored',
      'layerlint.keepProbThreshold: "0.8" is not a number above 0 and at most 1; ignored',
    ]);
    assert.deepEqual([...config.rules], [['LL102', 'error']]);
    assert.deepEqual(config.options, DEFAULT_OPTIONS);
  });

  test('a settings value of the wrong shape is a problem, not a crash', () => {
    assert.deepEqual(configFromSettings('nope', DEFAULT_CONFIG).problems, ['layerlint: the settings must be an object, got "nope"; using the defaults']);
    assert.deepEqual(configFromSettings({ rules: ['LL101'] }, DEFAULT_CONFIG).problems, [
      'layerlint.rules: ["LL101"] is not a table of rule codes to severities; ignored',
    ]);
  });

  test('editor rules are laid over the base rules and keep its other fields', () => {
    const base: LintConfig = { ...DEFAULT_CONFIG, rules: new Map([['LL102', 'off'], ['LL103', 'hint']]), ignore: ['LL2'], root: '/p' };
    const { config } = configFromSettings({ rules: { LL102: 'warning' } }, base);
    assert.deepEqual([...config.rules], [['LL102', 'warning'], ['LL103', 'hint']]);
    assert.deepEqual(config.ignore, ['LL2']);
    assert.equal(config.root, '/p');
  });
});

suite('ruleSetting', () => {
  test('select and ignore by code and prefix; an explicit severity wins over both', () => {
    const config: LintConfig = { ...DEFAULT_CONFIG, select: ['LL1', 'LL203'], ignore: ['LL103'], rules: new Map([['LL104', 'error']]) };
    assert.equal(ruleSetting(config, LL102), 'information');
    assert.equal(ruleSetting(config, LL103), 'off');
    assert.equal(ruleSetting(config, { code: 'LL203', severity: 'information' }), 'information');
    assert.equal(ruleSetting(config, { code: 'LL201', severity: 'warning' }), 'off');
    assert.equal(ruleSetting({ ...config, rules: new Map([['LL201', 'hint']]) }, { code: 'LL201', severity: 'warning' }), 'hint');
    assert.equal(ruleSetting({ ...DEFAULT_CONFIG, select: ['ALL'], ignore: ['LL'] }, LL102), 'off');
  });
});
