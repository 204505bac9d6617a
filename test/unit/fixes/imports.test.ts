// addImport and layerClassText: a name is added to the file's imports in the file's own style, and a class is
// written the way the file writes classes.
import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { applyEdits } from '../../../server/src/fixes/apply';
import { addImport } from '../../../server/src/fixes/imports';
import { layerClassText } from '../../../server/src/fixes/rename';
import { collectImports } from '../../../server/src/keras/imports';
import type { SyntaxNode } from '../../../server/src/parse/tree';
import { dedent, parser } from '../../helpers/engine';

async function withImport(source: string, module: string, name: string): Promise<string> {
  const root = (await parser()).parse(source).rootNode;
  const result = applyEdits(source, addImport(root, source, module, name));
  assert.equal((await parser()).parse(result).rootNode.hasError, false, result);
  return result;
}

suite('addImport', () => {
  test('extends a one-line import of the same module', async () => {
    assert.equal(
      await withImport('from keras.layers import Dense, Dropout as DO\nx = 1\n', 'keras.layers', 'AlphaDropout'),
      'from keras.layers import Dense, Dropout as DO, AlphaDropout\nx = 1\n',
    );
  });

  test('extends a parenthesized import with a trailing comma and a comment', async () => {
    const source = dedent(`
      from tensorflow.keras.layers import (
          Dense,
          Dropout,  # regularization
      )
    `);
    assert.equal(
      await withImport(source, 'tensorflow.keras.layers', 'SpatialDropout2D'),
      dedent(`
        from tensorflow.keras.layers import (
            Dense,
            Dropout, SpatialDropout2D,  # regularization
        )
      `),
    );
  });

  test('adds nothing when the name is imported already', async () => {
    assert.equal(await withImport('from keras.layers import Activation\n', 'keras.layers', 'Activation'), 'from keras.layers import Activation\n');
  });

  test('otherwise a new line after the last top-level import (not the star import)', async () => {
    const source = 'import numpy as np\r\nfrom keras.layers import *\r\nfrom keras import Model\r\n\r\nm = 1\r\n';
    assert.equal(
      await withImport(source, 'keras.layers', 'Activation'),
      'import numpy as np\r\nfrom keras.layers import *\r\nfrom keras import Model\r\nfrom keras.layers import Activation\r\n\r\nm = 1\r\n',
    );
  });

  test('first in a file without imports, after its docstring', async () => {
    assert.equal(await withImport('"""Model."""\nm = 1\n', 'keras.layers', 'Activation'), '"""Model."""\nfrom keras.layers import Activation\nm = 1\n');
    assert.equal(await withImport('m = 1\n', 'keras.layers', 'Activation'), 'from keras.layers import Activation\nm = 1\n');
  });
});

suite('layerClassText', () => {
  async function classText(source: string, like: string, name: string) {
    const root = (await parser()).parse(source).rootNode;
    const node = find(root, like);
    assert.ok(node, `no ${like} in the source`);
    const result = layerClassText(node, name, collectImports(root), source);
    return result && { text: result.text, fixed: applyEdits(source, result.edits) };
  }

  function find(node: SyntaxNode, text: string): SyntaxNode | undefined {
    if ((node.type === 'identifier' || node.type === 'attribute') && node.text === text && node.parent?.type === 'call') return node;
    for (const child of node.namedChildren) {
      const found = find(child, text);
      if (found) return found;
    }
    return undefined;
  }

  test('attribute styles keep their prefix and need no import', async () => {
    const source = 'import tensorflow as tf\nx = tf.keras.layers.Dropout(0.1)\n';
    assert.deepEqual(await classText(source, 'tf.keras.layers.Dropout', 'AlphaDropout'), { text: 'tf.keras.layers.AlphaDropout', fixed: source });
  });

  test('a bare name through an alias: imported from the module the alias came from', async () => {
    const source = 'from keras.src.layers import Dropout as DO\nx = DO(0.1)\n';
    assert.deepEqual(await classText(source, 'DO', 'SpatialDropout1D'), {
      text: 'SpatialDropout1D',
      fixed: 'from keras.src.layers import Dropout as DO\nfrom keras.layers import SpatialDropout1D\nx = DO(0.1)\n',
    });
  });

  test('a star import or a snippet without imports already provides the name', async () => {
    const star = 'from tensorflow.keras.layers import *\nx = Dropout(0.1)\n';
    assert.deepEqual(await classText(star, 'Dropout', 'AlphaDropout'), { text: 'AlphaDropout', fixed: star });
    const snippet = 'x = Dropout(0.1)\n';
    assert.deepEqual(await classText(snippet, 'Dropout', 'AlphaDropout'), { text: 'AlphaDropout', fixed: snippet });
  });

  test('no text when the name means something else in the file', async () => {
    const source = 'from keras.layers import Dropout\nfrom mylib import AlphaDropout\nx = Dropout(0.1)\n';
    assert.equal(await classText(source, 'Dropout', 'AlphaDropout'), undefined);
  });
});
