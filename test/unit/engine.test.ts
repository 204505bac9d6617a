// The engine: each construction style turns into the exact graph expected, and the negative cases stay apart.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { analyze, dedent, graphsOf } from '../helpers/engine';

const TF = 'import tensorflow as tf\nfrom tensorflow.keras import layers\n';

suite('Sequential lists', () => {
  test('list literal with comments, in order', async () => {
    assert.deepEqual(
      await graphsOf(`
        ${TF}
        model = tf.keras.Sequential([
            layers.Dense(64, activation="relu"),
            layers.Dropout(0.3),  # regularize
            layers.BatchNormalization(),
            layers.Dense(10),
        ])
      `),
      [
        {
          owner: 'sequential model',
          nodes: ['Dense@5', 'Dropout@6', 'BatchNormalization@7', 'Dense@8'],
          edges: ['Dense@5>Dropout@6', 'Dropout@6>BatchNormalization@7', 'BatchNormalization@7>Dense@8'],
          outputs: ['Dense@8'],
        },
      ],
    );
  });

  test('layers= keyword, keras.models.Sequential, aliases and layer objects bound first', async () => {
    assert.deepEqual(
      await graphsOf(`
        from keras.models import Sequential
        from keras.layers import Dropout as DO, BatchNormalization
        drop = DO(0.5)
        net = Sequential(layers=[drop, BatchNormalization()], name="net")
      `),
      [
        {
          owner: 'sequential net',
          nodes: ['Dropout@4', 'BatchNormalization@4'],
          edges: ['Dropout@4>BatchNormalization@4'],
          outputs: ['BatchNormalization@4'],
        },
      ],
    );
  });

  test('two Sequential lists are two graphs', async () => {
    const graphs = await graphsOf(`
      ${TF}
      a = tf.keras.Sequential([layers.Dropout(0.2)])
      b = tf.keras.Sequential([layers.BatchNormalization()])
    `);
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.nodes, g.edges]),
      [
        ['sequential a', ['Dropout@4'], []],
        ['sequential b', ['BatchNormalization@5'], []],
      ],
    );
  });

  test('an unknown element breaks the chain', async () => {
    const [graph, second] = await graphsOf(`
      ${TF}
      m = tf.keras.Sequential([layers.Dropout(0.2), make_block(), layers.BatchNormalization()])
    `);
    assert.deepEqual([graph.nodes, graph.edges, second.nodes], [['Dropout@4'], [], ['BatchNormalization@4']]);
  });
});

