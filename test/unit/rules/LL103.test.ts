// LL103 bias-before-batchnorm in every construction style, and its use_bias=False fix.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

suite('LL103 fires', () => {
  test('Sequential list: underlines the weight layer, adds use_bias=False', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, padding="same"),  # stem
          layers.BatchNormalization(),
          layers.ReLU(),
      ])
    `);
    assert.deepEqual(await placesOf('LL103', source), ['2:4-40']);
    const [finding] = await findingsOf('LL103', source);
    assert.equal(finding.severity, 'information');
    assert.match(finding.message, /^Conv2D \(line 3\) adds a bias that BatchNormalization \(line 4\) cancels/);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Set use_bias=False', 'unsafe', true]]);
    await assertFix('LL103', source, dedent(`
      from keras import layers, Sequential
      model = Sequential([
          layers.Conv2D(32, 3, padding="same", use_bias=False),  # stem
          layers.BatchNormalization(),
          layers.ReLU(),
      ])
    `));
  });

  test('add chain in a loop, use_bias=True written', async () => {
    const source = dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      for units in [64, 32]:
          model.add(tf.keras.layers.Dense(units, use_bias=True))
          model.add(tf.keras.layers.BatchNormalization())
          model.add(tf.keras.layers.ReLU())
    `);
    assert.deepEqual(await placesOf('LL103', source), ['3:14-57']);
    await assertFix('LL103', source, dedent(`
      import tensorflow as tf
      model = tf.keras.Sequential()
      for units in [64, 32]:
          model.add(tf.keras.layers.Dense(units, use_bias=False))
          model.add(tf.keras.layers.BatchNormalization())
          model.add(tf.keras.layers.ReLU())
    `));
  });

  test('functional helper with a layer object bound first: the constructor gets the argument', async () => {
    const source = dedent(`
      from keras import layers
      def block(x, filters):
          conv = layers.SeparableConv2D(
              filters,
              3,
          )
          h = conv(x)
          h = layers.BatchNormalization()(h)
          return layers.ReLU()(h)
    `);
    assert.deepEqual(await placesOf('LL103', source), ['6:8-15']);
    await assertFix('LL103', source, dedent(`
      from keras import layers
      def block(x, filters):
          conv = layers.SeparableConv2D(
              filters,
              3,
              use_bias=False,
          )
          h = conv(x)
          h = layers.BatchNormalization()(h)
          return layers.ReLU()(h)
    `));
  });

  test('subclass: the constructor in __init__ is fixed', async () => {
    const source = dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.proj = layers.Dense(32)
              self.norm = layers.BatchNormalization()
          def call(self, x):
              return layers.ReLU()(self.norm(self.proj(x)))
    `);
    assert.deepEqual(await placesOf('LL103', source), ['7:39-51']);
    await assertFix('LL103', source, dedent(`
      from keras import layers, Model
      class Net(Model):
          def __init__(self):
              super().__init__()
              self.proj = layers.Dense(32, use_bias=False)
              self.norm = layers.BatchNormalization()
          def call(self, x):
              return layers.ReLU()(self.norm(self.proj(x)))
    `));
  });
});

suite('LL103 without a fix', () => {
  /** A layer object applied twice (shared weights), once before a BatchNormalization. */
  const twin = [
    'shared = layers.Dense(8)',
    'def twin(a, b):',
    '    x = layers.BatchNormalization()(shared(a))',
    '    y = shared(b)',
    '    return layers.Concatenate()([x, y])',
  ];

  test('a layer object applied twice (shared weights) keeps its bias', async () => {
    const [finding] = await findingsOf('LL103', ['from keras import layers', ...twin].join('\n'));
    assert.deepEqual(finding.fixes, []);
  });

  test('a shared layer keeps its bias after many fixes were asked for in the file', async () => {
    const models = Array.from({ length: 20 }, (_, i) => `m${i} = Sequential([layers.Dense(8), layers.BatchNormalization()])`);
    const findings = await findingsOf('LL103', ['from keras import layers, Sequential', ...models, ...twin].join('\n'));
    assert.equal(findings.length, 21);
    assert.ok(findings.slice(0, 20).every((f) => f.fixes.length === 1));
    assert.deepEqual(findings[20].fixes, []);
  });
});

suite('LL103 does not fire', () => {
  test('no bias, an activation between, something else between, an unknown use_bias', async () => {
    const source = dedent(`
      from keras import layers, Sequential
      a = Sequential([layers.Dense(8, use_bias=False), layers.BatchNormalization()])
      b = Sequential([layers.Dense(8, activation="relu"), layers.BatchNormalization()])
      c = Sequential([layers.Dense(8), layers.ReLU(), layers.BatchNormalization()])
      d = Sequential([layers.Dense(8), layers.Dropout(0.1), layers.BatchNormalization()])
      def block(x, bias):
          x = layers.Conv1D(8, 3, use_bias=bias)(x)
          return layers.BatchNormalization()(x)
      e = Sequential()
      e.add(layers.Dense(8))
      e.add(layers.LayerNormalization())
    `);
    assert.deepEqual(await placesOf('LL103', source), []);
  });
});
