// The Train view's "Different algorithm, different vocabulary" in headless
// Chromium: BPE and Unigram trained on Moby-Dick at 1,000, and every number
// the section shows against the same two trainings run in node (the same
// held-out cut, through web/engine/train-sources.js, and the same options):
// the tokens only one has and the count they share, counted here on their
// own; the sentence's ids against Hugging Face's Rust library (npm
// `tokenizers`) reading each trainer's tokenizer.json; tokens on the held-out
// text; cancel; and axe on the section.
//
// Needs web/dist/ (build-scripts/test makes it).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { readSources } from '../../web/engine/train-sources.js';
import { createUnigramTrainer, pieceKinds } from '../../web/engine/unigram-trainer-engine.js';
import { loadEngine, repoRoot } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const corpus = readFileSync(path.join(repoRoot, 'web', 'samples', 'moby-dick.txt'));
const vocabSize = 1000;

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** The two vocabularies trained in node as the page trains them. */
let node;

/** Streams Moby-Dick into a trainer as the workers do, its end held out. */
async function read(start) {
  const { heldOut } = await readSources([{ name: 'moby-dick.txt', blob: new Blob([corpus]) }], { start, emit: () => {}, cancelled: () => false, holdOut: true });
  return new TextDecoder().decode(heldOut);
}

/** Bytes as a string of char codes 0–255, one per byte: a Set key. */
const byteKey = (bytes) => String.fromCharCode(...bytes);

async function trainInNode() {
  const engine = await loadEngine();
  let bpe;
  const heldOut = await read((total) => (bpe = new TrainerEngine(engine.module).createTrainer({ vocabSize, pretokenizer: 'gpt2', minFrequency: 2, specialTokens: [], corpusBytes: total })));
  while (!bpe.done) bpe.step(10_000);
  let unigram;
  const heldOutAgain = await read((total) => (unigram = createUnigramTrainer(engine.module, { vocabSize, byteFallback: true, corpusBytes: total })));
  assert.equal(heldOutAgain, heldOut);
  unigram.train();

  // BPE: ids 0–255 are the bytes, then one token per merge.
  const tokens = bpe.tokenBytes(256);
  const bpeMerged = [];
  for (let i = 0; i + 1 < tokens.offsets.length; i++) bpeMerged.push(byteKey(tokens.bytes.subarray(tokens.offsets[i], tokens.offsets[i + 1])));
  const bpeAll = new Set([...Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte)), ...bpeMerged]);
  // Unigram: normal pieces with ▁ read as a space; byte pieces <0xNN> as their byte.
  const pieces = unigram.pieces();
  const decoder = new TextDecoder();
  const unigramNormal = [];
  const unigramAll = new Set();
  for (let id = 0; id + 1 < pieces.offsets.length; id++) {
    const text = decoder.decode(pieces.bytes.subarray(pieces.offsets[id], pieces.offsets[id + 1]));
    const kind = pieceKinds[pieces.kinds[id]];
    if (kind === 'normal') {
      const key = byteKey(new TextEncoder().encode(text.replaceAll('▁', ' ')));
      unigramNormal.push(key);
      unigramAll.add(key);
    } else if (kind === 'byte') {
      assert.match(text, /^<0x[0-9A-F]{2}>$/);
      unigramAll.add(String.fromCharCode(Number.parseInt(text.slice(3, 5), 16)));
    }
  }
  const shared = [...bpeAll].filter((key) => key.length > 1 && unigramAll.has(key)).length;
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-algorithms-'));
  const files = {};
  for (const [name, trainer] of [['bpe', bpe], ['unigram', unigram]]) {
    files[name] = path.join(dir, `${name}.json`);
    writeFileSync(files[name], trainer.tokenizerJson());
  }
  const own = { bpe: engine.loadTokenizerJson('bpe', readFileSync(files.bpe)), unigram: engine.loadTokenizerJson('unigram', readFileSync(files.unigram)) };
  const result = {
    heldOut,
    mergeCount: bpeMerged.length,
    onlyBpe: bpeMerged.filter((key) => !unigramAll.has(key)).length,
    onlyUnigram: unigramNormal.filter((key) => !bpeAll.has(key)).length,
    normalPieces: unigramNormal.length,
    shared,
    rust: { bpe: await Tokenizer.fromFile(files.bpe), unigram: await Tokenizer.fromFile(files.unigram) },
    heldOutTokens: { bpe: own.bpe.encode(heldOut).ids.length, unigram: own.unigram.encode(heldOut).ids.length },
  };
  own.bpe.delete();
  own.unigram.delete();
  bpe.delete();
  unigram.delete();
  return result;
}

before(async () => {
  site = await openSite();
  node = await trainInNode();
});

after(() => site?.close());

/** The ids of the section's split rows, BPE first. */
const pageIds = (page) => page.$$eval('#algo-splits .split-row', (rows) => rows.map((row) => row.getAttribute('data-ids')));