suite('add chains', () => {
  test('interleaved receivers are two models', async () => {
    assert.deepEqual(
      (
        await graphsOf(`
          ${TF}
          gen = tf.keras.models.Sequential()
          disc = tf.keras.models.Sequential()
          gen.add(layers.Dense(8))
          disc.add(layers.Dropout(0.2))
          gen.add(layers.BatchNormalization())
          disc.add(layers.Dense(1))
        `)
      ).map((g) => [g.owner, g.edges]),
      [
        ['sequential gen', ['Dense@6>BatchNormalization@8']],
        ['sequential disc', ['Dropout@7>Dense@9']],
      ],
    );
  });

  test('a for loop body follows itself, and runs before what comes after', async () => {
    assert.deepEqual(
      await graphsOf(`
        ${TF}
        model = tf.keras.Sequential()
        model.add(layers.Dropout(0.1))
        for units in [64, 32]:
            model.add(layers.Dense(units))
            model.add(layers.BatchNormalization())
        model.add(layers.Dense(1))
      `),
      [
        {
          owner: 'sequential model',
          nodes: ['Dropout@5', 'Dense@7', 'BatchNormalization@8', 'Dense@9'],
          edges: [
            'Dropout@5>Dense@7',
            'Dense@7>BatchNormalization@8',
            'BatchNormalization@8>Dense@7',
            'BatchNormalization@8>Dense@9',
          ],
          outputs: ['Dense@9'],
        },
      ],
    );
  });

  test('if/else branches are alternatives; a layer under if may be absent', async () => {
    const [graph] = await graphsOf(`
      ${TF}
      model = tf.keras.Sequential()
      model.add(layers.Dense(8))
      if wide:
          model.add(layers.Dropout(0.2))
      else:
          model.add(layers.Dropout(0.3))
      if use_bn:
          model.add(layers.BatchNormalization())
      model.add(layers.Dense(1))
    `);
    assert.deepEqual(graph.edges, [
      'Dense@5>Dropout@7',
      'Dense@5>Dropout@9',
      'Dropout@7>BatchNormalization@11',
      'Dropout@9>BatchNormalization@11',
      'BatchNormalization@11>Dense@12',
      'Dropout@7>Dense@12',
      'Dropout@9>Dense@12',
    ]);
  });

  test('try/except: a handler starts from the state before the body; after it, either may hold', async () => {
    const [graph] = await graphsOf(`
      ${TF}
      x = layers.Input((8,))
      x = layers.Dense(8)(x)
      try:
          x = layers.Dropout(0.5)(x)
      except ValueError:
          x = layers.BatchNormalization()(x)
      y = layers.Dense(1)(x)
    `);
    assert.deepEqual(graph.edges, ['Dense@5>Dropout@7', 'Dense@5>BatchNormalization@9', 'Dropout@7>Dense@10', 'BatchNormalization@9>Dense@10']);
  });

  test('a helper that adds to the model it is given continues the chain', async () => {
    const graphs = await graphsOf(`
      ${TF}
      def add_block(model, units):
          model.add(layers.Dense(units))
          model.add(layers.Dropout(0.5))

      model = tf.keras.Sequential()
      add_block(model, 32)
      model.add(layers.BatchNormalization())
    `);
    // Inlined where it is called, the helper is no graph of its own.
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.edges]),
      [['sequential model', ['Dense@5>Dropout@6', 'Dropout@6>BatchNormalization@10']]],
    );
  });
});

suite('functional API', () => {
  test('chained assignments, nested calls, layer objects, merges and Model(outputs=)', async () => {
    assert.deepEqual(
      await graphsOf(`
        ${TF}
        inputs = tf.keras.Input(shape=(32,))
        x = layers.Dense(64)(inputs)
        drop = layers.Dropout(0.2)
        h = drop(x)
        y = layers.BatchNormalization()(layers.ReLU()(h))
        z = layers.concatenate([x, y])
        model = tf.keras.Model(inputs=inputs, outputs=z)
      `),
      [
        {
          owner: 'functional model',
          nodes: ['Dense@5', 'Dropout@7', 'ReLU@8', 'BatchNormalization@8', 'Concatenate@9'],
          edges: [
            'Dense@5>Dropout@7',
            'Dropout@7>ReLU@8',
            'ReLU@8>BatchNormalization@8',
            'Dense@5>Concatenate@9',
            'BatchNormalization@8>Concatenate@9',
          ],
          outputs: ['Concatenate@9'],
        },
      ],
    );
  });

  test('helper functions are inlined where called; a function no call inlines is a graph of its own', async () => {
    const graphs = await graphsOf(`
      ${TF}
      def block(x, units):
          x = layers.Dense(units)(x)
          return layers.Dropout(0.5)(x)

      inputs = tf.keras.Input(shape=(8,))
      a = block(inputs, 16)
      b = block(a, 8)
      out = layers.BatchNormalization()(b)

      def unused(x):
          return layers.BatchNormalization()(layers.Dropout(0.1)(x))
    `);
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.edges]),
      [
        // The second call's Dense follows the first call's Dropout: each call has its own nodes.
        ['functional <module>', ['Dense@5>Dropout@6', 'Dropout@6>Dense@5', 'Dense@5>Dropout@6', 'Dropout@6>BatchNormalization@11']],
        ['function unused', ['Dropout@14>BatchNormalization@14']],
      ],
    );
  });

  test("a function's own run reads the module as it was where the function was defined", async () => {
    const graphs = await graphsOf(`
      ${TF}
      def head(x):
          return layers.Dropout(0.1)(x)

      def build(x):
          return head(layers.Dense(4)(x))

      def head(x):
          return layers.BatchNormalization()(x)
    `);
    // \`build\` runs after the module's code but calls the first \`head\`, as it would have when it was defined; that
    // \`head\` is then inlined and has no graph of its own, the second one has.
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.nodes, g.edges]),
      [
        ['function build', ['Dense@8', 'Dropout@5'], ['Dense@8>Dropout@5']],
        ['function head', ['BatchNormalization@11'], []],
      ],
    );
  });

  test('a layer list applied in a loop is unrolled in order', async () => {
    const [graph] = await graphsOf(`
      ${TF}
      stack = [layers.Dense(4), layers.Dropout(0.1), layers.BatchNormalization()]
      x = tf.keras.Input((4,))
      for layer in stack:
          x = layer(x)
    `);
    assert.deepEqual(graph.nodes, ['Dense@7', 'Dropout@7', 'BatchNormalization@7']);
    assert.deepEqual(graph.edges, ['Dense@7>Dropout@7', 'Dropout@7>BatchNormalization@7']);
  });
});

