// LL205 dropout-in-selu-network: plain Dropout in a SELU network and AlphaDropout outside one, in every style.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL205 fires on Dropout in a SELU network', () => {
  test('Sequential list', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(64, activation="selu", kernel_initializer="lecun_normal"),
          layers.Dropout(0.1),  # regularize
          layers.Dense(1),
      ])
    `);
    assert.deepEqual(await placesOf('LL205', source), ['3:4-23']);
    const [finding] = await findingsOf('LL205', source);
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /^Dropout \(line 4\) in a SELU network \(Dense, line 3\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Replace with AlphaDropout', 'unsafe', true]]);
    await assertFix('LL205', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Dense(64, activation="selu", kernel_initializer="lecun_normal"),
          layers.AlphaDropout(0.1),  # regularize
          layers.Dense(1),
      ])
    `));
  });

  test('add chain in a loop, with an Activation("selu") layer', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      for units in [64, 32]:
          m.add(tf.keras.layers.Dense(units))
          m.add(tf.keras.layers.Activation("selu"))
          m.add(tf.keras.layers.Dropout(rate=0.05))
    `);
    assert.deepEqual(await placesOf('LL205', source), ['5:10-44']);
    await assertFix('LL205', source, dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      for units in [64, 32]:
          m.add(tf.keras.layers.Dense(units))
          m.add(tf.keras.layers.Activation("selu"))
          m.add(tf.keras.layers.AlphaDropout(rate=0.05))
    `));
  });

  test('functional helper with bare names: the import is extended', async () => {
    const source = dedent(`
      from keras.layers import Dense, Dropout
      def block(x):
          x = Dense(32, activation="selu")(x)
          x = Dropout(0.1)(x)
          return Dense(1)(x)
    `);
    assert.deepEqual(await placesOf('LL205', source), ['3:8-20']);
    await assertFix('LL205', source, dedent(`
      from keras.layers import Dense, Dropout, AlphaDropout
      def block(x):
          x = Dense(32, activation="selu")(x)
          x = AlphaDropout(0.1)(x)
          return Dense(1)(x)
    `));
  });

  test('subclass with a bound layer object', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.hidden = layers.Dense(16, activation="selu")
              self.drop = layers.Dropout(0.1)
              self.out = layers.Dense(1)
          def call(self, x):
              return self.out(self.drop(self.hidden(x)))
    `);
    assert.deepEqual(await placesOf('LL205', source), ['8:24-49']);
    await assertFix('LL205', source, dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.hidden = layers.Dense(16, activation="selu")
              self.drop = layers.AlphaDropout(0.1)
              self.out = layers.Dense(1)
          def call(self, x):
              return self.out(self.drop(self.hidden(x)))
    `));
  });
});

suite('LL205 fires on AlphaDropout outside a SELU network', () => {
  test('Sequential list: back to Dropout', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(8, activation="relu"), layers.AlphaDropout(0.1), layers.Dense(1)])
    `);
    assert.deepEqual(await placesOf('LL205', source), ['1:52-76']);
    const [finding] = await findingsOf('LL205', source);
    assert.match(finding.message, /^AlphaDropout \(line 2\) in a network without SELU activations/);
    await assertFix('LL205', source, dedent(`
      from keras import layers, Sequential
      m = Sequential([layers.Dense(8, activation="relu"), layers.Dropout(0.1), layers.Dense(1)])
    `));
  });
});

suite('LL205 does not fire', () => {
  test('AlphaDropout with SELU, Dropout without, and activations that are not known', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.Dense(8, activation="selu"), layers.AlphaDropout(0.1), layers.Dense(1)])
      b = Sequential([layers.Dense(8, activation="relu"), layers.Dropout(0.1), layers.Dense(1)])
      def c(x, act):
          x = layers.Dense(8, activation=act)(x)
          return layers.AlphaDropout(0.1)(x)
      d = Sequential()
      d.add(layers.Dense(8, activation="selu"))
      d.add(make_block())
      d.add(layers.AlphaDropout(0.1))
    `);
    assert.deepEqual(await placesOf('LL205', source), []);
  });
});
