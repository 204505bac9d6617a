// The layer catalog: the one place that knows Keras layer names, their parameters, defaults and explanations.
// Rules, hovers, fixes and the graph builders all read it; nothing else hard-codes a layer name.
//
// Source of truth for names, parameter order and defaults: the Keras 3 source (keras/src/layers/**, release 3.15),
// plus the few layers that only tf.keras 2 exports (marked `keras2Only`). Generic base-layer keyword arguments
// (name, dtype, trainable, autocast, ...) are left out, except where one sits between real parameters of the
// signature (keras.Input, StringLookup) and positional matching would otherwise be off by one.
// Defaults are written as Python source text. Every summary, meaning, note and guidance text is our own wording.

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
  /** Older keyword names Keras still accepts (or tf.keras 2 used) for this parameter, e.g. LeakyReLU's `alpha`. */
  legacyNames?: string[];
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
  /** Exported by tf.keras 2 (and Keras 3's `keras._tf_keras` compatibility namespace) but not by Keras 3's keras.layers. */
  keras2Only?: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared wording
// ---------------------------------------------------------------------------------------------------------------

const USE_BIAS_NOTE =
  'Redundant when this layer feeds a BatchNormalization directly: BN subtracts the batch mean, which cancels any bias, ' +
  'and its learned beta supplies the shift instead. Set use_bias=False there.';

const RATE_NOTE =
  'This is the fraction DROPPED, not the fraction kept: rate=0.2 removes 20% of the units. TF1 code used keep_prob, ' +
  'the fraction kept, so a keep_prob value copied here means the opposite (use 1 - keep_prob).';

const RECURRENT_DROPOUT_CUDNN_NOTE =
  'Any value above 0 rules out the fused cuDNN kernel, so GPU training can become much slower. Dropout on the ' +
  'inputs (`dropout`) or between stacked recurrent layers keeps the fast path.';

const DROPOUT_ONLY_IN_TRAINING =
  'Active only in training (fit, or a call with training=True); at inference (predict, evaluate, or the default ' +
  'call) it passes its input through unchanged.';

const AUGMENTATION_ONLY_IN_TRAINING =
  'Applies its random transformation only in training mode; at inference the input passes through unchanged.';

const RNN_DROPOUT_BEHAVIOUR =
  'Only when `dropout` or `recurrent_dropout` is above 0: the masks are applied in training and left out at inference.';

const ATTENTION_DROPOUT_BEHAVIOUR =
  'Only when `dropout` is above 0: attention weights are randomly dropped in training and used in full at inference.';

// ---------------------------------------------------------------------------------------------------------------
// Parameter helpers (keep the entries short; the order of each signature is still written out per layer)
// ---------------------------------------------------------------------------------------------------------------

function req(name: string, meaning: string, note?: string): ParamSpec {
  return note === undefined ? { name, meaning } : { name, meaning, note };
}

function opt(name: string, def: string, meaning: string, note?: string): ParamSpec {
  return note === undefined ? { name, default: def, meaning } : { name, default: def, meaning, note };
}

/** `1`, `(1, 1)` or `(1, 1, 1)`: a per-dimension default as Keras writes it for the given rank. */
function perDim(rank: 1 | 2 | 3, value: number): string {
  return rank === 1 ? String(value) : `(${Array<number>(rank).fill(value).join(', ')})`;
}

const DATA_FORMAT = opt(
  'data_format',
  'None',
  'where the channel axis is: "channels_last" (batch, ..., channels) or "channels_first" (batch, channels, ...); None uses the Keras config, normally channels_last',
);
const SEED = opt('seed', 'None', 'integer seed for reproducible randomness');
const ACTIVATION_NONE = opt('activation', 'None', 'activation applied to the output; None means linear (no activation)');
const USE_BIAS = opt('use_bias', 'True', 'whether to add a learned bias vector', USE_BIAS_NOTE);
const ACTIVITY_REGULARIZER = opt('activity_regularizer', 'None', 'optional penalty on the layer output, added to the loss');

/** initializer, regularizer and constraint arguments of a kernel + bias layer, in the Keras order. */
function kernelBiasParams(kernel: string, withActivityRegularizer: boolean): ParamSpec[] {
  return [
    opt(`${kernel}_initializer`, '"glorot_uniform"', `how the ${kernel} weights are initialized`),
    opt('bias_initializer', '"zeros"', 'how the bias is initialized'),
    opt(`${kernel}_regularizer`, 'None', `optional penalty on the ${kernel} weights (e.g. L2 weight decay)`),
    opt('bias_regularizer', 'None', 'optional penalty on the bias'),
    ...(withActivityRegularizer ? [ACTIVITY_REGULARIZER] : []),
    opt(`${kernel}_constraint`, 'None', `optional projection applied to the ${kernel} after each update (e.g. max-norm)`),
    opt('bias_constraint', 'None', 'optional projection applied to the bias after each update'),
  ];
}

function separableWeightParams(): ParamSpec[] {
  return [
    opt('depthwise_initializer', '"glorot_uniform"', 'how the per-channel (depthwise) kernel is initialized'),
    opt('pointwise_initializer', '"glorot_uniform"', 'how the 1x1 (pointwise) kernel is initialized'),
    opt('bias_initializer', '"zeros"', 'how the bias is initialized'),
    opt('depthwise_regularizer', 'None', 'optional penalty on the depthwise kernel'),
    opt('pointwise_regularizer', 'None', 'optional penalty on the pointwise kernel'),
    opt('bias_regularizer', 'None', 'optional penalty on the bias'),
    ACTIVITY_REGULARIZER,
    opt('depthwise_constraint', 'None', 'optional projection applied to the depthwise kernel after each update'),
    opt('pointwise_constraint', 'None', 'optional projection applied to the pointwise kernel after each update'),
    opt('bias_constraint', 'None', 'optional projection applied to the bias after each update'),
  ];
}

const LORA_PARAMS: ParamSpec[] = [
  opt('lora_rank', 'None', 'if set, freeze the kernel and learn a low-rank (LoRA) update of this rank'),
  opt('lora_alpha', 'None', 'scale of the LoRA update (applied as lora_alpha / lora_rank); None means lora_rank'),
];
const QUANTIZATION_CONFIG = opt('quantization_config', 'None', 'optional settings for quantizing the weights (int8, int4, float8, GPTQ)');

const KERNEL_SIZE = req('kernel_size', 'size of the convolution window, one integer or one per spatial dimension');

function padding(rank: 1 | 2 | 3): ParamSpec {
  return opt(
    'padding',
    '"valid"',
    rank === 1
      ? '"valid" (no padding), "same" (keep the length at stride 1) or "causal" (pad on the left only, for sequence models)'
      : '"valid" (no padding, output shrinks) or "same" (pad so that stride 1 keeps the size)',
  );
}

function strides(rank: 1 | 2 | 3): ParamSpec {
  return opt('strides', perDim(rank, 1), 'step of the window along each spatial dimension');
}

function dilation(rank: 1 | 2 | 3): ParamSpec {
  return opt('dilation_rate', perDim(rank, 1), 'spacing between kernel taps (atrous convolution); 1 means a dense kernel');
}

function convParams(rank: 1 | 2 | 3): ParamSpec[] {
  return [
    req('filters', 'number of output channels (kernels)'),
    KERNEL_SIZE,
    strides(rank),
    padding(rank),
    DATA_FORMAT,
    dilation(rank),
    opt('groups', '1', 'split input channels into this many groups convolved separately; must divide both channel counts'),
    ACTIVATION_NONE,
    USE_BIAS,
    ...kernelBiasParams('kernel', true),
  ];
}

const OUTPUT_PADDING = opt(
  'output_padding',
  'None',
  'extra size added on one side of the output to pick among the shapes a strided transpose can produce; must be below the stride',
);

function convTransposeParams(rank: 1 | 2 | 3): ParamSpec[] {
  // Keras 3 puts data_format before output_padding for Conv3DTranspose only.
  const middle = rank === 3 ? [DATA_FORMAT, OUTPUT_PADDING] : [OUTPUT_PADDING, DATA_FORMAT];
  return [
    req('filters', 'number of output channels'),
    KERNEL_SIZE,
    strides(rank),
    padding(rank),
    ...middle,
    dilation(rank),
    ACTIVATION_NONE,
    USE_BIAS,
    ...kernelBiasParams('kernel', true),
  ];
}

function separableParams(rank: 1 | 2): ParamSpec[] {
  return [
    req('filters', 'number of output channels of the pointwise (1x1) step'),
    KERNEL_SIZE,
    strides(rank),
    padding(rank),
    DATA_FORMAT,
    dilation(rank),
    opt('depth_multiplier', '1', 'how many depthwise output channels each input channel produces'),
    ACTIVATION_NONE,
    USE_BIAS,
    ...separableWeightParams(),
  ];
}

function depthwiseParams(rank: 1 | 2): ParamSpec[] {
  return [
    KERNEL_SIZE,
    strides(rank),
    padding(rank),
    opt('depth_multiplier', '1', 'output channels per input channel; output channels = input channels x depth_multiplier'),
    DATA_FORMAT,
    dilation(rank),
    ACTIVATION_NONE,
    USE_BIAS,
    ...kernelBiasParams('depthwise', true),
  ];
}

const POOL_PADDING = opt('padding', '"valid"', '"valid" (windows stay inside the input) or "same" (pad so that stride 1 keeps the size)');

function poolingParams(poolSizeDefault: string | undefined): ParamSpec[] {
  const poolMeaning = 'size of the pooling window, one integer or one per spatial dimension';
  return [
    poolSizeDefault === undefined
      ? req('pool_size', poolMeaning, 'Required in Keras 3; tf.keras 2 defaulted it to 2 in every dimension.')
      : opt('pool_size', poolSizeDefault, poolMeaning),
    opt('strides', 'None', 'step of the window; None means equal to pool_size (non-overlapping windows)'),
    POOL_PADDING,
    DATA_FORMAT,
  ];
}

const GLOBAL_POOLING_PARAMS: ParamSpec[] = [
  DATA_FORMAT,
  opt('keepdims', 'False', 'keep the pooled spatial dimensions with size 1 instead of dropping them'),
];

