// A deterministic corpus of Keras projects for the benchmarks. Every file is assembled from randomly chosen and
// randomly parameterised pieces (Sequential lists, add chains with loops and ifs, functional models built by helper
// blocks with branches and merges, subclassed models and layers, training and transfer-learning code, plain Python
// utilities), written through one of several import spellings. The same seed always yields the same bytes, so
// figures from two runs describe the same input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: tiny, fast and good enough to pick templates; seeded so the corpus is reproducible. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---- import spellings ---------------------------------------------------------------------------------

/** How one file names Keras things; `header` is written last so direct imports list exactly what was used. */
interface Spelling {
  layer(name: string): string;
  sequential(): string;
  model(): string;
  input(): string;
  application(name: string): string;
  /** The `keras` module prefix for callbacks/optimizers/losses, or undefined when the file never imports one. */
  module?: string;
  baseModel(): string;
  baseLayer(): string;
  header(): string[];
}

function spellingFor(rng: Rng): Spelling {
  const kind = rng.int(0, 7);
  const used = new Set<string>();
  const apps = new Set<string>();
  const root = rng.pick(['tensorflow.keras', 'keras', 'tensorflow.keras']);
  switch (kind) {
    case 0:
      return {
        layer: (n) => `tf.keras.layers.${n}`,
        sequential: () => 'tf.keras.Sequential',
        model: () => 'tf.keras.Model',
        input: () => 'tf.keras.Input',
        application: (n) => `tf.keras.applications.${n}`,
        module: 'tf.keras',
        baseModel: () => 'tf.keras.Model',
        baseLayer: () => 'tf.keras.layers.Layer',
        header: () => ['import tensorflow as tf'],
      };
    case 1:
    case 2: {
      const from = kind === 1 ? 'from tensorflow import keras' : 'import keras';
      const layersFrom = kind === 1 ? 'from tensorflow.keras import layers' : 'from keras import layers';
      return {
        layer: (n) => `layers.${n}`,
        sequential: () => 'keras.Sequential',
        model: () => 'keras.Model',
        input: () => 'keras.Input',
        application: (n) => `keras.applications.${n}`,
        module: 'keras',
        baseModel: () => 'keras.Model',
        baseLayer: () => 'layers.Layer',
        header: () => (kind === 1 ? ['import tensorflow as tf', from, layersFrom] : [from, layersFrom]),
      };
    }
    case 3:
      return {
        layer: (n) => `L.${n}`,
        sequential: () => 'M.Sequential',
        model: () => 'M.Model',
        input: () => 'L.Input',
        application: (n) => (apps.add(n), n),
        baseModel: () => 'M.Model',
        baseLayer: () => 'L.Layer',
        header: () => [
          `from ${root} import layers as L, models as M`,
          ...(apps.size ? [`from ${root}.applications import ${[...apps].sort().join(', ')}`] : []),
        ],
      };
    case 4:
    case 5: {
      // Direct imports, sometimes with a short alias for the long names.
      const aliases = new Map<string, string>(
        rng.chance(0.5) ? [['BatchNormalization', 'BN'], ['GlobalAveragePooling2D', 'GAP2D']] : [],
      );
      return {
        layer: (n) => (used.add(n), aliases.get(n) ?? n),
        sequential: () => (used.add('@Sequential'), 'Sequential'),
        model: () => (used.add('@Model'), 'Model'),
        input: () => (used.add('Input'), 'Input'),
        application: (n) => (apps.add(n), n),
        baseModel: () => (used.add('@Model'), 'Model'),
        baseLayer: () => (used.add('Layer'), 'Layer'),
        header: () => {
          const names = [...used].filter((n) => !n.startsWith('@')).sort();
          const models = [...used].filter((n) => n.startsWith('@')).map((n) => n.slice(1)).sort();
          const lines: string[] = [];
          if (names.length > 0) {
            const list = names.map((n) => (aliases.has(n) ? `${n} as ${aliases.get(n)}` : n));
            lines.push(list.length > 4 ? `from ${root}.layers import (\n    ${wrap(list, 4).join(',\n    ')},\n)` : `from ${root}.layers import ${list.join(', ')}`);
          }
          if (models.length > 0) lines.push(`from ${root}.models import ${models.join(', ')}`);
          if (apps.size > 0) lines.push(`from ${root}.applications import ${[...apps].sort().join(', ')}`);
          return lines;
        },
      };
    }
    case 6:
      return {
        layer: (n) => n,
        sequential: () => 'Sequential',
        model: () => 'Model',
        input: () => 'Input',
        application: (n) => `applications.${n}`,
        baseModel: () => 'Model',
        baseLayer: () => 'Layer',
        header: () => [`from ${root}.layers import *  # noqa: F403`, `from ${root}.models import Sequential, Model`, `from ${root} import applications`],
      };
    default:
      return {
        layer: (n) => `layers.${n}`,
        sequential: () => 'models.Sequential',
        model: () => 'models.Model',
        input: () => 'layers.Input',
        application: (n) => `applications.${n}`,
        baseModel: () => 'models.Model',
        baseLayer: () => 'layers.Layer',
        header: () => [`from ${root} import applications, layers, models`],
      };
  }
}

