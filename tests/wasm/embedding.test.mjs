// The embedding engine through its JS wrapper (web/engine/embedding-engine.js), in
// node: training a tiny corpus in steps, neighbours, analogies, similarity and
// PCA as typed arrays, the .vec round trip, Day 0 vectors, token corpora, the
// compact file of the default vectors, and errors as JS Errors after which the
// module keeps working.
//
//   node --test tests/wasm/embedding.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { decodeCompactVectors, encodeCompactVectors } from '../../web/engine/compact-vectors.js';
import { EmbeddingEngine, packWords, unpackWords } from '../../web/engine/embedding-engine.js';
import { tokenDisplay, tokenName, tokenNameBytes } from '../../web/common/token-names.js';
import { distDir, loadEngine } from './load-engine.mjs';

/** @type {EmbeddingEngine} */
let engine;

// Sentences where "cat" and "dog" share their contexts, and "car" and "truck"
// share other ones; a seeded generator makes the same text every run.
function syntheticCorpus(sentences) {
  const animalWords = ['pet', 'fur', 'feed', 'purr', 'paws', 'tail'];
  const vehicleWords = ['road', 'drive', 'wheel', 'fuel', 'engine', 'garage'];
  let state = 7;
  const below = (n) => {
    state = (state * 48271) % 2147483647;
    return state % n;
  };
  const lines = [];
  for (let s = 0; s < sentences; s++) {
    const animal = below(2) === 0;
    const context = animal ? animalWords : vehicleWords;
    const center = animal ? ['cat', 'dog'][below(2)] : ['car', 'truck'][below(2)];
    lines.push([context[below(6)], context[below(6)], center, context[below(6)], context[below(6)]].join(' '));
  }
  return lines.join('\n') + '\n';
}

const kOptions = { dim: 16, window: 3, minCount: 1, sample: 0, epochs: 5, seed: 42 };

/** @param {string} text @param {object} options @param {number} stepWords */
function train(text, options = kOptions, stepWords = 5000) {
  const corpus = engine.wordCorpus();
  // Cut anywhere: a word may span two chunks.
  for (let at = 0; at < text.length; at += 777) corpus.addText(text.slice(at, at + 777));
  corpus.finishWords(options.minCount ?? 5);
  const trainer = engine.createTrainer(corpus, options);
  corpus.delete();
  let progress;
  do progress = trainer.step(stepWords);
  while (!progress.finished);
  const vectors = trainer.vectors();
  trainer.delete();
  return { vectors, progress };
}

before(async () => {
  const tokenlab = await loadEngine();
  engine = new EmbeddingEngine(tokenlab.module);
});