const ADAPTIVE_POOLING_PARAMS: ParamSpec[] = [
  req('output_size', 'the spatial size of the output; the window and stride are derived from the input size'),
  DATA_FORMAT,
];

// Recurrent building blocks ------------------------------------------------------------------------------------

const RNN_ACTIVATION = opt('activation', '"tanh"', 'activation of the cell output and candidate state');
const RNN_RECURRENT_ACTIVATION = opt('recurrent_activation', '"sigmoid"', 'activation of the gates');
const RNN_USE_BIAS = opt('use_bias', 'True', 'whether the gates and candidate get bias vectors');

function recurrentWeightInitializers(): ParamSpec[] {
  return [
    opt('kernel_initializer', '"glorot_uniform"', 'initializer of the input-to-hidden weights'),
    opt('recurrent_initializer', '"orthogonal"', 'initializer of the hidden-to-hidden weights'),
    opt('bias_initializer', '"zeros"', 'initializer of the biases'),
  ];
}

const UNIT_FORGET_BIAS = opt('unit_forget_bias', 'True', 'start the forget-gate bias at 1 so the cell remembers by default early in training');

function recurrentPenalties(withActivityRegularizer: boolean): ParamSpec[] {
  return [
    opt('kernel_regularizer', 'None', 'optional penalty on the input-to-hidden weights'),
    opt('recurrent_regularizer', 'None', 'optional penalty on the hidden-to-hidden weights'),
    opt('bias_regularizer', 'None', 'optional penalty on the biases'),
    ...(withActivityRegularizer ? [ACTIVITY_REGULARIZER] : []),
    opt('kernel_constraint', 'None', 'optional projection of the input-to-hidden weights after each update'),
    opt('recurrent_constraint', 'None', 'optional projection of the hidden-to-hidden weights after each update'),
    opt('bias_constraint', 'None', 'optional projection of the biases after each update'),
  ];
}

function rnnDropout(cudnn: boolean): ParamSpec[] {
  return [
    opt('dropout', '0.0', 'fraction of the input connections dropped at each step during training'),
    opt(
      'recurrent_dropout',
      '0.0',
      'fraction of the recurrent (state-to-state) connections dropped during training',
      cudnn ? RECURRENT_DROPOUT_CUDNN_NOTE : undefined,
    ),
  ];
}

const RNN_SEQUENCE_FLAGS: ParamSpec[] = [
  opt('return_sequences', 'False', 'return the output of every time step instead of only the last one'),
  opt('return_state', 'False', 'also return the final state(s)'),
  opt('go_backwards', 'False', 'process the sequence in reverse order'),
  opt('stateful', 'False', 'carry the final state of each batch over as the initial state of the next batch'),
];
const UNROLL = opt('unroll', 'False', 'unroll the time loop into straight-line code: faster for short sequences, more memory');
const USE_CUDNN = opt('use_cudnn', '"auto"', 'whether to use the fused cuDNN kernel: "auto" uses it when the arguments allow, True insists, False never');

// ConvLSTM1D/2D/3D share one signature; Keras 3 writes strides and dilation_rate defaults as a plain 1 for every rank.
function convLstmParams(): ParamSpec[] {
  return [
    req('filters', 'number of output channels of the convolutional state'),
    KERNEL_SIZE,
    opt('strides', '1', 'step of the convolution window'),
    opt('padding', '"valid"', '"valid" (no padding) or "same" (keep the spatial size at stride 1)'),
    DATA_FORMAT,
    opt('dilation_rate', '1', 'spacing between kernel taps'),
    RNN_ACTIVATION,
    RNN_RECURRENT_ACTIVATION,
    RNN_USE_BIAS,
    ...recurrentWeightInitializers(),
    UNIT_FORGET_BIAS,
    ...recurrentPenalties(true),
    ...rnnDropout(false),
    SEED,
    ...RNN_SEQUENCE_FLAGS,
  ];
}

// Attention ------------------------------------------------------------------------------------------------------

const ATTENTION_WEIGHT_PARAMS: ParamSpec[] = kernelBiasParams('kernel', true);

// Guidance texts -------------------------------------------------------------------------------------------------

const BATCH_NORM_GUIDANCE = [
  '- **Placement.** Ioffe & Szegedy 2015 (arXiv:1502.03167) normalize the pre-activation: weight layer → BN → activation. Pre-activation ResNets reorder it to BN → ReLU → weight layer (He et al. 2016, arXiv:1603.05027). Both orders are established; pick one and keep it consistent.',
  '- **Bias.** Give the weight layer right before BN `use_bias=False`: the batch mean cancels the bias, and BN\'s beta provides the shift.',
  '- **Dropout.** BN\'s batch-to-batch noise already regularizes a little, so a BN model often needs less Dropout. Dropout feeding a BN can hurt: the variance BN measures with Dropout on no longer matches inference ("variance shift", Li et al. CVPR 2019, arXiv:1801.05134). Put Dropout after the last BN.',
  '- **Small batches.** Below roughly 8 samples per device the batch statistics get noisy and accuracy can drop sharply; GroupNormalization or LayerNormalization do not depend on the batch (Wu & He 2018, arXiv:1803.08494).',
  '- **Recurrent stacks.** Per-time-step batch statistics suit sequences poorly; LayerNormalization is the usual choice there (Ba et al. 2016, arXiv:1607.06450).',
  '- **Fine-tuning.** Call a frozen pretrained base as `base(x, training=False)` so its BN layers stay in inference mode even after you unfreeze it (Keras transfer-learning guide).',
  '- **Arguments.** `momentum` weighs the old moving statistics (Keras default 0.99; PyTorch\'s 0.1 weighs the new batch, the opposite). `axis` must point at the channels: -1 for channels_last, 1 for channels_first.',
].join('\n');

const DROPOUT_GUIDANCE = [
  '- **`rate`** is the fraction of units zeroed (0.1–0.5 is common). Survivors are scaled by 1/(1-rate) during training, so inference needs no correction (Srivastava et al. 2014, JMLR 15). TF1\'s `keep_prob` counted the units kept.',
  '- **Placement.** Typically after the activation of the wide Dense layers near the head, before the output layer; never after the output.',
  '- **With BatchNormalization.** Keep Dropout after the last BN. A Dropout that feeds a BN can hurt, because BN\'s moving variance is collected with Dropout on and used with it off ("variance shift", Li et al. CVPR 2019, arXiv:1801.05134). BN regularizes a little by itself, so a smaller rate may suffice.',
  '- **Conv feature maps.** Neighbouring activations are strongly correlated, so zeroing single values does little; SpatialDropout1D/2D/3D drops whole channels instead (Tompson et al. 2015, arXiv:1411.4280).',
  '- **SELU networks.** Plain Dropout disturbs self-normalization; use AlphaDropout (Klambauer et al. 2017, arXiv:1706.02515).',
  '- **Recurrent layers.** Prefer the layer\'s own `dropout` argument or Dropout between recurrent layers; a non-zero `recurrent_dropout` on LSTM/GRU gives up the cuDNN kernel.',
].join('\n');

function spatialDropoutGuidance(rank: 1 | 2 | 3): string {
  return [
    `- **What it does.** Zeroes whole channels (entire ${rank}D feature maps) instead of single values; \`rate\` is the fraction of channels dropped.`,
    '- **Why.** Adjacent positions in a feature map carry nearly the same signal, so element-wise Dropout mostly lowers the effective learning rate rather than regularizing; dropping whole maps does regularize (Tompson et al. 2015, arXiv:1411.4280).',
    `- **Placement.** At the end of a conv block (Conv${rank}D → BN → activation → SpatialDropout${rank}D), before pooling or the next block. Match the rank of the conv layers.`,
    rank === 1
      ? '- **Channel axis.** SpatialDropout1D always treats the last axis as the channels, so it expects (batch, steps, channels) inputs.'
      : '- **data_format.** Must agree with the conv layers, otherwise a spatial axis is treated as the channel axis.',
    '- **With BatchNormalization.** It changes activation variance between training and inference just like Dropout, so a BN directly after it can end up miscalibrated (Li et al. CVPR 2019, arXiv:1801.05134); keep it after the block\'s BN.',
    '- **After Flatten or global pooling** there are no feature maps left; use plain Dropout there.',
  ].join('\n');
}

const GAUSSIAN_DROPOUT_GUIDANCE = [
  '- **What it does.** Multiplies each activation by Gaussian noise with mean 1 and standard deviation sqrt(rate / (1 - rate)); the expected value is unchanged, so nothing needs rescaling (Srivastava et al. 2014, JMLR 15).',
  '- **`rate`** means the same as in Dropout: the equivalent drop probability, not a keep probability.',
  '- **Placement.** Where plain Dropout would go: after the activation of the wide Dense layers, before the output layer.',
  '- **With BatchNormalization.** The noise adds variance only in training, so a BN that follows can learn moving statistics that do not fit inference (Li et al. CVPR 2019, arXiv:1801.05134); keep it after the last BN.',
  '- **Alternatives.** For correlated conv feature maps use SpatialDropout (Tompson et al. 2015, arXiv:1411.4280); for SELU networks use AlphaDropout (Klambauer et al. 2017, arXiv:1706.02515).',
  '- **Not the same as GaussianNoise,** which adds noise of a fixed scale (handy on inputs) instead of scaling the noise with each activation.',
].join('\n');

const ALPHA_DROPOUT_GUIDANCE = [
  '- **What it is for.** Self-normalizing networks (SELU activations, `lecun_normal` initialization) keep activations near zero mean and unit variance on their own; plain Dropout\'s zeros break that property (Klambauer et al. 2017, arXiv:1706.02515).',
  '- **What it does.** Dropped units are set to SELU\'s negative saturation value instead of 0, and an affine correction restores the original mean and variance.',
  '- **`rate`** is the fraction dropped; the SELU authors report good results with small rates such as 0.05 or 0.1.',
  '- **Only with SELU.** In ReLU or tanh networks it offers nothing over Dropout; use plain Dropout there.',
  '- **BatchNormalization.** SELU networks are designed to need no BN. If a BN is present anyway, keep AlphaDropout after it: noise feeding a BN can hurt its moving statistics (Li et al. CVPR 2019, arXiv:1801.05134).',
  '- **Placement.** Between the SELU Dense layers of the network, before the output layer, never after it.',
].join('\n');

