// `layerlint check` end to end: the real binary on copies of test/fixtures/cli/project, every output format, the
// exit codes, what folders are skipped, and standard input.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Ajv from 'ajv';
import { cleanUp, DROPOUT_THEN_BN, FIXTURES, layerlint, LL101, LL104, project, ROOT } from './run';

after(cleanUp);

/** The fixture project, with what must never be checked around it: ignored, excluded and environment folders.
 *  They are written here because git would keep neither node_modules nor what the project's .gitignore ignores. */
function fullProject(): string {
  return project('project', {
    '.gitignore': 'generated/\n*.draft.py\n',
    'generated/model.py': DROPOUT_THEN_BN,
    'models/wip.draft.py': DROPOUT_THEN_BN,
    '.venv/lib/python3.11/site.py': DROPOUT_THEN_BN,
    'venv/lib.py': DROPOUT_THEN_BN,
    'node_modules/pkg/mod.py': DROPOUT_THEN_BN,
    'vendor/site-packages/pkg.py': DROPOUT_THEN_BN,
    'models/__pycache__/cached.py': DROPOUT_THEN_BN,
  });
}

const PROJECT_TEXT = [
  `models/merge.py:7:5: LL104 [*] ${LL104(7, 6)}`,
  `models/nested/deep/functional.py:7:9: LL101 ${LL101(7, 8)}`,
  `models/nested/deep/functional.py:14:5: LL101 ${LL101(14, 15)}`,
  `models/sequential.py:6:5: LL101 ${LL101(6, 7)}`,
  'Found 4 findings (1 fixable) in 3 files.',
  '3 more fixable with --unsafe-fixes.',
  '',
].join('\n');

