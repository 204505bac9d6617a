// Reading a file the CLI was asked to check. This is the one place that knows file kinds: Python source today;
// a notebook kind (.ipynb) plugs in here by giving the code the rules read and how a fixed text is written back.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';

export interface Source {
  /** The Python text the rules read; finding offsets point into it. */
  readonly text: string;
  /** The file's content once `text` has been changed to `fixed`. */
  render(fixed: string): string;
}

/** The file extensions a folder walk collects. */
export const SOURCE_EXTENSIONS: readonly string[] = ['.py', '.ipynb'];

/**
 * The source of a file, or undefined for a kind the CLI does not lint yet (notebooks).
 * Throws the file system's error (ENOENT, EACCES, EISDIR, …) for the caller to report.
 */
export async function readSource(path: string): Promise<Source | undefined> {
  if (extname(path).toLowerCase() === '.ipynb') return undefined;
  return pythonSource(await readFile(path, 'utf8'));
}

export function pythonSource(raw: string): Source {
  // A UTF-8 byte order mark is not Python; it is kept out of the analysis and put back on write.
  if (raw.charCodeAt(0) !== 0xfeff) return { text: raw, render: (fixed) => fixed };
  return { text: raw.slice(1), render: (fixed) => `\ufeff${fixed}` };
}
