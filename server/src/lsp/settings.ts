// The editor settings under `layerlint.*` and the lint configuration they lead to, per document.
// Rule settings are interpreted by configForFile (pyproject.toml first, editor settings on top); this file reads
// only what the language server itself acts on: `enable` and `fixAll.unsafe`.
import { fileURLToPath } from 'node:url';
import type { LintConfig } from '../config/config';
import { configForFile } from '../config/resolve';

export interface DocumentSettings {
  readonly enable: boolean;
  /** Whether `source.fixAll.layerlint` also applies fixes that change the model. */
  readonly fixAllUnsafe: boolean;
  readonly config: LintConfig;
  /** One line per invalid setting or unreadable configuration file, each naming what is wrong. */
  readonly problems: readonly string[];
}

/** The file a document URI stands for; undefined for `untitled:` and other schemes with no file behind them. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function flag(raw: Record<string, unknown>, path: readonly string[], fallback: boolean, problems: string[]): boolean {
  // Nested as VS Code sends it, or under the dotted key some clients' configuration tables produce.
  let value: unknown = raw[path.join('.')];
  if (value === undefined) {
    value = raw;
    for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`layerlint.${path.join('.')} must be true or false, not ${JSON.stringify(value)}; using ${fallback}`);
  return fallback;
}

/** Interprets the `layerlint` settings object an editor sent for the document at `uri` (any shape, even none). */
export function documentSettings(uri: string, raw: unknown): DocumentSettings {
  const problems: string[] = [];
  // A settings value that is not an object is reported by configForFile.
  const object = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const resolved = configForFile(filePathOf(uri), raw);
  return {
    enable: flag(object, ['enable'], true, problems),
    fixAllUnsafe: flag(object, ['fixAll', 'unsafe'], false, problems),
    config: resolved.config,
    problems: [...problems, ...resolved.problems],
  };
}