const LAYER_NORM_GUIDANCE = [
  '- **What it does.** Normalizes each sample on its own over the feature axis (or axes), so it ignores batch size and behaves the same in training and inference (Ba et al. 2016, arXiv:1607.06450).',
  '- **Where it fits.** Recurrent networks and Transformers, and as a replacement for BatchNormalization when batches are tiny or sequence lengths vary.',
  '- **Transformers.** Post-LN (sublayer → add → LN, the original layout) and Pre-LN (LN → sublayer → add) are both common; Pre-LN tends to train deep stacks without learning-rate warm-up (Xiong et al. 2020, arXiv:2002.04745).',
  '- **Axis on images.** The default `axis=-1` normalizes every pixel over its channels only; normalizing over the whole (H, W, C) volume as Ba et al. describe needs `axis=[1, 2, 3]` for channels_last.',
  '- **Conv networks.** For conv feature maps with small batches GroupNormalization usually does better (Wu & He 2018, arXiv:1803.08494).',
  '- **No moving statistics,** so there is no training/inference mismatch to worry about and nothing special to do when fine-tuning a frozen base.',
].join('\n');

const GROUP_NORM_GUIDANCE = [
  '- **What it does.** Splits the channels into `groups` and normalizes each group of each sample over its channels and positions; no batch statistics, so training and inference behave the same (Wu & He 2018, arXiv:1803.08494).',
  '- **When to use it.** Small per-device batches (detection, segmentation, video, large 3D volumes): BN\'s error can climb steeply below about 8 samples per batch while GN stays nearly flat.',
  '- **Placement.** Where BN would go: conv → GroupNormalization → activation.',
  '- **`groups`.** Must divide the channel count (Keras raises an error otherwise); 32 is the paper\'s choice. `groups=1` is close to LayerNormalization over (H, W, C); `groups=-1` gives one channel per group (instance normalization).',
  '- **`axis`.** Points at the channel axis: -1 for channels_last, 1 for channels_first.',
  '- **Recurrent stacks and Transformers** usually use LayerNormalization instead (Ba et al. 2016, arXiv:1607.06450).',
].join('\n');

// ---------------------------------------------------------------------------------------------------------------
// The catalog
// ---------------------------------------------------------------------------------------------------------------

const NORMALIZATION: LayerSpec[] = [
  {
    name: 'BatchNormalization',
    family: 'normalization',
    // tf.keras 2 exported the cross-replica variant as tf.keras.layers.experimental.SyncBatchNormalization;
    // Keras 3 folds it into BatchNormalization(synchronized=True). Same leading parameters, same traps.
    aliases: ['SyncBatchNormalization'],
    params: [
      opt('axis', '-1', 'the channel (feature) axis; one mean/variance pair is kept per index along it',
        'Must point at the channel axis: -1 for channels_last (the default layout), 1 for channels_first. A wrong axis normalizes along a spatial axis instead, usually without any error.'),
      opt('momentum', '0.99', 'weight of the old moving statistics in each update of moving mean and variance',
        'Keras updates moving = moving * momentum + batch * (1 - momentum), so momentum is the weight of the OLD statistics (default 0.99). PyTorch\'s BatchNorm momentum (default 0.1) is the weight of the NEW batch: a PyTorch value pasted here means the opposite; use 1 - m.'),
      opt('epsilon', '0.001', 'small constant added to the variance before the square root, for numerical stability'),
      opt('center', 'True', 'learn an offset beta added after normalizing'),
      opt('scale', 'True', 'learn a factor gamma multiplied after normalizing; can be off when the next layer is linear or ReLU'),
      opt('beta_initializer', '"zeros"', 'initial value of beta'),
      opt('gamma_initializer', '"ones"', 'initial value of gamma'),
      opt('moving_mean_initializer', '"zeros"', 'initial value of the moving mean'),
      opt('moving_variance_initializer', '"ones"', 'initial value of the moving variance'),
      opt('beta_regularizer', 'None', 'optional penalty on beta'),
      opt('gamma_regularizer', 'None', 'optional penalty on gamma'),
      opt('beta_constraint', 'None', 'optional projection of beta after each update'),
      opt('gamma_constraint', 'None', 'optional projection of gamma after each update'),
      opt('renorm', 'False', 'use Batch Renormalization (Ioffe 2017), which corrects batch statistics toward the moving ones during training'),
      opt('renorm_clipping', 'None', 'with renorm: dict of "rmax", "rmin", "dmax" bounding the correction'),
      opt('renorm_momentum', '0.99', 'with renorm: momentum of the statistics used for the correction during training'),
      opt('synchronized', 'False', 'compute batch statistics across all replicas in distributed training (TensorFlow backend only)'),
    ],
    summary:
      'Normalizes every channel to zero mean and unit variance, then applies a learned scale (gamma) and offset (beta). ' +
      'In training it uses the statistics of the current batch and keeps moving averages of them; at inference it uses those moving averages.',
    trainingBehaviour:
      'Training: normalizes with the current batch\'s mean and variance and updates the moving mean and variance. ' +
      'Inference: normalizes with the moving mean and variance. Setting layer.trainable = False also makes it run in inference mode.',
    guidance: BATCH_NORM_GUIDANCE,
  },
  {
    name: 'LayerNormalization',
    family: 'normalization',
    params: [
      opt('axis', '-1', 'axis or list of axes to normalize over, per sample',
        'On conv feature maps the default -1 normalizes each position over its channels only; use axis=[1, 2, 3] to normalize the whole (H, W, C) volume.'),
      opt('epsilon', '0.001', 'small constant added to the variance for numerical stability'),
      opt('center', 'True', 'learn an offset beta'),
      opt('scale', 'True', 'learn a factor gamma'),
      opt('beta_initializer', '"zeros"', 'initial value of beta'),
      opt('gamma_initializer', '"ones"', 'initial value of gamma'),
      opt('beta_regularizer', 'None', 'optional penalty on beta'),
      opt('gamma_regularizer', 'None', 'optional penalty on gamma'),
      opt('beta_constraint', 'None', 'optional projection of beta after each update'),
      opt('gamma_constraint', 'None', 'optional projection of gamma after each update'),
    ],
    summary:
      'Normalizes each sample independently over its feature axis (or axes), then applies a learned scale and offset. ' +
      'It needs no batch statistics, so it works with any batch size and is the standard normalization in Transformers and recurrent networks.',
    guidance: LAYER_NORM_GUIDANCE,
  },
  {
    name: 'GroupNormalization',
    family: 'normalization',
    params: [
      opt('groups', '32', 'number of channel groups; must divide the channel count (-1: one group per channel)'),
      opt('axis', '-1', 'the channel axis', 'Must point at the channel axis: -1 for channels_last, 1 for channels_first.'),
      opt('epsilon', '0.001', 'small constant added to the variance for numerical stability'),
      opt('center', 'True', 'learn an offset beta per channel'),
      opt('scale', 'True', 'learn a factor gamma per channel'),
      opt('beta_initializer', '"zeros"', 'initial value of beta'),
      opt('gamma_initializer', '"ones"', 'initial value of gamma'),
      opt('beta_regularizer', 'None', 'optional penalty on beta'),
      opt('gamma_regularizer', 'None', 'optional penalty on gamma'),
      opt('beta_constraint', 'None', 'optional projection of beta after each update'),
      opt('gamma_constraint', 'None', 'optional projection of gamma after each update'),
    ],
    summary:
      'Divides the channels into groups and normalizes each group of each sample separately, then applies a per-channel scale and offset. ' +
      'Because it ignores the batch dimension it keeps working with very small batches, where BatchNormalization degrades.',
    guidance: GROUP_NORM_GUIDANCE,
  },
  {
    name: 'UnitNormalization',
    family: 'normalization',
    params: [opt('axis', '-1', 'axis or axes along which each vector is scaled to unit L2 norm')],
    summary:
      'Rescales each sample so that its vector along the given axis has an L2 norm of 1. ' +
      'It has no weights and no statistics; it is often used before cosine-similarity comparisons.',
  },
  {
    name: 'RMSNormalization',
    family: 'normalization',
    params: [
      opt('axis', '-1', 'axis or axes over which the root mean square is computed'),
      opt('epsilon', '1e-06', 'small constant added inside the square root for numerical stability'),
    ],
    summary:
      'Divides each sample by the root mean square of its features and multiplies by a learned scale, without subtracting the mean. ' +
      'A cheaper relative of LayerNormalization, common in recent language models; it behaves the same in training and inference.',
  },
];

const DROPOUT: LayerSpec[] = [
  {
    name: 'Dropout',
    family: 'dropout',
    params: [
      req('rate', 'fraction of the input units set to zero during training, between 0 and 1', RATE_NOTE),
      opt('noise_shape', 'None', 'shape of the random keep/drop mask; a 1 in a dimension shares one decision along it (e.g. (batch, 1, features) for the same mask at every time step)'),
      SEED,
    ],
    summary:
      'During training, zeroes a random fraction `rate` of its inputs and scales the remaining ones by 1 / (1 - rate) so the expected sum stays the same. ' +
      'It discourages units from relying on each other and so reduces overfitting.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: DROPOUT_GUIDANCE,
  },
  {
    name: 'SpatialDropout1D',
    family: 'dropout',
    rank: 1,
    params: [req('rate', 'fraction of the channels dropped during training, between 0 and 1', RATE_NOTE), SEED],
    summary:
      'Dropout for 1D feature maps of shape (batch, steps, channels): it drops whole channels across all time steps instead of single values. ' +
      'Suited to the output of Conv1D layers, whose neighbouring steps are strongly correlated.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: spatialDropoutGuidance(1),
  },
  {
    name: 'SpatialDropout2D',
    family: 'dropout',
    rank: 2,
    params: [req('rate', 'fraction of the channels dropped during training, between 0 and 1', RATE_NOTE), DATA_FORMAT, SEED],
    summary:
      'Dropout for 2D feature maps: it zeroes entire channels (whole H x W maps) rather than single pixels. ' +
      'Suited to the output of Conv2D layers, whose neighbouring pixels are strongly correlated.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: spatialDropoutGuidance(2),
  },
  {
    name: 'SpatialDropout3D',
    family: 'dropout',
    rank: 3,
    params: [req('rate', 'fraction of the channels dropped during training, between 0 and 1', RATE_NOTE), DATA_FORMAT, SEED],
    summary:
      'Dropout for 3D feature maps: it zeroes entire channels (whole D x H x W volumes) rather than single voxels. ' +
      'Suited to the output of Conv3D layers.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: spatialDropoutGuidance(3),
  },
  {
    name: 'GaussianDropout',
    family: 'dropout',
    params: [
      req('rate', 'equivalent drop probability; the multiplicative noise has standard deviation sqrt(rate / (1 - rate))', RATE_NOTE),
      SEED,
    ],
    summary:
      'During training, multiplies every input by random noise drawn from a Gaussian centred on 1. ' +
      'It regularizes like Dropout without producing exact zeros, and needs no rescaling because the noise has mean 1.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: GAUSSIAN_DROPOUT_GUIDANCE,
  },
  {
    name: 'AlphaDropout',
    family: 'dropout',
    params: [
      req('rate', 'fraction of the units dropped during training, between 0 and 1', RATE_NOTE),
      opt('noise_shape', 'None', 'shape of the random mask; a 1 in a dimension shares one decision along it'),
      SEED,
    ],
    summary:
      'Dropout variant for self-normalizing (SELU) networks: dropped units take SELU\'s negative saturation value, and an affine correction keeps the mean and variance of the activations unchanged. ' +
      'Use it instead of Dropout when the network relies on SELU\'s self-normalization.',
    trainingBehaviour: DROPOUT_ONLY_IN_TRAINING,
    guidance: ALPHA_DROPOUT_GUIDANCE,
  },
];

