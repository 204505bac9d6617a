// LL204 batchnorm-in-recurrent-stack in every construction style, and the LayerNormalization replacement.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL204 fires', () => {
  test('Sequential list, between two LSTMs', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.LSTM(64, return_sequences=True),
          layers.BatchNormalization(),  # between
          layers.LSTM(32),
          layers.Dense(1),
      ])
    `);
    assert.deepEqual(await placesOf('LL204', source), ['3:4-31']);
    const [finding] = await findingsOf('LL204', source);
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /^BatchNormalization \(line 4\) normalizes the sequence output of LSTM \(line 3\)/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Replace with LayerNormalization', 'unsafe', true]]);
    await assertFix('LL204', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.LSTM(64, return_sequences=True),
          layers.LayerNormalization(),  # between
          layers.LSTM(32),
          layers.Dense(1),
      ])
    `));
  });

  test('add chain with a Bidirectional wrapper and a dropout between: BN-only arguments dropped', async () => {
    const source = dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Bidirectional(tf.keras.layers.GRU(32, return_sequences=True)))
      m.add(tf.keras.layers.Dropout(0.2))
      m.add(tf.keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5))
      m.add(tf.keras.layers.Dense(1))
    `);
    assert.deepEqual(await placesOf('LL204', source), ['4:6-68']);
    await assertFix('LL204', source, dedent(`
      import tensorflow as tf
      m = tf.keras.Sequential()
      m.add(tf.keras.layers.Bidirectional(tf.keras.layers.GRU(32, return_sequences=True)))
      m.add(tf.keras.layers.Dropout(0.2))
      m.add(tf.keras.layers.LayerNormalization(epsilon=1e-5))
      m.add(tf.keras.layers.Dense(1))
    `));
  });

  test('functional helper with bare names: the import is extended', async () => {
    const source = dedent(`
      from keras.layers import GRU, BatchNormalization
      def encoder(x):
          x = GRU(32, return_sequences=True)(x)
          return BatchNormalization()(x)
    `);
    assert.deepEqual(await placesOf('LL204', source), ['3:11-31']);
    await assertFix('LL204', source, dedent(`
      from keras.layers import GRU, BatchNormalization, LayerNormalization
      def encoder(x):
          x = GRU(32, return_sequences=True)(x)
          return LayerNormalization()(x)
    `));
  });

  test('between recurrent layers whose return_sequences is not a literal', async () => {
    const source = dedent(`
      from keras import layers
      norm = layers.BatchNormalization()
      def stack(x, seq):
          x = layers.SimpleRNN(8, return_sequences=seq)(x)
          x = norm(x)
          return layers.SimpleRNN(8)(x)
    `);
    assert.deepEqual(await placesOf('LL204', source), ['4:8-15']);
    await assertFix('LL204', source, dedent(`
      from keras import layers
      norm = layers.LayerNormalization()
      def stack(x, seq):
          x = layers.SimpleRNN(8, return_sequences=seq)(x)
          x = norm(x)
          return layers.SimpleRNN(8)(x)
    `));
  });

  test('subclass', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Encoder(Model):
          def __init__(self):
              super().__init__()
              self.rnn = layers.LSTM(16, return_sequences=True)
              self.bn = layers.BatchNormalization(axis=-1)
          def call(self, x):
              return self.bn(self.rnn(x))
    `);
    assert.deepEqual(await placesOf('LL204', source), ['7:15-35']);
    await assertFix('LL204', source, dedent(`
      from keras import layers, Model
      class Encoder(Model):
          def __init__(self):
              super().__init__()
              self.rnn = layers.LSTM(16, return_sequences=True)
              self.bn = layers.LayerNormalization(axis=-1)
          def call(self, x):
              return self.bn(self.rnn(x))
    `));
  });
});

suite('LL204 does not fire', () => {
  test('after the last state of a recurrent layer, or outside recurrent stacks', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.LSTM(16), layers.BatchNormalization(), layers.Dense(1)])
      b = Sequential([layers.Dense(16, use_bias=False), layers.BatchNormalization(), layers.LSTM(4)])
      c = Sequential()
      c.add(layers.Conv1D(8, 3, use_bias=False))
      c.add(layers.BatchNormalization())
      c.add(layers.ReLU())
    `);
    assert.deepEqual(await placesOf('LL204', source), []);
  });
});