suite('subclassed models', () => {
  test('layers made in __init__, order from call()', async () => {
    assert.deepEqual(
      await graphsOf(`
        import keras
        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.bn = keras.layers.BatchNormalization()
                self.drop = keras.layers.Dropout(0.3)
                self.dense = keras.layers.Dense(3)

            def call(self, inputs, training=None):
                x = self.dense(inputs)
                x = self.drop(x, training=training)
                return self.bn(x)
      `),
      [
        {
          owner: 'subclass Net',
          nodes: ['Dense@10', 'Dropout@11', 'BatchNormalization@12'],
          edges: ['Dense@10>Dropout@11', 'Dropout@11>BatchNormalization@12'],
          outputs: ['BatchNormalization@12'],
        },
      ],
    );
  });

  test('a custom keras.layers.Layer block is read the same way', async () => {
    const [graph] = await graphsOf(`
      from tensorflow import keras
      from tensorflow.keras import layers
      class Block(layers.Layer):
          def __init__(self, units):
              super().__init__()
              self.parts = [layers.Dense(units), layers.Dropout(0.2), layers.BatchNormalization()]
          def call(self, x):
              for part in self.parts:
                  x = part(x)
              return x
    `);
    assert.deepEqual([graph.owner, graph.edges], ['subclass Block', ['Dense@9>Dropout@9', 'Dropout@9>BatchNormalization@9']]);
  });
});

suite('imports and guards', () => {
  test('every import spelling resolves', async () => {
    const graphs = await graphsOf(`
      import tensorflow as tf
      import keras
      from tensorflow.keras import layers as L
      from keras.layers import Dropout as DO
      from tensorflow.python.keras.layers import BatchNormalization as PyBN
      import tensorflow.keras.layers as TKL
      m = tf.keras.Sequential([L.Dense(1), DO(0.1), PyBN(), TKL.ReLU(), keras.layers.Flatten(), tf.keras.layers.Activation("relu")])
    `);
    assert.deepEqual(graphs[0].nodes, ['Dense@7', 'Dropout@7', 'BatchNormalization@7', 'ReLU@7', 'Flatten@7', 'Activation@7']);
  });

  test('star imports, and bare names in a snippet with no imports', async () => {
    const star = await graphsOf(`
      from keras.layers import *
      from keras.models import Sequential
      m = Sequential([Dropout(0.1), BatchNormalization()])
    `);
    assert.deepEqual(star[0].nodes, ['Dropout@3', 'BatchNormalization@3']);
    const snippet = await graphsOf(`
      model = Sequential()
      model.add(Dropout(0.1))
      model.add(BatchNormalization())
    `);
    assert.deepEqual(snippet[0].edges, ['Dropout@2>BatchNormalization@3']);
  });

  test('a user class named BatchNormalization is not Keras; Normalization is not BatchNormalization', async () => {
    const graphs = await graphsOf(`
      from tensorflow.keras import layers
      from tensorflow.keras.models import Sequential
      class BatchNormalization:
          pass
      m = Sequential([layers.Dropout(0.1), BatchNormalization(), layers.Normalization()])
    `);
    assert.deepEqual(graphs.map((g) => g.nodes), [['Dropout@5'], ['Normalization@5']]);
  });

  test('code in strings and comments is not code', async () => {
    const graphs = await graphsOf(`
      from tensorflow.keras import layers
      doc = "model.add(layers.Dropout(0.1)); model.add(layers.BatchNormalization())"
      # x = layers.Dropout(0.2)(x)
    `);
    assert.deepEqual(graphs, []);
  });

  test('a syntax error elsewhere leaves the rest of the graphs intact', async () => {
    const graphs = await graphsOf(`
      from tensorflow.keras import layers, Sequential
      def broken(:
          return ]
      m = Sequential([layers.Dropout(0.1), layers.BatchNormalization()])
    `);
    assert.deepEqual(graphs.map((g) => g.edges), [['Dropout@4>BatchNormalization@4']]);
  });
});