function wrap(items: readonly string[], perLine: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return lines;
}

// ---- vocabulary ------------------------------------------------------------------------------------

const NOUNS = ['encoder', 'decoder', 'classifier', 'tagger', 'regressor', 'detector', 'ranker', 'scorer', 'head', 'tower', 'backbone', 'stem', 'critic', 'policy', 'forecaster', 'segmenter', 'embedder', 'autoencoder'];
const ADJECTIVES = ['small', 'wide', 'deep', 'tiny', 'baseline', 'fast', 'robust', 'compact', 'residual', 'dense', 'shallow', 'noisy', 'sparse', 'light', 'big'];
const DOMAINS = ['mnist', 'cifar', 'imdb', 'sensor', 'ecg', 'audio', 'retail', 'churn', 'credit', 'weather', 'traffic', 'xray', 'satellite', 'speech', 'text', 'tabular'];
// SELU networks are written on purpose (the add-chain template); a stray 'selu' here would turn whole models into SELU ones.
const ACTIVATIONS = ['relu', 'relu', 'relu', 'elu', 'gelu', 'swish', 'tanh'];
const COMMENTS = [
  'keep this small: the dataset only has a few thousand rows',
  'TODO: try a larger kernel here',
  'same as in the paper, but with fewer filters',
  'regularisation; tuned on the validation split',
  'normalise before the non-linearity',
  'see experiments/2023-04 for the sweep',
  'this used to be 0.5, too strong for the small model',
  'project to the number of classes',
  'NOTE: shapes are (batch, time, features)',
  'downsample by two',
  'the head is trained from scratch',
  'FIXME: hard-coded for 10 classes',
];

function identifier(rng: Rng): string {
  return `${rng.pick(ADJECTIVES)}_${rng.pick(NOUNS)}`;
}

function className(rng: Rng): string {
  const part = (s: string) => s.split('_').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return part(rng.pick(ADJECTIVES)) + part(rng.pick(DOMAINS)) + part(rng.pick(NOUNS));
}

function rate(rng: Rng): string {
  // Mostly ordinary rates; now and then a value that looks like a keep probability.
  return rng.chance(0.05) ? rng.pick(['0.8', '0.9']) : rng.pick(['0.1', '0.2', '0.25', '0.3', '0.4', '0.5', '.3', '0.15']);
}

function trailingComment(rng: Rng): string {
  return rng.chance(0.12) ? `  # ${rng.pick(COMMENTS)}` : '';
}

function docstring(rng: Rng, indent: string, subject: string): string[] {
  if (!rng.chance(0.6)) return [];
  const short = `${indent}"""${rng.pick(['Builds', 'Creates', 'Returns', 'Assembles'])} the ${subject}."""`;
  if (rng.chance(0.5)) return [short];
  return [
    `${indent}"""${rng.pick(['Builds', 'Creates', 'Assembles'])} the ${subject}.`,
    '',
    `${indent}Args:`,
    `${indent}    input_shape: shape of one example, without the batch axis.`,
    `${indent}    num_classes: number of output units.`,
    '',
    `${indent}Returns:`,
    `${indent}    An uncompiled Keras model. (Do not call Dropout(0.5) here: it is applied in the head.)`,
    `${indent}"""`,
  ];
}

// ---- layer stacks ----------------------------------------------------------------------------------

type Kind = 'image' | 'sequence' | 'tabular' | 'text';