const NOISE: LayerSpec[] = [
  {
    name: 'GaussianNoise',
    family: 'noise',
    params: [req('stddev', 'standard deviation of the zero-mean Gaussian noise added to each value'), SEED],
    summary:
      'During training, adds zero-mean Gaussian noise of a fixed standard deviation to its input. ' +
      'It is a simple form of data augmentation or regularization, often applied to inputs.',
    trainingBehaviour:
      'Adds noise only in training (fit, or a call with training=True); at inference it passes its input through unchanged.',
  },
  {
    name: 'ActivityRegularization',
    family: 'other',
    params: [
      opt('l1', '0.0', 'weight of the L1 penalty on the activations'),
      opt('l2', '0.0', 'weight of the L2 penalty on the activations'),
    ],
    summary:
      'Passes its input through unchanged and adds an L1 and/or L2 penalty on it to the training loss. ' +
      'It pushes the activations that flow through it toward small or sparse values.',
  },
];

const ACTIVATION: LayerSpec[] = [
  {
    name: 'Activation',
    family: 'activation',
    params: [req('activation', 'the activation function, by name ("relu", "softmax", ...) or as a callable')],
    summary:
      'Applies an element-wise activation function to its input. ' +
      'Useful when the activation has to be a separate layer, for example after a BatchNormalization.',
  },
  {
    name: 'ReLU',
    family: 'activation',
    params: [
      opt('max_value', 'None', 'upper bound of the output (6.0 gives ReLU6); None means unbounded'),
      opt('negative_slope', '0.0', 'slope applied below the threshold (0 gives the plain ReLU)'),
      opt('threshold', '0.0', 'inputs below this value are treated as the negative part'),
    ],
    summary:
      'Rectified linear unit as a layer: passes positive values through and zeroes the rest. ' +
      'Optional arguments add a cap, a leaky slope for negative inputs, or a shifted threshold.',
  },
  {
    name: 'LeakyReLU',
    family: 'activation',
    params: [
      {
        name: 'negative_slope',
        default: '0.3',
        meaning: 'slope applied to negative inputs',
        note: 'tf.keras 2 called this argument `alpha`; Keras 3 still accepts `alpha` with a deprecation warning. Note the default 0.3 is larger than the 0.01 common elsewhere.',
        legacyNames: ['alpha'],
      },
    ],
    summary:
      'A ReLU that lets a small fraction of negative inputs through instead of zeroing them. ' +
      'This keeps gradients flowing for units whose input is negative.',
  },
  {
    name: 'PReLU',
    family: 'activation',
    params: [
      opt('alpha_initializer', '"Zeros"', 'initial value of the learned negative slopes'),
      opt('alpha_regularizer', 'None', 'optional penalty on the slopes'),
      opt('alpha_constraint', 'None', 'optional projection of the slopes after each update'),
      opt('shared_axes', 'None', 'axes along which one slope is shared, e.g. [1, 2] for one slope per channel of an image'),
    ],
    summary:
      'A leaky ReLU whose negative slope is learned, by default one slope per input unit. ' +
      'It behaves like an activation layer but carries trainable parameters.',
  },
  {
    name: 'ELU',
    family: 'activation',
    params: [opt('alpha', '1.0', 'negative saturation level: outputs for very negative inputs approach -alpha')],
    summary:
      'Exponential linear unit: identity for positive inputs and a smooth exponential curve saturating at -alpha for negative ones. ' +
      'It keeps mean activations closer to zero than ReLU.',
  },
  {
    name: 'Softmax',
    family: 'activation',
    params: [opt('axis', '-1', 'axis or axes over which the outputs are normalized to sum to 1')],
    summary:
      'Turns scores into a probability distribution: exponentiates them and divides by their sum along the chosen axis. ' +
      'Usually the last layer of a classifier.',
  },
  {
    name: 'ThresholdedReLU',
    family: 'activation',
    keras2Only: true,
    params: [opt('theta', '1.0', 'values at or below this threshold become zero')],
    summary:
      'Passes values above a threshold theta unchanged and zeroes everything else. ' +
      'Only tf.keras 2 exports it; in Keras 3 use ReLU(threshold=theta), which differs slightly at exactly theta.',
  },
];

const DENSE: LayerSpec[] = [
  {
    name: 'Dense',
    family: 'dense',
    weighted: true,
    params: [
      req('units', 'size of the output (number of neurons)'),
      ACTIVATION_NONE,
      USE_BIAS,
      ...kernelBiasParams('kernel', true),
      ...LORA_PARAMS,
      QUANTIZATION_CONFIG,
    ],
    summary:
      'A fully connected layer: multiplies the last axis of its input by a learned weight matrix, adds a bias and applies an optional activation. ' +
      'The workhorse of classifiers and MLP heads.',
  },
  {
    name: 'EinsumDense',
    family: 'dense',
    weighted: true,
    params: [
      req('equation', 'einsum expression relating input, kernel and output axes, e.g. "ab,bc->ac"'),
      req('output_shape', 'shape of the output without the batch dimension; None marks an axis whose size is inferred'),
      ACTIVATION_NONE,
      opt('bias_axes', 'None', 'letters of the output axes that get a bias; None means no bias at all'),
      ...kernelBiasParams('kernel', false),
      ...LORA_PARAMS,
      opt('gptq_unpacked_column_size', 'None', 'internal: column count of the kernel before GPTQ packing, used when loading quantized weights'),
      QUANTIZATION_CONFIG,
    ],
    summary:
      'A generalized dense layer whose contraction is described by an einsum equation, so it can project several axes at once. ' +
      'Attention layers use it to compute their query, key and value projections.',
  },
];

const CONVOLUTION: LayerSpec[] = [
  {
    name: 'Conv1D',
    family: 'convolution',
    rank: 1,
    weighted: true,
    aliases: ['Convolution1D'],
    params: convParams(1),
    summary:
      'Slides learned filters along one spatial axis (time steps or positions) and produces one output channel per filter. ' +
      'Used for sequences, audio and other 1D signals.',
  },
  {
    name: 'Conv2D',
    family: 'convolution',
    rank: 2,
    weighted: true,
    aliases: ['Convolution2D'],
    params: convParams(2),
    summary:
      'Slides learned filters over the height and width of an image-like input and produces one output channel per filter. ' +
      'The basic building block of convolutional image models.',
  },
  {
    name: 'Conv3D',
    family: 'convolution',
    rank: 3,
    weighted: true,
    aliases: ['Convolution3D'],
    params: convParams(3),
    summary:
      'Slides learned filters through a volume (depth, height, width), producing one output channel per filter. ' +
      'Used for video and volumetric data such as medical scans.',
  },
  {
    name: 'Conv1DTranspose',
    family: 'convolution',
    rank: 1,
    weighted: true,
    aliases: ['Convolution1DTranspose'],
    params: convTransposeParams(1),
    summary:
      'Transposed (fractionally strided) 1D convolution: maps each input position to a window of outputs, so strides above 1 lengthen the sequence. ' +
      'Used to upsample in decoders.',
  },
  {
    name: 'Conv2DTranspose',
    family: 'convolution',
    rank: 2,
    weighted: true,
    aliases: ['Convolution2DTranspose'],
    params: convTransposeParams(2),
    summary:
      'Transposed (fractionally strided) 2D convolution: spreads each input pixel over an output window, so strides above 1 enlarge the image. ' +
      'Used to upsample in decoders, GAN generators and segmentation networks.',
  },
  {
    name: 'Conv3DTranspose',
    family: 'convolution',
    rank: 3,
    weighted: true,
    aliases: ['Convolution3DTranspose'],
    params: convTransposeParams(3),
    summary:
      'Transposed 3D convolution: spreads each input voxel over an output window, so strides above 1 enlarge the volume. ' +
      'Note that in Keras 3 its data_format comes before output_padding in the signature.',
  },
  {
    name: 'SeparableConv1D',
    family: 'convolution',
    rank: 1,
    weighted: true,
    aliases: ['SeparableConvolution1D'],
    params: separableParams(1),
    summary:
      'A depthwise 1D convolution (one filter per input channel) followed by a pointwise 1x1 convolution that mixes channels. ' +
      'Needs far fewer weights than a full Conv1D of the same size.',
  },
  {
    name: 'SeparableConv2D',
    family: 'convolution',
    rank: 2,
    weighted: true,
    aliases: ['SeparableConvolution2D'],
    params: separableParams(2),
    summary:
      'A depthwise 2D convolution (each channel filtered on its own) followed by a pointwise 1x1 convolution that mixes channels. ' +
      'The factorized convolution of Xception and MobileNet-style models; much cheaper than Conv2D.',
  },
  {
    name: 'DepthwiseConv1D',
    family: 'convolution',
    rank: 1,
    weighted: true,
    params: depthwiseParams(1),
    summary:
      'Filters each input channel separately along one spatial axis, without mixing channels. ' +
      'Usually followed by a 1x1 convolution that combines the channels.',
  },
  {
    name: 'DepthwiseConv2D',
    family: 'convolution',
    rank: 2,
    weighted: true,
    params: depthwiseParams(2),
    summary:
      'Filters each input channel separately over height and width, without mixing channels. ' +
      'Paired with a 1x1 Conv2D it forms the inverted-residual and separable blocks of MobileNet and EfficientNet.',
  },
];

