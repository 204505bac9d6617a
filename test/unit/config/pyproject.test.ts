// [tool.layerlint] in pyproject.toml: finding the file, reading every key, reporting bad input, caching, and
// how editor settings lay over it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe as suite, test } from 'node:test';
import { DEFAULT_CONFIG, DEFAULT_OPTIONS, ruleSetting } from '../../../server/src/config/config';
import { findPyproject, loadPyproject } from '../../../server/src/config/pyproject';
import { configForFile } from '../../../server/src/config/resolve';

const dir = mkdtempSync(join(tmpdir(), 'layerlint-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function project(name: string, toml: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'src', 'models'), { recursive: true });
  writeFileSync(join(root, 'pyproject.toml'), toml);
  return root;
}

const FULL = `
[project]
name = "demo"

[tool.layerlint]
select = ["LL1", "LL203"]
ignore = ["LL104"]
severity = { LL102 = "warning", LL203 = "off" }
exclude = ["build/", "notebooks/old/*.ipynb"]
activation-order = "after"
min-batch-size = 4
keep-prob-threshold = 0.9
`;

suite('findPyproject', () => {
  test('the nearest one upward, from a file in a subfolder', () => {
    const root = project('nearest', '[tool.layerlint]\n');
    const inner = join(root, 'src', 'pyproject.toml');
    assert.equal(findPyproject(join(root, 'src', 'models', 'net.py')), join(root, 'pyproject.toml'));
    writeFileSync(inner, '');
    assert.equal(findPyproject(join(root, 'src', 'models', 'net.py')), inner);
  });
});

suite('loadPyproject', () => {
  test('every key of [tool.layerlint]', () => {
    const root = project('full', FULL);
    const { config, problems } = loadPyproject(join(root, 'pyproject.toml'));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.select, ['LL1', 'LL203']);
    assert.deepEqual(config.ignore, ['LL104']);
    assert.deepEqual([...config.rules], [['LL102', 'warning'], ['LL203', 'off']]);
    assert.deepEqual(config.exclude, ['build/', 'notebooks/old/*.ipynb']);
    assert.equal(config.root, root);
    assert.deepEqual(config.options, { activationOrder: 'after', minBatchSize: 4, keepProbThreshold: 0.9 });
    assert.equal(ruleSetting(config, { code: 'LL104', severity: 'warning' }), 'off');
    assert.equal(ruleSetting(config, { code: 'LL203', severity: 'information' }), 'off');
    assert.equal(ruleSetting(config, { code: 'LL301', severity: 'warning' }), 'off');
    assert.equal(ruleSetting(config, { code: 'LL101', severity: 'warning' }), 'warning');
  });

  test('no [tool.layerlint] section: the defaults, no problem', () => {
    const root = project('none', '[project]\nname = "x"\n');
    assert.deepEqual(loadPyproject(join(root, 'pyproject.toml')), { config: DEFAULT_CONFIG, problems: [] });
  });

  test('a file that is not TOML: the defaults and one problem naming the file', () => {
    const root = project('broken', '[tool.layerlint\nselect = [\n');
    const path = join(root, 'pyproject.toml');
    const { config, problems } = loadPyproject(path);
    assert.equal(config, DEFAULT_CONFIG);
    assert.equal(problems.length, 1);
    assert.match(problems[0], new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid TOML \\(.+\\); using the default configuration$`));
  });

  test('bad values: one problem each, the rest applies', () => {
    const root = project('bad', `
[tool.layerlint]
select = "LL1"
ignore = ["LL104", "E501", "LL9"]
severity = { LL102 = "loud" }
min-batch-size = 0
activation-order = "after"
keep-prob-threshold = 1.5
colour = "blue"
`);
    const path = join(root, 'pyproject.toml');
    const { config, problems } = loadPyproject(path);
    const where = `${path}: [tool.layerlint]`;
    assert.deepEqual(problems, [
      `${where} colour: unknown setting (known: select, ignore, severity, exclude, activation-order, min-batch-size, keep-prob-threshold); ignored`,
      `${where} severity.LL102: "loud" is not a severity (use error, warning, information, hint or off); ignored`,
      `${where} select: "LL1" is not a list of rule codes; ignored`,
      `${where} ignore[1]: "E501" is not a rule code like "LL101", a prefix like "LL1", or "ALL"; ignored`,
      `${where} ignore[2]: "LL9" matches no layerlint rule; ignored`,
      `${where} min-batch-size: 0 is not a positive whole number; ignored`,
      `${where} keep-prob-threshold: 1.5 is not a number above 0 and at most 1; ignored`,
    ]);
    assert.equal(config.select, undefined);
    assert.deepEqual(config.ignore, ['LL104']);
    assert.deepEqual(config.options, { ...DEFAULT_OPTIONS, activationOrder: 'after' });
  });

  test('cached until the file changes', () => {
    const root = project('cache', '[tool.layerlint]\nmin-batch-size = 4\n');
    const path = join(root, 'pyproject.toml');
    const first = loadPyproject(path);
    assert.equal(loadPyproject(path), first);
    writeFileSync(path, '[tool.layerlint]\nmin-batch-size = 2\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    assert.equal(loadPyproject(path).config.options.minBatchSize, 2);
  });
});

suite('configForFile', () => {
  test('pyproject first, editor settings on top', () => {
    const root = project('layered', FULL);
    const file = join(root, 'src', 'models', 'net.py');
    const { config, problems } = configForFile(file, { rules: { LL102: 'error', LL104: 'hint' }, minBatchSize: 2 });
    assert.deepEqual(problems, []);
    assert.equal(ruleSetting(config, { code: 'LL102', severity: 'information' }), 'error');
    assert.equal(ruleSetting(config, { code: 'LL104', severity: 'warning' }), 'hint');
    assert.equal(ruleSetting(config, { code: 'LL203', severity: 'information' }), 'off');
    assert.deepEqual(config.options, { activationOrder: 'after', minBatchSize: 2, keepProbThreshold: 0.9 });
  });

  test('problems from both places, in that order; no file path means settings only', () => {
    const root = project('both-bad', '[tool.layerlint]\nmin-batch-size = "big"\n');
    const { problems } = configForFile(join(root, 'net.py'), { keepProbThreshold: 7 });
    assert.deepEqual(problems, [
      `${join(root, 'pyproject.toml')}: [tool.layerlint] min-batch-size: "big" is not a positive whole number; ignored`,
      'layerlint.keepProbThreshold: 7 is not a number above 0 and at most 1; ignored',
    ]);
    assert.deepEqual(configForFile(undefined, { minBatchSize: 3 }).config.options, { ...DEFAULT_OPTIONS, minBatchSize: 3 });
  });
});