/** Constructor expressions (without the call on a tensor) for one "stage" of a network of the given kind. */
function stage(rng: Rng, s: Spelling, kind: Kind, width: number): string[] {
  const act = rng.pick(ACTIVATIONS);
  const bn = () => (rng.chance(0.15) ? `${s.layer('BatchNormalization')}(momentum=${rng.pick(['0.9', '0.99', '0.1', '0.95'])})` : `${s.layer('BatchNormalization')}()`);
  const drop = () => `${s.layer('Dropout')}(${rate(rng)})`;
  const out: string[] = [];
  switch (kind) {
    case 'image': {
      const conv = rng.pick(['Conv2D', 'Conv2D', 'Conv2D', 'SeparableConv2D']);
      const order = rng.int(0, 9);
      if (order < 5) {
        out.push(`${s.layer(conv)}(${width}, ${rng.pick(['3', '(3, 3)', '5', 'kernel_size=3'])}, padding="same", use_bias=False)`, bn(), `${s.layer('Activation')}("${act}")`);
      } else if (order < 7) {
        out.push(`${s.layer(conv)}(${width}, 3, padding="same", activation="${act}")`, bn());
      } else if (order < 8) {
        out.push(`${s.layer(conv)}(${width}, 3, padding="same")`, bn(), `${s.layer('ReLU')}()`);
      } else {
        out.push(`${s.layer(conv)}(${width}, 3, padding="same")`, `${s.layer('ReLU')}()`, bn());
      }
      out.push(`${s.layer(rng.pick(['MaxPooling2D', 'MaxPooling2D', 'AveragePooling2D']))}(${rng.pick(['', '2', 'pool_size=(2, 2)'])})`);
      if (rng.chance(0.35)) out.push(rng.chance(0.6) ? `${s.layer('SpatialDropout2D')}(${rate(rng)})` : drop());
      return out;
    }
    case 'sequence': {
      const cell = rng.pick(['LSTM', 'GRU', 'LSTM']);
      const extra = rng.chance(0.2) ? `, recurrent_dropout=${rng.pick(['0.1', '0.2'])}` : rng.chance(0.3) ? `, dropout=${rate(rng)}` : '';
      out.push(`${s.layer(cell)}(${width}, return_sequences=True${extra})`);
      if (rng.chance(0.3)) out.push(rng.chance(0.7) ? `${s.layer('LayerNormalization')}()` : bn());
      if (rng.chance(0.4)) out.push(drop());
      return out;
    }
    case 'text':
      out.push(`${s.layer('Conv1D')}(${width}, ${rng.pick(['3', '5', '7'])}, padding="same", activation="${act}")`);
      if (rng.chance(0.5)) out.push(bn());
      out.push(`${s.layer('MaxPooling1D')}(${rng.pick(['2', '3', ''])})`);
      if (rng.chance(0.3)) out.push(drop());
      return out;
    default: {
      const order = rng.int(0, 9);
      if (order < 4) out.push(`${s.layer('Dense')}(${width}, use_bias=False)`, bn(), `${s.layer('Activation')}("${act}")`, drop());
      else if (order < 6) out.push(`${s.layer('Dense')}(${width}, activation="${act}")`, drop());
      else if (order < 7) out.push(`${s.layer('Dense')}(${width})`, drop(), bn(), `${s.layer('Activation')}("${act}")`);
      else if (order < 8) out.push(`${s.layer('Dense')}(${width}, activation="${act}")`, bn(), drop(), ...(rng.chance(0.3) ? [drop()] : []));
      else out.push(`${s.layer('Dense')}(${width})`, `${s.layer(rng.pick(['ReLU', 'LeakyReLU', 'ELU']))}()`, drop());
      return out;
    }
  }
}

const INPUT_SHAPES: Record<Kind, string[]> = {
  image: ['(32, 32, 3)', '(28, 28, 1)', '(64, 64, 3)', '(224, 224, 3)', '(96, 96, 1)'],
  sequence: ['(None, 16)', '(128, 8)', '(50, 3)', '(200, 40)'],
  text: ['(400, 64)', '(256, 128)', '(1000, 32)'],
  tabular: ['(20,)', '(64,)', '(num_features,)', '(13,)', '(784,)'],
};

/** The transition from the last stage to the classifier head. */
function head(rng: Rng, s: Spelling, kind: Kind, classes: string): string[] {
  const out: string[] = [];
  if (kind === 'image') out.push(rng.chance(0.5) ? `${s.layer('GlobalAveragePooling2D')}()` : `${s.layer('Flatten')}()`);
  if (kind === 'text') out.push(`${s.layer(rng.pick(['GlobalMaxPooling1D', 'GlobalAveragePooling1D']))}()`);
  if (kind === 'sequence') out.push(`${s.layer(rng.pick(['LSTM', 'GRU']))}(${rng.pick([32, 64])})`);
  if (rng.chance(0.6)) out.push(`${s.layer('Dense')}(${rng.pick([64, 128, 256])}, activation="relu")`);
  if (rng.chance(0.7)) out.push(`${s.layer('Dropout')}(${rate(rng)})`);
  const final = rng.chance(0.8) ? `, activation="${rng.pick(['softmax', 'softmax', 'sigmoid'])}"` : '';
  out.push(`${s.layer('Dense')}(${classes}${final})`);
  if (rng.chance(0.04)) out.push(`${s.layer('Dropout')}(0.1)`);
  return out;
}

