// A fix from edits an edit builder may not be able to make: no edits, no fix, rather than a wrong one.
import type { Applicability, Fix, TextEdit } from '../rules/types';

export function fixOf(title: string, edits: readonly TextEdit[] | undefined, applicability: Applicability, preferred = true): Fix[] {
  if (!edits || edits.length === 0 || overlapping(edits)) return [];
  return [{ title, applicability, preferred, edits }];
}

/** Two builders' edits that touch the same text cannot both be applied; such a combination is offered as nothing. */
function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((edit, i) => i > 0 && edit.start < sorted[i - 1].end);
}
