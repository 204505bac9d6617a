// LL303 dropout-rate-invalid: rates outside [0, 1), on the argument, for every dropout class and style.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL303', source);

suite('LL303 fires', () => {
  test('Sequential list: rate 1 and a negative rate', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Dense(64, activation="relu"),
          layers.Dropout(1),
          layers.Dense(64, activation="relu"),
          layers.Dropout(rate=-0.2),
          layers.Dense(1),
      ])
    `);
    assert.deepEqual(await only(source), ['3:19-20', '5:19-28']);
    const found = await findingsOf('LL303', source);
    assert.deepEqual(
      found.map((f) => [f.severity, f.message, f.fixes.length]),
      [
        ['error', 'Dropout (line 4) has rate=1, outside [0, 1): it would drop every unit in training, so nothing reaches the next layer. The rate is the fraction of units dropped.', 0],
        ['error', 'Dropout (line 6) has rate=-0.2, outside [0, 1): Keras rejects it when the layer is created. The rate is the fraction of units dropped.', 0],
      ],
    );
  });

  test('add chain, functional, subclass', async () => {
    assert.deepEqual(
      await only(dedent(`
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.add(tf.keras.layers.SpatialDropout2D(1.5))
      `)),
      ['2:43-46'],
    );
    assert.deepEqual(
      await only(dedent(`
        from keras import layers
        x = layers.Input((8,))
        drop = layers.GaussianDropout(rate=2.0)
        y = drop(x)
      `)),
      ['2:30-38'],
    );
    assert.deepEqual(
      await only(dedent(`
        import keras
        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.drop = keras.layers.AlphaDropout(1.0)
            def call(self, x):
                return self.drop(x)
      `)),
      ['4:46-49'],
    );
  });
});

suite('LL303 stays quiet', () => {
  test('valid and unknown rates, and dropout that is not a Keras layer', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers, models
        r = 1.5
        model = models.Sequential([
            layers.Dropout(0),
            layers.Dropout(0.99),
            layers.Dropout(r),
            layers.GaussianNoise(2.0),
        ])
      `)),
      [],
    );
    assert.deepEqual(await only('from torch.nn import Dropout\nfrom keras import Sequential\nm = Sequential([Dropout(1.5)])\n'), []);
  });
});