describe('training', () => {
  test('a tiny corpus trains in steps and words that share contexts end up near each other', () => {
    const { vectors, progress } = train(syntheticCorpus(3000));
    assert.equal(progress.finished, true);
    assert.equal(progress.wordsDone, progress.wordsTotal);
    assert.equal(progress.wordsTotal, 3000 * 5 * 5);
    assert.ok(progress.learningRate < 0.001, `the rate decays to near 0, got ${progress.learningRate}`);
    const row = (word) => vectors.find(word);
    assert.equal(vectors.size, 16);
    assert.equal(vectors.dim, 16);
    assert.ok(vectors.similarity(row('cat'), row('dog')) > vectors.similarity(row('cat'), row('car')));
    assert.ok(vectors.similarity(row('car'), row('truck')) > vectors.similarity(row('truck'), row('dog')));
    vectors.delete();
  });

  test('the result does not depend on how the work is cut into steps', () => {
    const text = syntheticCorpus(500);
    const small = train(text, kOptions, 700);
    const large = train(text, kOptions, 1_000_000);
    assert.deepEqual(small.vectors.toVec(), large.vectors.toVec());
    small.vectors.delete();
    large.vectors.delete();
  });

  test('Day 0 vectors are the ones a trainer starts from', () => {
    const corpus = engine.wordCorpus();
    corpus.addText(syntheticCorpus(200));
    corpus.finishWords(1);
    const trainer = engine.createTrainer(corpus, kOptions);
    const start = trainer.vectors();
    const remade = start.dayZero(kOptions.seed);
    assert.deepEqual(remade.toVec(), start.toVec());
    const otherSeed = start.dayZero(kOptions.seed + 1);
    assert.notDeepEqual(otherSeed.toVec(), start.toVec());
    for (const handle of [corpus, trainer, start, remade, otherSeed]) handle.delete();
  });

  test('the corpus reports what a trainer of it would hold', () => {
    const corpus = engine.wordCorpus();
    corpus.addText('a b c a b a\nc d\n');
    assert.equal(corpus.entriesRead(), 8);
    corpus.finishWords(2);
    assert.equal(corpus.entriesRead(), 8, 'words read, kept or not');
    assert.equal(corpus.vocabularySize(), 3);
    assert.equal(corpus.corpusWords(), 7);
    // Two 3 × 16-float matrices, three 12-byte word tables, 4 bytes a corpus row (7 words, 2 ends).
    assert.equal(corpus.trainingMemoryBytes(10), 2 * 3 * 16 * 4 + 3 * 12 + 9 * 4);
    corpus.delete();
  });

  test('token ids train too, each id named as given', () => {
    const corpus = engine.idCorpus();
    const ids = [];
    for (let i = 0; i < 200; i++) ids.push(i % 2 ? 1 : 2, 3, 0, -1);
    corpus.addIds(Int32Array.from(ids));
    assert.equal(corpus.entriesRead(), 600);
    corpus.finishIds(packWords(['zero', 'one', 'two', 'three', 'never']), 1);
    assert.equal(corpus.vocabularySize(), 4, 'ids that never occur get no row');
    const trainer = engine.createTrainer(corpus, { ...kOptions, epochs: 1 });
    while (!trainer.step(10_000).finished);
    const vectors = trainer.vectors();
    assert.deepEqual([...vectors.words()].sort(), ['one', 'three', 'two', 'zero']);
    assert.equal(vectors.find('never'), -1);
    for (const handle of [corpus, trainer, vectors]) handle.delete();
  });
});

