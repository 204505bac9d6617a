// LL301 batchnorm-momentum-convention: in every construction style, the PyTorch-style momentum is flagged on the
// argument, and the fix writes the Keras equivalent.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL301', source);

suite('LL301 fires', () => {
  test('Sequential list', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Conv2D(32, 3, use_bias=False),
          layers.BatchNormalization(momentum=0.1),
          layers.ReLU(),
      ])
    `);
    assert.deepEqual(await only(source), ['3:30-42']);
    const [finding] = await findingsOf('LL301', source);
    assert.equal(
      finding.message,
      'BatchNormalization (line 4) has momentum=0.1: in Keras momentum is the weight kept for the old moving statistics, so they ' +
        "would follow each batch almost entirely. This looks like PyTorch's convention (the new batch's weight); the Keras equivalent is momentum=0.9.",
    );
    assert.equal(finding.severity, 'warning');
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Use the Keras convention: momentum=0.9', 'unsafe', true]]);
  });

  test('add chain inside a loop', async () => {
    const source = dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      for units in (64, 32):
          model.add(tf.keras.layers.Dense(units, use_bias=False))
          model.add(tf.keras.layers.BatchNormalization(momentum=0.01, epsilon=1e-5))
    `);
    assert.deepEqual(await only(source), ['4:49-62']);
  });

  test('functional, momentum written positionally, in a helper function', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          x = layers.Conv2D(16, 3, use_bias=False)(x)
          return layers.BatchNormalization(-1, 0.03)(x)
      inputs = layers.Input((32, 32, 3))
      outputs = block(block(inputs))
    `);
    assert.deepEqual(await only(source), ['3:41-45']);
  });

  test('subclassed model: the layer made in __init__', async () => {
    const source = dedent(`
      import keras
      class Net(keras.Model):
          def __init__(self):
              super().__init__()
              self.conv = keras.layers.Conv2D(8, 3, use_bias=False)
              self.bn = keras.layers.BatchNormalization(momentum=0)
          def call(self, x):
              return self.bn(self.conv(x))
    `);
    assert.deepEqual(await only(source), ['5:50-60']);
  });
});

suite('LL301 stays quiet', () => {
  test('Keras-style momenta, a variable, and a BatchNormalization that is not Keras', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers, Sequential
        m = 0.1
        model = Sequential([
            layers.BatchNormalization(momentum=0.99),
            layers.BatchNormalization(momentum=0.5),
            layers.BatchNormalization(momentum=m),
            layers.BatchNormalization(),
            layers.Normalization(),
        ])
      `)),
      [],
    );
    assert.deepEqual(
      await only(dedent(`
        from mylib import BatchNormalization, Sequential
        model = Sequential([BatchNormalization(momentum=0.1)])
      `)),
      [],
    );
  });
});

suite('LL301 fix', () => {
  test('keyword value replaced, everything else kept', async () => {
    await assertFix(
      'LL301',
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Dense(8, use_bias=False),
            layers.BatchNormalization(momentum=0.1, epsilon=1e-3),  # from the PyTorch port
        ])
      `),
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Dense(8, use_bias=False),
            layers.BatchNormalization(momentum=0.9, epsilon=1e-3),  # from the PyTorch port
        ])
      `),
    );
  });

  test('positional value, no float noise', async () => {
    await assertFix(
      'LL301',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.BatchNormalization(-1, 0.03)(x)\n',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.BatchNormalization(-1, 0.97)(x)\n',
    );
  });
});
