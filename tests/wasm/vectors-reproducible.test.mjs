// Word vectors are reproducible: on one thread the same corpus, settings and
// seed give the same vectors run after run, natively and in WebAssembly; and
// with the reference kernels the native CLI and the WebAssembly module give
// the same vectors bit for bit (the SIMD kernel sets of the two builds round
// differently, see src/embedding/trainer.h).
//
// Needs web/dist/ (the WebAssembly build) and build/src/cli/tokenlab;
// build-scripts/test makes both.
//
//   node --test tests/wasm/vectors-reproducible.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';

import { EmbeddingEngine } from '../../web/engine/embedding-engine.js';
import { loadEngine, repoRoot } from './load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const noCli = !existsSync(cli) && `no CLI at ${cli}`;

// A slice of the sample, cut at a line end; dim 37 leaves a tail after every
// SIMD width, so each kernel's scalar end runs too.
const corpusText = (() => {
  const text = readFileSync(path.join(repoRoot, 'web', 'samples', 'moby-dick.txt'));
  return text.subarray(0, text.indexOf(10, 150_000) + 1);
})();
const kSettings = { dim: 37, window: 4, negative: 6, minCount: 3, sample: 1e-3, epochs: 2, learningRate: 0.03, seed: 11 };

/** @type {EmbeddingEngine} */
let engine;
let dir = '';
let corpusFile = '';

before(async () => {
  engine = new EmbeddingEngine((await loadEngine()).module);
  dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-vectors-'));
  corpusFile = path.join(dir, 'corpus.txt');
  writeFileSync(corpusFile, corpusText);
});

/**
 * A .vec file as words and their float32 values. The two builds write the
 * same floats in different digits (the shortest exact form natively, 9
 * significant digits where the C++ library lacks it), so values compare as floats.
 * @param {string} text
 */
function parseVec(text) {
  const lines = text.trimEnd().split('\n');
  const [count, dim] = lines[0].split(' ').map(Number);
  assert.equal(lines.length - 1, count);
  const words = [];
  const values = new Float32Array(count * dim);
  lines.slice(1).forEach((line, row) => {
    const fields = line.split(' ');
    words.push(fields[0]);
    for (let i = 0; i < dim; i++) values[row * dim + i] = Number(fields[1 + i]);
  });
  return { words, values };
}

/** @param {'skipgram' | 'cbow'} model @param {'best' | 'reference'} kernels */
function trainNative(model, kernels) {
  const output = path.join(dir, `${model}-${kernels}.vec`);
  const flags = { model, dim: kSettings.dim, window: kSettings.window, negative: kSettings.negative, 'min-count': kSettings.minCount, sample: kSettings.sample, epochs: kSettings.epochs, lr: kSettings.learningRate, seed: kSettings.seed, threads: 1, kernels };
  const run = spawnSync(cli, ['train-vectors', '--input', corpusFile, '--output', output, '--quiet', ...Object.entries(flags).flatMap(([name, value]) => [`--${name}`, String(value)])]);
  assert.equal(run.status, 0, run.stderr.toString());
  return parseVec(readFileSync(output, 'utf8'));
}

/** @param {'skipgram' | 'cbow'} model @param {'best' | 'reference'} kernels */
function trainWasm(model, kernels) {
  const corpus = engine.wordCorpus('line');
  for (let at = 0; at < corpusText.length; at += 65_536) corpus.addText(corpusText.subarray(at, at + 65_536));
  corpus.finishWords(kSettings.minCount);
  const trainer = engine.createTrainer(corpus, { model, ...kSettings, kernels });
  corpus.delete();
  while (!trainer.step(30_000).finished);
  const vectors = trainer.vectors();
  trainer.delete();
  const result = parseVec(Buffer.from(vectors.toVec(0)).toString());
  vectors.delete();
  return result;
}

/** @param {{words: string[], values: Float32Array}} a @param {{words: string[], values: Float32Array}} b @param {string} what */
function assertSameBits(a, b, what) {
  assert.deepEqual(a.words, b.words, `${what}: the same words in the same order`);
  const differ = a.values.findIndex((value, i) => !Object.is(value, b.values[i]));
  assert.equal(differ, -1, `${what}: value ${differ} is ${a.values[differ]} and ${b.values[differ]}`);
}

for (const model of /** @type {const} */ (['skipgram', 'cbow'])) {
  test(`${model} with the reference kernels gives the same vectors bit for bit natively and in WebAssembly`, { skip: noCli }, () => {
    const native = trainNative(model, 'reference');
    const wasm = trainWasm(model, 'reference');
    assert.ok(native.words.length > 1000, `only ${native.words.length} words`);
    assertSameBits(wasm, native, model);
  });
}

test('with the fastest kernels one thread gives the same vectors run after run, in each build', { skip: noCli }, () => {
  assertSameBits(trainWasm('skipgram', 'best'), trainWasm('skipgram', 'best'), 'WebAssembly');
  assertSameBits(trainNative('skipgram', 'best'), trainNative('skipgram', 'best'), 'native');
});

test('an unknown kernel choice is an Error in both builds', { skip: noCli }, () => {
  const run = spawnSync(cli, ['train-vectors', '--input', corpusFile, '--output', path.join(dir, 'x.vec'), '--kernels', 'fast']);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr.toString(), /--kernels expects best or reference, not "fast"/);
  assert.throws(() => engine.validateOptions({ kernels: 'fast' }), /^Error: kernels must be best or reference, not "fast"$/);
});