describe('questions', () => {
  /** @type {import('../../web/engine/embedding-engine.js').WordVectors} */
  let vectors;
  before(() => {
    vectors = train(syntheticCorpus(3000)).vectors;
  });

  test('neighbours are typed arrays, best first, without the word itself', () => {
    const cat = vectors.find('cat');
    const { ids, scores } = vectors.nearestToRow(cat, 5);
    assert.ok(ids instanceof Int32Array);
    assert.ok(scores instanceof Float32Array);
    assert.equal(ids.length, 5);
    assert.ok(!ids.includes(cat));
    for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i]);
    assert.ok(scores[0] <= 1.0001 && scores[4] >= -1.0001);
    assert.equal(vectors.words()[ids[0]], 'dog');
  });

  test('nearest to any vector leaves out the rows asked, and k larger than the set gives every row', () => {
    const cat = vectors.find('cat');
    const query = vectors.vector(cat);
    assert.ok(query instanceof Float32Array);
    assert.equal(query.length, 16);
    const withCat = vectors.nearest(query, 1);
    assert.equal(withCat.ids[0], cat);
    assert.ok(Math.abs(withCat.scores[0] - 1) < 1e-5);
    const all = vectors.nearest(query, 100, [cat]);
    assert.equal(all.ids.length, vectors.size - 1);
  });

  test('analogies leave out their three words and similarity is symmetric', () => {
    const [cat, dog, car] = ['cat', 'dog', 'car'].map((word) => vectors.find(word));
    const { ids, scores } = vectors.analogy(cat, dog, car, 4);
    assert.ok(ids instanceof Int32Array && scores instanceof Float32Array);
    for (const row of [cat, dog, car]) assert.ok(!ids.includes(row));
    assert.equal(vectors.words()[ids[0]], 'truck');
    assert.equal(vectors.similarity(cat, car), vectors.similarity(car, cat));
    assert.ok(Math.abs(vectors.similarity(cat, cat) - 1) < 1e-5);
  });

  test('PCA gives one point per row and the variance of each axis', () => {
    const projection = vectors.pca(10);
    assert.ok(projection.x instanceof Float32Array && projection.y instanceof Float32Array);
    assert.equal(projection.x.length, 10);
    assert.equal(projection.y.length, 10);
    assert.ok(projection.variance instanceof Float64Array);
    assert.ok(projection.variance[0] >= projection.variance[1]);
    assert.ok(projection.variance[0] + projection.variance[1] <= projection.totalVariance * (1 + 1e-6));
    const meanX = projection.x.reduce((sum, x) => sum + x, 0) / 10;
    assert.ok(Math.abs(meanX) < 1e-4, 'points are centred');
    const all = vectors.pca(1000);
    assert.equal(all.x.length, vectors.size, 'a count above the size takes every row');
  });

  test('rows come back to back, scaled to length 1 when asked', () => {
    const rows = vectors.rows(3, { unit: true });
    assert.equal(rows.length, 3 * 16);
    const length = Math.hypot(...rows.subarray(16, 32));
    assert.ok(Math.abs(length - 1) < 1e-5);
    assert.deepEqual(vectors.rows(2), Float32Array.from([...vectors.vector(0), ...vectors.vector(1)]));
  });

  test('a .vec file reads back exactly, and rounded with fewer digits', () => {
    const bytes = vectors.toVec();
    assert.ok(bytes instanceof Uint8Array);
    const text = new TextDecoder().decode(bytes);
    assert.match(text, /^16 16\n/);
    const back = engine.vectorsFromVec(bytes);
    assert.deepEqual(back.words(), vectors.words());
    assert.deepEqual(back.rows(16), vectors.rows(16));
    const rounded = engine.vectorsFromVec(vectors.toVec(4));
    const difference = rounded.rows(16).reduce((worst, x, i) => Math.max(worst, Math.abs(x - vectors.rows(16)[i])), 0);
    assert.ok(difference > 0 && difference < 1e-3);
    back.delete();
    rounded.delete();
  });
});

describe('errors', () => {
  test('a malformed .vec file is an Error naming the line, and the module keeps working', () => {
    const bad = new TextEncoder().encode('3 2\nking 0.1 0.2\nqueen 0.1\nman 0.3 0.4\n');
    assert.throws(() => engine.vectorsFromVec(bad), (error) => error instanceof Error && /line 3/.test(error.message));
    const notNumbers = new TextEncoder().encode('king 0.1 x\n');
    assert.throws(() => engine.vectorsFromVec(notNumbers), (error) => error instanceof Error && /line 1/.test(error.message));
    const good = engine.vectorsFromVec(new TextEncoder().encode('king 1 0\nqueen 0.9 0.1\n'));
    assert.equal(good.size, 2);
    assert.equal(good.nearestToRow(0, 1).ids[0], 1);
    good.delete();
  });

  test('settings out of range name the setting and its range', () => {
    assert.throws(() => engine.validateOptions({ dim: 301 }), /dim must be between 1 and 300, not 301/);
    assert.throws(() => engine.validateOptions({ window: 0 }), /window must be between 1 and 20/);
    assert.throws(() => engine.validateOptions({ model: 'glove' }), /unknown model "glove"/);
    assert.throws(() => engine.validateOptions({ minCount: 0 }), /min count/);
    engine.validateOptions({ dim: 300, model: 'cbow' });
  });

  test('an empty corpus, or one with no word at the minimum count, is refused', () => {
    const empty = engine.wordCorpus();
    empty.finishWords(5);
    assert.throws(() => engine.createTrainer(empty, kOptions), (error) => error instanceof Error && /nothing to train on/.test(error.message));
    const rare = engine.wordCorpus();
    rare.addText('one two three\n');
    rare.finishWords(2);
    assert.equal(rare.vocabularySize(), 0);
    assert.throws(() => engine.createTrainer(rare, { ...kOptions, minCount: 2 }), /min-count \(2\)/);
    empty.delete();
    rare.delete();
    const { vectors } = train(syntheticCorpus(100), { ...kOptions, epochs: 1 });
    assert.equal(vectors.size, 16, 'training still works afterwards');
    vectors.delete();
  });

  test('rows outside the vectors and ids outside the vocabulary are Errors', () => {
    const vectors = engine.vectorsFromVec(new TextEncoder().encode('a 1 0\nb 0 1\n'));
    assert.throws(() => vectors.nearestToRow(5, 1), /row 5 is outside the 2 vectors/);
    assert.throws(() => vectors.vector(-1), /row -1/);
    assert.throws(() => vectors.nearest(new Float32Array(3), 1), /needs 2 values/);
    vectors.delete();
    assert.throws(() => vectors.size && vectors.find('a'), /deleted/);
    const corpus = engine.idCorpus();
    corpus.addIds(Int32Array.of(0, 7, -1));
    assert.throws(() => corpus.finishIds(packWords(['x', 'y']), 1), Error);
    corpus.delete();
  });
});

