// The settings that decide which rules run, how severe they are, and the options rules read.
import type { Severity } from '../rules/types';

export type RuleSetting = Severity | 'off';

export interface LintOptions {
  /** Where BatchNormalization belongs relative to the activation: before it (the default), after it, or either. */
  readonly activationOrder: 'before' | 'after' | 'either';
  /** Batch sizes below this make BatchNormalization's statistics unreliable. */
  readonly minBatchSize: number;
  /** Dropout rates at or above this look like a keep probability. */
  readonly keepProbThreshold: number;
}

export interface LintConfig {
  /** Per-rule severity or `off`; rules not named keep their default. */
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly options: LintOptions;
}

export const DEFAULT_OPTIONS: LintOptions = {
  activationOrder: 'before',
  minBatchSize: 8,
  keepProbThreshold: 0.8,
};

export const DEFAULT_CONFIG: LintConfig = { rules: new Map(), options: DEFAULT_OPTIONS };
