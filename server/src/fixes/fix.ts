// A fix from edits an edit builder may not be able to make: no edits, no fix, rather than a wrong one.
import type { Applicability, Fix, TextEdit } from '../rules/types';

export function fixOf(title: string, edits: readonly TextEdit[] | undefined, applicability: Applicability, preferred = true): Fix[] {
  return edits && edits.length > 0 ? [{ title, applicability, preferred, edits }] : [];
}
