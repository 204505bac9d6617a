// LL102 batchnorm-after-activation: both triggers (activation layer, inline activation), the activationOrder
// option, and both fixes in every construction style.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL102 after an activation layer', () => {
  test('Sequential list: fires on the normalization, swap fix', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(64, use_bias=False),
          layers.ReLU(),
          layers.BatchNormalization(),  # normalize
          layers.Dense(10),
      ])
    `);
    assert.deepEqual(await placesOf('LL102', source), ['4:4-31']);
    const [finding] = await findingsOf('LL102', source);
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /^BatchNormalization \(line 5\) follows ReLU \(line 4\)/);
    await assertFix('LL102', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(64, use_bias=False),
          layers.BatchNormalization(),
          layers.ReLU(),  # normalize
          layers.Dense(10),
      ])
    `));
  });

  test('add chain in a loop', async () => {
    const source = dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      for filters in (32, 64):
          model.add(tf.keras.layers.Conv2D(filters, 3, use_bias=False))
          model.add(tf.keras.layers.Activation("relu"))
          model.add(tf.keras.layers.BatchNormalization())
      model.add(tf.keras.layers.Flatten())
      model.add(tf.keras.layers.Dense(10))
    `);
    assert.deepEqual(await placesOf('LL102', source), ['5:14-50']);
    await assertFix('LL102', source, dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      for filters in (32, 64):
          model.add(tf.keras.layers.Conv2D(filters, 3, use_bias=False))
          model.add(tf.keras.layers.BatchNormalization())
          model.add(tf.keras.layers.Activation("relu"))
      model.add(tf.keras.layers.Flatten())
      model.add(tf.keras.layers.Dense(10))
    `));
  });

  test('bound layer objects in a helper function', async () => {
    const source = dedent(`
      from keras import layers
      act = layers.LeakyReLU()
      def block(x):
          x = layers.Dense(8, use_bias=False)(x)
          x = act(x)
          x = layers.BatchNormalization()(x)
          return layers.Dense(1)(x)
    `);
    assert.deepEqual(await placesOf('LL102', source), ['5:8-35']);
    await assertFix('LL102', source, dedent(`
      from keras import layers
      act = layers.LeakyReLU()
      def block(x):
          x = layers.Dense(8, use_bias=False)(x)
          x = layers.BatchNormalization()(x)
          x = act(x)
          return layers.Dense(1)(x)
    `));
  });
});

suite('LL102 after an inline activation', () => {
  test('Sequential list: use_bias=False replaces the activation, Activation goes after the normalization', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, activation="relu"),  # features
          layers.BatchNormalization(),
          layers.Flatten(),
          layers.Dense(10),
      ])
    `);
    assert.deepEqual(await placesOf('LL102', source), ['3:4-31']);
    const [finding] = await findingsOf('LL102', source);
    assert.match(finding.message, /follows Conv2D with activation="relu" \(line 3\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Move the activation after BatchNormalization', 'unsafe', true]]);
    await assertFix('LL102', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, use_bias=False),  # features
          layers.BatchNormalization(),
          layers.Activation("relu"),
          layers.Flatten(),
          layers.Dense(10),
      ])
    `));
  });

  test('one-line list', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(64, activation="tanh"), layers.BatchNormalization(), layers.Dense(1)])
    `);
    await assertFix('LL102', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(64, use_bias=False), layers.BatchNormalization(), layers.Activation("tanh"), layers.Dense(1)])
    `));
  });

  test('add chain with a positional activation and bare names: the import is extended', async () => {
    const source = dedent(`
      from keras.models import Sequential
      from keras.layers import Dense, BatchNormalization
      m = Sequential()
      m.add(Dense(64, "relu"))
      m.add(BatchNormalization())
      m.add(Dense(1))
    `);
    assert.deepEqual(await placesOf('LL102', source), ['4:6-26']);
    await assertFix('LL102', source, dedent(`
      from keras.models import Sequential
      from keras.layers import Dense, BatchNormalization, Activation
      m = Sequential()
      m.add(Dense(64, use_bias=False))
      m.add(BatchNormalization())
      m.add(Activation("relu"))
      m.add(Dense(1))
    `));
  });

  test('functional, with use_bias written: it is set, the activation removed', async () => {
    const source = dedent(`
      import tensorflow as tf
      inputs = tf.keras.Input((8,))
      x = tf.keras.layers.Dense(64, activation="relu", use_bias=True)(inputs)
      x = tf.keras.layers.BatchNormalization(momentum=0.9)(x)
      outputs = tf.keras.layers.Dense(1)(x)
      model = tf.keras.Model(inputs, outputs)
    `);
    assert.deepEqual(await placesOf('LL102', source), ['3:4-52']);
    await assertFix('LL102', source, dedent(`
      import tensorflow as tf
      inputs = tf.keras.Input((8,))
      x = tf.keras.layers.Dense(64, use_bias=False)(inputs)
      x = tf.keras.layers.BatchNormalization(momentum=0.9)(x)
      x = tf.keras.layers.Activation("relu")(x)
      outputs = tf.keras.layers.Dense(1)(x)
      model = tf.keras.Model(inputs, outputs)
    `));
  });

  test('nested call: the normalization is wrapped', async () => {
    const source = dedent(`
      from keras import layers
      def head(x):
          return layers.Dense(1)(layers.BatchNormalization()(layers.Dense(8, activation="elu")(x)))
    `);
    await assertFix('LL102', source, dedent(`
      from keras import layers
      def head(x):
          return layers.Dense(1)(layers.Activation("elu")(layers.BatchNormalization()(layers.Dense(8, use_bias=False)(x))))
    `));
  });

  test('subclass: a new attribute beside the normalization, called after it', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.dense = layers.Dense(64, activation='gelu')
              self.bn = layers.BatchNormalization()
              self.out = layers.Dense(1)
          def call(self, x):
              x = self.dense(x)
              x = self.bn(x)
              return self.out(x)
    `);
    assert.deepEqual(await placesOf('LL102', source), ['9:12-22']);
    await assertFix('LL102', source, dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.dense = layers.Dense(64, use_bias=False)
              self.bn = layers.BatchNormalization()
              self.bn_activation = layers.Activation('gelu')
              self.out = layers.Dense(1)
          def call(self, x):
              x = self.dense(x)
              x = self.bn(x)
              x = self.bn_activation(x)
              return self.out(x)
    `));
  });
});

