// Hovers over the real server: the layer explained from the catalog, the values of this call against the
// defaults, the neighbours in this model with their lines, findings on the layer, and keyword arguments.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { layerByName, paramSpec } from '../../server/src/keras/catalog';
import { dedent } from '../helpers/engine';
import { positionOf, TestServer } from '../helpers/lsp-client';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});

let documents = 0;
/** Opens `source` as a new document and hovers at `needle` (its `occurrence`-th match, `delta` characters in). */
async function hover(source: string, needle: string, occurrence = 0, delta = 1): Promise<{ hover: Hover | null; text: string }> {
  const text = dedent(source);
  const uri = `file:///hover/${documents++}.py`;
  await server.open(uri, text);
  await server.diagnosticsFor(uri);
  return { hover: await server.hover(uri, positionOf(text, needle, occurrence, delta)), text };
}

function markdown(result: Hover | null): string {
  assert.ok(result, 'expected a hover');
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function section(value: string, title: string): string {
  const start = value.indexOf(`**${title}**`);
  assert.ok(start >= 0, `no section ${title} in:\n${value}`);
  const end = value.indexOf('\n\n**', start + 1);
  return value.slice(start, end < 0 ? undefined : end);
}

const SEQUENTIAL = `
  import keras
  from keras import layers

  model = keras.Sequential([
      layers.Dense(64, use_bias=False),
      layers.Dropout(0.3),
      layers.BatchNormalization(momentum=0.9),
      layers.Dense(1),
  ])
`;

test('a BatchNormalization in a Sequential list: catalog text, values of this call, neighbours, guidance', async () => {
  const { hover: result } = await hover(SEQUENTIAL, 'BatchNormalization');
  const value = markdown(result);
  const spec = layerByName('BatchNormalization')!;
  assert.deepEqual(result!.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 29 } });
  assert.ok(value.startsWith(`**BatchNormalization** · normalization layer\n\n${spec.summary}\n\n`));
  const params = section(value, 'Parameters').split('\n');
  assert.equal(params[1], `- \`momentum\` = \`0.9\` here (default \`0.99\`) — ${paramSpec(spec, 'momentum')!.meaning}`);
  assert.equal(params[2], `- \`axis\` = \`-1\` (default) — ${paramSpec(spec, 'axis')!.meaning}`);
  assert.match(params.at(-1)!, /^- …and \d+ more, at their defaults$/);
  assert.equal(section(value, 'Training vs inference.'), `**Training vs inference.** ${spec.trainingBehaviour}`);
  assert.equal(section(value, 'In this model'), '**In this model**\n- in `model`, line 7: after `Dropout` (line 6) · before `Dense` (line 8)');
  assert.equal(section(value, 'Guidance'), `**Guidance**\n${spec.guidance}`);
  assert.ok(!value.includes('**layerlint**'), 'the BatchNormalization carries no finding');
});

test('a Dropout that feeds a BatchNormalization shows its LL101 finding and its default-free rate', async () => {
  const value = markdown((await hover(SEQUENTIAL, 'Dropout')).hover);
  assert.ok(section(value, 'Parameters').startsWith('**Parameters**\n- `rate` = `0.3` here (required) — '));
  assert.equal(section(value, 'In this model'), '**In this model**\n- in `model`, line 6: after `Dense` (line 5) · before `BatchNormalization` (line 7)');
  assert.match(section(value, 'layerlint'), /^\*\*layerlint\*\*\n- warning LL101: Dropout \(line 6\) feeds BatchNormalization \(line 7\)/);
  const order = ['layerlint', 'In this model', 'Parameters', 'Training vs inference.', 'Guidance'].map((t) => value.indexOf(`**${t}**`));
  assert.deepEqual(order, [...order].sort((a, b) => a - b), 'this place first, then the catalog');
});

test('an add chain inside a loop: the loop body follows itself', async () => {
  const value = markdown(
    (
      await hover(
        `
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense, BatchNormalization

        net = Sequential()
        for units in (64, 32):
            net.add(Dense(units))
            net.add(BatchNormalization())
        net.add(Dense(1, activation="sigmoid"))
        `,
        'BatchNormalization()',
      )
    ).hover,
  );
  assert.equal(
    section(value, 'In this model'),
    '**In this model**\n- in `net`, line 7: after `Dense` (line 6) · before `Dense` (line 6), `Dense` (line 8)',
  );
});

const FUNCTIONAL = `
  import keras
  from keras import layers as L


  def block(x, units):
      x = L.Dense(units)(x)
      return L.Dropout(0.5)(x)


  inputs = keras.Input(shape=(64,))
  h = block(inputs, 32)
  h = L.BatchNormalization()(h)
  out = L.Dense(1)(h)
  model = keras.Model(inputs, out)
`;

