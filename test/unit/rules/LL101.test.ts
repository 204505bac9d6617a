// LL101 dropout-before-batchnorm in every construction style, and its swap fix.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL101 fires', () => {
  test('Sequential list, with the BatchNormalization right after', async () => {
    const source = dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      model = tf.keras.Sequential([
          layers.Flatten(),
          layers.Dropout(0.3),  # regularize
          layers.BatchNormalization(),
          layers.Dense(10),
      ])
    `);
    assert.deepEqual(await placesOf('LL101', source), ['4:4-23']);
    const [finding] = await findingsOf('LL101', source);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Dropout \(line 5\) feeds BatchNormalization \(line 6\)/);
    const bn = source.indexOf('layers.BatchNormalization()');
    assert.deepEqual(finding.related.map((r) => r.span), [{ start: bn, end: bn + 'layers.BatchNormalization()'.length }]);
    assert.deepEqual(finding.fixes.map((f) => [f.applicability, f.preferred]), [['unsafe', true]]);
    // The elements trade places; the comment and the commas stay where they were.
    await assertFix('LL101', source, dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      model = tf.keras.Sequential([
          layers.Flatten(),
          layers.BatchNormalization(),  # regularize
          layers.Dropout(0.3),
          layers.Dense(10),
      ])
    `));
  });

  test('through activation layers only; the activations stay between', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.SpatialDropout1D(0.2), layers.ReLU(), layers.BatchNormalization(), layers.Dense(1)])
    `);
    assert.deepEqual(await placesOf('LL101', source), ['1:34-62']);
    await assertFix('LL101', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.BatchNormalization(), layers.ReLU(), layers.SpatialDropout1D(0.2), layers.Dense(1)])
    `));
  });

  test('through a long run of activation layers', async () => {
    const activations = Array.from({ length: 20 }, () => 'layers.ReLU()').join(', ');
    const source = `from keras import layers, Sequential\nm = Sequential([layers.Dropout(0.2), ${activations}, layers.BatchNormalization()])\n`;
    assert.deepEqual(await placesOf('LL101', source), ['1:16-35']);
  });

  test('add chain inside a loop: the statements swap with their comments', async () => {
    const source = dedent(`
      from tensorflow import keras
      model = keras.Sequential()
      model.add(keras.layers.Flatten())
      for units in [64, 32]:
          model.add(keras.layers.Dense(units, use_bias=False))
          model.add(keras.layers.Dropout(0.5))  # heavy
          model.add(keras.layers.BatchNormalization())
    `);
    assert.deepEqual(await placesOf('LL101', source), ['5:14-39']);
    await assertFix('LL101', source, dedent(`
      from tensorflow import keras
      model = keras.Sequential()
      model.add(keras.layers.Flatten())
      for units in [64, 32]:
          model.add(keras.layers.Dense(units, use_bias=False))
          model.add(keras.layers.BatchNormalization())
          model.add(keras.layers.Dropout(0.5))  # heavy
    `));
  });

  test('functional statements: the layers trade places, the variables stay', async () => {
    const source = dedent(`
      from keras import Input, Model
      from keras.layers import Dense, Dropout, BatchNormalization
      inputs = Input((16,))
      x = Dropout(.3)(inputs)
      x = BatchNormalization()(x)
      outputs = Dense(1)(x)
      model = Model(inputs, outputs)
    `);
    assert.deepEqual(await placesOf('LL101', source), ['3:4-15']);
    await assertFix('LL101', source, dedent(`
      from keras import Input, Model
      from keras.layers import Dense, Dropout, BatchNormalization
      inputs = Input((16,))
      x = BatchNormalization()(inputs)
      x = Dropout(.3)(x)
      outputs = Dense(1)(x)
      model = Model(inputs, outputs)
    `));
  });

  test('nested calls', async () => {
    const source = dedent(`
      from keras import layers
      def head(x):
          return layers.BatchNormalization()(layers.Dropout(.3)(x))
    `);
    assert.deepEqual(await placesOf('LL101', source), ['2:39-57']);
    await assertFix('LL101', source, dedent(`
      from keras import layers
      def head(x):
          return layers.Dropout(.3)(layers.BatchNormalization()(x))
    `));
  });

  test('a helper function called twice is reported once, at the helper', async () => {
    const source = dedent(`
      from keras import layers, Input
      def block(x, units):
          x = layers.Dense(units, use_bias=False)(x)
          x = layers.Dropout(0.2)(x)
          return layers.BatchNormalization()(x)
      inputs = Input((8,))
      h = block(inputs, 64)
      h = block(h, 32)
    `);
    assert.deepEqual(await placesOf('LL101', source), ['3:8-27']);
    await assertFix('LL101', source, dedent(`
      from keras import layers, Input
      def block(x, units):
          x = layers.Dense(units, use_bias=False)(x)
          x = layers.BatchNormalization()(x)
          return layers.Dropout(0.2)(x)
      inputs = Input((8,))
      h = block(inputs, 64)
      h = block(h, 32)
    `));
  });

  test('a layer object bound to a name first', async () => {
    const source = dedent(`
      from keras import layers
      drop = layers.Dropout(0.2)
      norm = layers.BatchNormalization()
      def forward(h):
          h = drop(h)
          h = norm(h)
          return h
    `);
    assert.deepEqual(await placesOf('LL101', source), ['4:8-15']);
    await assertFix('LL101', source, dedent(`
      from keras import layers
      drop = layers.Dropout(0.2)
      norm = layers.BatchNormalization()
      def forward(h):
          h = norm(h)
          h = drop(h)
          return h
    `));
  });

  test('subclass call(): the attributes swap, training= stays with the dropout', async () => {
    const source = dedent(`
      import tensorflow as tf
      class Head(tf.keras.Model):
          def __init__(self):
              super().__init__()
              self.drop = tf.keras.layers.Dropout(0.5)
              self.bn = tf.keras.layers.BatchNormalization()
              self.out = tf.keras.layers.Dense(1)
          def call(self, x, training=False):
              x = self.drop(x, training=training)
              x = self.bn(x)
              return self.out(x)
    `);
    assert.deepEqual(await placesOf('LL101', source), ['8:12-43']);
    await assertFix('LL101', source, dedent(`
      import tensorflow as tf
      class Head(tf.keras.Model):
          def __init__(self):
              super().__init__()
              self.drop = tf.keras.layers.Dropout(0.5)
              self.bn = tf.keras.layers.BatchNormalization()
              self.out = tf.keras.layers.Dense(1)
          def call(self, x, training=False):
              x = self.bn(x)
              x = self.drop(x, training=training)
              return self.out(x)
    `));
  });
});

