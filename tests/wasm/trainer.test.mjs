// The BPE trainer through the WebAssembly module in node: the same merges as
// the native CLI on the same files (whatever the chunking), exports that load
// back in our encoder and in transformers.js with identical ids, tiktoken ranks
// that load back, prefix counts that agree with the encoder, and errors.
//
// Needs web/dist/ (the WebAssembly build) and build/src/cli/tokenlab;
// build-scripts/test makes both.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';

import { PreTrainedTokenizer } from '@huggingface/transformers';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine, repoRoot } from './load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const corpusFiles = ['web/samples/moby-dick.txt', 'web/train/merge-table.js', 'web/common/token-bytes.js'].map((file) => path.join(repoRoot, file));
const patterns = ['gpt2', 'cl100k', 'o200k', 'whitespace', 'none'];

// Text the trainers never saw: prose, code, digits, contractions, emoji
// (split across tokens), CJK, runs of whitespace, a special token.
const heldOut = [
  'It was the best of times, it was the worst of times; they\'d said 1234567 times.',
  '    def forward(self, x):\n        return self.weight @ x  # TODO\n\n\n',
  'Emoji 👩🏽‍💻 and 東京は日本の首都です。 Ünïcödé, tabs\tand\r\nCRLF   spaces',
  'Call me Ishmael.<|endoftext|>Some years ago—never mind how long precisely',
  '',
];

/** @type {import('../../web/engine/engine.js').Engine} */
let engine;
/** @type {TrainerEngine} */
let trainers;

before(async () => {
  engine = await loadEngine();
  trainers = new TrainerEngine(engine.module);
});

/**
 * Trains in WASM on files, each fed in chunks of pseudo-random sizes (cut
 * anywhere, even inside a character), as the page streams them.
 * @param {import('../../web/engine/trainer-engine.js').TrainerOptions} options
 * @param {Buffer[]} files
 */
function trainInWasm(options, files, seed = 1) {
  const trainer = trainers.createTrainer(options);
  let state = seed;
  for (const file of files) {
    for (let at = 0; at < file.length; ) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (state % 70_000);
      trainer.addText(file.subarray(at, at + size));
      at += size;
    }
    trainer.finishText();
  }
  while (trainer.step(5000) > 0);
  return trainer;
}

test('the worked example has the true pair counts and merges lo, low, es, est first', () => {
  const trainer = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'whitespace' });
  trainer.addText('low low low low low lower lower newest newest newest widest');
  const pairs = trainer.topPairs(7);
  const text = (/** @type {number} */ id) => String.fromCharCode(id);
  const seen = Array.from(pairs.counts, (count, i) => `${text(pairs.left[i])}${text(pairs.right[i])} ${count}`);
  assert.deepEqual(seen, ['lo 7', 'ow 7', 'we 5', 'es 4', 'st 4', 'ew 3', 'ne 3']);
  assert.equal(trainer.step(4), 4);
  const merges = trainer.merges(0);
  assert.deepEqual(Array.from(merges.ids), [256, 257, 258, 259]);
  assert.deepEqual(Array.from(merges.counts), [7, 7, 4, 4]);
  const tokens = trainer.tokenBytes(256);
  const decoded = Array.from({ length: 4 }, (_, i) => new TextDecoder().decode(tokens.bytes.subarray(tokens.offsets[i], tokens.offsets[i + 1])));
  assert.deepEqual(decoded, ['lo', 'low', 'es', 'est']);
  while (trainer.step(100) > 0);
  assert.equal(trainer.stopReason, 'below-min-frequency');
  assert.equal(trainers.tieBreakRule(), 'equal counts: the smaller left token id merges first, then the smaller right token id');
  trainer.delete();
});

