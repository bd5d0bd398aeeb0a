// The Unigram trainer through the WebAssembly module in node: the same
// vocabulary as the native CLI on the same file (however the text is
// chunked), a tokenizer.json that Hugging Face's Rust library (npm
// `tokenizers`) and our own encoder read with identical ids, the phases
// reported in order, and errors for bad options.
//
// Needs web/dist/ (the WebAssembly build) and build/src/cli/tokenlab;
// build-scripts/test makes both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';

import { createUnigramTrainer, pieceKinds } from '../../web/engine/unigram-trainer-engine.js';
import { loadEngine, repoRoot } from './load-engine.mjs';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers');

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const corpusPath = path.join(repoRoot, 'web', 'samples', 'moby-dick.txt');
const heldOut = [
  'It was the best of times, it was the worst of times; they\'d said 1234567 times.',
  'Emoji 👩🏽‍💻 and 東京は日本の首都です。 Ünïcödé, tabs\tand\r\nCRLF   spaces',
  'Call me Ishmael. Some years ago—never mind how long precisely',
];

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;
/** @type {any} */
let module;
before(async () => {
  engine = await loadEngine();
  module = engine.module;
});

/** Trains in the wasm module on bytes cut into chunks of chunkBytes. */
function trainWasm(bytes, chunkBytes, options) {
  const trainer = createUnigramTrainer(module, { ...options, corpusBytes: bytes.length });
  for (let at = 0; at < bytes.length; at += chunkBytes) trainer.addText(bytes.subarray(at, at + chunkBytes));
  trainer.finishText();
  const phases = [];
  trainer.train((progress) => phases.push(progress));
  const result = { json: trainer.tokenizerJson(), pieces: trainer.pieces(), summary: trainer.summary(), phases };
  trainer.delete();
  return result;
}

test('the wasm trainer writes the tokenizer.json the native CLI writes, whatever the chunking, and reports its phases in order', () => {
  const bytes = new Uint8Array(readFileSync(corpusPath));
  const options = { vocabSize: 1500, byteFallback: true };
  const whole = trainWasm(bytes, bytes.length, options);
  const chunked = trainWasm(bytes, 4093, options);
  assert.deepEqual(Buffer.from(chunked.json), Buffer.from(whole.json));

  const out = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-wasm-')), 'native.json');
  const native = spawnSync(cli, ['train-unigram', '--vocab-size', '1500', '--byte-fallback', '--output', out, corpusPath], { encoding: 'utf8' });
  assert.equal(native.status, 0, native.stderr);
  assert.deepEqual(JSON.parse(Buffer.from(whole.json).toString('utf8')), JSON.parse(readFileSync(out, 'utf8')));

  assert.equal(whole.summary.vocabSize, 1500);
  assert.equal(whole.summary.stopReason, 'vocabulary-full');
  assert.equal(whole.pieces.offsets.length, 1501);
  assert.equal(whole.pieces.scores.length, 1500);
  const kinds = Array.from(whole.pieces.kinds, (kind) => pieceKinds[kind]);
  assert.equal(kinds.filter((kind) => kind === 'byte').length, 256);
  assert.equal(kinds[0], 'unknown');
  const phases = whole.phases.map(({ phase }) => phase);
  assert.equal(phases[0], 'seeding');
  assert.equal(phases.at(-1), 'finishing');
  assert.ok(phases.includes('EM') && phases.includes('pruning'), phases.join(' '));
  // EM lowers the objective (negative log-likelihood per word) over the first round.
  const em = whole.phases.filter(({ phase, round }) => phase === 'EM' && round === 1);
  assert.ok(em.length >= 2 && em.at(-1).objective < em[0].objective, JSON.stringify(em));
});

test('its tokenizer.json gives the same ids in the Rust library and in our encoder', async () => {
  const bytes = new Uint8Array(readFileSync(corpusPath)).subarray(0, 200_000);
  for (const byteFallback of [false, true]) {
    const { json } = trainWasm(bytes, 65_536, { vocabSize: 800, byteFallback });
    const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-wasm-'));
    const file = path.join(dir, 'tokenizer.json');
    require('node:fs').writeFileSync(file, json);
    const rust = await Tokenizer.fromFile(file);
    const ours = engine.loadTokenizerJson('trained', json);
    for (const text of heldOut) {
      const expected = (await rust.encode(text, null, { addSpecialTokens: false })).getIds();
      assert.deepEqual(Array.from(ours.encode(text).ids), expected, `byte fallback ${byteFallback}: ${text}`);
    }
    ours.delete();
  }
});

test('bad options are errors that say what is wrong; an empty corpus gives only the special pieces, and says so', () => {
  assert.throws(() => createUnigramTrainer(module, { vocabSize: -3 }), /vocabulary size must be a whole number/);
  assert.throws(() => createUnigramTrainer(module, { vocabSize: 200_000 }), /above the page’s 100,000/);
  assert.throws(() => createUnigramTrainer(module, { vocabSize: 1000, corpusBytes: 600e6 }), /tokenlab train-unigram/);
  const trainer = createUnigramTrainer(module, { vocabSize: 100 });
  assert.throws(() => trainer.pieces(), /not trained yet/);
  trainer.finishText();
  trainer.train();
  const summary = trainer.summary();
  assert.equal(summary.stopReason, 'too-few-pieces');
  assert.equal(summary.totalWords, 0);
  assert.ok(summary.vocabSize < 100 && summary.stopReasonText.length > 0, JSON.stringify(summary));
  trainer.delete();
  assert.throws(() => trainer.pieces(), /was deleted/);
});
