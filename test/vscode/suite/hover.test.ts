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
    // Its place in this model: applied on line 8, after the Dropout on line 7, before the Activation on line 9.
    assert.match(text, /`model`, line 8: after `Dropout` \(line 7\) · before `Activation` \(line 9\)/);
  });

  it('in a subclassed model: its place in call(), not where __init__ constructs it', async () => {
    const { document } = await open('subclass.py');
    const text = await hoverText(document.uri, positionOf(document, 'BatchNormalization', 3));
    assert.match(text, /`Classifier`, line 16: after `Dropout` \(line 15\) · before `Dense` \(line 17\)/);
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
