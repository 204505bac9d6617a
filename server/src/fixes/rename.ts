// Writing a Keras layer class the way the file already writes them: `layers.X` where it writes `layers.Dropout`,
// `tf.keras.layers.X` where it writes the full path, a bare `X` (imported when needed) where it writes bare names.
import type { LayerSpec } from '../keras/catalog';
import type { LayerNode } from '../keras/graph';
import { kerasSymbolOf, type ImportTable } from '../keras/imports';
import type { SyntaxNode } from '../parse/tree';
import type { TextEdit } from '../rules/types';
import { removeArgument } from './arguments';
import { addImport } from './imports';
import type { SharedLayers } from './shared';
import { rootOf } from './text';

/** Keyword arguments every Keras layer takes, whatever its class. */
const BASE_LAYER_KEYWORDS = new Set(['name', 'dtype', 'trainable', 'autocast', 'input_shape', 'input_dim', 'batch_size']);

export interface ClassText {
  readonly text: string;
  /** The import the text needs, if any. */
  readonly edits: readonly TextEdit[];
}

/** How to write Keras layer class `name` in the style of `like`, an existing class reference of the file. */
export function layerClassText(like: SyntaxNode, name: string, imports: ImportTable, text: string): ClassText | undefined {
  if (like.type === 'attribute') {
    const object = like.childForFieldName('object');
    return object ? { text: `${object.text}.${name}`, edits: [] } : undefined;
  }
  if (like.type !== 'identifier') return undefined;
  if (resolvesTo(name, imports)) return { text: name, edits: [] };
  // The name is taken by something else, or the file imports nothing (a snippet where bare names are Keras by convention).
  if (imports.bindings.has(name) || imports.localNames.has(name)) return undefined;
  if (!imports.hasImports) return { text: name, edits: [] };
  const module = layersModule(imports.bindings.get(like.text));
  if (!module) return undefined;
  return { text: name, edits: addImport(rootOf(like), text, module, name) };
}

function resolvesTo(name: string, imports: ImportTable): boolean {
  const isLayer = (qualified: string) => {
    const symbol = kerasSymbolOf(qualified);
    return symbol?.kind === 'layer' && symbol.spec.name === name;
  };
  const bound = imports.bindings.get(name);
  if (bound !== undefined) return isLayer(bound);
  return !imports.localNames.has(name) && imports.starModules.some((m) => isLayer(`${m}.${name}`));
}

/** `tensorflow.keras.layers` for `tensorflow.keras.layers.Dropout` (and for a private path below `layers`). */
function layersModule(qualified: string | undefined): string | undefined {
  const parts = qualified?.split('.') ?? [];
  const at = parts.indexOf('layers');
  return at > 0 ? parts.slice(0, at + 1).filter((p) => p !== 'src').join('.') : undefined;
}

/** Edits that make `node` construct `target` instead of its class, dropping the keyword arguments `target` does not
 *  take. Undefined when a positional argument would change meaning, or the layer object is applied elsewhere too. */
export function replaceLayerClass(node: LayerNode, target: LayerSpec, imports: ImportTable, text: string, shared: SharedLayers): TextEdit[] | undefined {
  if (shared.appliedElsewhere(node)) return undefined;
  const name = layerClassText(node.classRef, target.name, imports, text);
  if (!name) return undefined;
  const edits: TextEdit[] = [...name.edits];
  const classRef = node.classRef.type === 'attribute' ? node.classRef.childForFieldName('attribute')! : node.classRef;
  edits.push({ start: classRef.startIndex, end: classRef.endIndex, newText: target.name });
  for (const arg of node.args) {
    if (arg.keyword !== undefined) {
      const kept = BASE_LAYER_KEYWORDS.has(arg.keyword) || target.params.some((p) => p.name === arg.keyword);
      if (!kept) edits.push(...removeArgument(arg.node));
    } else if (arg.position === undefined || node.spec.params[arg.position]?.name !== target.params[arg.position]?.name) {
      return undefined;
    }
  }
  return edits;
}
