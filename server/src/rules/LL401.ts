// LL401 frozen-base-called-in-training-mode: a pretrained or frozen model called on a tensor without
// `training=False` runs its BatchNormalization layers in training mode whenever the outer model trains. Keras'
// transfer-learning guide calls the base with training=False so that, once it is unfrozen for fine-tuning, BN
// keeps its pretrained statistics instead of re-estimating them from small fine-tuning batches.
import type { ModelEvent, ModelObject } from '../keras/builder';
import { parseArguments } from '../keras/builder';
import type { ModuleAnalysis } from '../keras/analyze';
import type { SyntaxNode } from '../parse/tree';
import { setKeywordArgument } from '../fixes/arguments';
import { fixOf } from '../fixes/fix';
import { batchNormOf } from './LL501';
import { line, span } from './messages';
import type { Rule } from './types';

export const LL401: Rule = {
  meta: {
    code: 'LL401',
    name: 'frozen-base-called-in-training-mode',
    severity: 'warning',
    summary: 'A pretrained (keras.applications) or frozen model is called without training=False.',
    fixes: ['unsafe'],
  },
  check({ analysis, report }) {
    for (const event of analysis.events) {
      if (event.kind !== 'call') continue;
      const why = frozenBecause(analysis, event.model);
      if (!why) continue;
      const training = event.args.find((a) => a.keyword === 'training');
      // A variable (`training=training`) is deliberate plumbing; only an absent or a literal True mode is flagged.
      if (training && training.literal !== true) continue;
      const label = modelLabel(event.model);
      report({
        span: span(event.node),
        message:
          `${label} is ${why.reason} but is called ${training ? 'with training=True' : 'without training=False'} (line ${line(event.node)}): ` +
          `its BatchNormalization layers then run in training mode when the outer model trains, and once it is unfrozen for ` +
          `fine-tuning they re-estimate their statistics from the new batches, which can wreck the pretrained features. ` +
          `Call it with training=False.`,
        related: [{ span: span(why.where), message: `${label} is ${why.reason} here` }],
        fixes: () => fixOf('Call it in inference mode: training=False', setKeywordArgument(event.node, 'training', 'False'), 'unsafe'),
      });
    }
  },
};

/** Why a model counts as a frozen base: loaded with pretrained weights from keras.applications, or set untrainable
 *  while it contains BatchNormalization. */
function frozenBecause(analysis: ModuleAnalysis, model: ModelObject): { reason: string; where: SyntaxNode } | undefined {
  if (model.origin !== 'application') {
    // A model of its own layers matters here only through its BatchNormalization layers.
    const frozen = analysis.events.find((e) => e.model === model && e.kind === 'trainable' && e.literal === false && setsWholeModel(e));
    return frozen && batchNormOf(analysis, model) ? { reason: 'frozen (trainable = False)', where: frozen.node } : undefined;
  }
  const list = model.creation.childForFieldName('arguments');
  const weights = list?.type === 'argument_list' ? parseArguments(list).find((a) => a.keyword === 'weights') : undefined;
  // weights=None builds the architecture untrained: training it from scratch in training mode is right.
  if (weights && weights.literal === null) return undefined;
  return { reason: 'a pretrained keras.applications model', where: model.creation };
}

/** `base.trainable = …` or `self.base.trainable = …`, not a layer reached through it (`base.layers[0].trainable`). */
function setsWholeModel(event: Extract<ModelEvent, { kind: 'trainable' }>): boolean {
  const target = event.node.childForFieldName('left')?.childForFieldName('object');
  return target?.type === 'identifier' || (target?.type === 'attribute' && target.text.replace(/\s+/g, '') === event.model.name);
}

/** How a message names a model: `ResNet50 model \`base\``, `Sequential model \`seq\``, `functional model \`model\``. */
export function modelLabel(model: ModelObject): string {
  const fn = model.creation.childForFieldName('function');
  const cls = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  const kind =
    model.origin === 'functional' ? 'functional model'
    : model.origin === 'sequential' ? 'Sequential model'
    : cls && model.origin !== 'unknown' ? `${cls} model`
    : 'model';
  return model.name ? `${kind} \`${model.name}\`` : kind;
}
