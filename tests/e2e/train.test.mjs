// The Train view end to end in headless Chromium, served as a user gets it
// (build-scripts/serve.mjs, same CSP): train the built-in sample and check the
// merge table and the downloaded tokenizer.json against the trainer run in
// node; watch a long run fill the table, cancel it and keep using the page;
// step the worked example; use "My tokenizer" in the Tokenize view; the
// trade-off charts; the two-corpora comparison; bad input.
//
// Needs web/dist/ (the WebAssembly build, the rank files and the chart
// library); build-scripts/test makes it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine, repoRoot } from '../wasm/load-engine.mjs';
import { openSite, showView, webRoot } from './harness.mjs';

const sample = readFileSync(path.join(webRoot, 'samples', 'moby-dick.txt'));

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {import('../../web/engine/engine.js').Engine} */
let engine;

before(async () => {
  site = await openSite();
  engine = await loadEngine();
});

after(() => site?.close());

/** A fresh page (en-US, so numbers read 1,234) that records errors. */
function openPage(hash = '#view=train') {
  return site.open(hash);
}

/** Sets the training form and presses Train. */
async function train(page, { vocabSize = 3000, pretokenizer = 'cl100k', minFrequency = 2, specials = '<|endoftext|>' } = {}) {
  await page.fill('#vocab-size', String(vocabSize));
  await page.selectOption('#pretokenizer', pretokenizer);
  await page.fill('#min-frequency', String(minFrequency));
  await page.fill('#special-tokens', specials);
  await page.click('#train-start');
}

async function waitForTrained(page, timeout = 60_000) {
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout });
}

/** The rows of the merge table now in the DOM: step, pair text, count, token text, id. */
function tableRows(page) {
  return page.$$eval('#merge-rows .merge-row', (rows) =>
    rows.map((row) => {
      const cells = Array.from(row.children, (cell) => cell.textContent ?? '');
      return { step: cells[0], pair: cells[1], count: cells[2], token: cells[3], id: cells[4] };
    }),
  );
}

/** Trains in node with the page's settings on the page's training bytes. */
function trainInNode(bytes, options) {
  const trainer = new TrainerEngine(engine.module).createTrainer(options);
  trainer.addText(bytes);
  trainer.finishText();
  while (trainer.step(10_000) > 0);
  return trainer;
}

/** Token text as the page shows it: · for a space, ↵ for a newline. */
const shown = (bytes) => new TextDecoder().decode(bytes).replaceAll(' ', '·').replaceAll('\n', '↵');

