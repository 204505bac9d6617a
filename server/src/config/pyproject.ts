// `[tool.layerlint]` in the nearest pyproject.toml: the project's own configuration, shared by the editor and CI.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type * as Toml from 'smol-toml' with { 'resolution-mode': 'import' };
import { DEFAULT_CONFIG, type LintConfig, type LintOptions } from './config';
import { applyOptions, codeListValue, ruleTableValue, stringListValue, type Problems } from './values';

export interface LoadedConfig {
  readonly config: LintConfig;
  readonly problems: string[];
}

// smol-toml declares only ESM types, though it ships a CommonJS build that `require` picks.
const { parse }: typeof Toml = require('smol-toml');

const OPTION_KEYS: { readonly [K in keyof LintOptions]: string } = {
  activationOrder: 'activation-order',
  minBatchSize: 'min-batch-size',
  keepProbThreshold: 'keep-prob-threshold',
};
const KNOWN_KEYS = new Set(['select', 'ignore', 'severity', 'exclude', ...Object.values(OPTION_KEYS)]);

/** The pyproject.toml in the file's directory or the closest one above it. */
export function findPyproject(filePath: string): string | undefined {
  let directory = dirname(resolve(filePath));
  for (;;) {
    const candidate = join(directory, 'pyproject.toml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

const cache = new Map<string, { mtimeMs: number; size: number; loaded: LoadedConfig }>();

/** Reads `[tool.layerlint]`; a file that cannot be read or parsed yields the defaults and a problem. Cached by mtime. */
export function loadPyproject(path: string): LoadedConfig {
  let stamp: { mtimeMs: number; size: number };
  try {
    stamp = statSync(path);
  } catch (error) {
    return { config: DEFAULT_CONFIG, problems: [`${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`] };
  }
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === stamp.mtimeMs && cached.size === stamp.size) return cached.loaded;
  const loaded = readPyproject(path);
  cache.set(path, { mtimeMs: stamp.mtimeMs, size: stamp.size, loaded });
  return loaded;
}

function readPyproject(path: string): LoadedConfig {
  let document: Record<string, unknown>;
  try {
    document = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return { config: DEFAULT_CONFIG, problems: [`${path}: not valid TOML (${reason}); using the default configuration`] };
  }
  const tool = document.tool as Record<string, unknown> | undefined;
  const section = tool?.layerlint;
  if (section === undefined) return { config: DEFAULT_CONFIG, problems: [] };
  const problems: Problems = [];
  const where = `${path}: [tool.layerlint]`;
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    return { config: DEFAULT_CONFIG, problems: [`${where} must be a table; using the default configuration`] };
  }
  const table = section as Record<string, unknown>;
  for (const key of Object.keys(table)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`${where} ${key}: unknown setting (known: ${[...KNOWN_KEYS].join(', ')}); ignored`);
  }
  const present = <T>(key: string, read: (value: unknown, setting: string, problems: Problems) => T | undefined): T | undefined =>
    table[key] === undefined ? undefined : read(table[key], `${where} ${key}`, problems);

  const config: LintConfig = {
    rules: present('severity', ruleTableValue) ?? DEFAULT_CONFIG.rules,
    select: present('select', codeListValue),
    ignore: present('ignore', codeListValue),
    exclude: present('exclude', stringListValue),
    root: dirname(path),
    options: applyOptions(DEFAULT_CONFIG.options, (option) => table[OPTION_KEYS[option]], (option) => `${where} ${OPTION_KEYS[option]}`, problems),
  };
  return { config, problems };
}
