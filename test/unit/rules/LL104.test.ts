// LL104 repeated-layer: a second BatchNormalization (removed) and a second dropout of the same class (merged, the
// only safe fix of the LL1xx rules), in every construction style.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL104 on BatchNormalization', () => {
  test('Sequential list: the second one goes with its line; its comment stays', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(8, use_bias=False),
          layers.BatchNormalization(),
          layers.BatchNormalization(),  # again
          layers.ReLU(),
      ])
    `);
    assert.deepEqual(await placesOf('LL104', source), ['4:4-31']);
    const [finding] = await findingsOf('LL104', source);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^BatchNormalization \(line 5\) directly follows another BatchNormalization \(line 4\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.applicability, f.preferred]), [['unsafe', true]]);
    await assertFix('LL104', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(8, use_bias=False),
          layers.BatchNormalization(),
          # again
          layers.ReLU(),
      ])
    `));
  });

  test('add chain', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Dense(8, use_bias=False))
      m.add(tf.keras.layers.BatchNormalization())
      m.add(tf.keras.layers.BatchNormalization(momentum=0.9))
      m.add(tf.keras.layers.ReLU())
    `);
    assert.deepEqual(await placesOf('LL104', source), ['4:6-54']);
    await assertFix('LL104', source, dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Dense(8, use_bias=False))
      m.add(tf.keras.layers.BatchNormalization())
      m.add(tf.keras.layers.ReLU())
    `));
  });

  test('a loop body that is a single BatchNormalization repeats itself: reported, no fix', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      for _ in range(3):
          m.add(tf.keras.layers.BatchNormalization())
    `);
    assert.deepEqual(await placesOf('LL104', source), ['3:10-46']);
    const [finding] = await findingsOf('LL104', source);
    assert.deepEqual(finding.fixes, []);
  });

  test('functional with a layer object bound first: the application and the binding go', async () => {
    const source = dedent(`
      from keras import layers
      bn2 = layers.BatchNormalization()
      def block(x):
          x = layers.BatchNormalization()(x)
          x = bn2(x)
          return layers.ReLU()(x)
    `);
    assert.deepEqual(await placesOf('LL104', source), ['4:8-14']);
    await assertFix('LL104', source, dedent(`
      from keras import layers
      def block(x):
          x = layers.BatchNormalization()(x)
          return layers.ReLU()(x)
    `));
  });

  test('nested calls: the outer one is replaced by its input', async () => {
    const source = dedent(`
      from keras import layers
      def block(x):
          return layers.ReLU()(layers.BatchNormalization()(layers.BatchNormalization()(x)))
    `);
    await assertFix('LL104', source, dedent(`
      from keras import layers
      def block(x):
          return layers.ReLU()(layers.BatchNormalization()(x))
    `));
  });

  test('subclass: the call and the attribute made for it go', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.bn1 = layers.BatchNormalization()
              self.bn2 = layers.BatchNormalization()
              self.act = layers.ReLU()
          def call(self, x):
              x = self.bn1(x)
              x = self.bn2(x)
              return self.act(x)
    `);
    assert.deepEqual(await placesOf('LL104', source), ['9:12-23']);
    await assertFix('LL104', source, dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.bn1 = layers.BatchNormalization()
              self.act = layers.ReLU()
          def call(self, x):
              x = self.bn1(x)
              return self.act(x)
    `));
  });
});

suite('LL104 on dropout', () => {
  test('one-line list: merged with rate 1-(1-a)(1-b), a safe fix', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.Dropout(0.5), layers.Dropout(0.2), layers.Dense(1)])
    `);
    assert.deepEqual(await placesOf('LL104', source), ['1:55-74']);
    const [finding] = await findingsOf('LL104', source);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Merge the two Dropout layers into one', 'safe', true]]);
    await assertFix('LL104', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.Dropout(0.6), layers.Dense(1)])
    `));
  });

  test('add chain with a keyword rate', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.SpatialDropout1D(rate=0.1))
      m.add(layers.SpatialDropout1D(0.1))  # more
      m.add(layers.Dense(1))
    `);
    await assertFix('LL104', source, dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.SpatialDropout1D(rate=0.19))
      # more
      m.add(layers.Dense(1))
    `));
  });

  test('nested functional calls keep the outer layer', async () => {
    const source = dedent(`
      from keras import layers
      def head(x):
          return layers.Dense(1)(layers.Dropout(0.3)(layers.Dropout(0.3)(x)))
    `);
    await assertFix('LL104', source, dedent(`
      from keras import layers
      def head(x):
          return layers.Dense(1)(layers.Dropout(0.51)(x))
    `));
  });

  test('subclass with training= arguments', async () => {
    const source = dedent(`
      import tensorflow as tf
      class Head(tf.keras.layers.Layer):
          def __init__(self):
              super().__init__()
              self.d1 = tf.keras.layers.Dropout(0.5)
              self.d2 = tf.keras.layers.Dropout(0.5)
              self.out = tf.keras.layers.Dense(1)
          def call(self, x, training=None):
              x = self.d1(x, training=training)
              x = self.d2(x, training=training)
              return self.out(x)
    `);
    await assertFix('LL104', source, dedent(`
      import tensorflow as tf
      class Head(tf.keras.layers.Layer):
          def __init__(self):
              super().__init__()
              self.d1 = tf.keras.layers.Dropout(0.75)
              self.out = tf.keras.layers.Dense(1)
          def call(self, x, training=None):
              x = self.d1(x, training=training)
              return self.out(x)
    `));
  });

  test('no merge for rates that are not literals, Gaussian dropout, or a noise_shape', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      def build(rate):
          return Sequential([layers.Flatten(), layers.Dropout(rate), layers.Dropout(0.2), layers.Dense(1)])
      g = Sequential([layers.Flatten(), layers.GaussianDropout(0.1), layers.GaussianDropout(0.1), layers.Dense(1)])
      n = Sequential([layers.Flatten(), layers.Dropout(0.1, noise_shape=(None, 1)), layers.Dropout(0.1), layers.Dense(1)])
    `);
    const found = await findingsOf('LL104', source);
    assert.equal(found.length, 3);
    assert.deepEqual(found.map((f) => f.fixes), [[], [], []]);
  });
});

suite('LL104 under an if', () => {
  test('a second dropout in one branch: no merge, the first rate also reaches the other branch', async () => {
    const source = dedent(`
      from keras import layers
      def head(x, strong):
          x = layers.Dropout(0.3)(x)
          if strong:
              x = layers.Dropout(0.2)(x)
          return layers.Dense(1)(x)
    `);
    const [finding] = await findingsOf('LL104', source);
    assert.deepEqual(finding.fixes, []);
  });
});

suite('LL104 does not fire', () => {
  test('different classes, or a layer between, in every style', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.Dropout(0.2), layers.SpatialDropout1D(0.2), layers.Dense(1)])
      b = Sequential()
      b.add(layers.BatchNormalization())
      b.add(layers.ReLU())
      b.add(layers.BatchNormalization())
      def block(x):
          x = layers.BatchNormalization()(x)
          x = layers.LayerNormalization()(x)
          return layers.Dense(1)(x)
      c = Sequential([layers.BatchNormalization()])
      d = Sequential([layers.BatchNormalization()])
    `);
    assert.deepEqual(await placesOf('LL104', source), []);
  });
});