suite('objects that are not models', () => {
  test('add() on a set or a non-Keras object makes no model', async () => {
    const analysis = await analyze(
      'from keras import layers\nseen = set()\nseen.add(1)\nseen.update([2])\n',
    );
    assert.deepEqual([analysis.graphs.length, analysis.models.length, analysis.events.length], [0, 0, 0]);
  });
});

suite('literals', () => {
  test('numbers, signs, parentheses, strings and constants', async () => {
    const analysis = await analyze(
      'import keras\nm = keras.Sequential([keras.layers.Dropout(-(0.5)), keras.layers.Dropout(+((1e-1))), keras.layers.Dropout(- -2), keras.layers.Activation("relu"), keras.layers.Dense(1_000, use_bias=False, activation=None), keras.layers.Dropout(-"x")])\n',
    );
    const literals = analysis.graphs[0].nodes.map((n) => n.args.map((a) => a.literal));
    assert.deepEqual(literals, [[-0.5], [0.1], [2], ['relu'], [1000, false, null], [undefined]]);
  });
});

suite('model objects and wrappers', () => {
  test("a method's name is no name of the module: a bare call of it is not the method", async () => {
    const graphs = await graphsOf(`
      from keras import layers
      class Trainer:
          def block(self, x):
              return layers.Dropout(0.1)(x)
      inputs = layers.Input((3,))
      y = block(inputs)
      z = layers.BatchNormalization()(y)
    `);
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.nodes, g.edges]),
      [
        ['function block', ['Dropout@4'], []],
        ['functional <module>', ['BatchNormalization@7'], []],
      ],
    );
  });

  test("a function's own run keeps the place of its events and models among the module's", async () => {
    const analysis = await analyze(dedent(`
      import keras
      model = keras.Sequential([keras.layers.Dense(2)])
      model.compile("adam", "mse")
      def train(data):
          model.fit(data, epochs=2)
          return keras.Sequential([keras.layers.Dense(1)])
      model.trainable = False
      model.fit(x, y)
      other = keras.Sequential()
    `));
    // \`train\` runs after the module's code (it could have been inlined), but where it is defined it would have run.
    assert.deepEqual(
      analysis.events.map((e) => [e.kind, e.model.name, e.kind === 'method' ? e.method : '', e.node.startPosition.row + 1]),
      [
        ['method', 'model', 'compile', 3],
        ['method', 'model', 'fit', 5],
        ['trainable', 'model', '', 7],
        ['method', 'model', 'fit', 8],
      ],
    );
    assert.deepEqual(analysis.models.map((m) => m.creation.startPosition.row + 1), [2, 6, 9]);
  });

  test('an instance of a subclassed model is a model whose class is known, with its events', async () => {
    const analysis = await analyze(dedent(`
      import keras
      class Net(keras.Model):
          def __init__(self):
              super().__init__()
              self.bn = keras.layers.BatchNormalization()
          def call(self, x):
              return self.bn(x)
      class Deeper(Net):
          pass
      net = Net()
      net.compile("adam", "mse")
      net.trainable = False
      net.fit(x, y, batch_size=4)
      other = Deeper()
    `));
    const net = analysis.models.find((m) => m.name === 'net')!;
    assert.deepEqual([net.origin, net.definition?.childForFieldName('name')?.text], ['subclass', 'Net']);
    assert.deepEqual(
      analysis.events.map((e) => [e.kind, e.model.name, e.kind === 'method' ? e.method : '', e.node.startPosition.row + 1]),
      [
        ['method', 'net', 'compile', 11],
        ['trainable', 'net', '', 12],
        ['method', 'net', 'fit', 13],
      ],
    );
    assert.equal(analysis.models.find((m) => m.name === 'other')?.definition?.childForFieldName('name')?.text, 'Deeper');
    const graphOfNet = analysis.graphs.find((g) => g.owner.anchor === net.definition);
    assert.deepEqual(graphOfNet?.nodes.map((n) => n.spec.name), ['BatchNormalization']);
  });

  test('wrappers keep the layer they wrap', async () => {
    const analysis = await analyze(dedent(`
      from tensorflow.keras import layers, Sequential
      m = Sequential([
          layers.TimeDistributed(layers.BatchNormalization(momentum=0.1)),
          layers.Bidirectional(layer=layers.LSTM(8, recurrent_dropout=0.2)),
          layers.Dense(1),
      ])
    `));
    const wrapped = analysis.graphs[0].nodes.map((n) => [n.spec.name, n.wrapped?.spec.name, n.wrapped?.args.map((a) => a.literal)]);
    assert.deepEqual(wrapped, [
      ['TimeDistributed', 'BatchNormalization', [0.1]],
      ['Bidirectional', 'LSTM', [8, 0.2]],
      ['Dense', undefined, undefined],
    ]);
  });
});

