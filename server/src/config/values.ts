// Checks for configuration values, shared by the editor settings and pyproject.toml readers. Each check returns
// the value when it is valid, and otherwise records one line naming the setting and the bad value and returns
// undefined, so a typo costs that one setting and never the rest of the configuration.
import { RULES } from '../rules/registry';
import { SEVERITY_NAMES, type ActivationOrder, type LintOptions, type RuleSetting } from './config';

export type Problems = string[];

const SEVERITY_LIST = 'error, warning, information, hint or off';
const CODE_PATTERN = /^LL\d{0,3}$/i;

/** A value as the user wrote it in JSON or TOML: strings quoted, so `"0.8"` and `0.8` read differently. */
function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function severityValue(value: unknown, setting: string, problems: Problems): RuleSetting | undefined {
  const parsed = typeof value === 'string' ? SEVERITY_NAMES.get(value.toLowerCase()) : undefined;
  if (!parsed) problems.push(`${setting}: ${show(value)} is not a severity (use ${SEVERITY_LIST}); ignored`);
  return parsed;
}

/** A rule code (`LL203`), a prefix of codes (`LL2`) or `ALL`, as `select`, `ignore` and per-rule settings take. */
export function codeValue(value: unknown, setting: string, problems: Problems, allowPrefix: boolean): string | undefined {
  if (typeof value !== 'string' || !(CODE_PATTERN.test(value) || (allowPrefix && value.toUpperCase() === 'ALL'))) {
    problems.push(`${setting}: ${show(value)} is not a rule code like "LL101"${allowPrefix ? ', a prefix like "LL1", or "ALL"' : ''}; ignored`);
    return undefined;
  }
  const code = value.toUpperCase();
  const complete = code.length === 5;
  if ((complete || !allowPrefix) && !RULES.some((r) => r.meta.code === code)) {
    problems.push(`${setting}: ${show(value)} is not a layerlint rule (run \`layerlint rules\` for the list); ignored`);
    return undefined;
  }
  if (!complete && code !== 'ALL' && !RULES.some((r) => r.meta.code.startsWith(code))) {
    problems.push(`${setting}: ${show(value)} matches no layerlint rule; ignored`);
    return undefined;
  }
  return code;
}

/** A list of codes or prefixes; invalid entries are dropped one by one. */
export function codeListValue(value: unknown, setting: string, problems: Problems): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`${setting}: ${show(value)} is not a list of rule codes; ignored`);
    return undefined;
  }
  return value.flatMap((item, i) => codeValue(item, `${setting}[${i}]`, problems, true) ?? []);
}

/** A table of rule code → severity; invalid entries are dropped one by one. */
export function ruleTableValue(value: unknown, setting: string, problems: Problems): Map<string, RuleSetting> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${setting}: ${show(value)} is not a table of rule codes to severities; ignored`);
    return undefined;
  }
  const rules = new Map<string, RuleSetting>();
  for (const [key, raw] of Object.entries(value)) {
    const code = codeValue(key, `${setting}.${key}`, problems, false);
    const severity = code ? severityValue(raw, `${setting}.${key}`, problems) : undefined;
    if (code && severity) rules.set(code, severity);
  }
  return rules;
}

export function stringListValue(value: unknown, setting: string, problems: Problems): string[] | undefined {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  problems.push(`${setting}: ${show(value)} is not a list of strings; ignored`);
  return undefined;
}

export function activationOrderValue(value: unknown, setting: string, problems: Problems): ActivationOrder | undefined {
  if (value === 'before' || value === 'after' || value === 'either') return value;
  problems.push(`${setting}: ${show(value)} is not one of "before", "after", "either"; ignored`);
  return undefined;
}

export function minBatchSizeValue(value: unknown, setting: string, problems: Problems): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  problems.push(`${setting}: ${show(value)} is not a positive whole number; ignored`);
  return undefined;
}

export function keepProbThresholdValue(value: unknown, setting: string, problems: Problems): number | undefined {
  if (typeof value === 'number' && value > 0 && value <= 1) return value;
  problems.push(`${setting}: ${show(value)} is not a number above 0 and at most 1; ignored`);
  return undefined;
}

export type OptionChecks = { readonly [K in keyof LintOptions]: (value: unknown, setting: string, problems: Problems) => LintOptions[K] | undefined };

export const OPTION_CHECKS: OptionChecks = {
  activationOrder: activationOrderValue,
  minBatchSize: minBatchSizeValue,
  keepProbThreshold: keepProbThresholdValue,
};

/** `options` with each value `raw` finds checked and applied; `settingName` names the option in messages. */
export function applyOptions(
  options: LintOptions,
  raw: (option: keyof LintOptions) => unknown,
  settingName: (option: keyof LintOptions) => string,
  problems: Problems,
): LintOptions {
  const result: Record<string, unknown> = { ...options };
  for (const option of Object.keys(OPTION_CHECKS) as Array<keyof LintOptions>) {
    const value = raw(option);
    if (value === undefined || value === null) continue;
    const checked = OPTION_CHECKS[option](value, settingName(option), problems);
    if (checked !== undefined) result[option] = checked;
  }
  return result as unknown as LintOptions;
}