suite('LL101 does not fire', () => {
  test('a weight layer between, in every style', async () => {
    const source = dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      a = tf.keras.Sequential([layers.Dropout(0.3), layers.Dense(8), layers.BatchNormalization()])
      b = tf.keras.Sequential()
      b.add(layers.Dropout(0.3))
      b.add(layers.Conv1D(8, 3))
      b.add(layers.BatchNormalization())
      def block(x):
          x = layers.Dropout(0.3)(x)
          x = layers.Dense(8)(x)
          return layers.BatchNormalization()(x)
      class M(tf.keras.Model):
          def __init__(self):
              super().__init__()
              self.drop = layers.Dropout(0.5)
              self.dense = layers.Dense(4)
              self.bn = layers.BatchNormalization()
          def call(self, x):
              return self.bn(self.dense(self.drop(x)))
    `);
    assert.deepEqual(await placesOf('LL101', source), []);
  });

  test('two models, preprocessing Normalization, and a class of our own named BatchNormalization', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      class BatchNormalization:
          pass
      a = Sequential([layers.Dropout(0.2)])
      b = Sequential([layers.BatchNormalization()])
      c = Sequential([layers.Dropout(0.2), layers.Normalization()])
      d = Sequential([layers.Dropout(0.2), BatchNormalization()])
    `);
    assert.deepEqual(await placesOf('LL101', source), []);
  });

  test('dropout after the normalization', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(8, use_bias=False), layers.BatchNormalization(), layers.Dropout(0.2), layers.Dense(1)])
    `);
    assert.deepEqual(await placesOf('LL101', source), []);
  });
});

suite('LL101 offers no swap when it would be wrong', () => {
  test('the intermediate tensor is read again later', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          h = layers.Dropout(0.3)(x)
          y = layers.BatchNormalization()(h)
          return y, h
    `);
    const [finding] = await findingsOf('LL101', source);
    assert.deepEqual(finding.fixes, []);
  });

  test('the intermediate tensor is read again in the same statement', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          h = layers.Dropout(0.3)(x)
          y = layers.BatchNormalization()(h) + h
          return y
    `);
    const [finding] = await findingsOf('LL101', source);
    assert.deepEqual(finding.fixes, []);
  });

  test('the dropout also feeds another layer', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          x = layers.Dropout(0.3)(x)
          a = layers.BatchNormalization()(x)
          b = layers.Dense(4)(x)
          return layers.Concatenate()([a, b])
    `);
    const [finding] = await findingsOf('LL101', source);
    assert.deepEqual(finding.fixes, []);
  });

  test('the swap would only trade this warning for another (a BatchNormalization or dropout before, the same dropout after)', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.BatchNormalization(), layers.Dropout(0.2), layers.BatchNormalization(), layers.Dense(1)])
      b = Sequential([layers.Dropout(0.5), layers.Dropout(0.2), layers.BatchNormalization(), layers.Dense(1)])
      c = Sequential([layers.Dense(4), layers.Dropout(0.2), layers.BatchNormalization(), layers.Dropout(0.1), layers.Dense(1)])
    `);
    const found = await findingsOf('LL101', source);
    assert.deepEqual(found.map((f) => [f.message.slice(0, 16), f.fixes]), [
      ['Dropout (line 2)', []],
      ['Dropout (line 3)', []],
      ['Dropout (line 4)', []],
    ]);
  });

  test('one add statement in a loop over a list of layers stands for both', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential()
      for layer in [layers.Flatten(), layers.Dropout(0.2), layers.BatchNormalization(), layers.Dense(1)]:
          m.add(layer)
    `);
    assert.deepEqual(await placesOf('LL101', source), ['3:10-15']);
    const [finding] = await findingsOf('LL101', source);
    assert.deepEqual(finding.fixes, []);
  });

  test('the two layers sit in different branches of an if', async () => {
    const source = dedent(`
      from keras import layers
      def block(x, regularize):
          if regularize:
              x = layers.Dropout(0.3)(x)
          x = layers.BatchNormalization()(x)
          return x
    `);
    const [finding] = await findingsOf('LL101', source);
    assert.deepEqual(finding.fixes, []);
  });
});
