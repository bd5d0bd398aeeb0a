// A token's card: the merge tree replays BPE as tiktoken does (its roots are
// tiktoken's own ids for a word, each merge's rank the id tiktoken gives the
// merged bytes), the tokenizer.json files the card trusts merge in the order
// of their ids with every split listed, WordPiece's longest match gives
// BERT's own pieces, and in the page the card opens on click and on Enter,
// closes on Escape, and compares the word in two other tokenizers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';

import { get_encoding } from 'tiktoken';

import { Vocabulary } from '../../web/common/tokenizers.js';
import { mergeTree, wordPieceSteps } from '../../web/tokenize/token-story.js';
import { loadEngine, readVocab, vocabDir } from '../wasm/load-engine.mjs';
import { openSite } from './harness.mjs';

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

const words = [' Kuznetsov', ' unbelievably', 'Tokenization', ' naïve', ' 東京', ' 👩🏽‍💻', '123', ' antidisestablishmentarianism'];

test('the merge tree of a word gives tiktoken’s ids for it, each merge ranked as tiktoken ranks its bytes', async () => {
  for (const name of ['r50k_base', 'cl100k_base', 'o200k_base']) {
    const tokenizer = engine.loadTiktoken(name, await readVocab(name === 'o200k_base' ? 'o200k_base' : name));
    const vocabulary = new Vocabulary(tokenizer.vocabulary());
    const reference = get_encoding(name);
    try {
      for (const word of words) {
        const bytes = new TextEncoder().encode(word);
        const { roots, merges } = mergeTree(vocabulary, bytes);
        assert.deepEqual(roots.map((root) => root.id), Array.from(reference.encode(word, [], [])), `${name} ${word}`);
        let last = -1;
        for (const merge of merges) {
          assert.equal(merge.id, reference.encode_single_token(merge.bytes), `${name} ${word}: the rank of a merge is its bytes' rank`);
          assert.ok(merge.parts.every((part) => part.id < merge.id), 'a merge ranks after its parts');
          last = merge.id;
        }
        if (roots.length === 1 && merges.length > 0) assert.equal(last, roots[0].id);
      }
      // Every token of the vocabulary builds back to itself from its bytes.
      for (let id = 0; id < 50_000; id += 97) {
        if (vocabulary.entry(id).length === 0) continue;
        const { roots } = mergeTree(vocabulary, vocabulary.entry(id));
        assert.deepEqual(roots.map((root) => root.id), [id], `${name} token ${id}`);
      }
    } finally {
      reference.free();
      tokenizer.delete();
    }
  }
});

test('LLaMA 3, Llama 3.1 and GPT-OSS list every split of a token, in the order of its id, so the tree holds for them', () => {
  for (const file of ['llama3.json', 'llama3.1.json.gz', 'gpt-oss.json.gz']) {
    let bytes = readFileSync(path.join(vocabDir, file));
    if (file.endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
    const { model } = JSON.parse(bytes.toString('utf8'));
    const listed = new Set();
    let highest = -1;
    for (const merge of model.merges) {
      const [left, right] = Array.isArray(merge) ? merge : merge.split(' ');
      const id = model.vocab[left + right];
      assert.ok(id >= highest, `${file}: merge ${left} ${right} comes after a merge of a later id`);
      highest = id;
      listed.add(`${left} ${right}`);
    }
    // Every split of a merged token into two tokens is a merge of the list.
    let checked = 0;
    for (const [token, id] of Object.entries(model.vocab)) {
      if (id % 7 !== 0) continue;
      const chars = [...token];
      for (let cut = 1; cut < chars.length; cut++) {
        const left = chars.slice(0, cut).join('');
        const right = chars.slice(cut).join('');
        if (left in model.vocab && right in model.vocab) {
          assert.ok(listed.has(`${left} ${right}`), `${file}: ${left} + ${right} → ${token} is not listed`);
          checked++;
        }
      }
    }
    assert.ok(checked > 1000, `${file}: ${checked} splits checked`);
  }
});

test('WordPiece’s longest match gives BERT’s own pieces', () => {
  const tokenizer = engine.loadTokenizerJson('bert', new Uint8Array(readFileSync(path.join(vocabDir, 'bert-base-uncased.json'))));
  const vocabulary = new Vocabulary(tokenizer.vocabulary());
  try {
    for (const word of ['unaffable', 'kuznetsov', 'tokenization', 'running', 'the']) {
      const steps = wordPieceSteps(vocabulary, word);
      const ids = Array.from(tokenizer.encode(word, { addSpecialTokens: false }).ids);
      assert.deepEqual(steps.map((step) => step.id), ids, word);
      for (const step of steps) if (step.longer) assert.equal(vocabulary.text(step.id), step.piece);
    }
  } finally {
    tokenizer.delete();
  }
});

test('in the page a chip’s card opens on click and on Enter, shows its merges, compares its word and closes on Escape', async () => {
  const text = 'Hello Kuznetsov';
  const reference = get_encoding('cl100k_base');
  const ids = Array.from(reference.encode(text, [], []));
  const { page, problems } = await site.open(`#t=cl100k_base&text=${encodeURIComponent(text)}`);
  await page.waitForSelector(`#chip-list .chip[data-index="${ids.length - 1}"]`);
  const last = ids.length - 1;
  await page.click(`#chip-list .chip[data-index="${last}"]`);
  await page.locator('#token-card').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#token-card').getAttribute('data-id'), String(ids[last]));
  const ranks = await page.$$eval('#token-card-story .merge-steps li', (items) => items.map((item) => Number(item.getAttribute('data-rank'))));
  assert.ok(ranks.length > 0);
  assert.equal(ranks.at(-1), ids[last]);
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

test('a BERT chip’s card shows the longest matches of its word; a LLaMA 2 chip’s says why it has no tree', async () => {
  const { page, problems } = await site.open(`#t=bert-base-uncased&text=${encodeURIComponent('unaffable')}`);
  await page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'bert-base-uncased' && document.querySelectorAll('#chip-list .chip').length >= 3, null, { timeout: 60_000 });
  const chipIds = await page.$$eval('#chip-list .chip:not(.added)', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
  await page.click('#chip-list .chip:not(.added) >> nth=1');
  await page.locator('#token-card').waitFor({ state: 'visible' });
  const stepIds = await page.$$eval('#token-card-story .merge-steps li', (items) => items.map((item) => Number(item.getAttribute('data-id'))));
  assert.deepEqual(stepIds, chipIds);
  assert.match(await page.locator('#token-card-story').textContent(), /longest match/);
  await page.context().close();

  const llama = await site.open(`#t=llama2&text=${encodeURIComponent('Hello')}`);
  await llama.page.waitForFunction(() => document.querySelector('#token-output')?.getAttribute('data-tokenizer') === 'llama2' && document.querySelectorAll('#chip-list .chip:not(.added)').length > 0, null, { timeout: 60_000 });
  await llama.page.click('#chip-list .chip:not(.added) >> nth=0');
  assert.match(await llama.page.locator('#token-card-story').textContent(), /no merge tree/);
  assert.deepEqual([...problems, ...llama.problems], []);
  await llama.context.close();
});
