// The other commands of the binary: rules, explain, server, --version and the help of each command.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanUp, layerlint, project, ROOT } from './run';
import { RULES } from '../../server/src/rules/registry';

after(cleanUp);

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('layerlint rules', () => {
  test('a table of every registered rule: code, name, default severity, fixable', () => {
    const run = layerlint(['rules'], { cwd: ROOT });
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^code +name +severity +fixable$/);
    assert.equal(lines.length, RULES.length + 1);
    assert.match(lines[1], /^LL101  dropout-before-batchnorm +warning +unsafe$/);
    // Columns line up: every row starts its name, severity and fixable where the header does.
    const columns = ['name', 'severity', 'fixable'].map((title) => lines[0].indexOf(title));
    for (const line of lines.slice(1)) {
      assert.deepEqual(columns.map((c) => line[c - 1] === ' ' && line[c] !== ' '), [true, true, true], line);
    }
    assert.equal(run.code, 0);
  });

  test('--format json', () => {
    const run = layerlint(['rules', '--format', 'json'], { cwd: ROOT });
    const rules = JSON.parse(run.stdout);
    assert.deepEqual(rules[0], {
      code: 'LL101',
      name: 'dropout-before-batchnorm',
      severity: 'warning',
      summary: RULES[0].meta.summary,
      fixes: ['unsafe'],
      url: 'https://github.com/layerlint/layerlint/blob/main/docs/rules/LL101.md',
    });
    assert.deepEqual(
      rules.map((r: { code: string }) => r.code),
      RULES.map((r) => r.meta.code),
    );
  });

  test('a bad format is a usage error', () => {
    const run = layerlint(['rules', '--format', 'csv'], { cwd: ROOT });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^layerlint rules: --format: "csv" is not one of text, json\n/);
  });
});

describe('layerlint explain', () => {
  /** An installed copy of the package (bin, bundle, manifest, docs) somewhere else: the pages are found beside it. */
  function installed(): string {
    const dir = project('', { 'docs/rules/LL101.md': '# LL101 dropout-before-batchnorm\n\nThe page.\n' });
    for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    return dir;
  }

  test('prints the rule page of the installed package, from any working directory', () => {
    const dir = installed();
    const elsewhere = project('');
    const run = spawnSync(process.execPath, [join(dir, 'bin', 'layerlint.js'), 'explain', 'll101'], { cwd: elsewhere, encoding: 'utf8' });
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, '# LL101 dropout-before-batchnorm\n\nThe page.\n', '']);
  });

  test('in this repository, every rule\'s page is docs/rules/<code>.md', () => {
    for (const { meta } of RULES) {
      const run = layerlint(['explain', meta.code], { cwd: ROOT });
      assert.deepEqual([run.code, run.stdout], [0, readFileSync(join(ROOT, 'docs', 'rules', `${meta.code}.md`), 'utf8')], meta.code);
    }
  });

  test('a known rule whose page is missing, and an unknown code, are clear errors', () => {
    const dir = installed();
    const missing = spawnSync(process.execPath, [join(dir, 'bin', 'layerlint.js'), 'explain', 'LL102'], { cwd: dir, encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.equal(
      missing.stderr,
      'layerlint explain: LL102: its documentation page is missing from this installation ' +
        '(see https://github.com/layerlint/layerlint/blob/main/docs/rules/LL102.md)\n',
    );
    const unknown = layerlint(['explain', 'LL999'], { cwd: ROOT });
    assert.deepEqual(unknown, { code: 2, stdout: '', stderr: "layerlint explain: unknown rule 'LL999' (run `layerlint rules` for the list)\n" });
    assert.equal(layerlint(['explain'], { cwd: ROOT }).code, 2);
  });
});

describe('version, help, server', () => {
  test('--version and -V', () => {
    assert.deepEqual(layerlint(['--version'], { cwd: ROOT }), { code: 0, stdout: `layerlint ${manifest.version}\n`, stderr: '' });
    assert.equal(layerlint(['-V'], { cwd: ROOT }).stdout, `layerlint ${manifest.version}\n`);
  });

  test('every command has --help, printed on stdout with exit 0', () => {
    for (const args of [['--help'], ['check', '--help'], ['rules', '--help'], ['explain', '--help'], ['server', '--help']]) {
      const run = layerlint(args, { cwd: ROOT });
      assert.equal(run.code, 0, args.join(' '));
      assert.equal(run.stderr, '');
      assert.match(run.stdout, new RegExp(`^usage: layerlint ${args.length > 1 ? args[0] : '<command>'} `), args.join(' '));
    }
    assert.match(layerlint(['check', '--help'], { cwd: ROOT }).stdout, /--stdin-filename NAME/);
  });

  test('no command, an unknown command, or a server without a transport: usage on stderr, exit 2', () => {
    const none = layerlint([], { cwd: ROOT });
    assert.deepEqual([none.code, none.stdout], [2, '']);
    assert.match(none.stderr, /^usage: layerlint <command>/);
    const unknown = layerlint(['lint'], { cwd: ROOT });
    assert.deepEqual([unknown.code, unknown.stderr.split('\n')[0]], [2, "layerlint: unknown command 'lint'"]);
    const server = layerlint(['server'], { cwd: ROOT });
    assert.deepEqual([server.code, server.stderr.split('\n')[0]], [2, 'layerlint server: choose how to talk to the editor']);
  });
});