const POOLING: LayerSpec[] = [
  {
    name: 'MaxPooling1D',
    family: 'pooling',
    rank: 1,
    aliases: ['MaxPool1D'],
    params: poolingParams('2'),
    summary: 'Downsamples a sequence by keeping the largest value in each window along the steps axis, channel by channel. It has no weights.',
  },
  {
    name: 'MaxPooling2D',
    family: 'pooling',
    rank: 2,
    aliases: ['MaxPool2D'],
    params: poolingParams('(2, 2)'),
    summary: 'Downsamples height and width by keeping the largest value in each window, channel by channel. It has no weights.',
  },
  {
    name: 'MaxPooling3D',
    family: 'pooling',
    rank: 3,
    aliases: ['MaxPool3D'],
    params: poolingParams('(2, 2, 2)'),
    summary: 'Downsamples a volume by keeping the largest value in each 3D window, channel by channel. It has no weights.',
  },
  {
    name: 'AveragePooling1D',
    family: 'pooling',
    rank: 1,
    aliases: ['AvgPool1D'],
    params: poolingParams(undefined),
    summary: 'Downsamples a sequence by averaging each window along the steps axis, channel by channel. It has no weights.',
  },
  {
    name: 'AveragePooling2D',
    family: 'pooling',
    rank: 2,
    aliases: ['AvgPool2D'],
    params: poolingParams(undefined),
    summary: 'Downsamples height and width by averaging each window, channel by channel. It has no weights.',
  },
  {
    name: 'AveragePooling3D',
    family: 'pooling',
    rank: 3,
    aliases: ['AvgPool3D'],
    params: poolingParams(undefined),
    summary: 'Downsamples a volume by averaging each 3D window, channel by channel. It has no weights.',
  },
  {
    name: 'AdaptiveAveragePooling1D',
    family: 'pooling',
    rank: 1,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Averages a sequence down to a fixed output length, choosing the windows from the input length. Like PyTorch\'s AdaptiveAvgPool1d.',
  },
  {
    name: 'AdaptiveAveragePooling2D',
    family: 'pooling',
    rank: 2,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Averages a feature map down to a fixed output height and width, choosing the windows from the input size. Like PyTorch\'s AdaptiveAvgPool2d.',
  },
  {
    name: 'AdaptiveAveragePooling3D',
    family: 'pooling',
    rank: 3,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Averages a volume down to a fixed output size, choosing the windows from the input size. Like PyTorch\'s AdaptiveAvgPool3d.',
  },
  {
    name: 'AdaptiveMaxPooling1D',
    family: 'pooling',
    rank: 1,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Max-pools a sequence down to a fixed output length, choosing the windows from the input length. Like PyTorch\'s AdaptiveMaxPool1d.',
  },
  {
    name: 'AdaptiveMaxPooling2D',
    family: 'pooling',
    rank: 2,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Max-pools a feature map down to a fixed output height and width, choosing the windows from the input size. Like PyTorch\'s AdaptiveMaxPool2d.',
  },
  {
    name: 'AdaptiveMaxPooling3D',
    family: 'pooling',
    rank: 3,
    params: ADAPTIVE_POOLING_PARAMS,
    summary: 'Max-pools a volume down to a fixed output size, choosing the windows from the input size. Like PyTorch\'s AdaptiveMaxPool3d.',
  },
];

const GLOBAL_POOLING: LayerSpec[] = [
  {
    name: 'GlobalAveragePooling1D',
    family: 'global-pooling',
    rank: 1,
    aliases: ['GlobalAvgPool1D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Averages over the whole steps axis, leaving one value per channel. A common bridge from Conv1D or recurrent features to a Dense head.',
  },
  {
    name: 'GlobalAveragePooling2D',
    family: 'global-pooling',
    rank: 2,
    aliases: ['GlobalAvgPool2D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Averages each channel over all of height and width, leaving one value per channel. The usual bridge from a conv backbone to the classifier head.',
  },
  {
    name: 'GlobalAveragePooling3D',
    family: 'global-pooling',
    rank: 3,
    aliases: ['GlobalAvgPool3D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Averages each channel over the whole volume, leaving one value per channel.',
  },
  {
    name: 'GlobalMaxPooling1D',
    family: 'global-pooling',
    rank: 1,
    aliases: ['GlobalMaxPool1D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Keeps the largest value of each channel over the whole steps axis.',
  },
  {
    name: 'GlobalMaxPooling2D',
    family: 'global-pooling',
    rank: 2,
    aliases: ['GlobalMaxPool2D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Keeps the largest value of each channel over all of height and width.',
  },
  {
    name: 'GlobalMaxPooling3D',
    family: 'global-pooling',
    rank: 3,
    aliases: ['GlobalMaxPool3D'],
    params: GLOBAL_POOLING_PARAMS,
    summary: 'Keeps the largest value of each channel over the whole volume.',
  },
];

const RECURRENT: LayerSpec[] = [
  {
    name: 'LSTM',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden and cell state (and of the output)'),
      RNN_ACTIVATION,
      RNN_RECURRENT_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      UNIT_FORGET_BIAS,
      ...recurrentPenalties(true),
      ...rnnDropout(true),
      SEED,
      ...RNN_SEQUENCE_FLAGS,
      UNROLL,
      USE_CUDNN,
    ],
    summary:
      'Long short-term memory layer: reads a sequence step by step, keeping a cell state controlled by input, forget and output gates. ' +
      'With default arguments it can run on the fused cuDNN kernel on GPU.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'GRU',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden state (and of the output)'),
      RNN_ACTIVATION,
      RNN_RECURRENT_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      ...recurrentPenalties(true),
      ...rnnDropout(true),
      SEED,
      ...RNN_SEQUENCE_FLAGS,
      UNROLL,
      opt('reset_after', 'True', 'apply the reset gate after the recurrent matrix product (the cuDNN-compatible variant)',
        'The cuDNN kernel requires reset_after=True.'),
      USE_CUDNN,
    ],
    summary:
      'Gated recurrent unit: a recurrent layer with update and reset gates and a single state, lighter than an LSTM. ' +
      'With default arguments it can run on the fused cuDNN kernel on GPU.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'SimpleRNN',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden state (and of the output)'),
      RNN_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      ...recurrentPenalties(true),
      ...rnnDropout(false),
      ...RNN_SEQUENCE_FLAGS,
      UNROLL,
      SEED,
    ],
    summary:
      'A plain recurrent layer without gates: each step combines the input with the previous output through one weight matrix each. ' +
      'Struggles with long-range dependencies; LSTM or GRU usually work better.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'ConvLSTM1D',
    family: 'recurrent',
    rank: 1,
    weighted: true,
    params: convLstmParams(),
    summary:
      'An LSTM whose input and recurrent transformations are 1D convolutions, for sequences of 1D signals. ' +
      'The state keeps its spatial layout instead of being a flat vector.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'ConvLSTM2D',
    family: 'recurrent',
    rank: 2,
    weighted: true,
    params: convLstmParams(),
    summary:
      'An LSTM whose input and recurrent transformations are 2D convolutions, for sequences of images such as video frames. ' +
      'The state is a feature map rather than a flat vector.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'ConvLSTM3D',
    family: 'recurrent',
    rank: 3,
    weighted: true,
    params: convLstmParams(),
    summary:
      'An LSTM whose input and recurrent transformations are 3D convolutions, for sequences of volumes. ' +
      'The state is a 3D feature map rather than a flat vector.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'RNN',
    family: 'recurrent',
    weighted: true,
    params: [
      req('cell', 'the cell (or list of cells) applied at each time step, e.g. LSTMCell(64)'),
      ...RNN_SEQUENCE_FLAGS,
      UNROLL,
      opt('zero_output_for_mask', 'False', 'emit zeros instead of the previous output at masked time steps'),
    ],
    summary:
      'Generic recurrent layer that runs a cell over the time axis. ' +
      'LSTM, GRU and SimpleRNN are ready-made specializations of it; use it directly for custom or stacked cells.',
  },
  {
    name: 'LSTMCell',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden and cell state'),
      RNN_ACTIVATION,
      RNN_RECURRENT_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      UNIT_FORGET_BIAS,
      ...recurrentPenalties(false),
      ...rnnDropout(false),
      SEED,
    ],
    summary: 'The computation of one LSTM time step, to be wrapped in an RNN layer. It never uses the fused cuDNN kernel.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'GRUCell',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden state'),
      RNN_ACTIVATION,
      RNN_RECURRENT_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      ...recurrentPenalties(false),
      ...rnnDropout(false),
      opt('reset_after', 'True', 'apply the reset gate after the recurrent matrix product'),
      SEED,
    ],
    summary: 'The computation of one GRU time step, to be wrapped in an RNN layer. It never uses the fused cuDNN kernel.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'SimpleRNNCell',
    family: 'recurrent',
    weighted: true,
    params: [
      req('units', 'size of the hidden state'),
      RNN_ACTIVATION,
      RNN_USE_BIAS,
      ...recurrentWeightInitializers(),
      ...recurrentPenalties(false),
      ...rnnDropout(false),
      SEED,
    ],
    summary: 'The computation of one SimpleRNN time step, to be wrapped in an RNN layer.',
    trainingBehaviour: RNN_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'StackedRNNCells',
    family: 'recurrent',
    weighted: true,
    params: [req('cells', 'list of cells applied one after another at each time step')],
    summary: 'Combines several RNN cells into one cell that feeds each cell\'s output to the next within a time step. Wrap it in an RNN layer.',
  },
  {
    name: 'Bidirectional',
    family: 'recurrent',
    weighted: true,
    params: [
      req('layer', 'the recurrent layer to run forward (a copy runs backward unless backward_layer is given)'),
      opt('merge_mode', '"concat"', 'how the two directions are combined: "concat", "sum", "mul", "ave", or None for a list of both'),
      opt('weights', 'None', 'optional initial weights for both directions'),
      opt('backward_layer', 'None', 'optional separate layer for the backward direction'),
    ],
    summary:
      'Runs a recurrent layer over the sequence in both directions and merges the two outputs. ' +
      'Each output step then sees context from both the past and the future.',
  },
];

