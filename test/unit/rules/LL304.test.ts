// LL304 dropout-rate-looks-like-keep-prob: high literal rates and keep-named values, the threshold option, and
// the fix that turns a keep probability into a rate.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string, keepProbThreshold?: number) =>
  placesOf('LL304', source, keepProbThreshold === undefined ? undefined : { options: { keepProbThreshold } });

suite('LL304 fires', () => {
  test('Sequential list: a high literal', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Dense(64, activation="relu"),
          layers.Dropout(0.9),
          layers.Dense(1),
      ])
    `);
    assert.deepEqual(await only(source), ['3:19-22']);
    const [finding] = await findingsOf('LL304', source);
    assert.equal(
      finding.message,
      "Dropout (line 4) drops 90% of its inputs in training (rate=0.9). In Keras the rate is the fraction dropped; TF1's keep_prob " +
        'was the fraction kept. If 0.9 was meant to be kept, use rate=0.1.',
    );
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Treat the value as a keep probability: rate=0.1', 'unsafe', false]]);
  });

  test('add chain with a keep-named variable, functional with a keep-named attribute', async () => {
    assert.deepEqual(
      await only(dedent(`
        import tensorflow as tf
        keep_prob = 0.5
        model = tf.keras.Sequential()
        model.add(tf.keras.layers.Dropout(keep_prob))
      `)),
      ['3:34-43'],
    );
    const functional = dedent(`
      from keras import layers
      x = layers.Input((8,))
      y = layers.Dropout(rate=cfg.KeepRate)(x)
    `);
    assert.deepEqual(await only(functional), ['2:19-36']);
    assert.equal(
      (await findingsOf('LL304', functional))[0].message,
      'Dropout (line 3) takes its rate from `cfg.KeepRate`, which by its name holds a keep probability. In Keras the rate is the ' +
        'fraction dropped, so this drops the fraction meant to be kept; use rate=1 - cfg.KeepRate.',
    );
  });

  test('subclass, and the threshold option', async () => {
    const source = dedent(`
      import keras
      class Head(keras.layers.Layer):
          def __init__(self):
              super().__init__()
              self.drop = keras.layers.SpatialDropout1D(0.75)
          def call(self, x):
              return self.drop(x)
    `);
    assert.deepEqual(await only(source), []);
    assert.deepEqual(await only(source, 0.7), ['4:50-54']);
  });
});

suite('LL304 stays quiet', () => {
  test('ordinary rates, already converted keep probabilities, and invalid rates (LL303 has those)', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers, models
        keep_prob = 0.8
        model = models.Sequential([
            layers.Dropout(0.5),
            layers.Dropout(0.79),
            layers.Dropout(1 - keep_prob),
            layers.Dropout(drop_rate),
            layers.Dropout(1.0),
        ])
      `)),
      [],
    );
  });
});

suite('LL304 fix', () => {
  test('literal: 1 - r without float noise', async () => {
    await assertFix(
      'LL304',
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Dense(64),
            layers.Dropout(0.85, seed=1),  # ported from TF1
            layers.Dense(1),
        ])
      `),
      dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Dense(64),
            layers.Dropout(0.15, seed=1),  # ported from TF1
            layers.Dense(1),
        ])
      `),
    );
  });

  test('name: 1 - name', async () => {
    await assertFix(
      'LL304',
      'from keras import layers\nx = layers.Input((8,))\ny = layers.Dropout(rate=keep_prob)(x)\n',
      'from keras import layers\nx = layers.Input((8,))\ny = layers.Dropout(rate=1 - keep_prob)(x)\n',
    );
  });
});
