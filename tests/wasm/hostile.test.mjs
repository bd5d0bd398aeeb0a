// The WebAssembly module under hostile use, through its JS wrappers: calls
// after delete(), a 100 MB text to encode, ids and rows far out of range,
// trainings dropped at every phase, two trainings at once. Each must end in a
// JS Error that says what was wrong (never a WebAssembly abort, which would
// kill the instance), and after each the same module still encodes, trains
// and answers as before (stillWorks).
//
//   node --test tests/wasm/hostile.test.mjs
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

import { EmbeddingEngine } from '../../web/engine/embedding-engine.js';
import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine, readVocab } from './load-engine.mjs';

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;
/** @type {TrainerEngine} */
let trainers;
/** @type {EmbeddingEngine} */
let embeddings;
/** @type {import('../../web/engine/engine.js').Tokenizer} */
let cl100k;

const kWorkedExample = 'low low low low low lower lower newest newest newest widest';
const kCorpus = Array.from({ length: 400 }, (_, i) => ['the cat sat on the mat', 'the dog sat on the log', 'a cat and a dog'][i % 3]).join('\n');
const kVectorOptions = { dim: 8, window: 2, minCount: 1, sample: 0, epochs: 3, seed: 5 };

/** The merges of the worked example, or of any text, trained to the end. @param {string} text */
function trainBpe(text = kWorkedExample) {
  const trainer = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'whitespace' });
  try {
    trainer.addText(text);
    while (trainer.step(100) > 0);
    return Array.from(trainer.merges(0).ids).join(',') + ' ' + Buffer.from(trainer.tokenizerJson()).length;
  } finally {
    trainer.delete();
  }
}

/** A corpus of kCorpus's words, text added, not yet finished. */
function corpusOfWords() {
  const corpus = embeddings.wordCorpus();
  corpus.addText(kCorpus);
  return corpus;
}

/** Finishes the corpus, trains seeded vectors on it to the end and releases the corpus and trainer. */
function trainedVectors(corpus) {
  corpus.finishWords(1);
  const trainer = embeddings.createTrainer(corpus, kVectorOptions);
  corpus.delete();
  while (!trainer.step(1000).finished);
  const vectors = trainer.vectors();
  trainer.delete();
  return vectors;
}

/** The vectors of a seeded run on kCorpus, as bytes. */
function trainVectors() {
  const vectors = trainedVectors(corpusOfWords());
  const values = vectors.rows(vectors.size);
  vectors.delete();
  return Buffer.from(values.buffer).toString('base64');
}

let referenceMerges = '';
let referenceVectors = '';

/** A normal call of each kind succeeds, with the result it had before any abuse. */
function stillWorks() {
  assert.deepEqual(Array.from(cl100k.encode('hello world').ids), [15339, 1917]);
  assert.equal(Buffer.from(cl100k.decode([15339, 1917])).toString(), 'hello world');
  assert.equal(trainBpe(), referenceMerges);
  assert.equal(trainVectors(), referenceVectors);
}

/** @param {() => unknown} call @param {RegExp} message */
function throwsError(call, message) {
  assert.throws(call, (error) => {
    // An abort would be a WebAssembly.RuntimeError; Embind's own failures are BindingErrors.
    assert.ok(error instanceof Error && error.constructor === Error, `a plain Error, not ${error?.constructor?.name}: ${error}`);
    assert.match(error.message, message);
    return true;
  });
}

before(async () => {
  engine = await loadEngine();
  trainers = new TrainerEngine(engine.module);
  embeddings = new EmbeddingEngine(engine.module);
  cl100k = engine.loadTiktoken('cl100k_base', await readVocab('cl100k_base'));
  referenceMerges = trainBpe();
  referenceVectors = trainVectors();
  assert.match(referenceMerges, /^256,257,258,259,/);
});

describe('calls after delete()', () => {
  test('a deleted tokenizer says so for every call, and deleting twice is safe', async () => {
    const tokenizer = engine.loadTiktoken('r50k_base', await readVocab('r50k_base'));
    tokenizer.delete();
    tokenizer.delete();
    for (const call of [
      () => tokenizer.encode('x'),
      () => tokenizer.count('x'),
      () => tokenizer.decode([1]),
      () => tokenizer.vocabulary(),
      () => tokenizer.addedSpecialTokens(),
      () => tokenizer.memoryBytes(),
    ]) {
      throwsError(call, /^tokenizer r50k_base was deleted \(released with delete\(\)\); load it again to use it$/);
    }
    stillWorks();
  });

  test('a deleted BPE trainer, corpus, embedding trainer or vector set says so', () => {
    const bpe = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'gpt2' });
    bpe.delete();
    for (const call of [() => bpe.addText('x'), () => bpe.step(1), () => bpe.merges(), () => bpe.tokenizerJson(), () => bpe.done]) {
      throwsError(call, /^the trainer was deleted \(released with delete\(\)\); create a new one to train again$/);
    }
    const corpus = embeddings.wordCorpus();
    corpus.addText(kCorpus);
    corpus.finishWords(1);
    const trainer = embeddings.createTrainer(corpus, kVectorOptions);
    const vectors = trainer.vectors();
    for (const handle of [corpus, trainer, vectors]) handle.delete();
    throwsError(() => corpus.addText('more'), /^corpus was deleted/);
    throwsError(() => embeddings.createTrainer(corpus, kVectorOptions), /^corpus was deleted/);
    throwsError(() => trainer.step(10), /^trainer was deleted/);
    throwsError(() => vectors.nearestToRow(0, 3), /^word vectors was deleted/);
    stillWorks();
  });
});

