// LL202 dropout-after-output in every construction style, and the fix that moves it before the output layer.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL202 fires', () => {
  test('Sequential list: after the output layer', async () => {
    const source = dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      model = tf.keras.Sequential([
          layers.Flatten(),
          layers.Dense(10, activation="softmax"),
          layers.Dropout(0.5),  # regularize
      ])
    `);
    assert.deepEqual(await placesOf('LL202', source), ['5:4-23']);
    const [finding] = await findingsOf('LL202', source);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Dropout \(line 6\) comes after the output layer Dense \(line 5\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Move Dropout before Dense', 'unsafe', true]]);
    await assertFix('LL202', source, dedent(`
      import tensorflow as tf
      from tensorflow.keras import layers
      model = tf.keras.Sequential([
          layers.Flatten(),
          layers.Dropout(0.5),
          layers.Dense(10, activation="softmax"),  # regularize
      ])
    `));
  });

  test('no move when a BatchNormalization stands between: it would be left as the output (LL201)', async () => {
    const source = dedent(`
      from keras import layers, models
      encoder = models.Sequential([layers.Dense(32, activation="relu"), layers.BatchNormalization(), layers.Dropout(0.25)])
    `);
    const [finding] = await findingsOf('LL202', source);
    assert.deepEqual([finding.message.slice(0, 16), finding.fixes], ['Dropout (line 2)', []]);
  });

  test('the only layer of a model: reported without a fix', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dropout(0.5)])
    `);
    assert.deepEqual(await placesOf('LL202', source), ['1:16-35']);
    const [finding] = await findingsOf('LL202', source);
    assert.match(finding.message, /^Dropout \(line 2\) is the model's last layer/);
    assert.deepEqual(finding.fixes, []);
  });

  test('add chain: the add statements rotate with their comments', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.Dense(1))  # score
      m.add(layers.Activation("sigmoid"))
      m.add(layers.GaussianDropout(0.1))  # noise
    `);
    assert.deepEqual(await placesOf('LL202', source), ['5:6-33']);
    await assertFix('LL202', source, dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.GaussianDropout(0.1))  # noise
      m.add(layers.Dense(1))  # score
      m.add(layers.Activation("sigmoid"))
    `));
  });

  test('functional model with nested calls', async () => {
    const source = dedent(`
      from keras import layers, Input, Model
      inputs = Input((8,))
      outputs = layers.Dropout(0.2)(layers.Dense(1)(inputs))
      model = Model(inputs=inputs, outputs=outputs)
    `);
    assert.deepEqual(await placesOf('LL202', source), ['2:10-29']);
    await assertFix('LL202', source, dedent(`
      from keras import layers, Input, Model
      inputs = Input((8,))
      outputs = layers.Dense(1)(layers.Dropout(0.2)(inputs))
      model = Model(inputs=inputs, outputs=outputs)
    `));
  });

  test('a helper function with a bound layer object, called by a functional model', async () => {
    const source = dedent(`
      from keras import layers, Input, Model
      drop = layers.Dropout(0.3)
      def head(x):
          x = layers.Dense(4)(x)
          x = drop(x)
          return x
      inputs = Input((8,))
      model = Model(inputs, head(inputs))
    `);
    assert.deepEqual(await placesOf('LL202', source), ['4:8-15']);
    await assertFix('LL202', source, dedent(`
      from keras import layers, Input, Model
      drop = layers.Dropout(0.3)
      def head(x):
          x = drop(x)
          x = layers.Dense(4)(x)
          return x
      inputs = Input((8,))
      model = Model(inputs, head(inputs))
    `));
  });

  test('subclass: training= stays with the dropout', async () => {
    const source = dedent(`
      import tensorflow as tf
      class Net(tf.keras.Model):
          def __init__(self):
              super().__init__()
              self.out = tf.keras.layers.Dense(1)
              self.drop = tf.keras.layers.Dropout(0.5)
          def call(self, x, training=False):
              return self.drop(self.out(x), training=training)
    `);
    assert.deepEqual(await placesOf('LL202', source), ['7:15-56']);
    await assertFix('LL202', source, dedent(`
      import tensorflow as tf
      class Net(tf.keras.Model):
          def __init__(self):
              super().__init__()
              self.out = tf.keras.layers.Dense(1)
              self.drop = tf.keras.layers.Dropout(0.5)
          def call(self, x, training=False):
              return self.out(self.drop(x, training=training))
    `));
  });
});

suite('LL202 next to a dropout already before the output layer', () => {
  test('the two merge into the one before the output layer, with the combined rate', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.Dropout(0.5))
      m.add(layers.Dense(1))
      m.add(layers.Dropout(0.2))
    `);
    const [finding] = await findingsOf('LL202', source);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability]), [['Merge Dropout into the Dropout before Dense', 'unsafe']]);
    await assertFix('LL202', source, dedent(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      m.add(layers.Dropout(0.6))
      m.add(layers.Dense(1))
    `));
  });

  test('no fix when the two cannot be merged', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Flatten(), layers.GaussianDropout(0.1), layers.Dense(1), layers.GaussianDropout(0.1)])
    `);
    const [finding] = await findingsOf('LL202', source);
    assert.deepEqual(finding.fixes, []);
  });
});

suite('LL202 does not fire', () => {
  test('dropout feeding the output layer, in every style', async () => {
    const source = dedent(`
      from keras import layers, Sequential, Input, Model
      a = Sequential([layers.Flatten(), layers.Dropout(0.5), layers.Dense(10, activation="softmax")])
      b = Sequential()
      b.add(layers.Dropout(0.5))
      b.add(layers.Dense(1))
      inputs = Input((4,))
      c = Model(inputs, layers.Dense(1)(layers.Dropout(0.5)(inputs)))
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.drop = layers.Dropout(0.5)
              self.out = layers.Dense(1)
          def call(self, x):
              return self.out(self.drop(x))
      def block(x):
          return layers.Dropout(0.5)(layers.Dense(8)(x))
    `);
    assert.deepEqual(await placesOf('LL202', source), []);
  });

  test('a dropout that is one output and also feeds the weights of another', async () => {
    const source = dedent(`
      from keras import layers, Input, Model
      inputs = Input((8,))
      features = layers.Dropout(0.2)(layers.Dense(8)(inputs))
      logits = layers.Dense(1)(features)
      model = Model(inputs, [features, logits])
    `);
    assert.deepEqual(await placesOf('LL202', source), []);
  });
});
