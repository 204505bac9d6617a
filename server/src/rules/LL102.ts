// LL102 batchnorm-after-activation: Ioffe & Szegedy (2015) normalize the pre-activation `Wu`, so the activation
// comes after the BatchNormalization. He et al. (2016) showed a pre-activation order that works too, hence the
// `activationOrder` option: "after" flags the mirror case, "either" turns the rule off.
import { argument, reportNode, type LayerNode, type ModelGraph } from '../keras/graph';
import type { ImportTable } from '../keras/imports';
import { replaceValue, removeArgument, setParameter } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { insertLayerAfter } from '../fixes/insert';
import { layerClassText } from '../fixes/rename';
import { swapEnds } from '../fixes/swap';
import { inlineActivation, isActivationLayer, isBatchNorm, isBatchNormOnOutput, outputTail, straightPath } from './kinds';
import { line, span } from './messages';
import type { Rule, TextEdit } from './types';

const ACTIVATION_CLASS = 'Activation';

export const LL102: Rule = {
  meta: {
    code: 'LL102',
    name: 'batchnorm-after-activation',
    severity: 'information',
    summary: 'A BatchNormalization directly follows an activation (or the mirror case under activationOrder "after").',
    fixes: ['unsafe'],
  },
  check({ analysis, text, options, report, sharedLayers }) {
    if (options.activationOrder === 'either') return;
    for (const graph of analysis.graphs) {
      // The output tail is worked out only for a graph with a normalization to judge.
      if (!graph.nodes.some(isBatchNorm)) continue;
      const tail = outputTail(graph);
      for (const norm of graph.nodes) {
        if (!isBatchNorm(norm) || isBatchNormOnOutput(graph, norm, tail)) continue;
        if (options.activationOrder === 'after') {
          for (const activation of graph.successors(norm).filter(isActivationLayer)) {
            report({
              span: span(reportNode(norm)),
              message:
                `${norm.spec.name} (line ${line(norm)}) comes before ${activation.spec.name} (line ${line(activation)}), ` +
                `but the setting batchNorm.activationOrder asks for normalization after the activation.`,
              related: [{ span: span(reportNode(activation)), message: `the ${activation.spec.name} after the ${norm.spec.name}` }],
              fixes: () => swapFix(graph, norm, activation, text),
            });
          }
          continue;
        }
        for (const previous of graph.predecessors(norm)) {
          const inline = inlineActivation(previous);
          if (!isActivationLayer(previous) && inline.kind !== 'active') continue;
          const what = inline.kind === 'active' ? `${previous.spec.name} with activation=${inline.argument.value.text}` : previous.spec.name;
          report({
            span: span(reportNode(norm)),
            message:
              `${norm.spec.name} (line ${line(norm)}) follows ${what} (line ${line(previous)}): batch normalization is meant ` +
              `for the pre-activation values, with the activation after it. Normalize first, then activate.`,
            related: [{ span: span(reportNode(previous)), message: `the activation before the ${norm.spec.name}` }],
            fixes: () =>
              inline.kind === 'active'
                ? fixOf(
                    `Move the activation after ${norm.spec.name}`,
                    !sharedLayers().appliedElsewhere(previous) ? moveInlineActivation(previous, inline.argument.value.text, norm, analysis.imports, text) : undefined,
                    'unsafe',
                  )
                : swapFix(graph, previous, norm, text),
          });
        }
      }
    }
  },
};

function swapFix(graph: ModelGraph, first: LayerNode, second: LayerNode, text: string) {
  const path = straightPath(graph, first, second);
  return fixOf(`Swap ${first.spec.name} and ${second.spec.name}`, path && swapEnds(path, text), 'unsafe');
}

/** `Dense(64, activation="relu")` → `Dense(64, use_bias=False)`, and `Activation("relu")` after the normalization. */
function moveInlineActivation(weights: LayerNode, activation: string, norm: LayerNode, imports: ImportTable, text: string): TextEdit[] | undefined {
  const written = argument(weights, 'activation');
  const className = layerClassText(norm.classRef, ACTIVATION_CLASS, imports, text);
  if (!written || !className) return undefined;
  const inserted = insertLayerAfter(norm, `${className.text}(${activation})`, text);
  if (!inserted) return undefined;
  const useBias = argument(weights, 'use_bias');
  // Where `use_bias` is not written, the activation argument itself becomes `use_bias=False`: one edit, same layout.
  const weightEdits = useBias
    ? [...removeArgument(written.node), ...setParameter(weights.ctor, useBias, 'use_bias', 'False')]
    : written.keyword !== undefined || isLastArgument(weights, written)
      ? replaceValue(written.node, 'use_bias=False')
      : undefined;
  if (!weightEdits) return undefined;
  return [...weightEdits, ...className.edits, ...inserted];
}

/** A positional activation can only become a keyword argument when no positional argument follows it. */
function isLastArgument(node: LayerNode, arg: { readonly position?: number }): boolean {
  return !node.args.some((a) => a.position !== undefined && arg.position !== undefined && a.position > arg.position);
}
