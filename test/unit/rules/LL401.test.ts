// LL401 frozen-base-called-in-training-mode: pretrained keras.applications models and models set untrainable,
// called without training=False, in functional code, helpers and subclasses.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { assertFix, dedent, findingsOf, placesOf } from '../../helpers/rules';

const only = (source: string) => placesOf('LL401', source);

suite('LL401 fires', () => {
  test('functional: a pretrained application, with message, related place and fix metadata', async () => {
    const source = dedent(`
      from tensorflow import keras
      base = keras.applications.ResNet50(include_top=False, weights="imagenet")
      inputs = keras.Input((224, 224, 3))
      x = base(inputs)
      outputs = keras.layers.Dense(10)(keras.layers.GlobalAveragePooling2D()(x))
      model = keras.Model(inputs, outputs)
    `);
    assert.deepEqual(await only(source), ['3:4-16']);
    const [finding] = await findingsOf('LL401', source);
    assert.equal(
      finding.message,
      'ResNet50 model `base` is a pretrained keras.applications model but is called without training=False (line 4): its ' +
        'BatchNormalization layers then run in training mode when the outer model trains, and once it is unfrozen for fine-tuning ' +
        'they re-estimate their statistics from the new batches, which can wreck the pretrained features. Call it with training=False.',
    );
    assert.deepEqual(finding.related.map((r) => [r.span.start, r.message]), [[source.indexOf('keras.applications'), 'ResNet50 model `base` is a pretrained keras.applications model here']]);
    assert.deepEqual(finding.fixes.map((f) => [f.title, f.applicability, f.preferred]), [['Call it in inference mode: training=False', 'unsafe', true]]);
  });

  test('a Sequential model frozen with trainable = False, called inside a helper function', async () => {
    const source = dedent(`
      import keras
      encoder = keras.Sequential([keras.layers.Dense(4), keras.layers.BatchNormalization()])
      encoder.trainable = False
      def build(enc):
          inputs = keras.Input((32,))
          return keras.Model(inputs, enc(inputs))
      model = build(encoder)
    `);
    assert.deepEqual(await only(source), ['5:31-42']);
    assert.equal((await findingsOf('LL401', source))[0].related[0].message, 'Sequential model `encoder` is frozen (trainable = False) here');
  });

  test('subclass: the base made in __init__ and called in call(), with training=True written', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        from keras.applications import MobileNetV2
        class Classifier(keras.Model):
            def __init__(self):
                super().__init__()
                self.base = MobileNetV2(include_top=False)
                self.head = keras.layers.Dense(10)
            def call(self, x):
                return self.head(self.base(x, training=True))
      `)),
      ['8:25-52'],
    );
  });
});

suite('LL401 stays quiet', () => {
  test('training=False or passed through, untrained applications, partly frozen models, frozen models without BatchNormalization, models used as a whole', async () => {
    assert.deepEqual(
      await only(dedent(`
        import keras
        base = keras.applications.EfficientNetB0(include_top=False)
        scratch = keras.applications.ResNet50(weights=None, classes=10)
        encoder = keras.Sequential([keras.layers.Dense(4), keras.layers.BatchNormalization()])
        encoder.layers[0].trainable = False
        dense_only = keras.Sequential([keras.layers.Dense(4)])
        dense_only.trainable = False
        def forward(x, training):
            return base(x, training=training)
        inputs = keras.Input((224, 224, 3))
        a = base(inputs, training=False)
        b = scratch(inputs)
        c = encoder(inputs)
        d = dense_only(inputs)
        scratch.fit(inputs)
      `)),
      [],
    );
  });
});

suite('LL401 fix', () => {
  test('adds training=False', async () => {
    await assertFix(
      'LL401',
      dedent(`
        from tensorflow import keras
        base = keras.applications.VGG16(include_top=False)
        inputs = keras.Input((224, 224, 3))
        features = base(inputs)  # frozen features
      `),
      dedent(`
        from tensorflow import keras
        base = keras.applications.VGG16(include_top=False)
        inputs = keras.Input((224, 224, 3))
        features = base(inputs, training=False)  # frozen features
      `),
    );
  });

  test('turns training=True into training=False', async () => {
    await assertFix(
      'LL401',
      'import keras\nbase = keras.applications.Xception()\nbase.trainable = False\ny = base(keras.Input((299, 299, 3)), training=True)\n',
      'import keras\nbase = keras.applications.Xception()\nbase.trainable = False\ny = base(keras.Input((299, 299, 3)), training=False)\n',
    );
  });
});