test('Train pressed before the view has loaded does not reload the page', async () => {
  // No service worker, so the module's request meets the route below.
  const { page, context, problems } = await site.open('#view=tokenize', { serviceWorkers: 'block' });
  // Hold the Train view's module back, as a slow network would.
  /** @type {() => void} */
  let release = () => {};
  const held = new Promise((resolve) => (release = () => resolve(undefined)));
  await context.route('**/train-view.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => ((/** @type {any} */ (window)).__samePage = true));
  await page.click('[data-nav=train]');
  await page.locator('#train-start').click();
  release();
  await page.waitForFunction(() => document.documentElement.dataset.restored === 'train', null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => (/** @type {any} */ (window)).__samePage), true, 'the page was not reloaded');
  assert.equal(new URL(page.url()).search, '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('training the sample fills the merge table with the merges node trains, and tokenizer.json downloads', async () => {
  const { page, context, problems } = await openPage();
  await train(page, { vocabSize: 3000, pretokenizer: 'cl100k' });
  await waitForTrained(page);
  const trainedBytes = Number(await page.getAttribute('#train-result', 'data-trained-bytes'));
  assert.ok(trainedBytes > 150_000 && trainedBytes < sample.length, `trained on ${trainedBytes} bytes`);
  const reference = trainInNode(sample.subarray(0, trainedBytes), { vocabSize: 3000, pretokenizer: 'cl100k', minFrequency: 2, specialTokens: ['<|endoftext|>'] });
  const merges = reference.merges(0);
  const tokens = reference.tokenBytes(0);
  const text = (/** @type {number} */ id) => shown(tokens.bytes.subarray(tokens.offsets[id], tokens.offsets[id + 1]));
  assert.equal(merges.ids.length, 3000 - 257);
  assert.equal(await page.getAttribute('#merge-status', 'data-shown'), String(merges.ids.length));
  assert.match(await page.textContent('#train-phase'), /Done: 2,743 merges/);

  // The table follows the newest merges; scroll to the top and compare rows.
  await page.$eval('#merge-scroller', (scroller) => (scroller.scrollTop = 0));
  await page.waitForFunction(() => document.querySelector('#merge-rows .merge-step')?.textContent === '1');
  const rows = await tableRows(page);
  assert.ok(rows.length > 5 && rows.length < 80, `${rows.length} rows in the DOM: the table is virtualised`);
  for (const [i, row] of rows.entries()) {
    assert.equal(row.step, (i + 1).toLocaleString('en-US'));
    assert.equal(row.pair, `${text(merges.left[i])}+${text(merges.right[i])}`);
    assert.equal(row.count, merges.counts[i].toLocaleString('en-US'));
    assert.equal(row.token, text(256 + i));
    assert.equal(row.id, String(256 + i));
  }

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'tokenizer.json');
  const downloaded = readFileSync(await download.path());
  assert.equal(downloaded.toString(), Buffer.from(reference.tokenizerJson()).toString());
  const [tiktoken] = await Promise.all([page.waitForEvent('download'), page.click('#download-tiktoken')]);
  assert.equal(readFileSync(await tiktoken.path()).toString(), Buffer.from(reference.tiktokenRanks()).toString());
  reference.delete();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the merge table is searchable and scrolls to its last merge', async () => {
  const { page, context, problems } = await openPage();
  await train(page, { vocabSize: 3000, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  await page.fill('#merge-search', 'ing');
  await page.waitForFunction(() => /of 2,744 merges match/.test(document.querySelector('#merge-status')?.textContent ?? ''));
  const matching = Number(await page.getAttribute('#merge-status', 'data-shown'));
  assert.ok(matching > 10 && matching < 2744, `${matching} merges match "ing"`);
  for (const row of await tableRows(page)) assert.ok(/ing/i.test(row.pair + row.token), `${row.pair} → ${row.token}`);
  // A space in the search matches the · shown for it.
  await page.fill('#merge-search', ' the');
  await page.waitForFunction(() => [...document.querySelectorAll('#merge-rows .merge-token')].some((cell) => cell.textContent === '·the'));
  await page.fill('#merge-search', '');
  await page.waitForFunction(() => document.querySelector('#merge-status')?.textContent === '2,744 merges');
  await page.$eval('#merge-scroller', (scroller) => (scroller.scrollTop = scroller.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('#merge-rows .merge-step')].some((cell) => cell.textContent === '2,744'));
  assert.deepEqual(problems, []);
  await context.close();
});

/** Pseudo-random words (xorshift), so a long training run has plenty to merge. */
function syllableText(bytes) {
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  const syllables = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'ri', 'po', 'va', 'de', 'gu', 'xe', 'zo', 'bi', 'fu', 'hy', 'an', 'el', 'or', 'um'];
  const words = [];
  let length = 0;
  while (length < bytes) {
    let word = '';
    for (let i = 0, n = 1 + (next() % 4); i < n; i++) word += syllables[next() % syllables.length];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(next() % 7 === 0 ? '.\n' : ' ');
}

test('a long run fills the table as it goes, cancels at once, and the page keeps working', async () => {
  const { page, context, problems } = await openPage();
  await page.setInputFiles('#file-input', [{ name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from(syllableText(4_000_000)) }]);
  assert.equal(await page.isChecked('input[name="corpus"][value="files"]'), true);
  await train(page, { vocabSize: 100_000, pretokenizer: 'none', specials: '' });
  const seen = [];
  const started = Date.now();
  while (seen.length < 3 && Date.now() - started < 30_000) {
    const shownMerges = Number((await page.getAttribute('#merge-status', 'data-shown')) ?? 0);
    if (shownMerges > (seen.at(-1) ?? 0)) seen.push(shownMerges);
    await page.waitForTimeout(40);
  }
  assert.equal(seen.length, 3, `the table grew while training: ${seen}`);
  assert.match(await page.textContent('#train-eta'), /\d/);
  const cancelledAt = Date.now();
  await page.click('#train-cancel');
  // Slices last ~40 ms and a worker that does not answer is ended after 1.5 s;
  // the bound leaves room for a shared, loaded test machine.
  await page.waitForFunction(() => document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout: 10_000 });
  assert.ok(Date.now() - cancelledAt < 10_000, `cancel took ${Date.now() - cancelledAt} ms`);
  // Stopped between two slices: the merges so far make a vocabulary to use and export.
  assert.match(await page.textContent('#train-phase'), /Cancelled after [\d,]+ merges of 99,744; the vocabulary so far is ready to use/);
  assert.equal(await page.isHidden('#train-result'), false);
  const kept = Number(await page.getAttribute('#merge-status', 'data-shown'));
  assert.ok(kept >= seen[2] && kept < 99_744, `${kept} merges stay listed`);

  // The page still trains and tokenizes.
  await page.check('input[name="corpus"][value="prose"]');
  await train(page, { vocabSize: 1000, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  assert.equal(await page.getAttribute('#merge-status', 'data-shown'), '744');
  await showView(page, 'tokenize');
  await page.waitForFunction(() => Number(document.querySelector('#count-tokens')?.getAttribute('data-value')) > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the worked example steps merge by merge with the true counts: lo and ow 7, we 5, ne 3', async () => {
  const { page, context, problems } = await openPage();
  await page.waitForSelector('#stepper-bars .pair-bar');
  const bars = await page.$$eval('#stepper-bars .pair-bar', (items) => items.map((item) => `${item.getAttribute('data-pair')} ${item.getAttribute('data-count')}`));
  assert.deepEqual(bars.slice(0, 7), ['l+o 7', 'o+w 7', 'w+e 5', 'e+s 4', 's+t 4', 'e+w 3', 'n+e 3']);
  assert.match(await page.textContent('#stepper-tie'), /“lo” and “ow” both occur 7 times; “lo” merges first because its left token, “l”, has id 108, below 111/);
  assert.match(await page.textContent('#tie-break-rule'), /equal counts: the smaller left token id merges first, then the smaller right token id/);
  assert.match(await page.textContent('#train-stepper'), /Why “we” counts 5/);

  const words = () => page.$$eval('#stepper-word-list .word', (items) => items.map((item) => `${item.getAttribute('data-word')}: ${item.getAttribute('data-tokens')}`));
  await page.click('#stepper-next');
  await page.waitForFunction(() => document.querySelectorAll('#stepper-history li').length === 1);
  assert.deepEqual(await words(), ['low: lo w', 'newest: n e w e s t', 'lower: lo w e r', 'widest: w i d e s t']);
  assert.equal(await page.getAttribute('#stepper-bars .pair-bar.next', 'data-pair'), 'lo+w');
  await page.click('#stepper-next');
  await page.waitForFunction(() => document.querySelectorAll('#stepper-history li').length === 2);
  assert.deepEqual(await words(), ['low: low', 'newest: n e w e s t', 'lower: low e r', 'widest: w i d e s t']);
  await page.click('#stepper-end');
  await page.waitForFunction(() => document.querySelector('#stepper-next')?.hasAttribute('disabled'));
  const history = await page.$$eval('#stepper-history li', (items) => items.map((item) => item.textContent));
  assert.equal(history.length, 9);
  assert.match(history[0] ?? '', /^l\+o→lo\s*seen 7×, id 256/);
  assert.match(await page.textContent('#stepper-status'), /9 merges, then training stops: no pair occurs min_frequency times/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('"My tokenizer" joins the Tokenize view and encodes as the exported vocabulary does', async () => {
  const { page, context, problems } = await openPage();
  await train(page, { vocabSize: 2000, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  await page.waitForSelector('#try-splits .split-row');
  const trySplits = await page.$$eval('#try-splits .split-row', (rows) => rows.map((row) => Number(row.getAttribute('data-tokens'))));
  const tryText = await page.inputValue('#try-text');
  const trainedBytes = Number(await page.getAttribute('#train-result', 'data-trained-bytes'));
  const reference = trainInNode(sample.subarray(0, trainedBytes), { vocabSize: 2000, pretokenizer: 'gpt2', minFrequency: 2 });
  const mine = engine.loadTokenizerJson('mine', reference.tokenizerJson());
  assert.equal(trySplits[0], mine.count(tryText));

  await page.click('#open-tokenize');
  await page.waitForFunction(() => !document.querySelector('#view-tokenize')?.hidden);
  assert.equal(await page.isChecked('input[name="tokenizer"][value="mine"]'), true);
  const text = 'Call me Ishmael. Some years ago — never mind how long precisely 🐳';
  await page.fill('#tokenize-text', text);
  await page.waitForFunction(
    (bytes) => document.querySelector('#count-bytes')?.getAttribute('data-value') === String(bytes) && !document.querySelector('#token-output')?.hasAttribute('aria-busy'),
    Buffer.byteLength(text),
  );
  const ids = await page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
  assert.deepEqual(ids, Array.from(mine.encode(text).ids));
  assert.equal(await page.getAttribute('#vocab-info', 'data-vocab-size'), '2000');
  assert.match(await page.textContent('#tokenizer-picker'), /My tokenizer/);
  mine.delete();
  reference.delete();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the trade-off charts prefixes of the merges and the GPT tokenizers on held-out text', async () => {
  const { page, context, problems } = await openPage();
  await train(page, { vocabSize: 4000, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  await page.waitForFunction(() => !document.querySelector('#tradeoff-table-wrap')?.hidden, null, { timeout: 60_000 });
  assert.equal(await page.locator('#tradeoff-charts canvas').count(), 3);
  const heldOut = await page.inputValue('#heldout-text');
  assert.ok(heldOut.length > 5000, 'the held-out slice of the sample is suggested');
  assert.ok(sample.toString().includes(heldOut));
  const rows = await page.$$eval('#tradeoff-table tbody tr', (trs) => trs.map((tr) => ({ label: tr.querySelector('th')?.textContent, vocab: Number(tr.getAttribute('data-vocab')), tokens: Number(tr.getAttribute('data-tokens')) })));
  const trainedBytes = Number(await page.getAttribute('#train-result', 'data-trained-bytes'));
  const reference = trainInNode(sample.subarray(0, trainedBytes), { vocabSize: 4000, pretokenizer: 'gpt2', minFrequency: 2 });
  const counts = reference.prefixTokenCounts(heldOut);
  const all = rows.find((row) => /all merges/.test(row.label ?? ''));
  assert.equal(all?.vocab, 4000);
  const mine = engine.loadTokenizerJson('mine', reference.tokenizerJson());
  assert.equal(all?.tokens, mine.count(heldOut));
  assert.equal(rows.find((row) => row.vocab === 1000)?.tokens, counts[1000 - 256]);
  assert.equal(rows.find((row) => /bytes only/.test(row.label ?? ''))?.tokens, Buffer.byteLength(heldOut));
  const gpt4 = rows.find((row) => /GPT-4 \(cl100k\)/.test(row.label ?? ''));
  const cl100k = engine.loadTiktoken('cl100k_base', new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'cl100k_base.tiktoken'))));
  assert.equal(gpt4?.tokens, cl100k.count(heldOut));
  assert.equal(gpt4?.vocab, 100277);
  assert.equal(rows.filter((row) => /GPT/.test(row.label ?? '')).length, 4);
  cl100k.delete();
  mine.delete();
  reference.delete();
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.locator('#train-tradeoff').screenshot({ path: path.join(repoRoot, 'test-results', 'train-tradeoff.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('prose and code learn different tokens: indentation and keywords only in the code vocabulary', async () => {
  const { page, context, problems } = await openPage();
  await page.click('#compare-train');
  await page.waitForFunction(() => !document.querySelector('#compare-results')?.hidden, null, { timeout: 60_000 });
  await page.waitForSelector('#compare-splits .split-row');
  const onlyCode = await page.$$eval('#compare-only-code .vocab-token', (chips) => chips.map((chip) => chip.getAttribute('data-text')));
  const onlyProse = await page.$$eval('#compare-only-prose .vocab-token', (chips) => chips.map((chip) => chip.getAttribute('data-text')));
  assert.ok(onlyCode.some((token) => /^↵?·{3,}$/.test(token ?? '')), `an indentation run in ${onlyCode.join(' ')}`);
  assert.ok(onlyCode.includes('·return') || onlyCode.includes('·const'), 'a keyword');
  assert.ok(!onlyProse.some((token) => /^↵?·{3,}$/.test(token ?? '')));
  assert.ok(onlyProse.length > 50 && onlyCode.length > 50);
  const splits = await page.$$eval('#compare-splits .split-row', (rows) => rows.map((row) => Number(row.getAttribute('data-tokens'))));
  assert.equal(splits.length, 2);
  assert.ok(splits.every((count) => count > 5));
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.locator('#train-compare').screenshot({ path: path.join(repoRoot, 'test-results', 'train-compare.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input shows a message and nothing breaks', async () => {
  const { page, context, problems } = await openPage();
  const errorText = () => page.textContent('#train-error-text');

  await train(page, { vocabSize: 100 });
  assert.match(await errorText(), /vocabulary size must be a whole number from 258 \(256 bytes \+ 1 special token \+ at least one merge\) to 100,000; it is “100”/);
  assert.equal(await page.getAttribute('#vocab-size', 'aria-invalid'), 'true');
  await train(page, { vocabSize: 250_000 });
  assert.match(await errorText(), /to 100,000; it is “250000”/);

  await page.setInputFiles('#file-input', [{ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) }]);
  await train(page, { vocabSize: 1000 });
  await page.waitForFunction(() => /empty/.test(document.querySelector('#train-error-text')?.textContent ?? '') && !document.querySelector('#train-error')?.hidden);
  assert.match(await errorText(), /The corpus is empty: there is nothing to train on/);
  await page.click('#file-list .file-remove');

  const binary = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 7)) % 256));
  await page.setInputFiles('#file-input', [{ name: 'random.bin', mimeType: 'application/octet-stream', buffer: binary }]);
  await train(page, { vocabSize: 600, minFrequency: 2 });
  await waitForTrained(page);
  assert.match(await page.textContent('#train-notes'), /random\.bin does not look like text .* trained on byte by byte/);
  await page.click('#file-list .file-remove');

  await page.setInputFiles('#file-input', [{ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(33_000_000, 'a') }]);
  await train(page, { vocabSize: 1000, pretokenizer: 'none' });
  assert.match(await errorText(), /The files hold 33 MB, more than the 32 MB the page trains on at once with no pre-tokenizer\. .*2 GB/);
  await page.click('#file-list .file-remove');

  await page.setInputFiles('#import-input', [{ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": [') }]);
  await page.waitForFunction(() => /Could not import broken\.json/.test(document.querySelector('#train-error-text')?.textContent ?? ''));
  assert.match(await errorText(), /Nothing was changed\./);

  // Too small a corpus for the size asked: an early stop, said so.
  await page.setInputFiles('#file-input', [{ name: 'tiny.txt', mimeType: 'text/plain', buffer: Buffer.from('the cat sat on the mat; the cat sat. ') }]);
  await train(page, { vocabSize: 5000 });
  await waitForTrained(page);
  assert.match(await page.textContent('#train-phase'), /Stopped early after \d+ merges/);
  assert.match(await page.textContent('#train-notes'), /training stopped at \d+ of the 5,000 tokens asked for/);

  // And a good import after all that.
  await page.check('input[name="corpus"][value="prose"]');
  await train(page, { vocabSize: 800, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  await page.setInputFiles('#import-input', await download.path());
  await page.waitForFunction(() => /^Imported /.test(document.querySelector('#train-phase')?.textContent ?? ''));
  assert.match(await page.textContent('#train-phase'), /: 800 tokens\./);
  assert.equal(await page.getAttribute('#merge-status', 'data-shown'), '544');
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshot of the Train view', async () => {
  const { page, context } = await openPage();
  await train(page, { vocabSize: 5000, pretokenizer: 'cl100k' });
  await waitForTrained(page);
  await page.waitForFunction(() => !document.querySelector('#tradeoff-table-wrap')?.hidden, null, { timeout: 60_000 });
  await page.$eval('#merge-scroller', (scroller) => (scroller.scrollTop = 0));
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'train.png') });
  await context.close();
});
