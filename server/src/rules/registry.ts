// Every rule layerlint has, in code order.
import { LL101 } from './LL101';
import { LL102 } from './LL102';
import { LL103 } from './LL103';
import { LL104 } from './LL104';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [LL101, LL102, LL103, LL104];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === code.toUpperCase());
}
