// LL403 trainable-changed-after-compile: a trainable change between compile() and fit() with no compile between.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL403', source);

const GUIDE = `
from tensorflow import keras
base = keras.applications.ResNet50(include_top=False)
base.trainable = False
inputs = keras.Input((224, 224, 3))
x = base(inputs, training=False)
outputs = keras.layers.Dense(10)(keras.layers.GlobalAveragePooling2D()(x))
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="mse")
model.fit(ds, epochs=3)
base.trainable = True
`;

suite('LL403 fires', () => {
  test('functional: the base of a model unfrozen after compile, fit again without compiling', async () => {
    const source = dedent(`${GUIDE}model.fit(ds, epochs=10)\n`);
    assert.deepEqual(await only(source), ['9:0-21']);
    const [finding] = await findingsOf('LL403', source);
    assert.equal(
      finding.message,
      '`base.trainable = True` (line 10) comes after functional model `model` was compiled (line 8), and fit (line 11) follows ' +
        'without compiling again: Keras fixes the set of trainable weights at compile(), so this change has no effect on that ' +
        'training. Call compile() again before fit.',
    );
    assert.deepEqual(
      finding.related.map((r) => [source.slice(r.span.start, r.span.end), r.message]),
      [
        ['model.compile(optimizer="adam", loss="mse")', 'functional model `model` is compiled here'],
        ['model.fit(ds, epochs=10)', 'and trained here without compiling again'],
      ],
    );
    assert.deepEqual(finding.fixes, []);
  });

  test('add chain: a layer of the model frozen between compile and fit', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        model = keras.Sequential()
        model.add(keras.layers.Dense(8))
        model.add(keras.layers.Dense(1))
        model.compile(loss="mse")
        model.layers[0].trainable = False
        model.fit(x, y)
      `)),
      ['5:0-33'],
    );
  });

  test('Sequential list holding the base', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        base = keras.applications.MobileNetV2(include_top=False, pooling="avg")
        model = keras.Sequential([base, keras.layers.Dense(3)])
        model.compile(loss="mse")
        base.trainable = False
        model.fit(x, y)
      `)),
      ['4:0-22'],
    );
  });
});

suite('LL403 stays quiet', () => {
  test('compiled again, changed before compiling, never trained after, and a loop that recompiles', async () => {
    assert.deepEqual(await only(dedent(`${GUIDE}model.compile(optimizer="adam", loss="mse")\nmodel.fit(ds, epochs=10)\n`)), []);
    assert.deepEqual(await only(dedent(GUIDE)), []);
    assert.deepEqual(
      await only(dedent(`
        import keras
        base = keras.applications.ResNet50(include_top=False)
        model = keras.Sequential([base, keras.layers.Dense(1)])
        for stage in range(2):
            model.compile(loss="mse")
            model.fit(x, y)
            base.trainable = True
      `)),
      [],
    );
    assert.deepEqual(
      await only(dedent(`
        import keras
        base = keras.applications.ResNet50(include_top=False)
        model = keras.Sequential([keras.layers.Dense(1)])
        other = keras.Sequential([base])
        model.compile(loss="mse")
        other.compile(loss="mse")
        base.trainable = False
        model.fit(x, y)
        other.compile(loss="mse")
        other.fit(x, y)
      `)),
      [],
    );
  });
});