test('a layer in a helper function is placed in the model the helper is inlined into', async () => {
  const value = markdown((await hover(FUNCTIONAL, 'L.Dropout', 0, 3)).hover);
  assert.equal(section(value, 'In this model'), '**In this model**\n- in `model`, line 7: after `Dense` (line 6) · before `BatchNormalization` (line 12)');
  const output = markdown((await hover(FUNCTIONAL, 'L.Dense(1)', 0, 3)).hover);
  assert.equal(section(output, 'In this model'), "**In this model**\n- in `model`, line 13: after `BatchNormalization` (line 12) · the model's output");
});

const SUBCLASS = `
  import tensorflow as tf


  class Classifier(tf.keras.Model):
      def __init__(self, classes):
          super().__init__()
          self.drop = tf.keras.layers.Dropout(rate=0.4)
          self.norm = tf.keras.layers.BatchNormalization(axis=1)
          self.head = tf.keras.layers.Dense(classes, use_bias=True)

      def call(self, inputs, training=False):
          x = self.drop(inputs, training=True)
          x = self.norm(x, training=training)
          return self.head(x)
`;

test('a subclass layer is explained at its constructor and placed where call() applies it', async () => {
  const value = markdown((await hover(SUBCLASS, 'layers.BatchNormalization', 0, 8)).hover);
  assert.ok(section(value, 'Parameters').includes('\n- `axis` = `1` here (default `-1`) — '));
  assert.equal(section(value, 'In this model'), '**In this model**\n- in `Classifier`, line 13: after `Dropout` (line 12) · before `Dense` (line 14)');
});

test('a layer object is also explained where it is applied by name, for that application', async () => {
  const { hover: result, text } = await hover(SUBCLASS, 'self.norm(x');
  const value = markdown(result);
  assert.ok(value.startsWith('**BatchNormalization** · normalization layer'));
  assert.equal(section(value, 'In this model'), '**In this model**\n- in `Classifier`, line 13: after `Dropout` (line 12) · before `Dense` (line 14)');
  const start = positionOf(text, 'self.norm(x');
  assert.deepEqual(result!.range, { start, end: { line: start.line, character: start.character + 'self.norm'.length } });
});

test('a layer constructed outside any model is still explained, with its arguments', async () => {
  const source = `
    from keras import layers

    norm = layers.BatchNormalization(momentum=0.1)
  `;
  const value = markdown((await hover(source, 'BatchNormalization')).hover);
  assert.ok(section(value, 'Parameters').startsWith('**Parameters**\n- `momentum` = `0.1` here (default `0.99`) — '));
  assert.ok(value.includes('**In this model** — not applied in a model layerlint can follow.'));
  const momentum = markdown((await hover(source, 'momentum')).hover);
  assert.ok(momentum.startsWith('**`momentum`** — BatchNormalization parameter, default `0.99`; `0.1` here'));
});

test('keyword arguments explain themselves with their trap', async () => {
  const cases: Array<[string, string, string, string]> = [
    ['rate=', 'Dropout', 'rate', '0.4'],
    ['axis=', 'BatchNormalization', 'axis', '1'],
    ['use_bias=', 'Dense', 'use_bias', 'True'],
  ];
  for (const [needle, layer, name, value] of cases) {
    const { hover: result, text } = await hover(SUBCLASS, needle);
    const param = paramSpec(layerByName(layer)!, name)!;
    const fallback = param.default === undefined ? 'required' : `default \`${param.default}\``;
    assert.equal(
      markdown(result),
      [`**\`${name}\`** — ${layer} parameter, ${fallback}; \`${value}\` here`, param.meaning, `**Watch out.** ${param.note}`].join('\n\n'),
    );
    const start = positionOf(text, needle);
    assert.deepEqual(result!.range, { start, end: { line: start.line, character: start.character + name.length } });
  }
  const momentum = markdown((await hover(SEQUENTIAL, 'momentum')).hover);
  assert.ok(momentum.startsWith('**`momentum`** — BatchNormalization parameter, default `0.99`; `0.9` here'));
  assert.ok(momentum.includes('PyTorch'));
});

test('training= on the application call explains the forced mode with the layer behaviour', async () => {
  const value = markdown((await hover(SUBCLASS, 'training=True')).hover);
  assert.ok(value.startsWith('**`training`** — argument of this Dropout call; `True` here\n\n'));
  assert.ok(value.endsWith(`**Dropout in each mode.** ${layerByName('Dropout')!.trainingBehaviour}`));
});

test('no hover away from Keras layers, and none on a class of the same name that is not Keras', async () => {
  assert.equal((await hover(SEQUENTIAL, 'model')).hover, null);
  const own = `
    class BatchNormalization:
        pass

    norm = BatchNormalization()
  `;
  assert.equal((await hover(own, 'BatchNormalization()')).hover, null);
});