function network(rng: Rng, s: Spelling, kind: Kind, classes: string): string[] {
  const stages = rng.int(1, 4);
  const out: string[] = [];
  let width = rng.pick([16, 32, 64, 128]);
  for (let i = 0; i < stages; i++) {
    out.push(...stage(rng, s, kind, width));
    width = kind === 'tabular' ? Math.max(8, width / 2) : width * 2;
  }
  return [...out, ...head(rng, s, kind, classes)];
}

function kindOf(rng: Rng): Kind {
  return rng.pick(['image', 'image', 'tabular', 'tabular', 'sequence', 'text']);
}

// ---- construction styles ---------------------------------------------------------------------------

function sequentialList(rng: Rng, s: Spelling): string[] {
  const kind = kindOf(rng);
  const name = identifier(rng);
  const layers = network(rng, s, kind, 'num_classes');
  const input = kind === 'sequence' ? `${s.input()}(shape=${rng.pick(INPUT_SHAPES[kind])})` : `${s.input()}(shape=input_shape)`;
  const body = [input, ...layers].map((l) => `        ${l},${trailingComment(rng)}`);
  const keyword = rng.chance(0.3) ? 'layers=' : '';
  const lines = [
    `def build_${name}(input_shape=${rng.pick(INPUT_SHAPES[kind])}, num_classes=${rng.pick([2, 10, 5, 100])}):`,
    ...docstring(rng, '    ', `${name.replace('_', ' ')} network`),
    `    model = ${s.sequential()}(`,
    `        ${keyword}[`,
    ...body.map((l) => `    ${l}`),
    '        ],',
    `        name="${name}",`,
    '    )',
    '    return model',
  ];
  if (rng.chance(0.3)) {
    // A small module-level model as well, as in notebooks turned into scripts.
    const small = network(rng, s, 'tabular', String(rng.pick([1, 3, 10])));
    lines.push('', '', `${name}_probe = ${s.sequential()}([${small.slice(0, 3).join(', ')}])`);
  }
  return lines;
}

function addChain(rng: Rng, s: Spelling): string[] {
  const kind = rng.pick<Kind>(['tabular', 'image', 'tabular']);
  const name = identifier(rng);
  const lines = [
    `def make_${name}(input_shape=${rng.pick(INPUT_SHAPES[kind])}, hidden=(${rng.pick(['512, 256', '128, 64, 32', '256, 128', '64'])}), rate=${rate(rng)}, use_batchnorm=True, num_classes=10):`,
    ...docstring(rng, '    ', `${name.replace('_', ' ')}`),
    `    model = ${s.sequential()}(name="${name}")`,
    `    model.add(${s.input()}(shape=input_shape))`,
  ];
  if (kind === 'image') {
    lines.push(
      `    for filters in (${rng.pick(['32, 64', '16, 32, 64', '64, 128'])}):`,
      `        model.add(${s.layer('Conv2D')}(filters, 3, padding="same"${rng.chance(0.5) ? ', use_bias=not use_batchnorm' : ''}))`,
      '        if use_batchnorm:',
      `            model.add(${s.layer('BatchNormalization')}())`,
      `        model.add(${s.layer('Activation')}("relu"))`,
      `        model.add(${s.layer('MaxPooling2D')}())`,
    );
    if (rng.chance(0.5)) lines.push(`        model.add(${s.layer('Dropout')}(rate))${trailingComment(rng)}`);
    lines.push(`    model.add(${s.layer(rng.pick(['Flatten', 'GlobalAveragePooling2D']))}())`);
  } else {
    const order = rng.int(0, 3);
    lines.push('    for units in hidden:');
    if (order === 0) {
      lines.push(`        model.add(${s.layer('Dense')}(units, use_bias=False))`, '        if use_batchnorm:', `            model.add(${s.layer('BatchNormalization')}())`, `        model.add(${s.layer('Activation')}("relu"))`, `        model.add(${s.layer('Dropout')}(rate))`);
    } else if (order === 1) {
      lines.push(`        model.add(${s.layer('Dense')}(units, activation="relu"))`, `        model.add(${s.layer('Dropout')}(rate))${trailingComment(rng)}`, '        if use_batchnorm:', `            model.add(${s.layer('BatchNormalization')}())`);
    } else if (order === 2) {
      lines.push(`        model.add(${s.layer('Dense')}(units))`, '        if use_batchnorm:', `            model.add(${s.layer('BatchNormalization')}())`, '        else:', `            model.add(${s.layer('LayerNormalization')}())`, `        model.add(${s.layer('ReLU')}())`);
    } else {
      lines.push(`        model.add(${s.layer('Dense')}(units, activation="selu", kernel_initializer="lecun_normal"))`, `        model.add(${s.layer(rng.pick(['AlphaDropout', 'Dropout']))}(rate))`);
    }
  }
  if (rng.chance(0.4)) {
    lines.push('    extra = 0', '    while extra < 2:', `        model.add(${s.layer('Dense')}(32, activation="relu"))`, '        extra += 1');
  }
  for (const l of head(rng, s, 'tabular', 'num_classes').slice(-2)) lines.push(`    model.add(${l})`);
  lines.push('    return model');
  return lines;
}

