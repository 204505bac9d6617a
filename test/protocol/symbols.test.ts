// Document symbols over the real server: one symbol per model, its layers as children in the order applied.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-protocol';
import { dedent } from '../helpers/engine';
import { ROOT, TestServer } from '../helpers/lsp-client';

let server: TestServer;
before(async () => {
  server = await TestServer.start();
});
after(async () => {
  await server.stop();
});

const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const kindName = (kind: number) => Object.entries(SymbolKind).find(([, value]) => value === kind)![0];

/** `name kind detail range selection` for a model, `name range [detail]` for each layer. */
function outline(symbols: DocumentSymbol[]): string[] {
  return symbols.flatMap((model) => [
    `${model.name} ${kindName(model.kind)} ${model.detail} ${at(model.range)} ${at(model.selectionRange)}`,
    ...(model.children ?? []).map((layer) => `  ${layer.name} ${at(layer.range)}${layer.detail ? ` [${layer.detail}]` : ''}`),
  ]);
}

async function symbolsOf(uri: string, text: string): Promise<string[]> {
  await server.open(uri, text);
  return outline(await server.symbols(uri));
}

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', `${name}.py`), 'utf8');

test('a Sequential list: the model and its layers, keyword arguments as detail', async () => {
  assert.deepEqual(await symbolsOf('file:///symbols/sequential.py', fixture('sequential')), [
    'model Variable Sequential 3:0-9:2 3:0-3:5',
    '  Conv2D(32, 3) 4:4-4:68 [activation="relu", input_shape=(28, 28, 1)]',
    '  Dropout(0.25) 5:4-5:24',
    '  BatchNormalization 6:4-6:31',
    '  Flatten 7:4-7:20',
    '  Dense(10) 8:4-8:42 [activation="softmax"]',
  ]);
});

test('an add chain with a loop: aliases shown by their Keras class, the model range covers every add', async () => {
  assert.deepEqual(await symbolsOf('file:///symbols/add_chain.py', fixture('add_chain')), [
    'model Variable Sequential 3:0-10:40 3:0-3:5',
    '  Dense(128) 4:10-4:34 [input_dim=20]',
    '  Dense(units) 6:14-6:26',
    '  Dropout(0.3) 7:14-7:21',
    '  Activation("relu") 8:14-8:32',
    '  BatchNormalization 9:14-9:34',
    '  Dense(1) 10:10-10:40 [activation="sigmoid"]',
  ]);
});

test('a functional model through a helper: the helper is not a model of its own', async () => {
  assert.deepEqual(await symbolsOf('file:///symbols/functional.py', fixture('functional')), [
    'model Variable functional model 5:8-13:32 13:0-13:5',
    '  Dense(units) 5:8-5:25',
    '  Dropout(0.5) 6:11-6:28',
    '  BatchNormalization 11:4-11:29',
    '  Dense(1) 12:6-12:19',
  ]);
});

test('a subclassed model is a class whose layers are the applications in call()', async () => {
  assert.deepEqual(await symbolsOf('file:///symbols/subclass.py', fixture('subclass')), [
    'Classifier Class subclassed model 3:0-15:27 3:6-3:16',
    '  Dense(256) 12:12-12:31 [activation="relu"]',
    '  Dropout(0.4) 13:12-13:43',
    '  BatchNormalization 14:12-14:43',
    '  Dense(classes) 15:15-15:27',
  ]);
});

test('two models side by side, a helper nobody calls, and a stray layer that is in no model', async () => {
  const text = dedent(`
    from keras import layers, Sequential

    def unused_block(x):
        x = layers.Dense(8)(x)
        return layers.Dropout(0.1)(x)

    encoder = Sequential([layers.Dense(32), layers.Dropout(0.2)])
    decoder = Sequential([layers.Dense(64)])
    stray = layers.Dense(4)
  `);
  assert.deepEqual(await symbolsOf('file:///symbols/two.py', text), [
    'unused_block Function function 2:0-4:33 2:4-2:16',
    '  Dense(8) 3:8-3:26',
    '  Dropout(0.1) 4:11-4:33',
    'encoder Variable Sequential 6:0-6:61 6:0-6:7',
    '  Dense(32) 6:22-6:38',
    '  Dropout(0.2) 6:40-6:59',
    'decoder Variable Sequential 7:0-7:40 7:0-7:7',
    '  Dense(64) 7:22-7:38',
  ]);
});

test('junk gives no symbols and no error', async () => {
  assert.deepEqual(await symbolsOf('file:///symbols/junk.py', '\u0000\u0001 def ((( Sequential([ \uFFFF'), []);
});