test('training in WASM writes the same tokenizer.json and tiktoken ranks, byte for byte, as the native CLI', { skip: !existsSync(cli) && `no CLI at ${cli}` }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-train-'));
  for (const pretokenizer of patterns) {
    // Without a pre-tokenizer each file is one piece: keep it small.
    const files = pretokenizer === 'none' ? [readFileSync(corpusFiles[1]).subarray(0, 12_000)] : corpusFiles.map((file) => readFileSync(file));
    const inputs = files.map((bytes, i) => {
      const file = path.join(dir, `input-${i}.txt`);
      writeFileSync(file, bytes);
      return file;
    });
    const vocabSize = pretokenizer === 'none' ? 700 : 3000;
    const output = path.join(dir, `${pretokenizer}.json`);
    const ranks = path.join(dir, `${pretokenizer}.tiktoken`);
    for (const file of [output, ranks]) {
      const run = spawnSync(cli, ['train-bpe', '--vocab-size', String(vocabSize), '--pretokenizer', pretokenizer, '--special', '<|endoftext|>', '--output', file, ...inputs]);
      assert.equal(run.status, 0, run.stderr.toString());
    }
    const trainer = trainInWasm({ vocabSize, pretokenizer, minFrequency: 2, specialTokens: ['<|endoftext|>'] }, files);
    assert.ok(trainer.mergesDone > 300, `${pretokenizer}: only ${trainer.mergesDone} merges`);
    assert.ok(Buffer.from(trainer.tokenizerJson()).equals(readFileSync(output)), `${pretokenizer}: tokenizer.json differs`);
    assert.ok(Buffer.from(trainer.tiktokenRanks()).equals(readFileSync(ranks)), `${pretokenizer}: tiktoken ranks differ`);
    trainer.delete();
  }
});

test('however the text is chunked, the merges are the same', () => {
  const files = [readFileSync(corpusFiles[0]).subarray(0, 60_000)];
  const options = { vocabSize: 1200, pretokenizer: 'cl100k' };
  const first = trainInWasm(options, files, 1);
  const second = trainInWasm(options, files, 99);
  assert.deepEqual(second.merges(0), first.merges(0));
  first.delete();
  second.delete();
});

/**
 * Trains on the sample and checks that transformers.js, given the exported
 * tokenizer.json, encodes held-out text with the ids our encoder gives.
 * @param {string} pretokenizer
 * @param {(trainer: import('../../web/engine/trainer-engine.js').BpeTrainer) => import('../../web/engine/engine.js').Tokenizer} loadOurs
 */
function checkAgainstTransformersJs(pretokenizer, loadOurs) {
  const files = [readFileSync(corpusFiles[0]).subarray(0, pretokenizer === 'none' ? 8_000 : 190_000)];
  const trainer = trainInWasm({ vocabSize: 2000, pretokenizer, specialTokens: ['<|endoftext|>'] }, files);
  const json = trainer.tokenizerJson();
  const ours = loadOurs(trainer);
  const theirs = new PreTrainedTokenizer(JSON.parse(Buffer.from(json).toString()), {});
  for (const text of heldOut) {
    const expected = theirs.encode(text);
    // transformers.js always matches added tokens; ours does when allowed.
    const actual = Array.from(ours.encode(text, { allowSpecial: true }).ids);
    assert.deepEqual(actual, expected, `${pretokenizer}: ${JSON.stringify(text)}`);
    if (pretokenizer !== 'whitespace' && expected.length > 0) assert.equal(theirs.decode(expected), text);
  }
  ours.delete();
  trainer.delete();
}

for (const pretokenizer of patterns) {
  test(`an exported ${pretokenizer} tokenizer.json encodes with the same ids in our engine and in transformers.js`, () => {
    checkAgainstTransformersJs(pretokenizer, (trainer) => engine.loadTokenizerJson('mine', trainer.tokenizerJson()));
  });
}