const RESHAPE: LayerSpec[] = [
  {
    name: 'Flatten',
    family: 'reshape',
    params: [DATA_FORMAT],
    summary: 'Collapses every axis except the batch axis into one, e.g. (batch, 7, 7, 64) becomes (batch, 3136). It has no weights.',
  },
  {
    name: 'Reshape',
    family: 'reshape',
    params: [req('target_shape', 'new shape without the batch axis; one entry may be -1 to be inferred')],
    summary: 'Changes the shape of each sample without changing its values or their order. The batch axis is left alone.',
  },
  {
    name: 'Permute',
    family: 'reshape',
    params: [req('dims', 'new order of the non-batch axes, counted from 1, e.g. (2, 1) swaps the first two')],
    summary: 'Reorders the non-batch axes of its input, for example to swap time and feature axes.',
  },
  {
    name: 'RepeatVector',
    family: 'reshape',
    params: [req('n', 'number of repetitions')],
    summary: 'Repeats a 2D input (batch, features) n times to produce (batch, n, features). Common in sequence-to-sequence decoders.',
  },
  {
    name: 'Cropping1D',
    family: 'reshape',
    rank: 1,
    params: [opt('cropping', '(1, 1)', 'how many steps to remove at the start and at the end')],
    summary: 'Removes steps from the start and end of a sequence of shape (batch, steps, features).',
  },
  {
    name: 'Cropping2D',
    family: 'reshape',
    rank: 2,
    params: [
      opt('cropping', '((0, 0), (0, 0))', 'rows and columns to remove: an int, (rows, cols), or ((top, bottom), (left, right))'),
      DATA_FORMAT,
    ],
    summary: 'Removes rows and columns at the borders of an image-like input. Often used to align skip connections in U-Nets.',
  },
  {
    name: 'Cropping3D',
    family: 'reshape',
    rank: 3,
    params: [
      opt('cropping', '((1, 1), (1, 1), (1, 1))', 'amounts to remove at both ends of each of the three spatial axes'),
      DATA_FORMAT,
    ],
    summary: 'Removes slices at the borders of each spatial axis of a volume.',
  },
  {
    name: 'UpSampling1D',
    family: 'reshape',
    rank: 1,
    params: [opt('size', '2', 'how many times each step is repeated')],
    summary: 'Enlarges a sequence by repeating every step size times. It has no weights.',
  },
  {
    name: 'UpSampling2D',
    family: 'reshape',
    rank: 2,
    params: [
      opt('size', '(2, 2)', 'upsampling factors for rows and columns'),
      DATA_FORMAT,
      opt('interpolation', '"nearest"', 'how new pixels are filled: "nearest", "bilinear", "bicubic", ...'),
    ],
    summary: 'Enlarges height and width by the given factors, by repetition or interpolation. It has no weights, unlike Conv2DTranspose.',
  },
  {
    name: 'UpSampling3D',
    family: 'reshape',
    rank: 3,
    params: [opt('size', '(2, 2, 2)', 'upsampling factors for the three spatial axes'), DATA_FORMAT],
    summary: 'Enlarges a volume by repeating its values along each spatial axis. It has no weights.',
  },
  {
    name: 'ZeroPadding1D',
    family: 'reshape',
    rank: 1,
    params: [opt('padding', '1', 'zeros added at the start and end: one int for both, or (start, end)'), DATA_FORMAT],
    summary: 'Adds zeros at the start and end of the steps axis of a sequence.',
  },
  {
    name: 'ZeroPadding2D',
    family: 'reshape',
    rank: 2,
    params: [
      opt('padding', '(1, 1)', 'zeros added around the image: an int, (rows, cols), or ((top, bottom), (left, right))'),
      DATA_FORMAT,
    ],
    summary: 'Adds rows and columns of zeros around an image-like input, e.g. before a strided convolution with "valid" padding.',
  },
  {
    name: 'ZeroPadding3D',
    family: 'reshape',
    rank: 3,
    params: [opt('padding', '((1, 1), (1, 1), (1, 1))', 'zeros added at both ends of each of the three spatial axes'), DATA_FORMAT],
    summary: 'Adds zeros at the borders of each spatial axis of a volume.',
  },
];

const MERGE: LayerSpec[] = [
  {
    name: 'Concatenate',
    family: 'merge',
    functional: ['concatenate'],
    params: [opt('axis', '-1', 'axis along which the inputs are joined; the other axes must match')],
    summary: 'Joins a list of tensors along one axis (the channel axis by default). Used for skip connections and multi-branch models.',
  },
  {
    name: 'Add',
    family: 'merge',
    functional: ['add'],
    params: [],
    summary: 'Adds a list of tensors of the same shape element by element. The merge of residual connections.',
  },
  {
    name: 'Subtract',
    family: 'merge',
    functional: ['subtract'],
    params: [],
    summary: 'Subtracts the second of exactly two same-shaped tensors from the first, element by element.',
  },
  {
    name: 'Multiply',
    family: 'merge',
    functional: ['multiply'],
    params: [],
    summary: 'Multiplies a list of same-shaped tensors element by element, e.g. to apply a gate or an attention mask.',
  },
  {
    name: 'Average',
    family: 'merge',
    functional: ['average'],
    params: [],
    summary: 'Averages a list of same-shaped tensors element by element, e.g. to ensemble several branches.',
  },
  {
    name: 'Maximum',
    family: 'merge',
    functional: ['maximum'],
    params: [],
    summary: 'Takes the element-wise maximum of a list of same-shaped tensors.',
  },
  {
    name: 'Minimum',
    family: 'merge',
    functional: ['minimum'],
    params: [],
    summary: 'Takes the element-wise minimum of a list of same-shaped tensors.',
  },
  {
    name: 'Dot',
    family: 'merge',
    functional: ['dot'],
    params: [
      req('axes', 'axis (or one axis per input) along which the dot product is taken'),
      opt('normalize', 'False', 'L2-normalize both inputs first, which turns the result into cosine similarity'),
    ],
    summary:
      'Computes the dot product of two tensors along the given axes, sample by sample. ' +
      'The class requires `axes`; the functional `dot(inputs, axes=-1)` has a default.',
  },
];

const EMBEDDING: LayerSpec[] = [
  {
    name: 'Embedding',
    family: 'embedding',
    weighted: true,
    params: [
      req('input_dim', 'vocabulary size: the largest integer index plus one'),
      req('output_dim', 'length of each embedding vector'),
      opt('embeddings_initializer', '"uniform"', 'how the embedding table is initialized'),
      opt('embeddings_regularizer', 'None', 'optional penalty on the embedding table'),
      opt('embeddings_constraint', 'None', 'optional projection of the table after each update'),
      opt('mask_zero', 'False', 'treat index 0 as padding and emit a mask for later layers; then index 0 cannot be a real token'),
      opt('weights', 'None', 'optional initial table of shape (input_dim, output_dim), e.g. pretrained vectors'),
      ...LORA_PARAMS,
      QUANTIZATION_CONFIG,
    ],
    summary:
      'Maps integer indices (token ids) to learned dense vectors by looking them up in a table. ' +
      'tf.keras 2 also took an `input_length` argument, which Keras 3 removed.',
  },
  {
    name: 'ReversibleEmbedding',
    family: 'embedding',
    weighted: true,
    params: [
      req('input_dim', 'vocabulary size'),
      req('output_dim', 'length of each embedding vector'),
      opt('tie_weights', 'True', 'reuse the embedding table (transposed) for the reverse projection to logits'),
      opt('embeddings_initializer', '"uniform"', 'how the embedding table is initialized'),
      opt('embeddings_regularizer', 'None', 'optional penalty on the embedding table'),
      opt('embeddings_constraint', 'None', 'optional projection of the table after each update'),
      opt('mask_zero', 'False', 'treat index 0 as padding and emit a mask'),
      opt('reverse_dtype', 'None', 'dtype used for the reverse projection, e.g. float32 for stable logits'),
      opt('logit_soft_cap', 'None', 'if set, squash the reverse-projection logits smoothly into (-cap, cap)'),
    ],
    summary:
      'An embedding that can also run backwards: called with reverse=True it projects hidden vectors onto the vocabulary to produce logits. ' +
      'Used by language models that tie input and output embeddings.',
  },
];