function functional(rng: Rng, s: Spelling): string[] {
  const kind = rng.pick<Kind>(['image', 'image', 'tabular', 'text']);
  const name = identifier(rng);
  const block = `${rng.pick(['conv', 'dense', 'res', 'basic', 'mixed'])}_block`;
  const lines: string[] = [];
  const weight = kind === 'image' ? (w: string) => `${s.layer('Conv2D')}(${w}, 3, padding="same", use_bias=False)` : kind === 'text' ? (w: string) => `${s.layer('Conv1D')}(${w}, 3, padding="same")` : (w: string) => `${s.layer('Dense')}(${w})`;
  // A helper block: the most common way functional code is organised.
  lines.push(
    `def ${block}(x, filters, dropout=${rate(rng)}, name=None):`,
    ...docstring(rng, '    ', `${block.replace('_', ' ')}`),
    `    x = ${weight('filters')}(x)`,
  );
  const order = rng.int(0, 4);
  if (order <= 2) lines.push(`    x = ${s.layer('BatchNormalization')}()(x)`, `    x = ${s.layer('Activation')}("relu")(x)`);
  else if (order === 3) lines.push(`    x = ${s.layer('Activation')}("relu")(x)`, `    x = ${s.layer('BatchNormalization')}()(x)`);
  else lines.push(`    x = ${s.layer('BatchNormalization')}()(${s.layer('Dropout')}(dropout)(x))`);
  lines.push('    if dropout:', `        x = ${s.layer(kind === 'image' ? rng.pick(['SpatialDropout2D', 'Dropout']) : 'Dropout')}(dropout)(x)`, '    return x', '', '');
  // A residual / branching helper with a merge.
  const merge = rng.pick(['Add', 'Concatenate', 'add', 'concatenate']);
  const mergeCall = merge[0] === merge[0].toUpperCase() ? `${s.layer(merge)}()` : s.layer(merge);
  lines.push(
    `def ${name}_unit(inputs, filters):`,
    `    shortcut = inputs`,
    `    left = ${block}(inputs, filters)`,
    `    left = ${weight('filters')}(left)`,
    `    left = ${s.layer('BatchNormalization')}()(left)`,
    `    if inputs.shape[-1] != filters:${trailingComment(rng)}`,
    `        shortcut = ${weight('filters')}(shortcut)`,
    `    merged = ${mergeCall}([shortcut, left])`,
    `    return ${s.layer('Activation')}("relu")(merged)`,
    '',
    '',
  );
  const widths = rng.pick(['(32, 64)', '(64, 128, 256)', '(16, 32, 64, 128)', '[48, 96]']);
  const dropName = rng.pick(['drop', 'head_dropout', 'regulariser']);
  lines.push(
    `def build_${name}(input_shape=${rng.pick(INPUT_SHAPES[kind])}, num_classes=${rng.pick([2, 10, 37])}, widths=${widths}):`,
    ...docstring(rng, '    ', `${name.replace('_', ' ')} (functional API)`),
    `    inputs = ${s.input()}(shape=input_shape, name="${rng.pick(['image', 'features', 'tokens', 'inputs'])}")`,
    `    x = ${block}(inputs, widths[0], dropout=0)`,
    '    for filters in widths[1:]:',
    `        x = ${name}_unit(x, filters)`,
  );
  if (kind === 'image') lines.push(`        x = ${s.layer('MaxPooling2D')}()(x)`);
  lines.push(`    x = ${s.layer(kind === 'image' ? 'GlobalAveragePooling2D' : kind === 'text' ? 'GlobalMaxPooling1D' : 'Flatten')}()(x)`);
  if (rng.chance(0.5)) {
    lines.push(`    ${dropName} = ${s.layer('Dropout')}(${rate(rng)})`, `    x = ${dropName}(x)`);
  }
  if (rng.chance(0.3)) {
    lines.push(
      `    aux = ${s.layer('Dense')}(32, activation="relu")(x)`,
      `    aux = ${s.layer('Dense')}(1, activation="sigmoid", name="aux")(aux)`,
      `    main = ${s.layer('Dense')}(num_classes, activation="softmax", name="main")(x)`,
      `    return ${s.model()}(inputs=inputs, outputs=[main, aux], name="${name}")`,
    );
  } else {
    lines.push(`    outputs = ${s.layer('Dense')}(num_classes, activation="softmax")(x)${trailingComment(rng)}`, `    return ${s.model()}(inputs, outputs, name="${name}")`);
  }
  return lines;
}

