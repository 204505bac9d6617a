// Every rule layerlint has, in code order.
import { LL101 } from './LL101';
import { LL102 } from './LL102';
import { LL103 } from './LL103';
import { LL104 } from './LL104';
import { LL201 } from './LL201';
import { LL202 } from './LL202';
import { LL203 } from './LL203';
import { LL204 } from './LL204';
import { LL205 } from './LL205';
import { LL301 } from './LL301';
import { LL302 } from './LL302';
import { LL303 } from './LL303';
import { LL304 } from './LL304';
import { LL305 } from './LL305';
import { LL401 } from './LL401';
import { LL402 } from './LL402';
import { LL403 } from './LL403';
import { LL501 } from './LL501';
import type { Rule } from './types';

/** The rule's documentation page (docs/rules/CODE.md) on the project's site. */
export function ruleDocsUrl(code: string): string {
  return `https://github.com/layerlint/layerlint/blob/main/docs/rules/${code}.md`;
}

export const RULES: readonly Rule[] = [LL101, LL102, LL103, LL104, LL201, LL202, LL203, LL204, LL205, LL301, LL302, LL303, LL304, LL305, LL401, LL402, LL403, LL501];

export function ruleByCode(code: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === code.toUpperCase());
}
