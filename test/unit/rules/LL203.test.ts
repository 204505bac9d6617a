// LL203 dropout-on-feature-maps in every construction style, and the replacement by the spatial dropout of the
// convolution's rank, written in the file's own style with the import added where needed.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL203 fires', () => {
  test('Sequential list, after pooling: SpatialDropout2D, same rate', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, activation="relu"),
          layers.MaxPooling2D(),
          layers.Dropout(0.25),  # maps
          layers.Flatten(),
          layers.Dense(10),
      ])
    `);
    assert.deepEqual(await placesOf('LL203', source), ['4:4-24']);
    const [finding] = await findingsOf('LL203', source);
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /^Dropout \(line 5\) drops single activations of the feature maps of MaxPooling2D \(line 4\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Replace with SpatialDropout2D', 'unsafe', true]]);
    await assertFix('LL203', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, activation="relu"),
          layers.MaxPooling2D(),
          layers.SpatialDropout2D(0.25),  # maps
          layers.Flatten(),
          layers.Dense(10),
      ])
    `));
  });

  test('add chain in a loop, 1-D, keyword arguments kept and noise_shape=None dropped', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      for filters in [16, 32]:
          m.add(tf.keras.layers.Conv1D(filters, 5, activation="relu"))
          m.add(tf.keras.layers.Dropout(rate=0.2, noise_shape=None, seed=7))
      m.add(tf.keras.layers.GlobalMaxPooling1D())
    `);
    assert.deepEqual(await placesOf('LL203', source), ['4:10-69']);
    await assertFix('LL203', source, dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      for filters in [16, 32]:
          m.add(tf.keras.layers.Conv1D(filters, 5, activation="relu"))
          m.add(tf.keras.layers.SpatialDropout1D(rate=0.2, seed=7))
      m.add(tf.keras.layers.GlobalMaxPooling1D())
    `));
  });

  test('functional with bare names: the import is extended, channels_first carried over', async () => {
    const source = dedent(`
      from keras import Input, Model
      from keras.layers import Conv2D, Dropout, Flatten, Dense
      inputs = Input((3, 32, 32))
      x = Conv2D(16, 3, data_format="channels_first")(inputs)
      x = Dropout(0.3)(x)
      outputs = Dense(1)(Flatten()(x))
      model = Model(inputs, outputs)
    `);
    assert.deepEqual(await placesOf('LL203', source), ['4:4-16']);
    await assertFix('LL203', source, dedent(`
      from keras import Input, Model
      from keras.layers import Conv2D, Dropout, Flatten, Dense, SpatialDropout2D
      inputs = Input((3, 32, 32))
      x = Conv2D(16, 3, data_format="channels_first")(inputs)
      x = SpatialDropout2D(0.3, data_format="channels_first")(x)
      outputs = Dense(1)(Flatten()(x))
      model = Model(inputs, outputs)
    `));
  });

  test('a helper function with a layer object bound first, 3-D, aliased import: the import is extended', async () => {
    const source = dedent(`
      import numpy as np
      from tensorflow.keras.layers import Conv3D, Dropout as DO
      def block(x):
          drop = DO(0.1)
          x = Conv3D(8, 3)(x)
          return drop(x)
    `);
    assert.deepEqual(await placesOf('LL203', source), ['5:11-18']);
    await assertFix('LL203', source, dedent(`
      import numpy as np
      from tensorflow.keras.layers import Conv3D, Dropout as DO, SpatialDropout3D
      def block(x):
          drop = SpatialDropout3D(0.1)
          x = Conv3D(8, 3)(x)
          return drop(x)
    `));
  });

  test('subclass: through an activation and a residual Add', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Block(Model):
          def __init__(self):
              super().__init__()
              self.conv = layers.Conv2D(8, 3, padding="same")
              self.drop = layers.Dropout(0.2)
          def call(self, x):
              h = layers.ReLU()(self.conv(x))
              h = layers.Add()([x, h])
              return self.drop(h)
    `);
    assert.deepEqual(await placesOf('LL203', source), ['9:15-27']);
    await assertFix('LL203', source, dedent(`
      from keras import layers, Model
      class Block(Model):
          def __init__(self):
              super().__init__()
              self.conv = layers.Conv2D(8, 3, padding="same")
              self.drop = layers.SpatialDropout2D(0.2)
          def call(self, x):
              h = layers.ReLU()(self.conv(x))
              h = layers.Add()([x, h])
              return self.drop(h)
    `));
  });

  test('no fix when the same layer object is also applied elsewhere, or for 1-D channels_first', async () => {
    const source = dedent(`
      from keras import layers
      drop = layers.Dropout(0.2)
      def a(x):
          return drop(layers.Conv2D(8, 3)(x))
      def b(x):
          return drop(layers.Dense(8)(x))
      def c(x):
          return layers.Dropout(0.2)(layers.Conv1D(8, 3, data_format="channels_first")(x))
    `);
    const found = await findingsOf('LL203', source);
    assert.equal(found.length, 2);
    assert.deepEqual(found.map((f) => f.fixes), [[], []]);
  });
});

suite('LL203 does not fire', () => {
  test('after Flatten or global pooling, after Dense, spatial already, or with a noise_shape', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dropout(0.5), layers.Dense(1)])
      b = Sequential()
      b.add(layers.Conv2D(8, 3))
      b.add(layers.GlobalAveragePooling2D())
      b.add(layers.Dropout(0.5))
      def c(x):
          x = layers.Conv2D(8, 3)(x)
          return layers.SpatialDropout2D(0.2)(x)
      def d(x):
          return layers.Dropout(0.2, noise_shape=(None, 1, 1, 8))(layers.Conv2D(8, 3)(x))
      e = Sequential([layers.Dense(8), layers.Dropout(0.5)])
      f = Sequential([layers.Dropout(0.5), layers.Conv2D(8, 3)])
    `);
    assert.deepEqual(await placesOf('LL203', source), []);
  });
});
