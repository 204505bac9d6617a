// The settings that decide which rules run, how severe they are, and the options rules read.
import type { RuleMeta, Severity } from '../rules/types';

export type RuleSetting = Severity | 'off';

export type ActivationOrder = 'before' | 'after' | 'either';

export interface LintOptions {
  /** Where BatchNormalization belongs relative to the activation: before it (the default), after it, or either. */
  readonly activationOrder: ActivationOrder;
  /** Batch sizes below this make BatchNormalization's statistics unreliable. */
  readonly minBatchSize: number;
  /** Dropout rates at or above this look like a keep probability. */
  readonly keepProbThreshold: number;
}

export interface LintConfig {
  /** Per-rule severity or `off`; rules not named keep their default. An entry here wins over `select`/`ignore`. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  /** Codes or code prefixes (`LL1`, `LL203`, `ALL`) of the rules that run; absent means every rule. */
  readonly select?: readonly string[];
  /** Codes or code prefixes of rules that do not run, even when selected. */
  readonly ignore?: readonly string[];
  /** Globs of paths the command line skips (gitignore syntax), relative to `root`. */
  readonly exclude?: readonly string[];
  /** The directory of the configuration file the `exclude` globs came from. */
  readonly root?: string;
  readonly options: LintOptions;
}

export const DEFAULT_OPTIONS: LintOptions = {
  activationOrder: 'before',
  minBatchSize: 8,
  keepProbThreshold: 0.8,
};

export const DEFAULT_CONFIG: LintConfig = { rules: new Map(), options: DEFAULT_OPTIONS };

export const SEVERITY_NAMES: ReadonlyMap<string, RuleSetting> = new Map<string, RuleSetting>([
  ['error', 'error'],
  ['warning', 'warning'],
  ['warn', 'warning'],
  ['information', 'information'],
  ['info', 'information'],
  ['hint', 'hint'],
  ['off', 'off'],
]);

/** Whether `pattern` (a code, a code prefix such as `LL1`, or `ALL`) covers `code`. */
export function codeMatches(pattern: string, code: string): boolean {
  const upper = pattern.toUpperCase();
  return upper === 'ALL' || code.startsWith(upper);
}

/** How a rule runs under `config`: its explicit setting, else off when not selected or ignored, else its default. */
export function ruleSetting(config: LintConfig, meta: Pick<RuleMeta, 'code' | 'severity'>): RuleSetting {
  const explicit = config.rules.get(meta.code);
  if (explicit) return explicit;
  if (config.select && !config.select.some((p) => codeMatches(p, meta.code))) return 'off';
  if (config.ignore?.some((p) => codeMatches(p, meta.code))) return 'off';
  return meta.severity;
}
