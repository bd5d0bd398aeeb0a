// Post-processing through the WebAssembly module (WordVectors.postProcessed):
// the cosines it gives are those of the centred rows computed here in
// JavaScript, the words and the original set are unchanged, and bad choices
// are Errors.
//
//   node --test tests/wasm/post-processing.test.mjs
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { EmbeddingEngine } from '../../web/engine/embedding-engine.js';
import { loadEngine } from './load-engine.mjs';

/** @type {EmbeddingEngine} */
let engine;
before(async () => {
  engine = new EmbeddingEngine((await loadEngine()).module);
});

/** Rows sharing one large offset, as trained vectors do. */
function rows(count, dim) {
  const values = new Float32Array(count * dim);
  let state = 12345;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  for (let r = 0; r < count; r++) for (let i = 0; i < dim; i++) values[r * dim + i] = random() + (i < 3 ? 2 : 0);
  return values;
}

function cosine(a, b) {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / Math.sqrt(aa * bb);
}

test('centred vectors give the cosines of the rows minus their mean', () => {
  const count = 50, dim = 8;
  const values = rows(count, dim);
  const words = Array.from({ length: count }, (_, i) => `w${i}`);
  const raw = engine.vectorsFromRows(words, values, dim);
  const centred = raw.postProcessed('centre');
  try {
    const mean = new Float64Array(dim);
    for (let r = 0; r < count; r++) for (let i = 0; i < dim; i++) mean[i] += values[r * dim + i] / count;
    const centredRow = (r) => Array.from({ length: dim }, (_, i) => values[r * dim + i] - mean[i]);
    for (const [a, b] of [[0, 1], [2, 7], [10, 49]]) {
      assert.ok(Math.abs(centred.similarity(a, b) - cosine(centredRow(a), centredRow(b))) < 1e-5);
      assert.ok(Math.abs(raw.similarity(a, b) - cosine(values.subarray(a * dim, (a + 1) * dim), values.subarray(b * dim, (b + 1) * dim))) < 1e-5);
    }
    assert.ok(raw.similarity(0, 1) > 0.5, 'the shared offset makes raw rows alike');
    assert.deepEqual(centred.words(), words);
    assert.equal(centred.size, count);
    // The original keeps its values.
    assert.ok(Math.abs(raw.vector(0)[0] - values[0]) < 1e-7);
  } finally {
    raw.delete();
    centred.delete();
  }
});

test('removing components differs from centring alone, and none copies', () => {
  const count = 40, dim = 6;
  const values = rows(count, dim);
  const raw = engine.vectorsFromRows(Array.from({ length: count }, (_, i) => `w${i}`), values, dim);
  const handles = ['none', 'centre', 'centre+1'].map((name) => raw.postProcessed(name));
  try {
    const [none, centre, top1] = handles;
    assert.equal(none.similarity(3, 4), raw.similarity(3, 4));
    assert.notEqual(centre.similarity(3, 4), top1.similarity(3, 4));
  } finally {
    raw.delete();
    handles.forEach((handle) => handle.delete());
  }
});

test('unknown post-processing names and too many components are Errors', () => {
  const raw = engine.vectorsFromRows(['a', 'b', 'c'], rows(3, 4), 4);
  try {
    assert.throws(() => raw.postProcessed('mean'), /post-processing must be none, centre or centre\+D/);
    assert.throws(() => raw.postProcessed('centre+4'), /cannot remove 4 principal components of 4-dimensional vectors/);
  } finally {
    raw.delete();
  }
});