const ATTENTION: LayerSpec[] = [
  {
    name: 'MultiHeadAttention',
    family: 'attention',
    weighted: true,
    params: [
      req('num_heads', 'number of attention heads'),
      req('key_dim', 'size of each head for query and key'),
      opt('value_dim', 'None', 'size of each head for value; None means key_dim'),
      opt('dropout', '0.0', 'fraction of attention weights dropped during training'),
      opt('use_bias', 'True', 'whether the projections have biases'),
      opt('output_shape', 'None', 'size of the output features; None means the feature size of the query'),
      opt('attention_axes', 'None', 'axes attention is computed over; None means all axes between batch and features'),
      opt('sliding_window', 'None', 'if set, each position attends only to neighbours within this distance'),
      opt('flash_attention', 'None', 'use a fused flash-attention kernel: None decides automatically, True/False force it'),
      ...ATTENTION_WEIGHT_PARAMS,
      opt('use_gate', 'False', 'add a learned sigmoid gate on the attention output'),
      SEED,
    ],
    summary:
      'Runs several scaled dot-product attention heads in parallel over learned projections of query, key and value, then projects the joined result. ' +
      'The core layer of Transformer blocks.',
    trainingBehaviour: ATTENTION_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'GroupQueryAttention',
    family: 'attention',
    weighted: true,
    params: [
      req('head_dim', 'size of each attention head'),
      req('num_query_heads', 'number of query heads'),
      req('num_key_value_heads', 'number of key/value heads, shared by groups of query heads; must divide num_query_heads'),
      opt('dropout', '0.0', 'fraction of attention weights dropped during training'),
      opt('use_bias', 'True', 'whether the projections have biases'),
      opt('sliding_window', 'None', 'if set, each position attends only to neighbours within this distance'),
      opt('flash_attention', 'None', 'use a fused flash-attention kernel: None decides automatically, True/False force it'),
      ...ATTENTION_WEIGHT_PARAMS,
      opt('use_gate', 'False', 'add a learned sigmoid gate on the attention output'),
      SEED,
    ],
    summary:
      'Grouped-query attention: several query heads share each key/value head, which shrinks the key/value cache compared with multi-head attention. ' +
      'Used in recent large language models.',
    trainingBehaviour: ATTENTION_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'Attention',
    family: 'attention',
    params: [
      opt('use_scale', 'False', 'learn a scalar that scales the attention scores'),
      opt('score_mode', '"dot"', 'how scores are computed: "dot" (dot product) or "concat" (tanh of the sum of query and key)'),
      opt('dropout', '0.0', 'fraction of attention weights dropped during training'),
      SEED,
    ],
    summary:
      'Dot-product (Luong-style) attention between a query sequence and a value (and optional key) sequence. ' +
      'It has no projection weights of its own, apart from the optional learned scale.',
    trainingBehaviour: ATTENTION_DROPOUT_BEHAVIOUR,
  },
  {
    name: 'AdditiveAttention',
    family: 'attention',
    params: [
      opt('use_scale', 'True', 'learn a per-feature scale applied inside the score'),
      opt('dropout', '0.0', 'fraction of attention weights dropped during training'),
    ],
    summary:
      'Additive (Bahdanau-style) attention: scores come from a tanh of the sum of query and key rather than a dot product. ' +
      'Apart from the optional scale vector it has no weights.',
    trainingBehaviour: ATTENTION_DROPOUT_BEHAVIOUR,
  },
];

const INPUT: LayerSpec[] = [
  {
    name: 'Input',
    family: 'input',
    aliases: ['InputLayer'],
    // keras.Input is a function, not a class; dtype and name are real positional parameters of it.
    // InputLayer's own signature differs after batch_shape (input_tensor, optional, name).
    params: [
      opt('shape', 'None', 'shape of one sample, without the batch axis; None entries mark unknown sizes'),
      opt('batch_size', 'None', 'optional fixed batch size'),
      opt('dtype', 'None', 'data type of the input, e.g. "float32" or "int32"'),
      opt('sparse', 'None', 'whether the input is a sparse tensor'),
      opt('ragged', 'None', 'whether the input is a ragged tensor (TensorFlow only)'),
      opt('batch_shape', 'None', 'full shape including the batch axis, instead of shape + batch_size'),
      opt('name', 'None', 'name of the input, used to match dict inputs'),
      opt('tensor', 'None', 'an existing tensor to wrap instead of creating a placeholder'),
      opt('optional', 'False', 'whether the input may be passed as None'),
    ],
    summary:
      'Declares a model input: keras.Input(shape=...) returns a symbolic tensor from which a functional model is built. ' +
      'InputLayer is the layer behind it, and what a Sequential model may start with.',
  },
];

const OTHER: LayerSpec[] = [
  {
    name: 'TimeDistributed',
    family: 'other',
    params: [req('layer', 'the layer applied to every time step')],
    summary:
      'Applies the same layer, with the same weights, to every slice along axis 1 (the time axis). ' +
      'For example, it runs one Conv2D over each frame of a video.',
  },
  {
    name: 'SpectralNormalization',
    family: 'other',
    params: [
      req('layer', 'the weight layer (Dense, Conv...) whose kernel is normalized'),
      opt('power_iterations', '1', 'power-iteration steps per call used to estimate the largest singular value'),
    ],
    summary:
      'Wraps a weight layer and divides its kernel by its largest singular value, bounding how much the layer can stretch its input. ' +
      'Mostly used in GAN discriminators; it normalizes weights, not activations, so it is no substitute for BatchNormalization.',
  },
  {
    name: 'Identity',
    family: 'other',
    params: [],
    summary: 'Returns its input unchanged. Handy as a placeholder when a block can be switched off.',
  },
  {
    name: 'Lambda',
    family: 'other',
    params: [
      req('function', 'the Python function applied to the input'),
      opt('output_shape', 'None', 'shape of the output, or a function computing it, when Keras cannot infer it'),
      opt('mask', 'None', 'output mask, or a function computing it'),
      opt('arguments', 'None', 'dict of extra keyword arguments passed to the function'),
    ],
    summary:
      'Wraps an arbitrary Python function as a layer. ' +
      'It cannot hold trainable weights and serializes poorly; a small subclassed Layer is usually better.',
  },
  {
    name: 'Masking',
    family: 'other',
    params: [opt('mask_value', '0.0', 'time steps whose features all equal this value are masked out')],
    summary:
      'Marks time steps whose features all equal mask_value as padding, so that downstream layers that support masks (e.g. LSTM) skip them.',
  },
];

