// The layer catalog: the one place that knows Keras layer names, their parameters, defaults and explanations.
// Rules, hovers, fixes and the graph builders all read it; nothing else hard-codes a layer name.

export type LayerFamily =
  | 'normalization'
  | 'dropout'
  | 'noise'
  | 'activation'
  | 'dense'
  | 'convolution'
  | 'pooling'
  | 'global-pooling'
  | 'recurrent'
  | 'reshape'
  | 'merge'
  | 'embedding'
  | 'attention'
  | 'input'
  | 'preprocessing'
  | 'model'
  | 'other';

export interface ParamSpec {
  name: string;
  /** The default as Python source text (`0.99`, `None`, `"glorot_uniform"`); absent for required parameters. */
  default?: string;
  /** One line: what the parameter means. */
  meaning: string;
  /** A trap worth a sentence in the hover (e.g. momentum's opposite convention in PyTorch). */
  note?: string;
}

export interface LayerSpec {
  /** Canonical Keras class name. */
  name: string;
  family: LayerFamily;
  /** Parameters in the order of the Keras signature, so positional arguments can be matched. */
  params: ParamSpec[];
  /** Two or three sentences: what the layer does. */
  summary: string;
  /** How the layer differs between training and inference; absent when it behaves the same. */
  trainingBehaviour?: string;
  /** Spatial rank of conv / pooling / spatial-dropout layers (1, 2 or 3). */
  rank?: 1 | 2 | 3;
  /** Other class names Keras exports for the same layer (e.g. Convolution2D). */
  aliases?: string[];
  /** Lower-case functional forms exported by keras.layers (concatenate for Concatenate). */
  functional?: string[];
  /** True for layers with a trainable kernel (Dense, Conv, Embedding, recurrent, attention). */
  weighted?: boolean;
  /** Practical guidance in Markdown for newcomers: placement, when not to use, alternatives. */
  guidance?: string;
}

export const LAYERS: readonly LayerSpec[] = [
  {
    name: 'BatchNormalization',
    family: 'normalization',
    params: [
      { name: 'axis', default: '-1', meaning: 'the features (channel) axis to normalize over' },
      { name: 'momentum', default: '0.99', meaning: 'weight of the old moving statistics in each update' },
      { name: 'epsilon', default: '0.001', meaning: 'small constant added to the variance' },
      { name: 'center', default: 'True', meaning: 'learn an offset beta' },
      { name: 'scale', default: 'True', meaning: 'learn a scale gamma' },
    ],
    summary: 'Normalizes each channel with the mean and variance of the current batch, then scales and shifts it with learned gamma and beta.',
    trainingBehaviour: 'Training: batch statistics, moving statistics updated. Inference: moving statistics.',
  },
  {
    name: 'Dropout',
    family: 'dropout',
    params: [
      { name: 'rate', meaning: 'fraction of the input units to drop' },
      { name: 'noise_shape', default: 'None', meaning: 'shape of the binary mask' },
      { name: 'seed', default: 'None', meaning: 'random seed' },
    ],
    summary: 'Sets a random fraction of its inputs to zero during training and scales the rest up.',
    trainingBehaviour: 'Active only in training; the identity at inference.',
  },
  { name: 'Dense', family: 'dense', weighted: true, params: [{ name: 'units', meaning: 'output size' }, { name: 'activation', default: 'None', meaning: 'activation applied to the output' }, { name: 'use_bias', default: 'True', meaning: 'add a bias vector' }], summary: 'A fully connected layer.' },
  { name: 'Conv2D', family: 'convolution', rank: 2, weighted: true, params: [{ name: 'filters', meaning: 'number of output channels' }, { name: 'kernel_size', meaning: 'window size' }, { name: 'strides', default: '(1, 1)', meaning: 'step' }, { name: 'padding', default: '"valid"', meaning: 'padding' }, { name: 'data_format', default: 'None', meaning: 'channels_last or channels_first' }, { name: 'dilation_rate', default: '(1, 1)', meaning: 'dilation' }, { name: 'groups', default: '1', meaning: 'groups' }, { name: 'activation', default: 'None', meaning: 'activation' }, { name: 'use_bias', default: 'True', meaning: 'add a bias' }], summary: 'A 2D convolution.' },
  { name: 'Activation', family: 'activation', params: [{ name: 'activation', meaning: 'name of the activation function' }], summary: 'Applies an activation function.' },
  { name: 'ReLU', family: 'activation', params: [], summary: 'Rectified linear unit.' },
  { name: 'Flatten', family: 'reshape', params: [], summary: 'Flattens the input.' },
  { name: 'Normalization', family: 'preprocessing', params: [], summary: 'Preprocessing: feature-wise standardization with statistics computed by adapt().' },
  { name: 'Concatenate', family: 'merge', functional: ['concatenate'], params: [{ name: 'axis', default: '-1', meaning: 'axis' }], summary: 'Concatenates a list of inputs.' },
  { name: 'Add', family: 'merge', functional: ['add'], params: [], summary: 'Adds a list of inputs.' },
  { name: 'InputLayer', family: 'input', params: [], summary: 'The input of a model.' },
];

const byName = new Map<string, LayerSpec>();
const byFunctional = new Map<string, LayerSpec>();
for (const spec of LAYERS) {
  byName.set(spec.name, spec);
  for (const alias of spec.aliases ?? []) byName.set(alias, spec);
  for (const fn of spec.functional ?? []) byFunctional.set(fn, spec);
}

/** The layer a class name (or one of its aliases) denotes. */
export function layerByName(name: string): LayerSpec | undefined {
  return byName.get(name);
}

/** The merge layer a lower-case functional form (`concatenate`, `add`) stands for. */
export function layerByFunctionalName(name: string): LayerSpec | undefined {
  return byFunctional.get(name);
}

/** The default of a parameter as Python source text, if the catalog knows it. */
export function paramSpec(spec: LayerSpec, name: string): ParamSpec | undefined {
  return spec.params.find((p) => p.name === name);
}
