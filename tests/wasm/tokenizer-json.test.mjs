// Hugging Face tokenizer.json files through the wasm module and web/engine/engine.js:
// loading from bytes, BOS/[CLS]/[SEP] with their toggle, offsets into the
// original text, and bad files as JS Errors that name what failed.
//
//   node --test tests/wasm/tokenizer-json.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { loadEngine, repoRoot } from './load-engine.mjs';

const dataDir = path.join(repoRoot, 'tests', 'data');
const fixture = (name) => new Uint8Array(readFileSync(path.join(dataDir, name)));
const utf8 = new TextEncoder();

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;

before(async () => {
  engine = await loadEngine();
});

// Expected ids were checked against transformers.js loading the same fixtures.
test('a SentencePiece tokenizer.json adds BOS unless told not to, and maps tokens to the original bytes', () => {
  const tokenizer = engine.loadTokenizerJson('sp', fixture('tiny-sentencepiece-bpe.json'));
  try {
    assert.equal(tokenizer.name, 'sp');
    assert.equal(tokenizer.vocabSize, 267);
    assert.deepEqual(Array.from(tokenizer.encode('ab a😀  ab<s>c', { allowSpecial: true }).ids),
      [1, 265, 263, 243, 162, 155, 131, 259, 265, 1, 259, 262]);
    assert.deepEqual(Array.from(tokenizer.encode('ab', { addSpecialTokens: false }).ids), [265]);
    assert.equal(tokenizer.count('ab'), 2);
    assert.equal(tokenizer.count('ab', { addSpecialTokens: false }), 1);
    const { prefix, suffix } = tokenizer.addedSpecialTokens();
    assert.deepEqual([Array.from(prefix), Array.from(suffix)], [[1], []]);
    const encoding = tokenizer.encode('ab a');
    assert.deepEqual(Array.from(encoding.starts), [0, 0, 2]);
    assert.deepEqual(Array.from(encoding.ends), [0, 2, 4]);
    const text = 'ab  a😀 b';
    assert.equal(new TextDecoder().decode(tokenizer.decode(tokenizer.encode(text, { addSpecialTokens: false }).ids)), text);
    const vocabulary = tokenizer.vocabulary();
    assert.equal(vocabulary.offsets.length, tokenizer.vocabSize + 1);
    assert.equal(vocabulary.special[1], 1);
    assert.equal(new TextDecoder().decode(vocabulary.bytes.subarray(vocabulary.offsets[265], vocabulary.offsets[266])), ' ab');
  } finally {
    tokenizer.delete();
  }
});

test('a WordPiece tokenizer.json puts [CLS] first and [SEP] last, at the ends of the text', () => {
  const tokenizer = engine.loadTokenizerJson('wp', fixture('tiny-wordpiece.json'));
  try {
    const encoding = tokenizer.encode('Unaffable, HELLO');
    assert.deepEqual(Array.from(encoding.ids), [2, 5, 6, 7, 9, 8, 3]);
    assert.deepEqual(Array.from(encoding.starts), [0, 0, 2, 5, 9, 11, 16]);
    assert.deepEqual(Array.from(encoding.ends), [0, 2, 5, 9, 10, 16, 16]);
    assert.deepEqual(Array.from(tokenizer.addedSpecialTokens().suffix), [3]);
  } finally {
    tokenizer.delete();
  }
});

test('a byte-level tokenizer.json round-trips any bytes', () => {
  const tokenizer = engine.loadTokenizerJson('bl', fixture('tiny-byte-level-bpe.json'));
  try {
    const bytes = new Uint8Array([0xff, 0x61, 0x62, 0x63, 0x64, 0x20, 0xe2, 0x82, 0x0a, ...utf8.encode(' the 🦀')]);
    const ids = tokenizer.encode(bytes, { addSpecialTokens: false }).ids;
    assert.deepEqual(Array.from(tokenizer.decode(ids)), Array.from(bytes));
  } finally {
    tokenizer.delete();
  }
});

test('bad files throw Errors that say what failed, and the module keeps working', () => {
  const text = new TextDecoder().decode(fixture('tiny-sentencepiece-bpe.json'));
  const load = (json) => () => engine.loadTokenizerJson('bad', typeof json === 'string' ? utf8.encode(json) : json);
  assert.throws(load('not json at all'), /tokenizer\.json: not valid JSON/);
  assert.throws(load(text.slice(0, 3000)), /not valid JSON/);
  assert.throws(load('{"model": {"type": "WordLevel", "vocab": {}}}'), /model "WordLevel" is not supported; supported: BPE, WordPiece, Unigram/);
  assert.throws(load('{"model": {"type": "Unigram", "vocab": []}}'), /the Unigram model has no unk_id/);
  assert.throws(load(text.replace('"Prepend"', '"Nmt"')), /normalizer "Nmt" is not supported; supported: BertNormalizer/);
  assert.throws(load(text.replace('"a b"', '"a zz"')), /merge 1: "zz" is not in the vocabulary/);
  const tokenizer = engine.loadTokenizerJson('sp', fixture('tiny-sentencepiece-bpe.json'));
  assert.deepEqual(Array.from(tokenizer.encode('ab').ids), [1, 265]);
  tokenizer.delete();
});