suite('LL102 in call() with layers made on the spot', () => {
  test('the activation is applied on the spot too', async () => {
    const source = dedent(`
      import tensorflow as tf
      class Block(tf.keras.layers.Layer):
          def call(self, x):
              x = tf.keras.layers.Dense(8, activation="relu")(x)
              x = tf.keras.layers.BatchNormalization()(x)
              return tf.keras.layers.Dense(1)(x)
    `);
    assert.deepEqual(await placesOf('LL102', source), ['4:12-48']);
    await assertFix('LL102', source, dedent(`
      import tensorflow as tf
      class Block(tf.keras.layers.Layer):
          def call(self, x):
              x = tf.keras.layers.Dense(8, use_bias=False)(x)
              x = tf.keras.layers.BatchNormalization()(x)
              x = tf.keras.layers.Activation("relu")(x)
              return tf.keras.layers.Dense(1)(x)
    `));
  });
});

suite('LL102 without a fix', () => {
  test('an inline activation on a layer object applied twice stays', async () => {
    const source = dedent(`
      from keras import layers
      shared = layers.Dense(8, activation="relu")
      def twin(a, b):
          x = layers.BatchNormalization()(shared(a))
          return layers.Concatenate()([layers.Dense(1)(x), shared(b)])
    `);
    const [finding] = await findingsOf('LL102', source);
    assert.deepEqual(finding.fixes, []);
  });
});

suite('LL102 does not fire', () => {
  test('normalization before the activation, linear activations, and the output normalization LL201 reports', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.Dense(8, use_bias=False), layers.BatchNormalization(), layers.ReLU(), layers.Dense(1)])
      b = Sequential([layers.Dense(8, activation="linear", use_bias=False), layers.BatchNormalization(), layers.Dense(1)])
      c = Sequential([layers.Dense(8, use_bias=False), layers.Activation("linear"), layers.BatchNormalization(), layers.Dense(1)])
      d = Sequential([layers.Dense(8), layers.Dense(3, activation="softmax"), layers.BatchNormalization()])
    `);
    assert.deepEqual(await placesOf('LL102', source), []);
  });

  test('a pre-activation block (He et al. 2016) is fine under the default order', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          h = layers.BatchNormalization()(x)
          h = layers.ReLU()(h)
          h = layers.Conv2D(16, 3, use_bias=False)(h)
          return layers.Add()([x, h])
    `);
    assert.deepEqual(await placesOf('LL102', source), []);
  });

  test('an activation held in a variable is not known to be one', async () => {
    const source = dedent(`
      from keras import layers
      def block(x, act):
          x = layers.Dense(8, activation=act)(x)
          return layers.Dense(1)(layers.BatchNormalization()(x))
    `);
    assert.deepEqual(await placesOf('LL102', source), []);
  });
});

suite('LL102 activationOrder', () => {
  const source = dedent(`
    from keras import layers, Sequential
    m = Sequential([layers.Dense(8, use_bias=False), layers.BatchNormalization(), layers.ReLU(), layers.Dense(4, use_bias=False), layers.ReLU(), layers.BatchNormalization(), layers.Dense(1)])
  `);

  test('"after" flags normalization before an activation instead', async () => {
    assert.deepEqual(await placesOf('LL102', source, { options: { activationOrder: 'after' } }), ['1:49-76']);
    const [finding] = await findingsOf('LL102', source, { options: { activationOrder: 'after' } });
    assert.match(finding.message, /^BatchNormalization \(line 2\) comes before ReLU \(line 2\)/);
    await assertFix('LL102', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(8, use_bias=False), layers.ReLU(), layers.BatchNormalization(), layers.Dense(4, use_bias=False), layers.ReLU(), layers.BatchNormalization(), layers.Dense(1)])
    `), { options: { activationOrder: 'after' } });
  });

  test('"before" (the default) flags the other one, "either" none', async () => {
    assert.deepEqual(await placesOf('LL102', source), ['1:141-168']);
    assert.deepEqual(await placesOf('LL102', source, { options: { activationOrder: 'either' } }), []);
  });
});
