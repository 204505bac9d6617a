// `--select`, `--ignore` and `--severity` laid over the configuration of each file. The command line wins: its
// `--select` replaces the configured selection, its `--ignore` adds to the configured one, and both outrank the
// configuration's per-rule severities, so `--ignore LL102` silences LL102 even where pyproject.toml sets its level.
import { codeMatches, ruleSetting, type LintConfig, type RuleSetting } from '../config/config';
import { codeValue, severityValue } from '../config/values';
import { RULES } from '../rules/registry';

export interface RuleOverrides {
  readonly select?: readonly string[];
  readonly ignore: readonly string[];
  /** Applied in order, so a later entry wins over an earlier one. */
  readonly severity: ReadonlyArray<readonly [string, RuleSetting]>;
}

/** Checks the command line's codes with the same rules as the configuration's; problems make it a usage error. */
export function parseOverrides(
  select: readonly string[] | undefined,
  ignore: readonly string[],
  severity: readonly string[],
): { overrides: RuleOverrides; problems: string[] } {
  const problems: string[] = [];
  const codes = (flag: string, values: readonly string[]) =>
    values.flatMap((value) => value.split(',')).flatMap((code) => codeValue(code.trim(), flag, problems, true) ?? []);
  const levels = severity.flatMap((entry): Array<readonly [string, RuleSetting]> => {
    const [code, level, ...rest] = entry.split('=');
    if (level === undefined || rest.length > 0) {
      problems.push(`--severity: expected CODE=LEVEL such as LL102=warning, got ${JSON.stringify(entry)}`);
      return [];
    }
    const checkedCode = codeValue(code.trim(), '--severity', problems, true);
    const checkedLevel = checkedCode ? severityValue(level.trim(), `--severity ${checkedCode}`, problems) : undefined;
    return checkedCode && checkedLevel ? [[checkedCode, checkedLevel]] : [];
  });
  return {
    overrides: { select: select && codes('--select', select), ignore: codes('--ignore', ignore), severity: levels },
    // The configuration's checks drop a bad value and go on; on the command line the run stops instead.
    problems: problems.map((problem) => problem.replace(/; ignored$/, '')),
  };
}

export function applyOverrides(config: LintConfig, overrides: RuleOverrides): LintConfig {
  const rules = new Map<string, RuleSetting>();
  for (const { meta } of RULES) {
    let setting = ruleSetting(config, meta);
    if (overrides.select) {
      const selected = overrides.select.some((s) => codeMatches(s, meta.code));
      // Naming a rule on the command line runs it even where the configuration turned it off.
      setting = !selected ? 'off' : setting === 'off' ? meta.severity : setting;
    }
    if (overrides.ignore.some((s) => codeMatches(s, meta.code))) setting = 'off';
    // A level changes how a running rule reports; only `off` stops one.
    for (const [selector, level] of overrides.severity) {
      if (codeMatches(selector, meta.code) && (setting !== 'off' || level === 'off')) setting = level;
    }
    rules.set(meta.code, setting);
  }
  return { ...config, rules };
}