test('an exported whitespace vocabulary encodes in transformers.js as our encoder does from its tiktoken ranks', () => {
  checkAgainstTransformersJs('whitespace', (trainer) => {
    // The special token is not part of a rank file: the held-out text spells it, so split it out the same way.
    const ranks = engine.loadCustomTiktoken('mine', 'whitespace', trainer.tiktokenRanks());
    return {
      encode: (/** @type {string} */ text) => ({ ids: Uint32Array.from(text.split('<|endoftext|>').flatMap((part, i) => [...(i ? [trainer.vocabSize - 1] : []), ...ranks.encode(part).ids])) }),
      delete: () => ranks.delete(),
    };
  });
});

test('the exported tiktoken ranks load back and encode as the tokenizer.json does', () => {
  const files = [readFileSync(corpusFiles[0])];
  for (const pretokenizer of ['gpt2', 'cl100k', 'o200k']) {
    const trainer = trainInWasm({ vocabSize: 4000, pretokenizer }, files);
    const fromJson = engine.loadTokenizerJson('json', trainer.tokenizerJson());
    const fromRanks = engine.loadCustomTiktoken('ranks', pretokenizer, trainer.tiktokenRanks());
    assert.equal(fromRanks.vocabSize, 4000);
    for (const text of heldOut) {
      const ids = Array.from(fromRanks.encode(text).ids);
      assert.deepEqual(ids, Array.from(fromJson.encode(text).ids), `${pretokenizer}: ${JSON.stringify(text)}`);
      assert.equal(Buffer.from(fromRanks.decode(ids)).toString(), text);
    }
    fromJson.delete();
    fromRanks.delete();
    trainer.delete();
  }
});

test('prefix token counts end at the count the exported tokenizer gives, and only fall', () => {
  const bytes = readFileSync(corpusFiles[0]);
  const trainer = trainInWasm({ vocabSize: 3000, pretokenizer: 'gpt2' }, [bytes.subarray(0, 150_000)]);
  const text = bytes.subarray(150_000).toString();
  const counts = trainer.prefixTokenCounts(text);
  assert.equal(counts.length, trainer.mergesDone + 1);
  assert.equal(counts[0], Buffer.byteLength(text));
  for (let k = 1; k < counts.length; k++) assert.ok(counts[k] <= counts[k - 1], `count rose at ${k}`);
  const tokenizer = engine.loadTokenizerJson('mine', trainer.tokenizerJson());
  assert.equal(counts[counts.length - 1], tokenizer.count(text));
  tokenizer.delete();
  trainer.delete();
});

test('bad input throws JS Errors with the reason, and the module keeps working', () => {
  assert.throws(() => trainers.createTrainer({ vocabSize: 100, pretokenizer: 'gpt2' }), /vocabulary size 100 is out of range/);
  assert.throws(() => trainers.createTrainer({ vocabSize: 2_000_000, pretokenizer: 'gpt2' }), /out of range/);
  assert.throws(() => trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'bpe' }), /unsupported pre-tokenizer/);
  assert.throws(() => trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'gpt2', specialTokens: ['<s>', '<s>'] }), /given twice/);
  const trainer = trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'gpt2' });
  trainer.addText('abab abab');
  trainer.step(1);
  assert.throws(() => trainer.addText('more'), /merging has started/);
  trainer.delete();
  assert.throws(() => trainer.step(1), /deleted/);
  assert.throws(() => engine.loadTokenizerJson('corrupt', new TextEncoder().encode('{"model": {"type": "BPE", "vocab": ')));

  const empty = trainers.createTrainer({ vocabSize: 1000, pretokenizer: 'gpt2' });
  assert.equal(empty.step(10), 0);
  assert.equal(empty.stopReason, 'no-pairs-left');
  assert.equal(empty.vocabSize, 256);
  empty.delete();

  const binary = trainers.createTrainer({ vocabSize: 300, pretokenizer: 'gpt2', minFrequency: 1 });
  binary.addText(Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  assert.ok(binary.step(100) > 0);
  binary.delete();
});