describe('text format', () => {
  test('a project: sorted by path, grouped by file, summary; excluded, ignored and environment folders skipped', () => {
    const run = layerlint(['check'], { cwd: fullProject() });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout, PROJECT_TEXT);
    assert.equal(run.code, 1);
  });

  test('`check .` and `check models legacy/..` name the same files the same way', () => {
    const dir = fullProject();
    assert.equal(layerlint(['check', '.'], { cwd: dir }).stdout, PROJECT_TEXT);
    assert.equal(layerlint(['check', 'models'], { cwd: dir }).stdout, PROJECT_TEXT);
  });

  test('a file named explicitly is checked even where exclude and .gitignore would skip it', () => {
    const dir = fullProject();
    const run = layerlint(['check', 'legacy/old.py', 'generated/model.py'], { cwd: dir });
    assert.equal(
      run.stdout,
      `generated/model.py:4:19: LL101 ${LL101(4, 4)}\nlegacy/old.py:4:19: LL101 ${LL101(4, 4)}\nFound 2 findings in 2 files.\n2 more fixable with --unsafe-fixes.\n`,
    );
    assert.equal(run.code, 1);
  });

  test('a project below the folder checked: its pyproject.toml applies from its own folder down', () => {
    const outer = project('', { 'top.py': 'x = 1\n' });
    cpSync(join(FIXTURES, 'project'), join(outer, 'inner'), { recursive: true });
    const run = layerlint(['check', '--quiet'], { cwd: outer });
    assert.equal(run.stderr, '');
    assert.deepEqual(
      run.stdout.split('\n').map((line) => line.split(': ')[0]),
      ['inner/models/merge.py:7:5', 'inner/models/nested/deep/functional.py:7:9', 'inner/models/nested/deep/functional.py:14:5', 'inner/models/sequential.py:6:5', ''],
    );
  });

  test('a deeper .gitignore overrides a higher one, as in git', () => {
    const dir = project('', {
      '.gitignore': '*.draft.py\n',
      'pkg/.gitignore': '!kept.draft.py\n',
      'pkg/kept.draft.py': DROPOUT_THEN_BN,
      'pkg/other.draft.py': DROPOUT_THEN_BN,
      'top.draft.py': DROPOUT_THEN_BN,
    });
    const run = layerlint(['check', '--quiet', '--select', 'LL101'], { cwd: dir });
    assert.equal(run.stdout, `pkg/kept.draft.py:4:19: LL101 ${LL101(4, 4)}\n`);
  });

  test('a clean file passes', () => {
    const run = layerlint(['check', 'models/clean.py'], { cwd: fullProject() });
    assert.deepEqual(run, { code: 0, stdout: 'All checks passed.\n', stderr: '' });
  });

  test('a folder with no Python file to check: a warning, and the run passes (as ruff does); --quiet drops the warning', () => {
    const dir = project('', { 'notes.txt': 'no Python here\n', 'pyproject.toml': '[tool.layerlint]\nexclude = ["skipped.py"]\n', 'skipped.py': DROPOUT_THEN_BN });
    assert.deepEqual(layerlint(['check'], { cwd: dir }), { code: 0, stdout: 'All checks passed.\n', stderr: 'layerlint: warning: no Python files to check in .\n' });
    assert.deepEqual(layerlint(['check', '--quiet'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
  });

  test('--quiet prints the findings only', () => {
    const run = layerlint(['check', '--quiet', 'models/sequential.py'], { cwd: fullProject() });
    assert.deepEqual(run, { code: 1, stdout: `models/sequential.py:6:5: LL101 ${LL101(6, 7)}\n`, stderr: '' });
  });

  test('colour only when asked for: FORCE_COLOR colours a pipe, NO_COLOR wins over it', () => {
    const dir = fullProject();
    const coloured = layerlint(['check', 'models/merge.py'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    assert.equal(
      coloured.stdout.split('\n')[0],
      `\x1b[1mmodels/merge.py\x1b[22m\x1b[2m:\x1b[22m7\x1b[2m:\x1b[22m5\x1b[2m:\x1b[22m \x1b[1m\x1b[33mLL104\x1b[39m\x1b[22m \x1b[36m[*]\x1b[39m ${LL104(7, 6)}`,
    );
    const plain = layerlint(['check', 'models/merge.py'], { cwd: dir, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.equal(plain.stdout.split('\n')[0], `models/merge.py:7:5: LL104 [*] ${LL104(7, 6)}`);
  });

  test('a reader that stops early (`| head`) ends the run quietly', async () => {
    const pairs = Array.from({ length: 4000 }, () => '    Dropout(0.5), BatchNormalization(),').join('\n');
    const dir = project('', { 'many.py': `${DROPOUT_THEN_BN}big = Sequential([\n${pairs}\n])\n` });
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'layerlint.js'), 'check', '--select', 'LL101'], { cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Close our end after the first chunk, as `head -1` does.
    child.stdout.once('data', () => child.stdout.destroy());
    await once(child, 'close');
    assert.equal(stderr, '');
  });

});

describe('rule selection on the command line', () => {
  test('--select replaces the configured selection; prefixes and comma lists work', () => {
    const dir = fullProject();
    const run = layerlint(['check', '--select', 'LL104', 'models'], { cwd: dir });
    assert.equal(run.stdout, `models/merge.py:7:5: LL104 [*] ${LL104(7, 6)}\nFound 1 finding (1 fixable) in 1 file.\n`);
    const both = layerlint(['check', '--select', 'LL104,LL101', '--quiet', 'models/merge.py', 'models/sequential.py'], { cwd: dir });
    assert.equal(both.stdout.split('\n').length - 1, 2);
  });

  test('--ignore removes a rule the configuration selects', () => {
    const run = layerlint(['check', '--ignore', 'LL101'], { cwd: fullProject() });
    assert.equal(run.stdout, `models/merge.py:7:5: LL104 [*] ${LL104(7, 6)}\nFound 1 finding (1 fixable) in 1 file.\n`);
  });

  test('--severity changes the level a rule reports at; --fail-on decides the exit code', () => {
    const dir = fullProject();
    const args = ['check', '--format', 'json', 'models/sequential.py'];
    const asError = layerlint([...args, '--severity', 'LL101=error'], { cwd: dir });
    assert.equal(JSON.parse(asError.stdout)[0].severity, 'error');
    assert.equal(asError.code, 1);
    assert.equal(layerlint([...args, '--fail-on', 'error'], { cwd: dir }).code, 0);
    assert.equal(layerlint([...args, '--severity', 'LL1=information'], { cwd: dir }).code, 0);
    assert.equal(layerlint([...args, '--severity', 'LL1=information', '--fail-on', 'information'], { cwd: dir }).code, 1);
    assert.equal(layerlint([...args, '--severity', 'LL101=off'], { cwd: dir }).stdout, '[]\n');
  });

  test('bad codes and levels are usage errors (exit 2) that name the flag and the value', () => {
    const dir = fullProject();
    const bad = layerlint(['check', '--select', 'LL999'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.equal(
      bad.stderr,
      'layerlint check: --select: "LL999" is not a layerlint rule (run `layerlint rules` for the list)\n' +
        "Run 'layerlint check --help' for the options.\n",
    );
    assert.match(layerlint(['check', '--severity', 'LL101=loud'], { cwd: dir }).stderr, /^layerlint check: --severity LL101: "loud" is not a severity/);
    assert.match(layerlint(['check', '--severity', 'LL101'], { cwd: dir }).stderr, /expected CODE=LEVEL/);
    assert.match(layerlint(['check', '--format', 'xml'], { cwd: dir }).stderr, /^layerlint check: --format: "xml" is not one of text, json, sarif, github\n/);
    assert.match(layerlint(['check', '--fail-on', 'never'], { cwd: dir }).stderr, /--fail-on: "never" is not one of/);
    const unknown = layerlint(['check', '--frobnicate'], { cwd: dir });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^layerlint check: Unknown option '--frobnicate'/);
  });
});

describe('json format', () => {
  test('one object per finding: file, 1-based range, code, severity, message, fixes with their edits', () => {
    const run = layerlint(['check', '--format', 'json', 'models/sequential.py'], { cwd: fullProject() });
    const range = (line: number, column: number, endLine: number, endColumn: number) => ({
      start: { line, column },
      end: { line: endLine, column: endColumn },
    });
    assert.deepEqual(JSON.parse(run.stdout), [
      {
        file: 'models/sequential.py',
        range: range(6, 5, 6, 24),
        code: 'LL101',
        severity: 'warning',
        message: LL101(6, 7),
        url: 'https://github.com/layerlint/layerlint/blob/main/docs/rules/LL101.md',
        related: [{ range: range(7, 5, 7, 32), message: 'the BatchNormalization fed by the Dropout' }],
        fixes: [
          {
            title: 'Swap Dropout and BatchNormalization',
            applicability: 'unsafe',
            preferred: true,
            edits: [
              { range: range(6, 5, 6, 24), newText: 'layers.BatchNormalization()' },
              { range: range(7, 5, 7, 32), newText: 'layers.Dropout(0.3)' },
            ],
          },
        ],
      },
    ]);
    assert.equal(run.code, 1);
  });

  test('no findings is an empty array, and no summary line', () => {
    const run = layerlint(['check', '--format', 'json', 'models/clean.py'], { cwd: fullProject() });
    assert.deepEqual(run, { code: 0, stdout: '[]\n', stderr: '' });
  });

  test('columns count Unicode code points, not UTF-16 units', () => {
    const source = 'from keras.layers import BatchNormalization, Dropout\nfrom keras.models import Sequential\n' +
      'm = Sequential([Dropout(0.1, name="😀"), BatchNormalization(name="é")])\n';
    const run = layerlint(['check', '--format', 'json', '--stdin-filename', 'emoji.py'], { cwd: fullProject(), input: source });
    const [finding] = JSON.parse(run.stdout);
    // `Dropout(0.1, name="😀")` starts at column 17 and is 22 code points long (the emoji is two UTF-16 units).
    assert.deepEqual(finding.range, { start: { line: 3, column: 17 }, end: { line: 3, column: 39 } });
  });
});

describe('github format', () => {
  test('workflow annotations with the escaped message', () => {
    const run = layerlint(['check', '--format', 'github', '--severity', 'LL104=information', 'models'], { cwd: fullProject() });
    const escaped = (message: string) => message.replace(/%/g, '%25');
    assert.equal(
      run.stdout,
      [
        `::notice file=models/merge.py,line=7,col=5,endLine=7,endColumn=17,title=LL104::${escaped(LL104(7, 6))}`,
        `::warning file=models/nested/deep/functional.py,line=7,col=9,endLine=7,endColumn=28,title=LL101::${LL101(7, 8)}`,
        `::warning file=models/nested/deep/functional.py,line=14,col=5,endLine=14,endColumn=24,title=LL101::${LL101(14, 15)}`,
        `::warning file=models/sequential.py,line=6,col=5,endLine=6,endColumn=24,title=LL101::${LL101(6, 7)}`,
        '',
      ].join('\n'),
    );
    assert.equal(run.code, 1);
  });

  test('commas and colons in a path are escaped in the properties', () => {
    const dir = project('', { 'a,b:c.py': DROPOUT_THEN_BN });
    const run = layerlint(['check', '--format', 'github', '--select', 'LL101'], { cwd: dir });
    assert.match(run.stdout, /^::warning file=a%2Cb%3Ac\.py,line=4,col=19,endLine=4,endColumn=31,title=LL101::Dropout/);
  });
});

describe('sarif format', () => {
  /** The published SARIF 2.1.0 schema is draft-04, which ajv 8 reads once its `id` is spelled `$id`. */
  function validator() {
    const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif-schema-2.1.0.json'), 'utf8'));
    const { id, $schema: _draft, ...rest } = schema;
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    const compiled = ajv.compile({ $id: id, ...rest });
    return (log: unknown) => (compiled(log) ? [] : compiled.errors);
  }

  test('validates against the SARIF 2.1.0 schema, with rules, locations and fixes', () => {
    const dir = fullProject();
    const run = layerlint(['check', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(run.stdout);
    assert.deepEqual(validator()(log), []);
    assert.equal(run.code, 1);

    const [sarifRun] = log.runs;
    assert.equal(sarifRun.tool.driver.name, 'layerlint');
    const ll101 = sarifRun.tool.driver.rules.find((r: { id: string }) => r.id === 'LL101');
    assert.deepEqual(ll101, {
      id: 'LL101',
      name: 'dropout-before-batchnorm',
      shortDescription: { text: ll101.shortDescription.text },
      helpUri: 'https://github.com/layerlint/layerlint/blob/main/docs/rules/LL101.md',
      defaultConfiguration: { level: 'warning' },
      properties: { fixes: ['unsafe'] },
    });
    assert.deepEqual(sarifRun.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${dir}/` } });
    assert.deepEqual(
      sarifRun.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: unknown }> }) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation,
      ]),
      [
        ['LL104', 'warning', location('models/merge.py', 7, 5, 7, 17)],
        ['LL101', 'warning', location('models/nested/deep/functional.py', 7, 9, 7, 28)],
        ['LL101', 'warning', location('models/nested/deep/functional.py', 14, 5, 14, 24)],
        ['LL101', 'warning', location('models/sequential.py', 6, 5, 6, 24)],
      ],
    );
    assert.deepEqual(sarifRun.results[0].fixes, [
      {
        description: { text: 'Merge the two Dropout layers into one' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'models/merge.py', uriBaseId: '%SRCROOT%' },
            replacements: [
              { deletedRegion: region(6, 13, 6, 16), insertedContent: { text: '0.75' } },
              { deletedRegion: region(7, 1, 8, 1), insertedContent: { text: '' } },
            ],
          },
        ],
        properties: { applicability: 'safe', preferred: true },
      },
    ]);
  });

  test('an empty run is a valid log too', () => {
    const run = layerlint(['check', '--format', 'sarif', 'models/clean.py'], { cwd: fullProject() });
    const log = JSON.parse(run.stdout);
    assert.deepEqual(validator()(log), []);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(run.code, 0);
  });

  test('the run\'s errors are tool execution notifications of a failed invocation', () => {
    const run = layerlint(['check', '--format', 'sarif', 'nowhere.py', 'models/clean.py'], { cwd: fullProject() });
    const log = JSON.parse(run.stdout);
    assert.deepEqual(validator()(log), []);
    assert.deepEqual(log.runs[0].invocations, [
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'nowhere.py: no such file or directory' } }] },
    ]);
    assert.equal(run.code, 2);
  });

  test('the schema check has teeth: a result without a message is rejected', () => {
    const log = JSON.parse(layerlint(['check', '--format', 'sarif'], { cwd: fullProject() }).stdout);
    delete log.runs[0].results[0].message;
    assert.match(JSON.stringify(validator()(log)), /must have required property 'message'/);
  });

  function region(startLine: number, startColumn: number, endLine: number, endColumn: number) {
    return { startLine, startColumn, endLine, endColumn };
  }

  function location(uri: string, ...range: [number, number, number, number]) {
    return { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(...range) };
  }
});

describe('errors: exit code 2, one line on stderr naming the file, the other files still checked', () => {
  test('a missing path', () => {
    const run = layerlint(['check', 'nowhere.py', 'models/sequential.py'], { cwd: fullProject() });
    assert.equal(run.stderr, 'layerlint: error: nowhere.py: no such file or directory\n');
    assert.equal(run.stdout, `models/sequential.py:6:5: LL101 ${LL101(6, 7)}\nFound 1 finding in 1 file.\n1 more fixable with --unsafe-fixes.\n`);
    assert.equal(run.code, 2);
  });

  test('a missing path and nothing else: the summary does not say the checks passed', () => {
    const run = layerlint(['check', 'nowhere.py'], { cwd: fullProject() });
    assert.deepEqual(run, { code: 2, stdout: 'No findings, but 1 error (above).\n', stderr: 'layerlint: error: nowhere.py: no such file or directory\n' });
  });

  test('an unreadable file (a dangling link) in a folder', () => {
    const dir = fullProject();
    symlinkSync(join(dir, 'gone.py'), join(dir, 'models', 'dangling.py'));
    const run = layerlint(['check', '--quiet', 'models'], { cwd: dir });
    assert.equal(run.stderr, 'layerlint: error: models/dangling.py: no such file or directory\n');
    assert.equal(run.stdout.split('\n').length - 1, 4);
    assert.equal(run.code, 2);
  });

  test('a pyproject.toml with an invalid value: reported once, the rest of it applied', () => {
    const dir = project('bad-value');
    const run = layerlint(['check', '--quiet'], { cwd: dir });
    assert.equal(
      run.stderr,
      `layerlint: error: ${join(dir, 'pyproject.toml')}: [tool.layerlint] min-batch-size: "eight" is not a positive whole number; ignored\n`,
    );
    assert.equal(run.stdout, `a.py:4:19: LL101 ${LL101(4, 4)}\nb.py:4:19: LL101 ${LL101(4, 4)}\n`);
    assert.equal(run.code, 2);
  });

  test('a pyproject.toml that is not TOML', () => {
    const dir = project('not-toml');
    const run = layerlint(['check', '--quiet', '--select', 'LL101'], { cwd: dir });
    assert.match(run.stderr, new RegExp(`^layerlint: error: ${join(dir, 'pyproject.toml')}: not valid TOML \\(.+\\); using the default configuration\\n$`));
    assert.equal(run.stdout, `a.py:4:19: LL101 ${LL101(4, 4)}\n`);
    assert.equal(run.code, 2);
  });

  test('a file that is not Python at all is read, not a crash', () => {
    const dir = project('', { 'junk.py': '\u0000\u0001\uFFFD def (((( ]]] \n\tclass:\n', 'a.py': DROPOUT_THEN_BN });
    const run = layerlint(['check', '--quiet', '--select', 'LL101'], { cwd: dir });
    assert.deepEqual(run, { code: 1, stdout: `a.py:4:19: LL101 ${LL101(4, 4)}\n`, stderr: '' });
  });
});

describe('standard input', () => {
  test('--stdin-filename lints standard input under that name, with the configuration of that path', () => {
    const run = layerlint(['check', '--stdin-filename', 'models/typed.py'], { cwd: fullProject(), input: DROPOUT_THEN_BN });
    assert.equal(run.stdout, `models/typed.py:4:19: LL101 ${LL101(4, 4)}\nFound 1 finding in 1 file.\n1 more fixable with --unsafe-fixes.\n`);
    assert.equal(run.code, 1);
  });

  test('with --fix the fixed text goes to stdout and what remains to stderr', () => {
    const input = [
      'from keras import Sequential',
      'from keras.layers import BatchNormalization, Dense, Dropout',
      '',
      'model = Sequential([',
      '    Dense(32, activation="relu"),',
      '    Dropout(0.5),',
      '    Dropout(0.5),',
      '    Dense(1),',
      '])',
      'net = Sequential([Dropout(0.5), BatchNormalization()])',
      '',
    ];
    const run = layerlint(['check', '--fix', '--stdin-filename', 'models/typed.py'], { cwd: fullProject(), input: input.join('\n') });
    assert.equal(run.stdout, [...input.slice(0, 5), '    Dropout(0.75),', ...input.slice(7)].join('\n'));
    assert.equal(
      run.stderr,
      `models/typed.py:9:19: LL101 ${LL101(9, 9)}\nFound 2 findings (1 fixed, 1 remaining) in 1 file.\n1 more fixable with --unsafe-fixes.\n`,
    );
    assert.equal(run.code, 1);
  });

  test('paths next to --stdin-filename are a usage error', () => {
    const run = layerlint(['check', '--stdin-filename', 'x.py', 'models'], { cwd: fullProject() });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^layerlint check: --stdin-filename checks standard input; give no paths with it\n/);
  });
});