function subclassed(rng: Rng, s: Spelling): string[] {
  const kind = rng.pick<Kind>(['image', 'tabular', 'tabular']);
  const name = className(rng);
  const isLayer = rng.chance(0.35);
  const layers = network(rng, s, kind, 'num_classes');
  const attrs = layers.map((l, i) => {
    const base = /\.?(\w+)\(/.exec(l)?.[1] ?? 'layer';
    return `${base.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}_${i}`;
  });
  const lines = [
    `class ${name}(${isLayer ? s.baseLayer() : s.baseModel()}):`,
    ...docstring(rng, '    ', `${name} ${isLayer ? 'layer' : 'model'}`),
    '',
    `    def __init__(self, num_classes=${rng.pick([10, 3, 1])}, **kwargs):`,
    '        super().__init__(**kwargs)',
    '        self.num_classes = num_classes',
    ...layers.map((l, i) => `        self.${attrs[i]} = ${l}${trailingComment(rng)}`),
    '',
    '    def call(self, inputs, training=None):',
    '        x = inputs',
  ];
  for (const attr of attrs) {
    const passesTraining = /batch_normalization|dropout/.test(attr) && rng.chance(0.5);
    lines.push(`        x = self.${attr}(x${passesTraining ? ', training=training' : ''})`);
  }
  lines.push('        return x', '', '    def get_config(self):', '        config = super().get_config()', '        config.update({"num_classes": self.num_classes})', '        return config');
  return lines;
}

function training(rng: Rng, s: Spelling): string[] {
  const optimizer = s.module && rng.chance(0.6) ? `${s.module}.optimizers.Adam(learning_rate=${rng.pick(['1e-3', '3e-4', 'lr'])})` : `"${rng.pick(['adam', 'sgd', 'rmsprop'])}"`;
  const batch = rng.chance(0.06) ? rng.pick([2, 4]) : rng.pick([16, 32, 64, 128, 256]);
  const lines = [
    `def train(model, train_data, val_data, epochs=${rng.pick([5, 10, 30, 100])}, lr=1e-3, batch_size=${batch}):`,
    ...docstring(rng, '    ', 'training loop'),
    `    model.compile(optimizer=${optimizer}, loss="${rng.pick(['sparse_categorical_crossentropy', 'binary_crossentropy', 'mse'])}", metrics=["accuracy"])`,
  ];
  if (s.module) lines.push(`    callbacks = [${s.module}.callbacks.EarlyStopping(patience=${rng.pick([3, 5, 10])}, restore_best_weights=True)]`);
  else lines.push('    callbacks = []');
  lines.push(
    '    history = model.fit(',
    '        train_data,',
    '        validation_data=val_data,',
    '        epochs=epochs,',
    `        batch_size=batch_size,${trailingComment(rng)}`,
    '        callbacks=callbacks,',
    '        verbose=2,',
    '    )',
    '    return history',
  );
  return lines;
}

function transferLearning(rng: Rng, s: Spelling): string[] {
  const app = rng.pick(['ResNet50', 'MobileNetV2', 'EfficientNetB0', 'VGG16', 'Xception']);
  const name = identifier(rng);
  const callArg = rng.chance(0.6) ? ', training=False' : '';
  const lines = [
    `def fine_tune_${name}(train_ds, val_ds, num_classes=${rng.pick([2, 5, 120])}):`,
    ...docstring(rng, '    ', `fine-tuned ${app}`),
    `    base = ${s.application(app)}(include_top=False, weights="imagenet", input_shape=(224, 224, 3))`,
    '    base.trainable = False',
    `    inputs = ${s.input()}(shape=(224, 224, 3))`,
    `    x = base(inputs${callArg})`,
    `    x = ${s.layer('GlobalAveragePooling2D')}()(x)`,
    `    x = ${s.layer('Dropout')}(${rate(rng)})(x)`,
    `    outputs = ${s.layer('Dense')}(num_classes, activation="softmax")(x)`,
    `    model = ${s.model()}(inputs, outputs)`,
    '    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
    '    model.fit(train_ds, validation_data=val_ds, epochs=5)',
  ];
  if (rng.chance(0.5)) {
    lines.push('    base.trainable = True');
    if (rng.chance(0.7)) lines.push('    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")');
    lines.push(`    model.fit(train_ds.batch(${rng.pick([8, 16, 32, 4])}), validation_data=val_ds, epochs=${rng.pick([3, 10])})`);
  }
  lines.push('    return model');
  return lines;
}

function plainPython(rng: Rng, variant: number): string[] {
  const domain = rng.pick(DOMAINS);
  switch (variant) {
    case 0:
      return [
        `def load_${domain}(path, limit=None):`,
        `    """Reads the ${domain} CSV export into feature and label arrays."""`,
        '    rows = []',
        '    with open(path, encoding="utf-8") as handle:',
        '        header = handle.readline().strip().split(",")',
        '        for line_no, line in enumerate(handle, start=2):',
        '            if limit is not None and len(rows) >= limit:',
        '                break',
        '            try:',
        '                rows.append([float(v) for v in line.strip().split(",")])',
        '            except ValueError:',
        '                log.warning("skipping line %d of %s", line_no, path)',
        '    data = np.asarray(rows, dtype="float32")',
        `    return data[:, :-1], data[:, -1].astype("int64"), header`,
      ];
    case 1:
      return [
        '@dataclasses.dataclass',
        `class ${className(rng)}Config:`,
        `    """Hyper-parameters of one ${domain} run; stored next to the checkpoints."""`,
        '',
        `    learning_rate: float = ${rng.pick(['1e-3', '3e-4', '0.01'])}`,
        `    batch_size: int = ${rng.pick([32, 64, 128])}`,
        `    epochs: int = ${rng.pick([10, 20, 50])}`,
        `    dropout: float = ${rate(rng)}`,
        '    seed: int = 42',
        `    tags: list = dataclasses.field(default_factory=lambda: ["${domain}"])`,
        '',
        '    def to_dict(self):',
        '        return {k: getattr(self, k) for k in self.__dataclass_fields__}',
        '',
        '    @classmethod',
        '    def from_args(cls, args):',
        '        values = {k: v for k, v in vars(args).items() if k in cls.__dataclass_fields__ and v is not None}',
        '        return cls(**values)',
      ];
    case 2:
      return [
        `def normalise(x, mean=None, std=None, eps=1e-${rng.pick([6, 7, 8])}):`,
        '    # statistics come from the training split only',
        '    mean = x.mean(axis=0) if mean is None else mean',
        '    std = x.std(axis=0) if std is None else std',
        '    return (x - mean) / (std + eps), mean, std',
        '',
        '',
        `def split(x, y, fraction=${rng.pick(['0.1', '0.2', '0.15'])}, seed=0):`,
        '    order = np.random.default_rng(seed).permutation(len(x))',
        '    cut = int(len(x) * (1 - fraction))',
        '    train, val = order[:cut], order[cut:]',
        '    return (x[train], y[train]), (x[val], y[val])',
      ];
    case 3:
      return [
        'def parse_args(argv=None):',
        `    parser = argparse.ArgumentParser(description="Train the ${domain} model.")`,
        `    parser.add_argument("--data", default="data/${domain}.csv")`,
        '    parser.add_argument("--epochs", type=int, default=20)',
        '    parser.add_argument("--batch-size", type=int, default=64)',
        `    parser.add_argument("--dropout", type=float, default=${rate(rng)})`,
        '    parser.add_argument("--out", default=os.path.join("runs", time.strftime("%Y%m%d-%H%M%S")))',
        '    return parser.parse_args(argv)',
      ];
    case 4:
      return [
        `class ${className(rng)}Metrics:`,
        '    """Accumulates predictions and reports per-class precision/recall."""',
        '',
        '    def __init__(self, labels):',
        '        self.labels = list(labels)',
        '        self.matrix = np.zeros((len(self.labels), len(self.labels)), dtype=np.int64)',
        '',
        '    def update(self, y_true, y_pred):',
        '        for t, p in zip(y_true, y_pred):',
        '            self.matrix[t, p] += 1',
        '',
        '    def report(self):',
        '        lines = []',
        '        for i, label in enumerate(self.labels):',
        '            tp = self.matrix[i, i]',
        '            precision = tp / max(1, self.matrix[:, i].sum())',
        '            recall = tp / max(1, self.matrix[i, :].sum())',
        '            lines.append(f"{label:>12} p={precision:.3f} r={recall:.3f}")',
        '        return "\\n".join(lines)',
      ];
    default:
      return [
        `SCHEDULE = {${rng.pick(['0: 1e-3, 10: 3e-4, 20: 1e-4', '0: 0.1, 30: 0.01, 60: 0.001'])}}`,
        '',
        '',
        'def learning_rate_at(epoch):',
        '    """Piecewise-constant schedule keyed by the first epoch of each step."""',
        '    rate = SCHEDULE[0]',
        '    for start, value in sorted(SCHEDULE.items()):',
        '        if epoch >= start:',
        '            rate = value',
        '    return rate',
      ];
  }
}

function mainBlock(rng: Rng, functionNames: readonly string[]): string[] {
  const builder = functionNames.find((n) => n.startsWith('build_') || n.startsWith('make_'));
  return [
    'if __name__ == "__main__":',
    '    logging.basicConfig(level=logging.INFO)',
    ...(builder ? [`    net = ${builder}()`, '    net.summary()'] : ['    log.info("nothing to build")']),
    ...(rng.chance(0.5) ? [`    log.info("parameters: %d", ${builder ? 'net.count_params()' : '0'})`] : []),
  ];
}

type Piece = (rng: Rng, s: Spelling) => string[];
const KERAS_PIECES: Array<[Piece, number]> = [
  [sequentialList, 4],
  [addChain, 3],
  [functional, 3],
  [subclassed, 2],
  [training, 2],
  [transferLearning, 1],
];

function pickPiece(rng: Rng): Piece {
  const total = KERAS_PIECES.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [piece, weight] of KERAS_PIECES) {
    roll -= weight;
    if (roll < 0) return piece;
  }
  return KERAS_PIECES[0][0];
}

