// A token's card, told by the engine (engine.js trace over
// src/tokenizer/hf/model_trace.h): for tiktoken's encodings the merges end in
// tiktoken's own ids for a word and each merge's rank is the rank tiktoken
// gives its bytes; for LLaMA 2 (character-level with byte fallback) and
// Qwen 3 (byte-level) the merges end in the Hugging Face library's ids and
// each merge's rank is its place in the file's merge list; WordPiece's
// longest match gives BERT's own pieces; a Unigram file's best path is the
// reference's ids and its score the sum of the pieces' scores. In the page
// the card opens on click and on Enter, shows the engine's story for every
// kind of model, compares the word in two other tokenizers and closes on Escape.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { get_encoding } from 'tiktoken';

import { loadEngine, readVocab, vocabDir } from '../wasm/load-engine.mjs';
import { unigramFixtures } from '../parity/unigram-references.mjs';
import { openSite } from './harness.mjs';

const { Tokenizer: Reference } = createRequire(import.meta.url)('tokenizers');

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {Awaited<ReturnType<typeof loadEngine>>} */
let engine;

before(async () => {
  engine = await loadEngine();
  site = await openSite({ needs: ['dist/vocab/bert-base-uncased.json', 'dist/vocab/llama2.json'] });
});
after(async () => {
  await site?.close();
});

const words = [' Kuznetsov', ' unbelievably', 'Tokenization', ' naïve', ' 東京', ' 👩🏽‍💻', ' antidisestablishmentarianism'];