describe('files', () => {
  test('compact vectors keep every value within half a step of its row', () => {
    const values = Float32Array.from({ length: 3 * 5 }, (_, i) => Math.sin(i * 1.7) * (i % 5 === 0 ? 2 : 0.3));
    const words = packWords(['king', 'queen', 'é']);
    const bytes = encodeCompactVectors({ words, values, dim: 5, meta: { seed: 9 } });
    const back = decodeCompactVectors(bytes);
    assert.deepEqual(unpackWords(back.words), ['king', 'queen', 'é']);
    assert.equal(back.meta.seed, 9);
    assert.equal(back.meta.rows, 3);
    for (let row = 0; row < 3; row++) {
      const largest = Math.max(...values.subarray(row * 5, row * 5 + 5).map(Math.abs));
      for (let i = 0; i < 5; i++) assert.ok(Math.abs(back.values[row * 5 + i] - values[row * 5 + i]) <= largest / 127 / 2 + 1e-7);
    }
    assert.throws(() => decodeCompactVectors(bytes.subarray(0, bytes.length - 3)), /cut off/);
    assert.throws(() => decodeCompactVectors(new TextEncoder().encode('2 3\nking 1 2 3\n')), /TLV1/);
  });

  test('the default vectors answer queen to king − man + woman', async () => {
    const compact = decodeCompactVectors(new Uint8Array(await readFile(path.join(distDir, 'vectors', 'default.tlv'))));
    const vectors = engine.vectorsFromRows(compact.words, compact.values, compact.dim);
    assert.ok(vectors.size > 20000);
    assert.equal(vectors.dim, 100);
    const [king, man, woman] = ['king', 'man', 'woman'].map((word) => vectors.find(word));
    const answer = vectors.analogy(king, man, woman, 1);
    assert.equal(vectors.words()[answer.ids[0]], 'queen');
    vectors.delete();
  });

  test('token names keep the exact bytes and show whitespace', () => {
    const bytes = new TextEncoder().encode(' king\\é\n');
    const name = tokenName(bytes);
    assert.equal(name, '\\x20king\\x5C\\xC3\\xA9\\x0A');
    assert.deepEqual(tokenNameBytes(name), bytes);
    assert.equal(tokenDisplay(name), '·king\\é↵');
    assert.equal(tokenDisplay(tokenName(Uint8Array.of(0xe2, 0x80))), '\\xE2\\x80', 'part of a character stays escaped');
    assert.equal(tokenName(new Uint8Array(0)), '\\x');
  });
});