/** One Python module of roughly `targetLines` lines. */
export function generateFile(rng: Rng, targetLines: number): string {
  const s = spellingFor(rng);
  const body: string[] = [];
  const defined: string[] = [];
  // Plain helpers are module-level definitions; each kind appears at most once per file, as in real code.
  const plainLeft = [0, 1, 2, 3, 4, 5];
  // The imports and the logger take about 16 lines.
  while (body.length + 16 < targetLines) {
    const plain = plainLeft.length > 0 && rng.chance(0.25) ? plainLeft.splice(rng.int(0, plainLeft.length - 1), 1)[0] : undefined;
    const piece = plain !== undefined ? plainPython(rng, plain) : pickPiece(rng)(rng, s);
    const def = /^(?:def|class) (\w+)/.exec(piece.find((l) => /^(def|class) /.test(l)) ?? '');
    if (def) defined.push(def[1]);
    body.push(...piece, '', '');
  }
  if (rng.chance(0.5)) body.push(...mainBlock(rng, defined));
  const head: string[] = [];
  if (rng.chance(0.7)) head.push(`"""${rng.pick(['Models', 'Experiments', 'Baselines', 'Training code'])} for the ${rng.pick(DOMAINS)} ${rng.pick(['task', 'project', 'benchmark'])}."""`, '');
  if (rng.chance(0.3)) head.push('from __future__ import annotations', '');
  head.push('import argparse', 'import dataclasses', 'import logging', 'import os', 'import time', '', 'import numpy as np', ...s.header(), '', 'log = logging.getLogger(__name__)', '', '');
  return [...head, ...body].join('\n').replace(/\n{3,}$/, '\n') + '\n';
}

