import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAYERS,
  LayerSpec,
  knownLayerNames,
  layerByFunctionalName,
  layerByName,
  layersInFamily,
  paramAt,
  paramSpec,
} from '../../server/src/keras/catalog';

function mustGet(name: string): LayerSpec {
  const spec = layerByName(name);
  assert.ok(spec, `catalog has no layer ${name}`);
  return spec;
}

const DROPOUT_FAMILY = ['Dropout', 'SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'GaussianDropout', 'AlphaDropout'];
const CONV_FAMILY = [
  'Conv1D', 'Conv2D', 'Conv3D',
  'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose',
  'SeparableConv1D', 'SeparableConv2D',
  'DepthwiseConv1D', 'DepthwiseConv2D',
];
const ACTIVATION_LAYERS = ['Activation', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Softmax', 'ThresholdedReLU'];

test('BatchNormalization: defaults, notes and training behaviour', () => {
  const bn = mustGet('BatchNormalization');
  assert.equal(bn.family, 'normalization');
  assert.equal(paramSpec(bn, 'momentum')?.default, '0.99');
  assert.equal(paramSpec(bn, 'axis')?.default, '-1');
  assert.equal(paramSpec(bn, 'epsilon')?.default, '0.001');
  assert.equal(bn.params[0]?.name, 'axis', 'axis is the first positional parameter');
  assert.equal(bn.params[1]?.name, 'momentum', 'momentum is the second positional parameter');
  assert.match(paramSpec(bn, 'momentum')?.note ?? '', /PyTorch/);
  assert.match(paramSpec(bn, 'axis')?.note ?? '', /channels_first/);
  assert.ok(bn.trainingBehaviour, 'BN behaves differently in training');
  assert.ok(bn.guidance, 'BN has guidance');
  assert.equal(paramSpec(bn, 'training'), undefined, '`training` is a call argument, not a constructor parameter');
  assert.equal(bn.weighted, undefined, 'BN has no kernel');
});

test('Dropout: rate is required and carries the keep_prob note', () => {
  const dropout = mustGet('Dropout');
  const rate = paramSpec(dropout, 'rate');
  assert.ok(rate);
  assert.equal(rate.default, undefined);
  assert.match(rate.note ?? '', /keep_prob/);
  assert.equal(paramAt(dropout, 0)?.name, 'rate');
  assert.equal(paramSpec(dropout, 'noise_shape')?.default, 'None');
});

test('Conv2D is a rank-2 weighted convolution with a use_bias note', () => {
  const conv = mustGet('Conv2D');
  assert.equal(conv.family, 'convolution');
  assert.equal(conv.rank, 2);
  assert.equal(conv.weighted, true);
  assert.equal(paramSpec(conv, 'strides')?.default, '(1, 1)');
  assert.equal(paramSpec(conv, 'padding')?.default, '"valid"');
  assert.equal(paramSpec(conv, 'kernel_initializer')?.default, '"glorot_uniform"');
  assert.match(paramSpec(conv, 'use_bias')?.note ?? '', /BatchNormalization/);
  assert.equal(mustGet('Convolution2D'), conv);
});

test('aliases resolve to the canonical layer', () => {
  assert.equal(mustGet('MaxPool2D').name, 'MaxPooling2D');
  assert.equal(mustGet('AvgPool1D').name, 'AveragePooling1D');
  assert.equal(mustGet('GlobalAvgPool2D').name, 'GlobalAveragePooling2D');
  assert.equal(mustGet('GlobalMaxPool3D').name, 'GlobalMaxPooling3D');
  assert.equal(mustGet('Convolution2DTranspose').name, 'Conv2DTranspose');
  assert.equal(mustGet('SeparableConvolution2D').name, 'SeparableConv2D');
  assert.equal(mustGet('InputLayer').name, 'Input');
  assert.equal(layerByName('NoSuchLayer'), undefined);
});

test('functional merge forms resolve to their classes', () => {
  assert.equal(layerByFunctionalName('concatenate')?.name, 'Concatenate');
  for (const fn of ['add', 'subtract', 'multiply', 'average', 'maximum', 'minimum', 'dot']) {
    const spec = layerByFunctionalName(fn);
    assert.ok(spec, `functional ${fn}`);
    assert.equal(spec.family, 'merge');
    assert.equal(spec.name.toLowerCase(), fn);
  }
  assert.equal(layerByFunctionalName('Concatenate'), undefined, 'class names are not functional forms');
});

test('families that rules rely on', () => {
  assert.equal(mustGet('Normalization').family, 'preprocessing');
  assert.equal(mustGet('GaussianDropout').family, 'dropout');
  assert.equal(mustGet('GaussianNoise').family, 'noise');
  assert.equal(mustGet('LayerNormalization').family, 'normalization');
  assert.equal(mustGet('GroupNormalization').family, 'normalization');
  assert.equal(mustGet('TimeDistributed').family, 'other');
  assert.equal(mustGet('Input').family, 'input');
  assert.deepEqual(
    layersInFamily('dropout').map((s) => s.name).sort(),
    [...DROPOUT_FAMILY].sort(),
    'the dropout family is exactly the RULES.md Dropout family',
  );
  for (const name of CONV_FAMILY) {
    const spec = mustGet(name);
    assert.equal(spec.family, 'convolution', name);
    assert.equal(spec.weighted, true, `${name} is weighted`);
    assert.ok(paramSpec(spec, 'use_bias')?.note, `${name}.use_bias has a note`);
  }
  for (const name of ACTIVATION_LAYERS) assert.equal(mustGet(name).family, 'activation', name);
  for (const name of ['Dense', 'EinsumDense', 'Embedding', 'LSTM', 'GRU', 'SimpleRNN', 'MultiHeadAttention']) {
    assert.equal(mustGet(name).weighted, true, `${name} is weighted`);
  }
});

test('rank is set on every conv, pooling, spatial-dropout, upsampling, padding and cropping layer', () => {
  const needsRank = /^(Conv|Convolution|SeparableConv|DepthwiseConv|MaxPooling|AveragePooling|GlobalAveragePooling|GlobalMaxPooling|AdaptiveAveragePooling|AdaptiveMaxPooling|SpatialDropout|UpSampling|ZeroPadding|Cropping|ConvLSTM)/;
  for (const spec of LAYERS) {
    if (!needsRank.test(spec.name)) continue;
    const expected = Number(/([123])D/.exec(spec.name)?.[1]);
    assert.equal(spec.rank, expected, `${spec.name} rank`);
  }
  assert.equal(mustGet('SpatialDropout3D').rank, 3);
  assert.equal(mustGet('MaxPooling1D').rank, 1);
});

test('recurrent_dropout notes the cuDNN cost on LSTM and GRU', () => {
  for (const name of ['LSTM', 'GRU']) {
    const spec = mustGet(name);
    assert.equal(paramSpec(spec, 'recurrent_dropout')?.default, '0.0');
    assert.match(paramSpec(spec, 'recurrent_dropout')?.note ?? '', /cuDNN/, name);
  }
});

test('legacy keyword names resolve to the current parameter', () => {
  const leaky = mustGet('LeakyReLU');
  assert.equal(paramSpec(leaky, 'negative_slope')?.default, '0.3');
  assert.equal(paramSpec(leaky, 'alpha')?.name, 'negative_slope');
});

test('every spec has a summary, parameter meanings and no `training` parameter', () => {
  assert.ok(LAYERS.length >= 100, `catalog has ${LAYERS.length} layers`);
  for (const spec of LAYERS) {
    assert.ok(spec.summary.trim().length > 0, `${spec.name} has a summary`);
    const seen = new Set<string>();
    for (const p of spec.params) {
      assert.ok(p.meaning.trim().length > 0, `${spec.name}.${p.name} has a meaning`);
      assert.ok(!seen.has(p.name), `${spec.name}.${p.name} is listed once`);
      seen.add(p.name);
      assert.notEqual(p.name, 'training', `${spec.name} lists the training call argument`);
      assert.notEqual(p.name, 'kwargs', `${spec.name} lists **kwargs`);
    }
    // Required parameters come before optional ones in a Python signature.
    const firstOptional = spec.params.findIndex((p) => p.default !== undefined);
    if (firstOptional >= 0) {
      assert.ok(
        spec.params.slice(firstOptional).every((p) => p.default !== undefined),
        `${spec.name}: a required parameter follows an optional one`,
      );
    }
  }
});

test('names, aliases and functional forms are unique across the catalog', () => {
  const classNames = new Map<string, string>();
  for (const spec of LAYERS) {
    for (const n of [spec.name, ...(spec.aliases ?? [])]) {
      assert.ok(!classNames.has(n), `${n} is used by both ${classNames.get(n)} and ${spec.name}`);
      classNames.set(n, spec.name);
    }
  }
  const fnNames = new Set<string>();
  for (const spec of LAYERS) {
    for (const fn of spec.functional ?? []) {
      assert.ok(!fnNames.has(fn), `functional ${fn} is duplicated`);
      fnNames.add(fn);
    }
  }
  assert.equal(knownLayerNames().length, classNames.size);
});

test('dropout-family and normalization layers explain training behaviour and placement', () => {
  for (const spec of layersInFamily('dropout')) {
    assert.ok(spec.trainingBehaviour, `${spec.name} has trainingBehaviour`);
    assert.ok(spec.guidance, `${spec.name} has guidance`);
    assert.match(paramSpec(spec, 'rate')?.note ?? '', /keep_prob/, `${spec.name}.rate has the keep_prob note`);
  }
  assert.ok(mustGet('GaussianNoise').trainingBehaviour);
  for (const name of ['BatchNormalization', 'LayerNormalization', 'GroupNormalization']) {
    assert.ok(mustGet(name).guidance, `${name} has guidance`);
  }
  for (const spec of layersInFamily('normalization')) {
    if (spec.name === 'BatchNormalization') continue;
    assert.equal(spec.trainingBehaviour, undefined, `${spec.name} behaves the same in training and inference`);
  }
});

test('guidance is compact Markdown with citations', () => {
  for (const spec of LAYERS) {
    if (!spec.guidance) continue;
    const lines = spec.guidance.split('\n').filter((l) => l.trim().length > 0);
    assert.ok(lines.length >= 6 && lines.length <= 12, `${spec.name} guidance has ${lines.length} lines`);
    assert.match(spec.guidance, /arXiv:\d{4}\.\d{4,5}/, `${spec.name} guidance cites a paper`);
    assert.doesNotMatch(spec.guidance, /\bwill hurt\b/, `${spec.name}: say "can", not "will"`);
  }
  const bn = mustGet('BatchNormalization').guidance ?? '';
  for (const cite of ['1502.03167', '1603.05027', '1801.05134', '1803.08494', '1607.06450']) {
    assert.ok(bn.includes(cite), `BN guidance cites ${cite}`);
  }
  assert.ok(bn.includes('training=False'), 'BN guidance covers fine-tuning');
  assert.ok((mustGet('SpatialDropout2D').guidance ?? '').includes('1411.4280'));
  assert.ok((mustGet('AlphaDropout').guidance ?? '').includes('1706.02515'));
});
