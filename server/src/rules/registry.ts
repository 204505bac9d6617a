// Every rule layerlint has, in code order.
import { LL101 } from './LL101';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [LL101];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === code.toUpperCase());
}
