// LL402 training-mode-forced: training=True on a Dropout-family or BatchNormalization call.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL402', source);

suite('LL402 fires', () => {
  test('functional: Dropout and BatchNormalization, with the messages', async () => {
    const source = dedent(`
      from tensorflow.keras import layers
      inputs = layers.Input((16,))
      x = layers.Dense(32)(inputs)
      x = layers.BatchNormalization()(x, training=True)
      x = layers.Dropout(0.3)(x, training=True)
    `);
    assert.deepEqual(await only(source), ['3:35-48', '4:27-40']);
    const found = await findingsOf('LL402', source);
    assert.deepEqual(
      found.map((f) => f.message),
      [
        'BatchNormalization (line 4) is called with training=True: it normalizes each batch with its own statistics and keeps updating ' +
          'the moving ones, even in predict and evaluate. Leave `training` out and Keras sets the mode itself (fit trains, predict and evaluate infer).',
        'Dropout (line 5) is called with training=True: it keeps dropping units at inference too, so predictions are random. ' +
          'Leave `training` out and Keras sets the mode itself (fit trains, predict and evaluate infer).',
      ],
    );
    assert.deepEqual(found[1].fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Remove training=True', 'unsafe', false]]);
  });

  test('a layer object bound to a name, in a helper function', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        drop = keras.layers.GaussianDropout(0.1)
        def head(x):
            return drop(x, training=True)
        out = head(keras.Input((4,)))
      `)),
      ['3:19-32'],
    );
  });

  test('subclass call()', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        class MCDropoutNet(keras.Model):
            def __init__(self):
                super().__init__()
                self.dense = keras.layers.Dense(8)
                self.drop = keras.layers.Dropout(0.5)
            def call(self, x):
                return self.drop(self.dense(x), training=True)
      `)),
      ['7:40-53'],
    );
  });
});

suite('LL402 stays quiet', () => {
  test('training passed through, training=False, other layers, and list/add styles that have no call', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        class Block(keras.layers.Layer):
            def __init__(self):
                super().__init__()
                self.bn = keras.layers.BatchNormalization()
                self.dense = keras.layers.Dense(4)
                self.noise = keras.layers.GaussianNoise(0.1)
            def call(self, x, training=None):
                x = self.dense(x, training=True)
                x = self.noise(x, training=True)
                return self.bn(x, training=training)
        inputs = keras.Input((4,))
        y = keras.layers.Dropout(0.2)(inputs, training=False)
        model = keras.Sequential([keras.layers.Dropout(0.2)])
        model.add(keras.layers.BatchNormalization())
      `)),
      [],
    );
  });
});

suite('LL402 fix', () => {
  test('removes the argument and its comma', async () => {
    await assertFix(
      'LL402',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.Dropout(0.2)(x, training=True)  # MC dropout?\n',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.Dropout(0.2)(x)  # MC dropout?\n',
    );
  });

  test('multi-line call', async () => {
    await assertFix(
      'LL402',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.BatchNormalization()(\n    x,\n    training=True,\n)\n',
      'from keras import layers\nx = layers.Input((4,))\ny = layers.BatchNormalization()(\n    x,\n)\n',
    );
  });
});
