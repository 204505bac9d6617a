// LL305 recurrent-dropout-disables-cudnn: LSTM/GRU with recurrent_dropout > 0, in every style.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL305', source);

suite('LL305 fires', () => {
  test('Sequential list, with the message', async () => {
    const source = dedent(`
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Embedding(1000, 64),
          layers.LSTM(64, recurrent_dropout=0.2),
          layers.Dense(1),
      ])
    `);
    assert.deepEqual(await only(source), ['3:20-41']);
    const [finding] = await findingsOf('LL305', source);
    assert.equal(finding.severity, 'information');
    assert.equal(
      finding.message,
      'LSTM (line 4) has recurrent_dropout=0.2, so Keras cannot run it on the fused cuDNN kernel: on a GPU it falls back to a generic ' +
        'implementation that is often several times slower to train. To regularize and keep the fast kernel, use `dropout=` on the ' +
        'inputs or a Dropout layer between stacked recurrent layers.',
    );
    assert.deepEqual(finding.fixes, []);
  });

  test('add chain, functional, subclass', async () => {
    assert.deepEqual(
      await only(dedent(`
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.add(tf.keras.layers.GRU(32, return_sequences=True, recurrent_dropout=0.1))
      `)),
      ['2:57-78'],
    );
    assert.deepEqual(
      await only(dedent(`
        from keras import layers
        x = layers.Input((10, 8))
        y = layers.GRU(16, recurrent_dropout=.3)(x)
      `)),
      ['2:19-39'],
    );
    assert.deepEqual(
      await only(dedent(`
        import keras
        class Encoder(keras.Model):
            def __init__(self):
                super().__init__()
                self.rnn = keras.layers.LSTM(8, recurrent_dropout=0.5)
            def call(self, x):
                return self.rnn(x)
      `)),
      ['4:40-61'],
    );
  });
});

suite('LL305 looks inside wrappers', () => {
  test('Bidirectional and its backward layer, in a list and functionally', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.Embedding(1000, 64),
            layers.Bidirectional(layers.LSTM(32, recurrent_dropout=0.25)),
            layers.Dense(1),
        ])
        x = layers.Input((10, 8))
        y = layers.Bidirectional(layers.GRU(4), backward_layer=layers.GRU(4, recurrent_dropout=0.1, go_backwards=True))(x)
        z = layers.Bidirectional(layers.LSTM(8, recurrent_dropout=0.2, use_cudnn=False))(x)
      `)),
      ['3:41-63', '7:69-90'],
    );
  });
});

suite('LL305 stays quiet', () => {
  test('no recurrent dropout, input dropout only, use_cudnn=False, SimpleRNN', async () => {
    assert.deepEqual(
      await only(dedent(`
        from tensorflow.keras import layers, models
        model = models.Sequential([
            layers.LSTM(64, return_sequences=True, recurrent_dropout=0.0),
            layers.LSTM(64, return_sequences=True, dropout=0.2),
            layers.GRU(64, recurrent_dropout=0.2, use_cudnn=False),
            layers.SimpleRNN(64, recurrent_dropout=0.2),
        ])
      `)),
      [],
    );
  });
});
