// Which files `layerlint check PATHS` reads: the files named, and the Python files and notebooks under the folders
// named, less what .gitignore, the configuration's `exclude` and the usual tool and environment folders leave out.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { configForFile } from '../config/resolve';
import { ioProblem } from './engine';
import { SOURCE_EXTENSIONS } from './source';

/** Folders that hold environments, caches or other people's code, never the project's models. */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  'node_modules',
  'site-packages',
  '__pycache__',
  '__pypackages__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.ipynb_checkpoints',
]);

export interface Discovered {
  /** Absolute paths, sorted, each once. */
  readonly files: string[];
  /** One line per path that could not be read or does not exist. */
  readonly errors: string[];
}

/** `onFound` hears the number of files found so far, each time it grows. */
export async function discover(
  paths: readonly string[],
  cwd: string,
  onFound: (count: number) => void = () => undefined,
): Promise<Discovered> {
  const found = new Set<string>();
  const add = (path: string) => {
    found.add(path);
    onFound(found.size);
  };
  const errors: string[] = [];
  const filter = new PathFilter();
  for (const given of paths) {
    const path = resolve(cwd, given);
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      errors.push(`${given}: ${ioProblem(error)}`);
      continue;
    }
    // A file named on the command line is checked whatever its name and whatever would exclude it, as in ruff.
    if (!info.isDirectory()) {
      add(path);
      continue;
    }
    try {
      await walk(path, filter, add, errors, given);
    } catch (error) {
      // A failure of our own while walking costs that folder, not the run.
      errors.push(`${given}: internal error while listing its files: ${(error as Error).message}`);
    }
  }
  return { files: [...found].sort(), errors };
}

async function walk(directory: string, filter: PathFilter, add: (path: string) => void, errors: string[], display: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    errors.push(`${display}: ${ioProblem(error)}`);
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    const isDirectory = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      // Linked folders are not followed (a link to a parent would never end); a linked file is read, and a
      // dangling one is reported when it is read.
      if ((await stat(path).catch(() => undefined))?.isDirectory()) continue;
    }
    if (isDirectory) {
      if (SKIPPED_FOLDERS.has(entry.name) || filter.excluded(path, true)) continue;
      await walk(path, filter, add, errors, join(display, entry.name));
    } else if (SOURCE_EXTENSIONS.includes(extname(entry.name).toLowerCase()) && !filter.excluded(path, false)) {
      add(path);
    }
  }
}

/** .gitignore files (each applies below its own folder, a deeper one overriding) and the configured `exclude`. */
class PathFilter {
  private readonly gitignores = new Map<string, Ignore | undefined>();
  private readonly chains = new Map<string, string[]>();
  private readonly configs = new Map<string, { root: string; rules: Ignore } | undefined>();

  excluded(path: string, isDirectory: boolean): boolean {
    return this.ignoredByGit(path, isDirectory) || this.excludedByConfig(path, isDirectory);
  }

  private ignoredByGit(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const folder of this.gitFolders(dirname(path))) {
      const rules = this.gitignoreOf(folder);
      if (!rules) continue;
      const verdict = rules.test(asPattern(relative(folder, path), isDirectory));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private gitignoreOf(folder: string): Ignore | undefined {
    if (!this.gitignores.has(folder)) {
      let rules: Ignore | undefined;
      try {
        rules = ignore().add(readFileSync(join(folder, '.gitignore'), 'utf8'));
      } catch {
        rules = undefined; // no .gitignore here (or not readable, which git would not read either)
      }
      this.gitignores.set(folder, rules);
    }
    return this.gitignores.get(folder);
  }

  /** The folders whose .gitignore can apply in `folder`: from the repository root (or, outside a repository, the
   *  file system root, as ruff does) down to `folder`. */
  private gitFolders(folder: string): string[] {
    let chain = this.chains.get(folder);
    if (!chain) {
      const parent = dirname(folder);
      chain = existsSync(join(folder, '.git')) || parent === folder ? [folder] : [...this.gitFolders(parent), folder];
      this.chains.set(folder, chain);
    }
    return chain;
  }

  private excludedByConfig(path: string, isDirectory: boolean): boolean {
    const exclude = this.excludeFor(isDirectory ? path : dirname(path));
    if (!exclude) return false;
    const where = relative(exclude.root, path);
    // The folder holding pyproject.toml is where its patterns start from, not something they can match.
    return where !== '' && !where.startsWith('..') && exclude.rules.ignores(asPattern(where, isDirectory));
  }

  /** The `exclude` of the configuration that applies in `folder` (and so to the folder itself). */
  private excludeFor(folder: string): { root: string; rules: Ignore } | undefined {
    if (!this.configs.has(folder)) {
      const { config } = configForFile(join(folder, '__init__.py'), undefined);
      const exclude = config.exclude?.length && config.root ? { root: config.root, rules: ignore().add([...config.exclude]) } : undefined;
      this.configs.set(folder, exclude);
    }
    return this.configs.get(folder);
  }
}

/** The `ignore` package takes relative POSIX paths, and a trailing slash marks a folder. */
function asPattern(path: string, isDirectory: boolean): string {
  const posix = path.split(sep).join('/');
  return isDirectory ? `${posix}/` : posix;
}