describe('a 100 MB text to encode', () => {
  test('prose encodes in full, and its input and encoding are given back for the next, small text', () => {
    const repeats = Math.floor(100_000_000 / 12);
    const text = 'hello world '.repeat(repeats);
    const before = engine.memory().usedBytes;
    const { ids } = cl100k.encode(text);
    // "hello", " world", " hello" ... and the last space on its own.
    assert.equal(ids.length, 2 * repeats + 1);
    assert.deepEqual(Array.from(ids.subarray(0, 4)), [15339, 1917, 24748, 1917]);
    const pieces = ids.length;
    stillWorks();
    // The 100 MB input and its 12 bytes a token of encoding are given back;
    // the tokenizer keeps only its list of pieces (8 bytes each) for reuse.
    const held = engine.memory().usedBytes - before;
    assert.ok(held <= 8 * pieces + (4 << 20), `${held} bytes still held after ${pieces} pieces`);
  });

  test('one 100 MB word either encodes or is an Error naming the memory, and the module keeps working', () => {
    // cl100k keeps a run of letters as one piece, and merging a piece of 100 MB
    // needs more than the module's 2 GB: the engine throws bad_alloc, which
    // the binding reports with the numbers.
    const text = 'a'.repeat(100_000_000);
    try {
      assert.equal(cl100k.count(text), 100_000_000 / 8);
    } catch (error) {
      assert.ok(error instanceof Error && error.constructor === Error, String(error));
      assert.match(error.message, /^ran out of memory: the engine holds \d+ MB, the most it can grow to is 2048 MB$/);
    }
    stillWorks();
  });
});

describe('ids and rows far out of range', () => {
  test('decode names the id as given and the vocabulary size', () => {
    for (const id of [-1, 100277, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, NaN, 1.5, Infinity, -Infinity]) {
      throwsError(() => cl100k.decode([15339, id]), new RegExp(`^token id ${String(id).replace('.', '\\.')} is not in cl100k_base \\(vocabulary size 100277\\)$`));
    }
    // A Uint32Array crosses as it is; the engine checks it.
    throwsError(() => cl100k.decode(Uint32Array.of(15339, 2 ** 32 - 1)), /^token id 4294967295 is not in cl100k_base \(vocabulary size 100277\)$/);
    stillWorks();
  });

  test('rows of a vector set name the row as given and the number of vectors', () => {
    const vectors = embeddings.vectorsFromVec(new TextEncoder().encode('a 1 0\nb 0 1\nc 1 1\n'));
    for (const row of [-1, 3, 2 ** 31, 2 ** 32 - 1, NaN, 0.5]) {
      const message = new RegExp(`^row ${String(row).replace('.', '\\.')} is outside the 3 vectors$`);
      throwsError(() => vectors.nearestToRow(row, 2), message);
      throwsError(() => vectors.vector(row), message);
      throwsError(() => vectors.similarity(0, row), message);
      throwsError(() => vectors.analogy(0, 1, row, 2), message);
    }
    throwsError(() => vectors.nearestToRow(0, -1), /^k must be a whole number of at least 0, not -1$/);
    throwsError(() => vectors.rows(NaN), /not NaN$/);
    throwsError(() => vectors.toVec(2 ** 32 + 3), /significant digits must be between 0 \(exact\) and 9/);
    // Counts beyond what exists give all there is.
    assert.equal(vectors.nearestToRow(0, 2 ** 40).ids.length, 2);
    vectors.delete();
    stillWorks();
  });

  test('counts given to a BPE trainer are whole numbers from 0 up', () => {
    const trainer = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'whitespace' });
    trainer.addText(kWorkedExample);
    throwsError(() => trainer.step(-1), /^merges per step must be a whole number of at least 0, not -1$/);
    throwsError(() => trainer.step(NaN), /not NaN$/);
    throwsError(() => trainer.merges(-5), /^the first merge must be a whole number of at least 0, not -5$/);
    throwsError(() => trainer.topPairs(1.5), /not 1\.5$/);
    assert.equal(trainer.mergesDone, 0, 'no refused call ran a merge');
    assert.equal(trainer.merges(2 ** 40).ids.length, 0);
    throwsError(() => trainers.createTrainer({ vocabSize: -1, pretokenizer: 'gpt2' }), /^the vocabulary size must be a whole number of at least 0, not -1$/);
    throwsError(() => trainers.createTrainer({ vocabSize: 2 ** 32 + 300, pretokenizer: 'gpt2' }), /vocabulary size 4294967295 is out of range/);
    trainer.delete();
    stillWorks();
  });
});

