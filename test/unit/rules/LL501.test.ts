// LL501 batchnorm-small-batch: a model with BatchNormalization trained with a small literal batch size, whether
// fit says it or the dataset pipeline does.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string, minBatchSize?: number) =>
  placesOf('LL501', source, minBatchSize === undefined ? undefined : { options: { minBatchSize } });

suite('LL501 fires', () => {
  test('Sequential list, fit(batch_size=4), with message and related BN', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Conv2D(16, 3, use_bias=False),
          layers.BatchNormalization(),
          layers.ReLU(),
      ])
      model.compile(loss="mse")
      model.fit(x, y, batch_size=4, epochs=5)
    `);
    assert.deepEqual(await only(source), ['7:27-28']);
    const [finding] = await findingsOf('LL501', source);
    assert.equal(
      finding.message,
      'The model trained here (line 8) uses batches of 4, below 8, and contains BatchNormalization (line 4): with so few samples ' +
        'its batch statistics are noisy and its accuracy can drop sharply. Use larger batches, or GroupNormalization (or ' +
        'LayerNormalization), which do not depend on the batch.',
    );
    assert.deepEqual(finding.related.map((r) => source.slice(r.span.start, r.span.end)), ['layers.BatchNormalization()']);
    assert.deepEqual(finding.fixes, []);
  });

  test('add chain: batch size as fit’s third positional argument, and as a named constant', async () => {
    const source = dedent(`
      import keras
      BATCH = 2
      model = keras.Sequential()
      model.add(keras.layers.Dense(8))
      model.add(keras.layers.BatchNormalization())
      model.fit(x, y, 4)
      model.fit(x, y, batch_size=BATCH)
    `);
    assert.deepEqual(await only(source), ['5:16-17', '6:27-32']);
    assert.match((await findingsOf('LL501', source))[1].message, /uses batches of 2 \(set on line 2\), below 8/);
  });

  test('functional: .batch(N) on the dataset passed to fit, through names and method chains', async () => {
    const source = dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      inputs = layers.Input((32,))
      x = layers.Dense(64)(inputs)
      x = layers.BatchNormalization()(x)
      model = tf.keras.Model(inputs, layers.Dense(1)(x))
      ds = tf.data.Dataset.from_tensor_slices((features, labels)).shuffle(1000)
      ds = ds.batch(4, drop_remainder=True)
      train = ds.prefetch(tf.data.AUTOTUNE)
      model.fit(train, epochs=3)
      model.fit(x=ds.map(augment).padded_batch(6))
    `);
    assert.deepEqual(await only(source), ['7:14-15', '10:41-42']);
  });

  test('a Sequential model called inside a functional one: both contain its BatchNormalization', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        encoder = keras.Sequential([keras.layers.Dense(8), keras.layers.BatchNormalization()])
        inputs = keras.Input((4,))
        model = keras.Model(inputs, keras.layers.Dense(1)(encoder(inputs)))
        encoder.fit(x, y, batch_size=2)
        model.fit(x, y, batch_size=3)
      `)),
      ['4:29-30', '5:27-28'],
    );
  });

  test('batch_size=None leaves the batch to the dataset', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        model = keras.Sequential([keras.layers.Dense(8), keras.layers.BatchNormalization()])
        ds = dataset.batch(2)
        model.fit(ds, batch_size=None)
      `)),
      ['2:19-20'],
    );
  });

  test('a loader with batch_size=, and the minBatchSize option', async () => {
    const source = dedent(`
      import keras
      model = keras.Sequential([keras.layers.Dense(8), keras.layers.BatchNormalization()])
      flow = keras.preprocessing.image.ImageDataGenerator().flow(images, labels, batch_size=8)
      model.fit(flow)
    `);
    assert.deepEqual(await only(source), []);
    assert.deepEqual(await only(source, 16), ['2:86-87']);
  });
});

suite('LL501 stays quiet', () => {
  test('large or unknown batches, batch_size=None over a batched dataset, and models without BatchNormalization', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        model = keras.Sequential([keras.layers.Dense(8), keras.layers.BatchNormalization()])
        plain = keras.Sequential([keras.layers.Dense(8), keras.layers.LayerNormalization()])
        ds = dataset.batch(64)
        model.fit(x, y, batch_size=32)
        model.fit(x, y, batch_size=n)
        model.fit(ds, batch_size=None)
        model.fit(other_ds)
        model.evaluate(x, y, batch_size=1)
        plain.fit(x, y, batch_size=2)
      `)),
      [],
    );
  });
});
