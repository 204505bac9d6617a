// LL302 batchnorm-axis-mismatch: BN's axis against the channel axis of the conv-like layer feeding it.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL302', source);

suite('LL302 fires', () => {
  test('Sequential list: channels_first conv, default axis (underlines the BN)', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Conv2D(32, 3, data_format="channels_first", use_bias=False),
          layers.BatchNormalization(),
          layers.ReLU(),
      ])
    `);
    assert.deepEqual(await only(source), ['3:4-31']);
    const [finding] = await findingsOf('LL302', source);
    assert.equal(
      finding.message,
      'BatchNormalization (line 4) normalizes along axis -1, but the Conv2D feeding it (line 3) puts the channels on axis 1 ' +
        '(channels_first): the statistics would be kept per position along a spatial axis instead of per channel. Use axis=1.',
    );
    assert.equal(finding.related.length, 1);
    assert.equal(finding.related[0].message, 'the Conv2D whose channels_first output the BatchNormalization normalizes');
  });

  test('add chain: channels_last (the default) with axis=1, through an activation layer', async () => {
    const source = dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      model.add(tf.keras.layers.Conv1D(16, 5, use_bias=False))
      model.add(tf.keras.layers.Activation("relu"))
      model.add(tf.keras.layers.BatchNormalization(axis=1))
    `);
    assert.deepEqual(await only(source), ['4:45-51']);
  });

  test('functional: axis written positionally, channels_first 3D conv, last axis by its index', async () => {
    const source = dedent(`
      from keras import layers
      inputs = layers.Input((1, 8, 32, 32))
      x = layers.Conv3D(4, 3, data_format="channels_first")(inputs)
      x = layers.BatchNormalization(4)(x)
      y = layers.BatchNormalization(-1)(x)
    `);
    assert.deepEqual(await only(source), ['3:30-31', '4:30-32']);
  });

  test('subclassed layer: the application in call() is underlined when axis is not written', async () => {
    const source = dedent(`
      import keras
      class Block(keras.layers.Layer):
          def __init__(self):
              super().__init__()
              self.conv = keras.layers.Conv2D(8, 3, data_format="channels_first")
              self.norm = keras.layers.BatchNormalization(momentum=0.9)
          def call(self, x):
              return self.norm(self.conv(x))
    `);
    assert.deepEqual(await only(source), ['7:15-38']);
  });
});

suite('LL302 stays quiet', () => {
  test('matching axes, dense inputs, unknown formats and disagreeing branches', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers
        fmt = "channels_first"
        inputs = layers.Input((3, 32, 32))
        a = layers.Conv2D(8, 3, data_format="channels_first")(inputs)
        a = layers.BatchNormalization(axis=1)(a)
        b = layers.Conv2D(8, 3)(inputs)
        b = layers.BatchNormalization(axis=-1)(b)
        c = layers.Conv2D(8, 3)(inputs)
        c = layers.BatchNormalization(axis=3)(c)
        d = layers.Dense(8)(inputs)
        d = layers.BatchNormalization(axis=1)(d)
        e = layers.Conv2D(8, 3, data_format=fmt)(inputs)
        e = layers.BatchNormalization()(e)
        f = layers.Add()([layers.Conv2D(8, 1, data_format="channels_first")(inputs), layers.Conv2D(8, 1)(inputs)])
        f = layers.BatchNormalization()(f)
        g = layers.Conv2D(8, 3)(inputs)
        g = layers.BatchNormalization(axis=[1, 2])(g)
      `)),
      [],
    );
  });
});

suite('LL302 fix', () => {
  test('adds axis=1 when the axis is not written', async () => {
    await assertFix(
      'LL302',
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Conv2D(32, 3, data_format="channels_first", use_bias=False),
            layers.BatchNormalization(),
        ])
      `),
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Conv2D(32, 3, data_format="channels_first", use_bias=False),
            layers.BatchNormalization(axis=1),
        ])
      `),
    );
  });

  test('replaces a written axis, positional or keyword', async () => {
    await assertFix(
      'LL302',
      'import keras\nx = keras.Input((32, 32, 3))\nx = keras.layers.Conv2D(4, 3)(x)\nx = keras.layers.BatchNormalization(1, momentum=0.9)(x)\n',
      'import keras\nx = keras.Input((32, 32, 3))\nx = keras.layers.Conv2D(4, 3)(x)\nx = keras.layers.BatchNormalization(-1, momentum=0.9)(x)\n',
    );
    await assertFix(
      'LL302',
      'import keras\nx = keras.Input((32, 32, 3))\nx = keras.layers.Conv2D(4, 3)(x)\nx = keras.layers.BatchNormalization(\n    axis=1,\n)(x)\n',
      'import keras\nx = keras.Input((32, 32, 3))\nx = keras.layers.Conv2D(4, 3)(x)\nx = keras.layers.BatchNormalization(\n    axis=-1,\n)(x)\n',
    );
  });
});
