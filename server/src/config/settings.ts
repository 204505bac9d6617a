// The editor's `layerlint` settings object (VS Code, or any LSP client's workspace/configuration answer) laid over
// a base configuration. Whatever shape arrives, a bad value becomes one line in `problems` and is skipped.
import type { LintConfig, LintOptions } from './config';
import { applyOptions, ruleTableValue, type Problems } from './values';

/** Where each option lives in the settings object (VS Code turns the dotted names into nested objects). */
const OPTION_PATHS: { readonly [K in keyof LintOptions]: readonly string[] } = {
  activationOrder: ['batchNorm', 'activationOrder'],
  minBatchSize: ['minBatchSize'],
  keepProbThreshold: ['keepProbThreshold'],
};

export function configFromSettings(settings: unknown, base: LintConfig): { config: LintConfig; problems: string[] } {
  const problems: Problems = [];
  if (settings === undefined || settings === null) return { config: base, problems };
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    problems.push(`layerlint: the settings must be an object, got ${JSON.stringify(settings)}; using the defaults`);
    return { config: base, problems };
  }
  const object = settings as Record<string, unknown>;

  let rules = base.rules;
  if (object.rules !== undefined && object.rules !== null) {
    const overrides = ruleTableValue(object.rules, 'layerlint.rules', problems);
    if (overrides) rules = new Map([...base.rules, ...overrides]);
  }
  const options = applyOptions(
    base.options,
    (option) => lookup(object, OPTION_PATHS[option]),
    (option) => `layerlint.${OPTION_PATHS[option].join('.')}`,
    problems,
  );
  return { config: { ...base, rules, options }, problems };
}

/** A nested value, or the same value under the flat dotted key some clients send. */
function lookup(object: Record<string, unknown>, path: readonly string[]): unknown {
  const flat = object[path.join('.')];
  if (flat !== undefined) return flat;
  let value: unknown = object;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}
