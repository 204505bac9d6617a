// Runs the real `layerlint` binary (bin/layerlint.js over the dist/ bundle) the way a shell, CI or pre-commit does,
// on throw-away copies of the fixture projects.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Tests run from the repository root (npm test). */
export const ROOT = process.cwd();
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');
const BIN = join(ROOT, 'bin', 'layerlint.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function layerlint(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): Run {
  // Colour and CI detection come from the environment; the tests start from a neutral one and set what they test.
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'CI']) if (!options.env || !(name in options.env)) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input ?? '', env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const temporary: string[] = [];

/** A fresh copy of a fixture folder, plus extra files (path → content) written into it. */
export function project(fixture: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-cli-'));
  temporary.push(dir);
  if (fixture) cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export function cleanUp(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A model whose Dropout feeds a BatchNormalization: one LL101 on line 4, columns 18 to 30. */
export const DROPOUT_THEN_BN = `from keras.layers import BatchNormalization, Dropout
from keras.models import Sequential

net = Sequential([Dropout(0.5), BatchNormalization()])
`;

/** The rules' own wording, kept in one place so that the expected outputs in the tests read as what a user sees. */
export const LL101 = (dropout: number, norm: number) =>
  `Dropout (line ${dropout}) feeds BatchNormalization (line ${norm}): dropout shifts the variance the normalization ` +
  `learns in training, so its moving statistics can be off at inference. Put the dropout after the normalization.`;
export const LL104 = (second: number, first: number) =>
  `Dropout (line ${second}) directly follows another Dropout (line ${first}): two dropouts in a row are one dropout ` +
  `with the combined rate 1-(1-a)(1-b). Write it as one.`;
