// Hovers explain the layer under the mouse with what this call wrote, its place in the model, and its findings
// (issue 4, "Hovers that explain").
import * as assert from 'node:assert/strict';
import { hoverText, open, positionOf, revertAll, waitForDiagnostics, withCode } from './helpers';

describe('hover', () => {
  afterEach(revertAll);

  it('on BatchNormalization: what it does, momentum written here against its default, training vs inference, neighbours', async () => {
    const { document } = await open('sequential.py');
    const text = await hoverText(document.uri, positionOf(document, 'BatchNormalization', 3));
    assert.match(text, /BatchNormalization/);
    assert.match(text, /momentum[^\n]*0\.9\b/);
    assert.match(text, /0\.99\b/);
    assert.match(text, /inference/i);
    assert.match(text, /moving/i);
    // Its neighbours in this model: the Dropout on line 7 before it, the Activation on line 9 after it.
    assert.match(text, /Dropout[^\n]*\b7\b/);
    assert.match(text, /Activation[^\n]*\b9\b/);
  });

  it('on the Dropout: the practical guidance and the LL101 finding on it', async () => {
    const { document } = await open('sequential.py');
    await waitForDiagnostics(document.uri, withCode('LL101'), 'LL101');
    const text = await hoverText(document.uri, positionOf(document, 'Dropout', 2));
    assert.match(text, /training/i);
    assert.match(text, /LL101/);
  });

  it('on the momentum= argument: the PyTorch convention trap', async () => {
    const { document } = await open('sequential.py');
    const text = await hoverText(document.uri, positionOf(document, 'momentum', 2));
    assert.match(text, /PyTorch/);
  });

  it('on a name that is not a Keras layer: nothing from layerlint', async () => {
    const { document } = await open('sequential.py');
    assert.equal(await hoverText(document.uri, positionOf(document, 'model', 2)), '');
  });
});