export interface Corpus {
  readonly dir: string;
  readonly files: readonly string[];
  readonly lines: number;
  readonly bytes: number;
}

/** The seed of the benchmark's corpus and of its other random inputs. */
export const BENCH_SEED = 20_240_611;

/** The corpus the performance targets are stated for: 1,500 modules, at least 250,000 lines. */
export function benchCorpus(dir: string): Corpus {
  return generateCorpus(dir, BENCH_SEED, 1_500, 250_000);
}

/** Writes `count` modules under `dir` (in package-like sub-folders), at least `minLines` lines in total. */
export function generateCorpus(dir: string, seed: number, count: number, minLines: number): Corpus {
  const rng = new Rng(seed);
  const files: string[] = [];
  let lines = 0;
  let bytes = 0;
  const average = Math.ceil(minLines / count);
  for (let i = 0; i < count; i++) {
    // Sizes vary from short scripts to long modules; the remaining budget keeps the total above `minLines`.
    const remaining = minLines - lines;
    const target = Math.max(rng.int(Math.floor(average * 0.25), Math.floor(average * 1.75)), Math.ceil(remaining / (count - i)));
    const text = generateFile(rng, target);
    const folder = join(dir, `project_${String(i % 37).padStart(2, '0')}`, rng.pick(['models', 'training', 'experiments', 'nets', 'src']));
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${rng.pick(DOMAINS)}_${i}.py`);
    writeFileSync(file, text);
    files.push(file);
    lines += text.split('\n').length - 1;
    bytes += Buffer.byteLength(text);
  }
  return { dir, files, lines, bytes };
}

/** One long module (the keystroke benchmark's document). */
export function generateLargeFile(seed: number, minLines: number): string {
  return generateFile(new Rng(seed), minLines);
}
