// Reading and writing Jupyter notebooks (nbformat 4). Writing replaces only the `source` of the cells that
// changed, in place in the original JSON text, so outputs, metadata, key order and indentation stay as they were.
import { applyEdits as applyJsonEdits, findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { CodeCell } from './notebook';

export interface Notebook {
  /** The Python code cells, in order. */
  readonly cells: readonly CodeCell[];
  /** The notebook's JSON syntax tree, kept to write changes back in place. */
  readonly tree: JsonNode;
  readonly raw: string;
}

export class NotebookFormatError extends Error {}

/** Parses a notebook. Throws NotebookFormatError with a one-line reason for anything that is not nbformat 4 JSON. */
export function readNotebook(raw: string): Notebook {
  const errors: ParseError[] = [];
  const tree = parseTree(raw, errors, { allowTrailingComma: false, disallowComments: true });
  if (!tree || errors.length > 0) {
    const offset = errors[0]?.offset ?? 0;
    const line = raw.slice(0, offset).split('\n').length;
    throw new NotebookFormatError(`invalid notebook JSON (line ${line})`);
  }
  if (tree.type !== 'object') throw new NotebookFormatError('a notebook must be a JSON object');
  const cellsNode = findNodeAtLocation(tree, ['cells']);
  if (!cellsNode || cellsNode.type !== 'array') throw new NotebookFormatError('the notebook has no "cells" list');
  const language = notebookLanguage(tree);
  if (language !== undefined && language.toLowerCase() !== 'python') return { cells: [], tree, raw };
  const cells: CodeCell[] = [];
  (cellsNode.children ?? []).forEach((cellNode, index) => {
    const type = findNodeAtLocation(cellNode, ['cell_type'])?.value;
    if (type !== 'code') return;
    cells.push({ index, text: sourceText(findNodeAtLocation(cellNode, ['source'])) });
  });
  return { cells, tree, raw };
}

function notebookLanguage(tree: JsonNode): string | undefined {
  const value =
    findNodeAtLocation(tree, ['metadata', 'language_info', 'name'])?.value ??
    findNodeAtLocation(tree, ['metadata', 'kernelspec', 'language'])?.value;
  return typeof value === 'string' ? value : undefined;
}

function sourceText(node: JsonNode | undefined): string {
  if (!node) return '';
  if (node.type === 'string') return node.value as string;
  if (node.type === 'array') return (node.children ?? []).map((c) => (typeof c.value === 'string' ? c.value : '')).join('');
  return '';
}

/** The notebook JSON with new sources for some cells (keyed by cell index); everything else byte for byte the same. */
export function writeNotebook(notebook: Notebook, sources: ReadonlyMap<number, string>): string {
  const cellsNode = findNodeAtLocation(notebook.tree, ['cells'])!;
  const edits: Array<{ offset: number; length: number; content: string }> = [];
  for (const [index, text] of sources) {
    const node = findNodeAtLocation(cellsNode.children![index], ['source']);
    if (!node) continue;
    edits.push({ offset: node.offset, length: node.length, content: sourceJson(notebook.raw, node, text) });
  }
  return applyJsonEdits(notebook.raw, edits);
}

/** `text` in the same JSON shape as the original source: a string, or a list of lines laid out like the original. */
function sourceJson(raw: string, node: JsonNode, text: string): string {
  if (node.type === 'string') return JSON.stringify(text);
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  if (lines.length === 0) return '[]';
  const first = node.children?.[0];
  if (!first) return JSON.stringify(lines);
  const itemIndent = raw.slice(raw.lastIndexOf('\n', first.offset) + 1, first.offset);
  if (!raw.slice(node.offset, first.offset).includes('\n')) {
    // All on one line: `["a\n", "b"]`.
    return `[${lines.map((l) => JSON.stringify(l)).join(', ')}]`;
  }
  const end = node.offset + node.length - 1;
  const closingIndent = raw.slice(raw.lastIndexOf('\n', end) + 1, end);
  return `[\n${lines.map((l) => itemIndent + JSON.stringify(l)).join(',\n')}\n${closingIndent}]`;
}
