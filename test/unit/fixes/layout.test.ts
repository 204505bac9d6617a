// The layer edit builders keep a file's own layout: CRLF line ends, tab indentation, one-line models.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { applyFix, findingsOf } from '../../helpers/rules';

async function fixed(code: string, source: string): Promise<string> {
  const [finding] = await findingsOf(code, source);
  assert.ok(finding, `no ${code} finding`);
  return applyFix(source, finding);
}

suite('layout', () => {
  test('CRLF and tabs: a removed add line takes its own line end only, and leaves its comment', async () => {
    const source = 'import keras\r\nm = keras.Sequential()\r\nif True:\r\n\tm.add(keras.layers.BatchNormalization())\r\n\tm.add(keras.layers.BatchNormalization())  # twice\r\n\tm.add(keras.layers.Dense(1))\r\n';
    assert.equal(await fixed('LL104', source), 'import keras\r\nm = keras.Sequential()\r\nif True:\r\n\tm.add(keras.layers.BatchNormalization())\r\n\t# twice\r\n\tm.add(keras.layers.Dense(1))\r\n');
  });

  test('CRLF and tabs: an inserted activation line is indented and ended like its neighbours', async () => {
    const source = 'from keras import layers\r\ndef block(x):\r\n\tx = layers.Dense(8, activation="relu")(x)\r\n\tx = layers.BatchNormalization()(x)\r\n\treturn layers.Dense(1)(x)\r\n';
    assert.equal(
      await fixed('LL102', source),
      'from keras import layers\r\ndef block(x):\r\n\tx = layers.Dense(8, use_bias=False)(x)\r\n\tx = layers.BatchNormalization()(x)\r\n\tx = layers.Activation("relu")(x)\r\n\treturn layers.Dense(1)(x)\r\n',
    );
  });

  test('the only statement of a block becomes pass', async () => {
    const source = 'from keras import layers\ndef block(x, deep):\n    x = layers.BatchNormalization()(x)\n    if deep:\n        x = layers.BatchNormalization()(x)\n    return layers.Dense(1)(x)\n';
    assert.equal(
      await fixed('LL104', source),
      'from keras import layers\ndef block(x, deep):\n    x = layers.BatchNormalization()(x)\n    if deep:\n        pass\n    return layers.Dense(1)(x)\n',
    );
  });

  test('an element that is not alone on its line leaves its neighbours and their commas', async () => {
    const source = 'import keras\nm = keras.Sequential([\n    keras.layers.BatchNormalization(), keras.layers.BatchNormalization(),\n    keras.layers.Dense(1),\n])\n';
    assert.equal(await fixed('LL104', source), 'import keras\nm = keras.Sequential([\n    keras.layers.BatchNormalization(),\n    keras.layers.Dense(1),\n])\n');
  });
});