suite('model outputs', () => {
  test('an add chain that ends inside a loop ends with the loop body', async () => {
    const [graph] = await graphsOf(`
      from keras import layers, Sequential
      m = Sequential()
      m.add(layers.Flatten())
      for units in [64, 10]:
          m.add(layers.Dense(units))
          m.add(layers.Dropout(0.2))
    `);
    assert.deepEqual(graph.outputs, ['Dropout@6']);
  });

  test('a Sequential a helper returns has no known output on its own; where it is finished, it has', async () => {
    const helper = `
      from keras import layers, Sequential
      def base():
          m = Sequential()
          m.add(layers.Dense(8))
          m.add(layers.Dropout(0.2))
          return m
    `;
    assert.deepEqual(
      (await graphsOf(helper)).map((g) => [g.owner, g.outputs]),
      [['sequential m', undefined]],
    );
    const finished = await graphsOf(`${helper}
      model = base()
      model.add(layers.Dense(1))
    `);
    assert.deepEqual(
      finished.map((g) => [g.owner, g.outputs]),
      [['sequential m', ['Dense@9']]],
    );
  });

  test('a function that reads a tensor made at module level takes it as its input', async () => {
    const graphs = await graphsOf(`
      from keras import layers
      inp = layers.Input((3,))
      x = layers.Dense(3)(inp)
      def f():
          y = layers.Dropout(0.1)(x)
          return layers.BatchNormalization()(y)
    `);
    assert.deepEqual(
      graphs.map((g) => [g.owner, g.nodes, g.edges]),
      [
        ['functional <module>', ['Dense@3'], []],
        ['function f', ['Dropout@5', 'BatchNormalization@6'], ['Dropout@5>BatchNormalization@6']],
      ],
    );
  });
});

suite('graph neighbours', () => {
  test('successors and predecessors follow the edges, in small graphs and large ones', async () => {
    for (const length of [5, 60]) {
      // A chain of Dense layers, with a second head off the third.
      const chain = Array.from({ length }, (_, i) => `x${i + 1} = layers.Dense(1)(x${i})`).join('\n');
      const [graph] = (await analyze(`from tensorflow.keras import layers\n${chain}\nhead = layers.Dense(2)(x3)\n`)).graphs;
      const [first, second, third] = graph.nodes;
      const head = graph.nodes[graph.nodes.length - 1];
      assert.equal(graph.nodes.length, length + 1);
      assert.deepEqual(graph.predecessors(first), []);
      assert.deepEqual(graph.successors(first), [second]);
      assert.deepEqual(graph.successors(third), [graph.nodes[3], head]);
      assert.deepEqual(graph.predecessors(head), [third]);
      assert.deepEqual(graph.successors(head), []);
    }
  });
});
