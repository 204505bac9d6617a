// The configuration for one file: the project's pyproject.toml first, the editor's settings laid over it.
import { DEFAULT_CONFIG, type LintConfig } from './config';
import { findPyproject, loadPyproject } from './pyproject';
import { configFromSettings } from './settings';

export function configForFile(filePath: string | undefined, settings: unknown): { config: LintConfig; problems: string[] } {
  const pyproject = filePath ? findPyproject(filePath) : undefined;
  const project = pyproject ? loadPyproject(pyproject) : { config: DEFAULT_CONFIG, problems: [] };
  const editor = configFromSettings(settings, project.config);
  return { config: editor.config, problems: [...project.problems, ...editor.problems] };
}
