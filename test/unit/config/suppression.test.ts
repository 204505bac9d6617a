// Suppression comments through lint(): `# noqa` forms on the reported line, file-wide `# layerlint: disable`, and
// the same text inside strings doing nothing.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { noqaDirective } from '../../../server/src/config/suppression';
import { dedent, findings } from '../../helpers/rules';

/** `code@line` (0-based) of every dropout-rate finding (LL303, LL304); the snippets trip placement rules too. */
async function reported(source: string): Promise<string[]> {
  return (await findings(source))
    .filter((f) => f.code === 'LL303' || f.code === 'LL304')
    .map((f) => `${f.code}@${source.slice(0, f.span.start).split('\n').length - 1}`);
}

const HEAD = 'from tensorflow.keras import layers, models\nmodel = models.Sequential([\n';
const model = (...lines: string[]) => `${HEAD}${lines.map((l) => `    ${l}\n`).join('')}])\n`;

suite('noqa on the reported line', () => {
  test('without a comment: both findings on the line (the baseline the others change)', async () => {
    assert.deepEqual(await reported(model('layers.Dropout(0.9),', 'layers.Dropout(1.5),')), ['LL304@2', 'LL303@3']);
  });

  test('one code, a list of codes, no space after the colon, any case', async () => {
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # noqa: LL304', 'layers.Dropout(1.5),')), ['LL303@3']);
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # noqa: LL101, LL304', 'layers.Dropout(1.5),  # NOQA:LL303')), []);
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # noqa:ll304 LL303')), []);
  });

  test('a code that does not match, or another tool’s code, suppresses nothing', async () => {
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # noqa: LL303', 'layers.Dropout(1.5),  # noqa: E501')), ['LL304@2', 'LL303@3']);
  });

  test('bare noqa suppresses every code on its line, and only there', async () => {
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # noqa', 'layers.Dropout(1.5),')), ['LL303@3']);
    assert.deepEqual(await reported(model('# noqa', 'layers.Dropout(1.5),')), ['LL303@3']);
    const source = model('layers.Dropout(0.9),  # noqa', 'layers.Dropout(1.5),');
    const onLine2 = (await findings(source)).filter((f) => source.slice(0, f.span.start).split('\n').length - 1 === 2);
    assert.deepEqual(onLine2, []);
  });

  test('after another directive in the same comment', async () => {
    assert.deepEqual(await reported(model('layers.Dropout(0.9),  # type: ignore  # noqa: LL304')), []);
  });

  test('a multi-line finding: the line where its range starts', async () => {
    const source = dedent(`
      from keras import layers
      x = layers.Input((4,))
      y = layers.Dropout(
          rate=1.5,  # noqa: LL303
      )(x)
      z = layers.Dropout(  # noqa: LL303
          rate=1.5,
      )(x)
    `);
    assert.deepEqual(await reported(source), ['LL303@6']);
  });
});

suite('file-level disable', () => {
  test('one code, a comma list, and a bare disable', async () => {
    const body = model('layers.Dropout(0.9),', 'layers.Dropout(1.5),');
    assert.deepEqual(await reported(`# layerlint: disable=LL303\n${body}`), ['LL304@3']);
    assert.deepEqual(await reported(`${body}# layerlint: disable=LL303, LL304\n`), []);
    assert.deepEqual(await reported(`#layerlint:disable=LL304,LL303\n${body}`), []);
    assert.deepEqual(await reported(`# layerlint: disable\n${body}`), []);
  });

  test('a disable for another code leaves the rest', async () => {
    assert.deepEqual(await reported(`# layerlint: disable=LL203\n${model('layers.Dropout(1.5),')}`), ['LL303@3']);
  });
});

suite('text that is not a comment', () => {
  test('noqa and disable inside strings and docstrings do nothing', async () => {
    const source = dedent(`
      """Model zoo. # layerlint: disable=LL303"""
      from tensorflow.keras import layers, models
      model = models.Sequential([
          layers.Dropout(1.5, name="drop # noqa: LL303"),
          layers.Dropout(1.5, name='# noqa'),
      ])
    `);
    assert.deepEqual(await reported(source), ['LL303@3', 'LL303@4']);
  });
});

suite('noqaDirective', () => {
  test('codes and the offset where another code goes', () => {
    const text = '# keep  # noqa: LL101, ll203 because';
    const found = noqaDirective(text);
    assert.deepEqual(found && { codes: [...(found.codes as Set<string>)], end: found.end }, { codes: ['LL101', 'LL203'], end: text.indexOf(' because') });
    assert.deepEqual(noqaDirective('# NOQA'), { codes: 'all', end: 6 });
    assert.equal(noqaDirective('# noqatest: LL101'), undefined);
    assert.equal(noqaDirective('# see the noqa docs'), undefined);
  });
});