/** Waits for both rows to show the ids of `text`. */
async function expectSplits(page, text) {
  const expected = [];
  for (const name of ['bpe', 'unigram']) expected.push((await node.rust[name].encode(text)).getIds().join(','));
  await page.waitForFunction((ids) => JSON.stringify([...document.querySelectorAll('#algo-splits .split-row')].map((row) => row.getAttribute('data-ids'))) === JSON.stringify(ids), expected, { timeout: 20_000 }).catch(() => {});
  assert.deepEqual(await pageIds(page), expected, `ids of ${text}`);
}

test('BPE and Unigram at 1,000: the tokens each has alone, the count they share, the held-out figure and the sentence agree with the two vocabularies trained in node', async () => {
  const { page, context, problems } = await site.open('#view=train');
  await page.click('button[data-scroll="train-algorithms"]');
  assert.equal(await page.inputValue('#algo-size'), String(vocabSize));
  await page.click('#algo-train');
  await page.waitForFunction(() => !document.querySelector('#algo-results')?.hidden, null, { timeout: 120_000 });
  await page.waitForFunction(() => document.querySelectorAll('#algo-splits .split-row').length === 2);
  assert.equal(await page.isDisabled('#algo-cancel'), true);
  assert.equal(await page.getAttribute('#algo-progress', 'value'), '1');

  const count = (id) => page.getAttribute(id, 'data-count').then(Number);
  assert.equal(await count('#algo-only-bpe-note'), node.onlyBpe, 'tokens only BPE has');
  assert.equal(await count('#algo-only-unigram-note'), node.onlyUnigram, 'tokens only Unigram has');
  assert.equal(await count('#algo-shared'), node.shared, 'tokens in both');
  assert.ok(node.onlyBpe > 0 && node.onlyUnigram > 0 && node.shared > 0, 'each has tokens of its own, and some are shared');
  assert.match(await page.textContent('#algo-only-bpe-note'), new RegExp(`^${node.onlyBpe.toLocaleString('en-US')} of its ${node.mergeCount.toLocaleString('en-US')} merged tokens`));
  assert.match(await page.textContent('#algo-only-unigram-note'), new RegExp(`^${node.onlyUnigram.toLocaleString('en-US')} of its ${node.normalPieces.toLocaleString('en-US')} text pieces`));
  assert.match(await page.textContent('#algo-shared'), /“ the” and Unigram’s “▁the” are one token/);
  const chips = await page.$$eval('#algo-only-bpe .vocab-token, #algo-only-unigram .vocab-token', (items) => items.length);
  assert.equal(chips, Math.min(120, node.onlyBpe) + Math.min(120, node.onlyUnigram));
  // A word-start piece is drawn as BPE draws its space: ·
  const unigramTexts = await page.$$eval('#algo-only-unigram .vocab-token', (items) => items.map((item) => item.getAttribute('data-text')));
  assert.ok(unigramTexts.some((text) => text?.startsWith('·')), 'word-start pieces show the space mark');
  assert.ok(unigramTexts.every((text) => !text?.includes('▁')), 'no ▁ is left in the visible form');

  // Tokens per word on the held-out end of Moby-Dick.
  const words = node.heldOut.match(/\S+/g).length;
  const bars = await page.$$eval('#algo-per-word .pair-bar', (items) => items.map((item) => ({ algorithm: item.dataset.algorithm, tokens: Number(item.dataset.tokens), words: Number(item.dataset.words), shown: item.querySelector('.pair-count')?.textContent })));
  assert.deepEqual(
    bars,
    ['bpe', 'unigram'].map((algorithm) => ({ algorithm, tokens: node.heldOutTokens[algorithm], words, shown: (node.heldOutTokens[algorithm] / words).toFixed(2) })),
  );

  // axe on the section, results shown (the default sentence: its chips are all text).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-ignore axe is the global the evaluated source defines
    const result = await window.axe.run('#train-algorithms', { resultTypes: ['violations'] });
    return result.violations.filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical').map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, []);

  // The sentence, and an edited one, as the Rust library encodes each with the trainers' tokenizer.json.
  await expectSplits(page, await page.inputValue('#algo-text'));
  const edited = 'Queequeg’s harpoon — 42 whales, 東京!';
  await page.fill('#algo-text', edited);
  await expectSplits(page, edited);

  // Cancel: a new training at 8,000 stops, nothing is shown from it, and the buttons come back.
  await page.selectOption('#algo-size', '8000');
  await page.click('#algo-train');
  await page.waitForFunction(() => /** @type {HTMLProgressElement} */ (document.querySelector('#algo-progress')).value > 0);
  await page.click('#algo-cancel');
  assert.equal(await page.textContent('#algo-status'), 'Cancelled.');
  assert.equal(await page.isHidden('#algo-results'), true);
  assert.equal(await page.isEnabled('#algo-train'), true);
  assert.equal(await page.isDisabled('#algo-cancel'), true);
  // The cancelled run's answers, when they come, change nothing.
  await page.waitForTimeout(1500);
  assert.equal(await page.textContent('#algo-status'), 'Cancelled.');
  assert.equal(await page.isHidden('#algo-results'), true);
  assert.deepEqual(problems, []);
  await context.close();
});
