// LL201 batchnorm-after-output in every construction style, and the fix that moves it before the output layer.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL201 fires', () => {
  test('Sequential list: the last layer, after a softmax output', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Flatten(),
          layers.Dense(10, activation="softmax"),  # classes
          layers.BatchNormalization(),
      ])
    `);
    assert.deepEqual(await placesOf('LL201', source), ['4:4-31']);
    const [finding] = await findingsOf('LL201', source);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^BatchNormalization \(line 5\) is applied to the model's output, after the output layer Dense \(line 4\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Move BatchNormalization before Dense', 'unsafe', true]]);
    await assertFix('LL201', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Flatten(),
          layers.BatchNormalization(),  # classes
          layers.Dense(10, activation="softmax"),
      ])
    `));
  });

  test('add chain: moved before the output layer, across its activation', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Flatten())
      m.add(tf.keras.layers.Dense(1))
      m.add(tf.keras.layers.Activation("sigmoid"))
      m.add(tf.keras.layers.BatchNormalization())
    `);
    assert.deepEqual(await placesOf('LL201', source), ['5:6-42']);
    await assertFix('LL201', source, dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Flatten())
      m.add(tf.keras.layers.BatchNormalization())
      m.add(tf.keras.layers.Dense(1))
      m.add(tf.keras.layers.Activation("sigmoid"))
    `));
  });

  test('functional model: statements rotate, the variables stay', async () => {
    const source = dedent(`
      from keras import layers, Input, Model
      inputs = Input((8,))
      h = layers.Flatten()(inputs)
      x = layers.Dense(3)(h)
      x = layers.Softmax()(x)
      outputs = layers.BatchNormalization()(x)
      model = Model(inputs, outputs)
    `);
    assert.deepEqual(await placesOf('LL201', source), ['5:10-37']);
    await assertFix('LL201', source, dedent(`
      from keras import layers, Input, Model
      inputs = Input((8,))
      h = layers.Flatten()(inputs)
      x = layers.BatchNormalization()(h)
      x = layers.Dense(3)(x)
      outputs = layers.Softmax()(x)
      model = Model(inputs, outputs)
    `));
  });

  test('a helper function that builds the head of a functional model', async () => {
    const source = dedent(`
      from keras import layers, Input, Model
      def head(x):
          x = layers.Dense(10, activation="softmax")(x)
          return layers.BatchNormalization()(x)
      inputs = Input((8,))
      model = Model(inputs, head(layers.Flatten()(inputs)))
    `);
    assert.deepEqual(await placesOf('LL201', source), ['3:11-38']);
    await assertFix('LL201', source, dedent(`
      from keras import layers, Input, Model
      def head(x):
          x = layers.BatchNormalization()(x)
          return layers.Dense(10, activation="softmax")(x)
      inputs = Input((8,))
      model = Model(inputs, head(layers.Flatten()(inputs)))
    `));
  });

  test('subclass: the returned value', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.flat = layers.Flatten()
              self.out = layers.Dense(1)
              self.bn = layers.BatchNormalization()
          def call(self, x):
              return self.bn(self.out(self.flat(x)))
    `);
    assert.deepEqual(await placesOf('LL201', source), ['8:15-46']);
    await assertFix('LL201', source, dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.flat = layers.Flatten()
              self.out = layers.Dense(1)
              self.bn = layers.BatchNormalization()
          def call(self, x):
              return self.out(self.bn(self.flat(x)))
    `));
  });

  test('after a softmax output even when a dropout follows it', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.Dense(3, activation="softmax"), layers.BatchNormalization(), layers.Dropout(0.1)])
    `);
    assert.deepEqual(await placesOf('LL201', source), ['1:73-100']);
    await assertFix('LL201', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.BatchNormalization(), layers.Dense(3, activation="softmax"), layers.Dropout(0.1)])
    `));
  });
});

suite('LL201 does not fire', () => {
  test('BatchNormalization feeding the output layer, in every style', async () => {
    const source = dedent(`
      from keras import layers, Sequential, Input, Model
      a = Sequential([layers.Flatten(), layers.BatchNormalization(), layers.Dense(10, activation="softmax")])
      b = Sequential()
      b.add(layers.Flatten())
      b.add(layers.BatchNormalization())
      b.add(layers.Dense(1))
      inputs = Input((4,))
      outputs = layers.Dense(1)(layers.BatchNormalization()(inputs))
      c = Model(inputs, outputs)
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.bn = layers.BatchNormalization()
              self.out = layers.Dense(1)
          def call(self, x):
              return self.out(self.bn(x))
    `);
    assert.deepEqual(await placesOf('LL201', source), []);
  });

  test('a helper whose result is not known to be a model output', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          x = layers.Dense(8, use_bias=False)(x)
          return layers.BatchNormalization()(x)
    `);
    assert.deepEqual(await placesOf('LL201', source), []);
  });
});
