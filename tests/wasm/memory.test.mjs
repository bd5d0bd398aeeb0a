// The WebAssembly module's memory: its stated maximum is the built one;
// corpora, trainers and .vec files over the page's limits are refused before
// the engine allocates anything, with the numbers in the message; and ten
// trainings in a row leave the bytes in use where the first left them.
//
//   node --test tests/wasm/memory.test.mjs
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { kMaxImportBytes, kMaxTrainingBytes } from '../../web/engine/embedding-limits.js';
import { EmbeddingEngine } from '../../web/engine/embedding-engine.js';
import { kEngineMaxMemoryBytes } from '../../web/engine/memory.js';
import { maxCorpusBytes, maxCorpusBytesWithoutPretokenizer } from '../../web/engine/train-limits.js';
import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine } from './load-engine.mjs';

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;
/** @type {TrainerEngine} */
let trainers;
/** @type {EmbeddingEngine} */
let embeddings;

before(async () => {
  engine = await loadEngine();
  trainers = new TrainerEngine(engine.module);
  embeddings = new EmbeddingEngine(engine.module);
});

const used = () => engine.memory().usedBytes;

test('the module can grow to the 2 GB the page states, and reports what it holds', () => {
  const memory = engine.memory();
  assert.equal(kEngineMaxMemoryBytes, 2 ** 31);
  assert.equal(memory.maxBytes, kEngineMaxMemoryBytes);
  assert.ok(memory.sizeBytes >= 32 << 20 && memory.sizeBytes <= memory.maxBytes);
  assert.ok(memory.usedBytes > 0 && memory.usedBytes < memory.sizeBytes);
  const block = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'none' });
  block.addText(new Uint8Array(1 << 20).fill(97));
  assert.ok(used() >= memory.usedBytes + (1 << 20), 'a megabyte of text shows in the bytes in use');
  block.delete();
});

test('a BPE corpus over the limit is refused before anything is read, naming its size, the limit and the module maximum', () => {
  const before = used();
  assert.throws(
    () => trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'gpt2', corpusBytes: 700_000_000 }),
    /^Error: The files hold 700 MB, more than the 512 MB the page trains on at once with a pre-tokenizer\. .*at most 2 GB/,
  );
  assert.throws(
    () => trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'none', corpusBytes: maxCorpusBytesWithoutPretokenizer + 1 }),
    /The files hold 33 MB, more than the 32 MB the page trains on at once with no pre-tokenizer\..*23 bytes of state per byte.*at most 2 GB/,
  );
  assert.equal(used(), before, 'nothing was allocated');
  // At the limit is allowed.
  trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'gpt2', corpusBytes: maxCorpusBytes }).delete();
});

test('text streamed past the limit is refused chunk by chunk, and the trainer keeps what it had', () => {
  const trainer = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'none' });
  trainer.addText('abababab');
  const before = used();
  const tooMuch = new Uint8Array(maxCorpusBytesWithoutPretokenizer);
  assert.throws(() => trainer.addText(tooMuch), /The files hold 33 MB, more than the 32 MB/);
  assert.equal(trainer.bytesAdded, 8);
  assert.ok(used() - before < 1 << 20, 'the refused chunk never reached the engine');
  assert.ok(trainer.step(10) > 0);
  assert.equal(Buffer.from(trainer.tokenBytes(256).bytes).toString().slice(0, 2), 'ab');
  trainer.delete();
});

test('a .vec file over the import limit is refused before it is read, naming both sizes and the module maximum', () => {
  const before = used();
  const file = new Uint8Array(kMaxImportBytes + (1 << 20));
  assert.throws(() => embeddings.vectorsFromVec(file), /^Error: a \.vec file of 201 MB is more than the 200 MB the page imports: .*can grow to 2,048 MB$/);
  assert.equal(used(), before);
});

test('an embedding trainer over the memory limit is refused before it is built, naming words, dimensions and sizes', () => {
  // 140 000 distinct words at 300 dimensions: two 140 000 x 304 float matrices, about 327 MB (with the per-word tables and the corpus).
  const corpus = embeddings.wordCorpus();
  corpus.addText(Array.from({ length: 140_000 }, (_, i) => `w${i}`).join(' '));
  corpus.finishWords(1);
  const needed = corpus.trainingMemoryBytes(300);
  assert.ok(needed > kMaxTrainingBytes);
  const before = used();
  assert.throws(
    () => embeddings.createTrainer(corpus, { dim: 300, minCount: 1 }),
    /^Error: training 140,000 words at 300 dimensions needs 327 MB; the page allows 320 MB \(the engine can grow to 2,048 MB .*\): raise min count/,
  );
  assert.equal(used(), before, 'no trainer was built');
  // The corpus is untouched: at a smaller dimension it trains.
  const trainer = embeddings.createTrainer(corpus, { dim: 4, minCount: 1, epochs: 1 });
  corpus.delete();
  assert.equal(trainer.step(1000).wordsDone > 0, true);
  trainer.delete();
});

test('ten BPE and ten embedding trainings in a row leave the bytes in use flat', (t) => {
  const text = Array.from({ length: 3000 }, (_, i) => `word${i % 97} and word${(i * 7) % 89} said the ${i % 13} cats`).join('\n');
  const after = [];
  for (let run = 0; run < 10; run++) {
    const trainer = trainers.createTrainer({ vocabSize: 800, pretokenizer: 'gpt2' });
    trainer.addText(text);
    while (trainer.step(1000) > 0);
    const json = trainer.tokenizerJson();
    const tokenizer = engine.loadTokenizerJson('trained', json);
    tokenizer.encode(text);
    tokenizer.delete();
    trainer.delete();

    const corpus = embeddings.wordCorpus();
    corpus.addText(text);
    corpus.finishWords(2);
    const vectorTrainer = embeddings.createTrainer(corpus, { dim: 32, minCount: 2, epochs: 1 });
    corpus.delete();
    while (!vectorTrainer.step(20_000).finished);
    const vectors = vectorTrainer.vectors();
    vectorTrainer.delete();
    vectors.pca(100);
    vectors.delete();
    after.push(used());
  }
  t.diagnostic(`bytes in use after each run: ${after.join(', ')}`);
  // The first run may leave caches sized once (the sigmoid and kernel tables,
  // allocator bookkeeping); from the second on nothing may accumulate.
  assert.ok(after[9] <= after[1] + 64 * 1024, `bytes in use after each run: ${after.join(', ')}`);
});