const PREPROCESSING: LayerSpec[] = [
  {
    name: 'Normalization',
    family: 'preprocessing',
    params: [
      opt('axis', '-1', 'axis or axes that keep separate statistics (one mean/variance per feature)'),
      opt('mean', 'None', 'precomputed mean; if None, call adapt() on data first'),
      opt('variance', 'None', 'precomputed variance; if None, call adapt() on data first'),
      opt('invert', 'False', 'undo the standardization instead (output * std + mean)'),
    ],
    summary:
      'Preprocessing layer that standardizes features with a mean and variance computed once by adapt() (or given up front). ' +
      'Its statistics are fixed constants, not learned and not batch statistics: it is not a BatchNormalization.',
  },
  {
    name: 'Rescaling',
    family: 'preprocessing',
    params: [
      req('scale', 'factor multiplied into every value, e.g. 1/255 for 8-bit images'),
      opt('offset', '0.0', 'value added after scaling'),
    ],
    summary: 'Multiplies inputs by a constant and adds an offset, for example to map pixel values from [0, 255] to [0, 1].',
  },
  {
    name: 'Resizing',
    family: 'preprocessing',
    params: [
      req('height', 'output height in pixels'),
      req('width', 'output width in pixels'),
      opt('interpolation', '"bilinear"', 'resampling method: "bilinear", "nearest", "bicubic", ...'),
      opt('crop_to_aspect_ratio', 'False', 'crop centrally to the target aspect ratio instead of distorting'),
      opt('pad_to_aspect_ratio', 'False', 'pad to the target aspect ratio instead of distorting'),
      opt('fill_mode', '"constant"', 'how padding is filled when pad_to_aspect_ratio is set'),
      opt('fill_value', '0.0', 'padding value for fill_mode="constant"'),
      opt('antialias', 'False', 'apply an anti-aliasing filter when downsampling'),
      DATA_FORMAT,
    ],
    summary: 'Resizes images to a fixed height and width. It acts the same way in training and inference.',
  },
  {
    name: 'CenterCrop',
    family: 'preprocessing',
    params: [req('height', 'output height'), req('width', 'output width'), DATA_FORMAT],
    summary: 'Cuts out the central region of the given size from each image (resizing first if the image is smaller).',
  },
  {
    name: 'RandomCrop',
    family: 'preprocessing',
    params: [req('height', 'output height'), req('width', 'output width'), SEED, DATA_FORMAT],
    summary: 'Data augmentation: cuts a randomly placed region of the given size out of each image during training.',
    trainingBehaviour: 'Training: crops at a random position. Inference: resizes and center-crops to the target size instead.',
  },
  {
    name: 'RandomFlip',
    family: 'preprocessing',
    params: [
      opt('mode', '"horizontal_and_vertical"', 'which flips are allowed: "horizontal", "vertical" or "horizontal_and_vertical"'),
      SEED,
      DATA_FORMAT,
    ],
    summary: 'Data augmentation: randomly mirrors images left-right and/or up-down.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomRotation',
    family: 'preprocessing',
    params: [
      req('factor', 'rotation range as a fraction of a full turn, e.g. 0.1 for up to ±36 degrees, or (min, max)'),
      opt('fill_mode', '"reflect"', 'how pixels outside the original image are filled: "reflect", "wrap", "constant", "nearest"'),
      opt('interpolation', '"bilinear"', 'resampling method'),
      SEED,
      opt('fill_value', '0.0', 'fill value when fill_mode="constant"'),
      DATA_FORMAT,
    ],
    summary: 'Data augmentation: rotates each image by a random angle within the given range.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomZoom',
    family: 'preprocessing',
    params: [
      req('height_factor', 'vertical zoom range as a fraction; negative zooms in, positive zooms out'),
      opt('width_factor', 'None', 'horizontal zoom range; None keeps the aspect ratio'),
      opt('fill_mode', '"reflect"', 'how pixels outside the original image are filled'),
      opt('interpolation', '"bilinear"', 'resampling method'),
      SEED,
      opt('fill_value', '0.0', 'fill value when fill_mode="constant"'),
      DATA_FORMAT,
    ],
    summary: 'Data augmentation: zooms each image in or out by a random amount.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomTranslation',
    family: 'preprocessing',
    params: [
      req('height_factor', 'vertical shift range as a fraction of the height'),
      req('width_factor', 'horizontal shift range as a fraction of the width'),
      opt('fill_mode', '"reflect"', 'how pixels outside the original image are filled'),
      opt('interpolation', '"bilinear"', 'resampling method'),
      SEED,
      opt('fill_value', '0.0', 'fill value when fill_mode="constant"'),
      DATA_FORMAT,
    ],
    summary: 'Data augmentation: shifts each image by a random offset.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomContrast',
    family: 'preprocessing',
    params: [
      req('factor', 'contrast change range, e.g. 0.2 for factors in [0.8, 1.2]'),
      opt('value_range', '(0, 255)', 'range of the input pixel values'),
      SEED,
    ],
    summary: 'Data augmentation: changes each image\'s contrast by a random factor.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomBrightness',
    family: 'preprocessing',
    params: [
      req('factor', 'brightness change range as a fraction of value_range, or (min, max)'),
      opt('value_range', '(0, 255)', 'range of the input pixel values'),
      SEED,
    ],
    summary: 'Data augmentation: brightens or darkens each image by a random amount.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomHeight',
    family: 'preprocessing',
    keras2Only: true,
    params: [
      req('factor', 'height change range as a fraction, or (min, max)'),
      opt('interpolation', '"bilinear"', 'resampling method'),
      SEED,
    ],
    summary: 'Data augmentation (tf.keras 2 only): stretches or shrinks each batch of images to a random height.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'RandomWidth',
    family: 'preprocessing',
    keras2Only: true,
    params: [
      req('factor', 'width change range as a fraction, or (min, max)'),
      opt('interpolation', '"bilinear"', 'resampling method'),
      SEED,
    ],
    summary: 'Data augmentation (tf.keras 2 only): stretches or shrinks each batch of images to a random width.',
    trainingBehaviour: AUGMENTATION_ONLY_IN_TRAINING,
  },
  {
    name: 'TextVectorization',
    family: 'preprocessing',
    params: [
      opt('max_tokens', 'None', 'maximum vocabulary size, including the mask and out-of-vocabulary tokens'),
      opt('standardize', '"lower_and_strip_punctuation"', 'text cleaning before splitting, or None, or a callable'),
      opt('split', '"whitespace"', 'how text is split into tokens: "whitespace", "character", None, or a callable'),
      opt('ngrams', 'None', 'also produce n-grams up to this length (or of the listed lengths)'),
      opt('output_mode', '"int"', 'output format: "int" (token ids), "multi_hot", "count" or "tf_idf"'),
      opt('output_sequence_length', 'None', 'pad or truncate "int" output to this length'),
      opt('pad_to_max_tokens', 'False', 'pad multi_hot/count/tf_idf output to max_tokens columns'),
      opt('vocabulary', 'None', 'a vocabulary list or file, instead of calling adapt()'),
      opt('idf_weights', 'None', 'inverse document frequencies for "tf_idf" mode'),
      opt('sparse', 'False', 'return sparse tensors (non-int modes, TensorFlow only)'),
      opt('ragged', 'False', 'return ragged tensors instead of padding (TensorFlow only)'),
      opt('encoding', '"utf-8"', 'text encoding of the input strings'),
    ],
    summary:
      'Turns raw strings into token ids or bag-of-words vectors using a vocabulary learned by adapt(). ' +
      'Usually applied in the tf.data pipeline or as the first layer of a text model.',
  },
  {
    name: 'StringLookup',
    family: 'preprocessing',
    params: [
      opt('max_tokens', 'None', 'maximum vocabulary size'),
      opt('num_oov_indices', '1', 'number of ids reserved for unknown strings'),
      opt('mask_token', 'None', 'string treated as padding (mapped to id 0)'),
      opt('oov_token', '"[UNK]"', 'token returned for unknown ids when invert=True'),
      opt('vocabulary', 'None', 'a vocabulary list or file, instead of calling adapt()'),
      opt('idf_weights', 'None', 'inverse document frequencies for "tf_idf" mode'),
      opt('invert', 'False', 'map ids back to strings instead'),
      opt('output_mode', '"int"', 'output format: "int", "one_hot", "multi_hot", "count" or "tf_idf"'),
      opt('pad_to_max_tokens', 'False', 'pad non-int output to max_tokens columns'),
      opt('sparse', 'False', 'return sparse tensors (TensorFlow only)'),
      opt('encoding', '"utf-8"', 'text encoding of the input strings'),
      opt('name', 'None', 'layer name (listed because it precedes `salt` in the signature)'),
      opt('salt', 'None', 'salt for hashing unknown strings into the OOV buckets'),
    ],
    summary: 'Maps strings to integer ids through a vocabulary, or ids back to strings. Typical for categorical string features.',
  },
  {
    name: 'IntegerLookup',
    family: 'preprocessing',
    params: [
      opt('max_tokens', 'None', 'maximum vocabulary size'),
      opt('num_oov_indices', '1', 'number of ids reserved for unknown values'),
      opt('mask_token', 'None', 'value treated as padding'),
      opt('oov_token', '-1', 'value returned for unknown ids when invert=True'),
      opt('vocabulary', 'None', 'a vocabulary list or file, instead of calling adapt()'),
      opt('vocabulary_dtype', '"int64"', 'integer type of the vocabulary'),
      opt('idf_weights', 'None', 'inverse document frequencies for "tf_idf" mode'),
      opt('invert', 'False', 'map ids back to the original values instead'),
      opt('output_mode', '"int"', 'output format: "int", "one_hot", "multi_hot", "count" or "tf_idf"'),
      opt('sparse', 'False', 'return sparse tensors (TensorFlow only)'),
      opt('pad_to_max_tokens', 'False', 'pad non-int output to max_tokens columns'),
      opt('oov_method', '"floormod"', 'how unknown values are spread over the OOV ids'),
      opt('salt', 'None', 'salt for hashing unknown values into the OOV buckets'),
    ],
    summary: 'Maps arbitrary integer values (e.g. user ids) to contiguous ids through a vocabulary, or back.',
  },
  {
    name: 'CategoryEncoding',
    family: 'preprocessing',
    params: [
      opt('num_tokens', 'None', 'number of categories; inputs must lie in [0, num_tokens)'),
      opt('output_mode', '"multi_hot"', 'output format: "one_hot", "multi_hot" or "count"'),
      opt('sparse', 'False', 'return a sparse tensor (TensorFlow only)'),
    ],
    summary: 'Encodes integer category ids as one-hot, multi-hot or count vectors.',
  },
  {
    name: 'Hashing',
    family: 'preprocessing',
    params: [
      req('num_bins', 'number of hash buckets, including the mask bucket if mask_value is set'),
      opt('mask_value', 'None', 'value mapped to bucket 0 and treated as padding'),
      opt('salt', 'None', 'salt that makes the hash keyed (SipHash64)'),
      opt('output_mode', '"int"', 'output format: "int", "one_hot", "multi_hot" or "count"'),
      opt('sparse', 'False', 'return sparse tensors (TensorFlow only)'),
    ],
    summary: 'Hashes strings or integers into a fixed number of buckets, so a categorical feature needs no vocabulary.',
  },
  {
    name: 'HashedCrossing',
    family: 'preprocessing',
    params: [
      req('num_bins', 'number of hash buckets'),
      opt('output_mode', '"int"', 'output format: "int" or "one_hot"'),
      opt('sparse', 'False', 'return sparse tensors (TensorFlow only)'),
    ],
    summary: 'Crosses two categorical features and hashes each combination into a fixed number of buckets.',
  },
  {
    name: 'Discretization',
    family: 'preprocessing',
    params: [
      opt('bin_boundaries', 'None', 'sorted boundaries of the bins; if None, adapt() learns them'),
      opt('num_bins', 'None', 'number of bins to learn with adapt() (quantile-based)'),
      opt('epsilon', '0.01', 'error tolerance of the quantile estimation in adapt()'),
      opt('output_mode', '"int"', 'output format: "int", "one_hot", "multi_hot" or "count"'),
      opt('sparse', 'False', 'return sparse tensors (TensorFlow only)'),
    ],
    summary: 'Buckets continuous values into integer bin ids using fixed or adapted boundaries.',
  },
];

export const LAYERS: readonly LayerSpec[] = [
  ...NORMALIZATION,
  ...DROPOUT,
  ...NOISE,
  ...ACTIVATION,
  ...DENSE,
  ...CONVOLUTION,
  ...POOLING,
  ...GLOBAL_POOLING,
  ...RECURRENT,
  ...RESHAPE,
  ...MERGE,
  ...EMBEDDING,
  ...ATTENTION,
  ...INPUT,
  ...OTHER,
  ...PREPROCESSING,
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

interface ParamIndex {
  readonly byName: ReadonlyMap<string, ParamSpec>;
  readonly positions: ReadonlyMap<string, number>;
}

// Rules ask for parameters by name several times per layer: each spec's list is indexed on first use, and the index
// kept on the spec itself (a property read is much cheaper than a WeakMap lookup), hidden from enumeration and
// comparison.
const PARAM_INDEX = Symbol('parameter index');

// Callers ask about one layer several times in a row.
let lastSpec: LayerSpec | undefined;
let lastIndex: ParamIndex | undefined;

function indexOfParams(spec: LayerSpec): ParamIndex {
  if (spec === lastSpec) return lastIndex!;
  lastSpec = spec;
  return (lastIndex = (spec as { [PARAM_INDEX]?: ParamIndex })[PARAM_INDEX] ?? makeIndex(spec));
}

function makeIndex(spec: LayerSpec): ParamIndex {
  const byName = new Map<string, ParamSpec>();
  const positions = new Map<string, number>();
  spec.params.forEach((param, position) => {
    if (!positions.has(param.name)) positions.set(param.name, position);
  });
  // A current name wins over another parameter's legacy name; among legacy names, the first listed.
  for (const param of spec.params) for (const legacy of param.legacyNames ?? []) if (!byName.has(legacy)) byName.set(legacy, param);
  for (const [name, position] of positions) byName.set(name, spec.params[position]);
  const index: ParamIndex = { byName, positions };
  if (Object.isExtensible(spec)) Object.defineProperty(spec, PARAM_INDEX, { value: index });
  return index;
}

/** The default of a parameter as Python source text, if the catalog knows it. */
export function paramSpec(spec: LayerSpec, name: string): ParamSpec | undefined {
  return indexOfParams(spec).byName.get(name);
}

/** The position of a parameter (by its current name) in the signature, or -1. */
export function paramIndex(spec: LayerSpec, name: string): number {
  return indexOfParams(spec).positions.get(name) ?? -1;
}

/** The parameter a positional argument at `index` (0-based) binds to, if the catalog lists that many. */
export function paramAt(spec: LayerSpec, index: number): ParamSpec | undefined {
  return index >= 0 ? spec.params[index] : undefined;
}

const byFamily = new Map<LayerFamily, readonly LayerSpec[]>();

/** Every layer of a family, in catalog order. */
export function layersInFamily(family: LayerFamily): readonly LayerSpec[] {
  let specs = byFamily.get(family);
  if (!specs) byFamily.set(family, (specs = LAYERS.filter((spec) => spec.family === family)));
  return specs;
}

/** Every class name the catalog recognizes: canonical names and aliases. */
export function knownLayerNames(): string[] {
  return [...byName.keys()];
}