/** @param {string} file a tokenizer.json of web/dist/vocab, maybe gzipped */
function readJson(file) {
  let bytes = readFileSync(path.join(vocabDir, file));
  if (file.endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
  return bytes.toString('utf8');
}

test('the engine’s merges of a word end in tiktoken’s ids for it, each merge ranked as tiktoken ranks its bytes', async () => {
  for (const name of ['r50k_base', 'cl100k_base', 'o200k_base']) {
    const tokenizer = engine.loadTiktoken(name, await readVocab(name));
    const reference = get_encoding(name);
    try {
      for (const word of [...words, ' don’t', '123456']) {
        const ids = Array.from(reference.encode(word, [], []));
        const trace = tokenizer.trace(ids);
        assert.equal(trace.kind, 'rank-bpe');
        assert.ok(trace.matches, `${name} ${word}`);
        assert.deepEqual(Array.from(trace.replayed), ids, `${name} ${word}`);
        assert.deepEqual(Buffer.from(trace.piece).toString('utf8'), word);
        assert.ok(trace.results.length > 0);
        for (let step = 0; step < trace.results.length; step++) {
          const bytes = trace.piece.subarray(trace.begins[step], trace.ends[step]);
          assert.equal(trace.ranks[step], reference.encode_single_token(bytes), `${name} ${word}: a merge's rank is its bytes' rank`);
          assert.equal(trace.results[step], trace.ranks[step]);
          assert.equal(trace.lefts[step], reference.encode_single_token(trace.piece.subarray(trace.begins[step], trace.splits[step])));
          assert.equal(trace.rights[step], reference.encode_single_token(trace.piece.subarray(trace.splits[step], trace.ends[step])));
        }
      }
      assert.throws(() => tokenizer.trace([]), /at least one id/);
      assert.throws(() => tokenizer.trace([tokenizer.vocabSize]), /not in/);
    } finally {
      reference.free();
      tokenizer.delete();
    }
  }
});

test('for LLaMA 2 and Qwen 3 the merges end in the Hugging Face library’s ids, each ranked by its place in the merge list', async () => {
  for (const file of ['llama2.json', 'qwen3.json.gz']) {
    const json = readJson(file);
    const { model } = JSON.parse(json);
    const textOf = new Map(Object.entries(model.vocab).map(([text, id]) => [id, text]));
    /** @type {Map<string, number>} "left right" → its place (a pair listed twice keeps the last, as the library does) */
    const place = new Map();
    model.merges.forEach((merge, at) => place.set(Array.isArray(merge) ? merge.join(' ') : merge, at));
    const reference = Reference.fromString(json);
    const tokenizer = engine.loadTokenizerJson(file, new TextEncoder().encode(json));
    try {
      let merges = 0;
      for (const word of words) {
        const ids = Array.from((await reference.encode(word, null, { addSpecialTokens: false })).getIds());
        const trace = tokenizer.trace(ids);
        assert.equal(trace.kind, 'merge-bpe', file);
        assert.ok(trace.matches, `${file} ${word}: replayed ${trace.replayed} for ${ids}`);
        assert.deepEqual(Array.from(trace.replayed), ids, `${file} ${word}`);
        for (let step = 0; step < trace.results.length; step++) {
          const left = textOf.get(trace.lefts[step]);
          const right = textOf.get(trace.rights[step]);
          assert.equal(trace.ranks[step], place.get(`${left} ${right}`), `${file} ${word}: ${left} + ${right}`);
          assert.equal(trace.results[step], model.vocab[`${left}${right}`]);
          merges++;
        }
      }
      assert.ok(merges > 20, `${file}: ${merges} merges checked`);
    } finally {
      tokenizer.delete();
    }
  }
});

test('WordPiece’s longest match gives BERT’s own pieces', () => {
  const tokenizer = engine.loadTokenizerJson('bert', new Uint8Array(readFileSync(path.join(vocabDir, 'bert-base-uncased.json'))));
  try {
    for (const word of ['unaffable', 'kuznetsov', 'tokenization', 'running', 'the']) {
      const ids = Array.from(tokenizer.encode(word, { addSpecialTokens: false }).ids);
      const trace = tokenizer.trace(ids);
      assert.equal(trace.kind, 'wordpiece');
      assert.deepEqual(Array.from(trace.pieceIds), ids, word);
      assert.equal(Buffer.from(trace.piece).toString('utf8'), word);
      assert.ok(trace.matches);
    }
  } finally {
    tokenizer.delete();
  }
});

test('a Unigram file’s best path is the reference’s ids, scored as the sum of its pieces’ scores, above every alternative', async () => {
  const fixture = (await unigramFixtures()).find((entry) => entry.name === 't5-bytes');
  assert.ok(fixture, 'the t5-bytes fixture');
  const json = readFileSync(fixture.json, 'utf8');
  const { model } = JSON.parse(json);
  const reference = await Reference.fromFile(fixture.json);
  const tokenizer = engine.loadTokenizerJson('t5', new TextEncoder().encode(json));
  // The fixture is trained on the machine's text, so a character of a word
  // (the ï of naïve) may be no piece: the best path then takes the unknown
  // piece, scored min(scores) - 10, where the reference, falling back to
  // bytes, writes the character's <0xNN> pieces.
  const unknown = model.unk_id;
  const unknownScore = Math.min(...model.vocab.map((/** @type {[string, number]} */ [, score]) => score)) - 10;
  const isByte = (/** @type {number} */ id) => /^<0x[0-9A-F]{2}>$/.test(model.vocab[id][0]);
  /** @param {number[]} ids the reference's, with each run of byte pieces as the one unknown piece it stands for */
  const bestPathOf = (ids) => ids.filter((id, at) => !(isByte(id) && at > 0 && isByte(ids[at - 1]))).map((id) => (isByte(id) ? unknown : id));
  try {
    for (const word of ['Kuznetsov', 'tokenizers', 'naïve', 'Hello']) {
      const ids = Array.from((await reference.encode(word, null, { addSpecialTokens: false })).getIds());
      const trace = tokenizer.trace(ids);
      assert.equal(trace.kind, 'unigram');
      assert.ok(trace.matches, `${word}: ${trace.replayed} for ${ids}`);
      assert.deepEqual(Array.from(trace.pieceIds), bestPathOf(ids), word);
      const scoreOf = (/** @type {number} */ id) => (id === unknown ? unknownScore : model.vocab[id][1]);
      const sum = Array.from(trace.pieceIds).reduce((total, id) => total + scoreOf(id), 0);
      assert.ok(Math.abs(trace.totalScore - sum) < 1e-9, `${word}: ${trace.totalScore} vs ${sum}`);
      // Within an ulp: the engine reads the file's decimals as the Rust library does, JSON.parse a hair differently.
      const close = (/** @type {number} */ a, /** @type {number} */ b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
      Array.from(trace.pieceIds).forEach((id, at) => assert.ok(close(trace.pieceScores[at], scoreOf(id)), `${word}: piece ${at}'s score`));
      assert.ok(trace.altIds.length > 0, `${word}: some piece was passed over`);
      for (let at = 0; at < trace.altIds.length; at++) {
        assert.ok(close(trace.altScores[at], model.vocab[trace.altIds[at]][1]), `${word}: alternative ${at}'s score`);
        assert.ok(trace.altTotals[at] <= trace.totalScore + 1e-9, `${word}: an alternative beats the best path`);
      }
    }
  } finally {
    tokenizer.delete();
  }
});

/** @param {import('playwright-core').Page} page @param {string} name */
function waitForTokenizer(page, name) {
  return page.waitForFunction((key) => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === key && document.querySelectorAll('#chip-list .chip:not(.added)').length > 0, name, { timeout: 60_000 });
}

/** The card's story once the engine has told it. @param {import('playwright-core').Page} page */
async function storyShown(page) {
  await page.waitForFunction(() => document.querySelector('#token-card-story')?.getAttribute('data-kind'), null, { timeout: 60_000 });
  return page.locator('#token-card-story');
}

test('in the page a chip’s card opens on click and on Enter, shows its word’s merges, compares its word and closes on Escape', async () => {
  const text = 'Hello Kuznetsov';
  const reference = get_encoding('cl100k_base');
  const ids = Array.from(reference.encode(text, [], []));
  const { page, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`);
  await page.waitForSelector(`#chip-list .chip[data-index="${ids.length - 1}"]`);
  const last = ids.length - 1;
  await page.click(`#chip-list .chip[data-index="${last}"]`);
  await page.locator('#token-card').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#token-card').getAttribute('data-id'), String(ids[last]));
  const story = await storyShown(page);
  assert.equal(await story.getAttribute('data-kind'), 'rank-bpe');
  assert.equal(await story.getAttribute('data-ids'), ids.slice(1).join(' '), 'the word " Kuznetsov" is traced');
  const steps = await page.$$eval('#token-card-story .merge-steps li', (items) => items.map((item) => ({ rank: Number(item.getAttribute('data-rank')), result: Number(item.getAttribute('data-result')), mine: item.classList.contains('in-token') })));
  assert.ok(steps.length > 0);
  assert.ok(steps.every((step) => step.rank === step.result));
  assert.equal(steps.filter((step) => step.mine).at(-1)?.result, ids[last], 'the last merge of the chip’s own bytes makes the chip’s token');
  const roots = await page.$$eval('#token-card-story .merge-tree > li', (items) => items.map((item) => Number(item.getAttribute('data-id'))));
  assert.deepEqual(roots, ids.slice(1));
  await page.waitForFunction(() => document.querySelectorAll('#token-card-others li[data-count]').length === 2, null, { timeout: 60_000 });
  assert.match(await page.locator('#token-card-others h3').textContent(), /·Kuznetsov/);
  reference.free();

  // Keyboard: Escape gives focus back to the chip; Enter on another chip opens its card.
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#token-card').isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-index')), String(last));
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.locator('#token-card').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#token-card').getAttribute('data-id'), String(ids[0]));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'token-card');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a BERT chip’s card shows its word’s longest matches; a LLaMA 2 chip’s shows its merges, ranked by the merge list', async () => {
  const { page, problems } = await site.open(`#t=bert-base-uncased&text=${encodeURIComponent('unaffable')}`);
  await waitForTokenizer(page, 'bert-base-uncased');
  const chipIds = await page.$$eval('#chip-list .chip:not(.added)', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
  await page.click('#chip-list .chip:not(.added) >> nth=1');
  await page.locator('#token-card').waitFor({ state: 'visible' });
  const story = await storyShown(page);
  assert.equal(await story.getAttribute('data-kind'), 'wordpiece');
  const stepIds = await page.$$eval('#token-card-story .merge-steps li', (items) => items.map((item) => Number(item.getAttribute('data-id'))));
  assert.deepEqual(stepIds, chipIds);
  assert.match(await story.textContent(), /longest match/);
  await page.context().close();

  const { model } = JSON.parse(readJson('llama2.json'));
  const place = new Map(model.merges.map((merge, at) => [Array.isArray(merge) ? merge.join(' ') : merge, at]));
  const textOf = new Map(Object.entries(model.vocab).map(([text, id]) => [id, text]));
  const llama = await site.open(`#t=llama2&text=${encodeURIComponent('Hello Kuznetsov')}`);
  await waitForTokenizer(llama.page, 'llama2');
  await llama.page.click('#chip-list .chip:not(.added) >> nth=-1');
  const llamaStory = await storyShown(llama.page);
  assert.equal(await llamaStory.getAttribute('data-kind'), 'merge-bpe');
  assert.equal(await llamaStory.getAttribute('data-matches'), 'true');
  const merges = await llama.page.$$eval('#token-card-story .merge-steps li', (items) => items.map((item) => ['rank', 'left', 'right', 'result'].map((name) => Number(item.getAttribute(`data-${name}`)))));
  assert.ok(merges.length > 3);
  for (const [rank, left, right, result] of merges) {
    assert.equal(rank, place.get(`${textOf.get(left)} ${textOf.get(right)}`));
    assert.equal(result, model.vocab[`${textOf.get(left)}${textOf.get(right)}`]);
  }
  assert.match(await llamaStory.textContent(), /merge list/);
  assert.deepEqual([...problems, ...llama.problems], []);
  await llama.context.close();
});

test('a Unigram file’s chip card shows the best segmentation, its score and the pieces passed over', async () => {
  const fixture = (await unigramFixtures()).find((entry) => entry.name === 't5-bytes');
  assert.ok(fixture);
  const { page, context, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent('Hello Kuznetsov')}`);
  await waitForTokenizer(page, 'cl100k_base');
  await page.locator('#view-tokenize input[data-tokenizer-file]').setInputFiles(fixture.json);
  await waitForTokenizer(page, path.basename(fixture.json));
  await page.click('#chip-list .chip:not(.added) >> nth=-1');
  const story = await storyShown(page);
  assert.equal(await story.getAttribute('data-kind'), 'unigram');
  assert.equal(await story.getAttribute('data-matches'), 'true');
  const { model } = JSON.parse(readFileSync(fixture.json, 'utf8'));
  const pieces = await page.$$eval('#token-card-story .merge-steps > li', (items) => items.map((item) => [Number(item.getAttribute('data-id')), Number(item.getAttribute('data-score'))]));
  assert.ok(pieces.length > 0);
  for (const [id, score] of pieces) assert.ok(Math.abs(score - model.vocab[id][1]) <= 1e-12 * Math.max(1, Math.abs(score)));
  const total = Number(await page.locator('#token-card-story h3').getAttribute('data-total'));
  assert.ok(Math.abs(total - pieces.reduce((sum, [, score]) => sum + score, 0)) < 1e-9);
  const alternatives = await page.$$eval('#token-card-story .merge-steps li li', (items) => items.map((item) => Number(item.getAttribute('data-total'))));
  assert.ok(alternatives.every((other) => other <= total + 1e-9));
  assert.deepEqual(problems, []);
  await context.close();
});
