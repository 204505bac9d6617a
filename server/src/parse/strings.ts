// Strings cut from a document's text that outlive the analysis of that version.

// V8 copies a slice shorter than this; a longer one is a view into the string it was cut from.
const SLICE_MIN = 13;

/**
 * `slice` as a string of its own. A slice of 13 characters or more keeps the whole text it was cut from alive: a
 * name the engine keeps (an import table entry, a layer's name, a fix's text) would keep that version of the
 * document, 170 KB for a 5,000-line module, for as long as the name lives, and a session of edits would pile up
 * versions (68 of them after 200 keystrokes). Concatenating forces a flat copy, of which the slice keeps only its
 * own length.
 */
export function detached(slice: string): string {
  return slice.length < SLICE_MIN ? slice : (' ' + slice).slice(1);
}