describe('training dropped at every phase', () => {
  test('a BPE trainer deleted while reading, before counting, mid-merge or after the end leaves nothing behind', () => {
    const text = kCorpus.repeat(20);
    const usedBefore = engine.memory().usedBytes;
    /** @type {Record<string, (trainer: import('../../web/engine/trainer-engine.js').BpeTrainer) => void>} */
    const phases = {
      'while adding text': (trainer) => trainer.addText(text.slice(0, 5000)),
      'with the text read, before the pairs are counted': (trainer) => {
        trainer.addText(text);
        trainer.finishText();
      },
      'after counting, before the first merge': (trainer) => {
        trainer.addText(text);
        trainer.step(0);
      },
      'mid-merge': (trainer) => {
        trainer.addText(text);
        assert.equal(trainer.step(5), 5);
        assert.equal(trainer.done, false);
      },
      'after the last merge': (trainer) => {
        trainer.addText(text);
        while (trainer.step(100) > 0);
        assert.equal(trainer.done, true);
      },
    };
    for (const [phase, run] of Object.entries(phases)) {
      const trainer = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'gpt2' });
      run(trainer);
      trainer.delete();
      throwsError(() => trainer.step(1), /trainer was deleted/);
      stillWorks();
      assert.ok(engine.memory().usedBytes - usedBefore < 1 << 20, `${phase}: ${engine.memory().usedBytes - usedBefore} bytes left behind`);
    }
  });

  test('embedding training dropped while reading, after counting, mid-epoch or after the end leaves nothing behind', () => {
    const usedBefore = engine.memory().usedBytes;
    /** @type {Record<string, () => void>} */
    const phases = {
      'while reading text': () => corpusOfWords().delete(),
      'with the vocabulary counted': () => {
        const corpus = corpusOfWords();
        corpus.finishWords(1);
        corpus.delete();
      },
      'mid-epoch': () => {
        const corpus = corpusOfWords();
        corpus.finishWords(1);
        const trainer = embeddings.createTrainer(corpus, kVectorOptions);
        corpus.delete();
        assert.equal(trainer.step(500).finished, false);
        trainer.delete();
        throwsError(() => trainer.progress(), /trainer was deleted/);
      },
      'after the end, vectors kept': () => {
        const vectors = trainedVectors(corpusOfWords());
        // The vectors are a copy and outlive their trainer.
        assert.equal(vectors.nearestToRow(vectors.find('cat'), 2).ids.length, 2);
        vectors.delete();
      },
    };
    for (const [phase, drop] of Object.entries(phases)) {
      drop();
      stillWorks();
      assert.ok(engine.memory().usedBytes - usedBefore < 1 << 20, `${phase}: ${engine.memory().usedBytes - usedBefore} bytes left behind`);
    }
  });
});

describe('two trainings at once', () => {
  test('two BPE trainers on one module, their calls interleaved, each learn what they learn alone', () => {
    const other = 'the quick brown fox jumps over the lazy dog '.repeat(30);
    const alone = [trainBpe(kWorkedExample), trainBpe(other)];
    const both = [kWorkedExample, other].map(() => trainers.createTrainer({ vocabSize: 300, pretokenizer: 'whitespace' }));
    both[0].addText(kWorkedExample.slice(0, 20));
    both[1].addText(other.slice(0, 100));
    both[0].addText(kWorkedExample.slice(20));
    both[1].addText(other.slice(100));
    for (let ran = 1; ran > 0; ) ran = both[0].step(1) + both[1].step(1);
    const together = both.map((trainer) => Array.from(trainer.merges(0).ids).join(',') + ' ' + Buffer.from(trainer.tokenizerJson()).length);
    assert.deepEqual(together, alone);
    both.forEach((trainer) => trainer.delete());
    stillWorks();
  });

  test('two embedding trainers on one module, stepped in turn, each give the vectors they give alone', () => {
    const corpora = [0, 1].map(() => {
      const corpus = embeddings.wordCorpus();
      corpus.addText(kCorpus);
      corpus.finishWords(1);
      return corpus;
    });
    const both = corpora.map((corpus) => embeddings.createTrainer(corpus, kVectorOptions));
    corpora.forEach((corpus) => corpus.delete());
    while (!both.map((trainer) => trainer.step(300).finished).every(Boolean));
    for (const trainer of both) {
      const vectors = trainer.vectors();
      assert.equal(Buffer.from(vectors.rows(vectors.size).buffer).toString('base64'), referenceVectors);
      vectors.delete();
      trainer.delete();
    }
    stillWorks();
  });
});
