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

/**
 * The internalized copy of `name`: V8 compares two internalized strings by address, any other pair by content. Node
 * types and field names come from the parser's binding as ordinary strings, and the engine compares them with
 * literals (`node.type === 'call'`) millions of times per pass over a project; the grammar's few hundred names are
 * interned once. V8 internalizes the strings it uses as property names.
 */
export function interned(name: string): string {
  return Object.keys({ [name]: 0 })[0];
}
