// Adding a name to the file's imports in the file's own style: extend an existing `from M import a, b`,
// else add `from M import X` after the last top-level import.
import type { SyntaxNode } from '../parse/tree';
import type { TextEdit } from '../rules/types';
import { newlineOf } from './text';

/** Edits that make `from <module> import <name>` hold at the top of the module `root` of `text`. */
export function addImport(root: SyntaxNode, text: string, module: string, name: string): TextEdit[] {
  const imports = root.namedChildren.filter((s) => s.type === 'import_statement' || s.type === 'import_from_statement' || s.type === 'future_import_statement');
  const sameModule = imports.find(
    (s) =>
      s.type === 'import_from_statement' &&
      !s.hasError &&
      s.childForFieldName('module_name')?.text.replace(/\s+/g, '') === module &&
      !s.namedChildren.some((c) => c.type === 'wildcard_import'),
  );
  if (sameModule) {
    const moduleNode = sameModule.childForFieldName('module_name')!;
    const names = sameModule.namedChildren.filter((c) => c.id !== moduleNode.id && (c.type === 'dotted_name' || c.type === 'aliased_import'));
    if (names.some((c) => c.text === name)) return [];
    const last = names[names.length - 1];
    if (last) return [{ start: last.endIndex, end: last.endIndex, newText: `, ${name}` }];
  }
  const line = `from ${module} import ${name}`;
  const after = imports[imports.length - 1];
  if (after) return [{ start: after.endIndex, end: after.endIndex, newText: `${newlineOf(text)}${line}` }];
  // No import at the top level: the new one goes first, after a module docstring if there is one.
  const first = root.namedChild(0);
  const docstring = first?.type === 'expression_statement' && first.namedChild(0)?.type === 'string' ? first : undefined;
  if (docstring) return [{ start: docstring.endIndex, end: docstring.endIndex, newText: `${newlineOf(text)}${line}` }];
  return [{ start: 0, end: 0, newText: `${line}${newlineOf(text)}` }];
}
