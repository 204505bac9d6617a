// Finding the Python files under a folder, for the tests and the benchmark that read corpora and fixtures.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.py` file under `dir`, in a stable (sorted) order. */
export function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...pythonFiles(full));
    else if (entry.name.endsWith('.py')) found.push(full);
  }
  return found.sort();
}
