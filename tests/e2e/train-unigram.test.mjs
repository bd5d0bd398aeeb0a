// The Train view's Unigram algorithm end to end in headless Chromium: choose
// Unigram, train the built-in sample, and check the pieces listed and the
// downloaded tokenizer.json against the same trainer run in node on the same
// bytes; "My tokenizer" then splits text as Hugging Face's Rust library
// splits it with that file; the link keeps the choice; cancel ends the run
// and the next one works.
//
// Needs web/dist/ (the WebAssembly build); build-scripts/test makes it.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { createUnigramTrainer } from '../../web/engine/unigram-trainer-engine.js';
import { loadEngine } from '../wasm/load-engine.mjs';
import { openSite, webRoot } from './harness.mjs';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers');
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

async function waitForTrained(page, timeout = 90_000) {
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout });
}

test('Unigram trains the sample in the page: the pieces and tokenizer.json are what node trains, and My tokenizer splits as the Rust library', async () => {
  const { page, context, problems } = await site.open('#view=train');
  await page.check('input[name="algorithm"][value="unigram"]');
  assert.equal(await page.isVisible('#min-frequency'), false, 'BPE-only settings are hidden');
  assert.equal(await page.isVisible('#byte-fallback'), true);
  assert.match(new URL(page.url()).hash, /alg=unigram/);
  await page.fill('#vocab-size', '1500');
  await page.click('#train-start');
  await waitForTrained(page);

  assert.match(await page.textContent('#train-phase'), /Done: 1,500 pieces/);
  assert.equal(await page.getAttribute('#piece-status', 'data-shown'), '1500');
  assert.equal(await page.isVisible('#merge-grid'), false);
  assert.equal(await page.isVisible('#download-tiktoken'), false);

  const trainedBytes = Number(await page.getAttribute('#train-result', 'data-trained-bytes'));
  assert.ok(trainedBytes > 150_000 && trainedBytes < sample.length, `trained on ${trainedBytes} bytes`);
  const trainer = createUnigramTrainer(engine.module, { vocabSize: 1500, byteFallback: true });
  trainer.addText(new Uint8Array(sample.subarray(0, trainedBytes)));
  trainer.finishText();
  trainer.train();
  const reference = Buffer.from(trainer.tokenizerJson());
  const pieces = trainer.pieces();
  trainer.delete();

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  assert.equal(download.suggestedFilename(), 'tokenizer.json');
  assert.equal(readFileSync(await download.path()).toString(), reference.toString());

  // The table lists the pieces by id; a search finds one by its text.
  const firstRows = await page.$$eval('#piece-rows tr', (rows) => rows.slice(0, 5).map((row) => Array.from(row.children, (cell) => cell.textContent)));
  const pieceText = (id) => new TextDecoder().decode(pieces.bytes.subarray(pieces.offsets[id], pieces.offsets[id + 1]));
  assert.deepEqual(firstRows.map((row) => row[1]), [0, 1, 2, 3, 4].map(pieceText));
  const learned = 3 + 256 + 10;
  await page.fill('#piece-search', pieceText(learned));
  await page.waitForFunction((id) => Array.from(document.querySelectorAll('#piece-rows tr td:first-child')).some((cell) => cell.textContent === String(id)), learned);
  const score = await page.$eval(`#piece-rows tr:has(td:first-child:text-is("${learned}")) td:nth-child(3)`, (cell) => cell.textContent);
  assert.equal(score, pieces.scores[learned].toFixed(3));

  // My tokenizer beside GPT-4: the first row is the trained vocabulary, with the Rust library's split.
  const text = 'The whale surfaced beside the ship, unbelievably close.';
  await page.fill('#try-text', text);
  await page.waitForFunction(() => document.querySelectorAll('#try-splits .split-row').length >= 2);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-e2e-')), 'tokenizer.json');
  writeFileSync(file, reference);
  const rust = await Tokenizer.fromFile(file);
  const expected = (await rust.encode(text, null, { addSpecialTokens: false })).getIds();
  const ids = await page.$$eval('#try-splits .split-row:first-child .chip', (chips) => chips.map((chip) => Number(chip.title.replace('id ', ''))));
  assert.deepEqual(ids, expected);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Unigram link opens with Unigram chosen; cancel ends the run and the next run trains', async () => {
  const { page, context, problems } = await site.open('#view=train&alg=unigram&vs=3000&bf=0&c=code');
  assert.equal(await page.isChecked('input[name="algorithm"][value="unigram"]'), true);
  assert.equal(await page.isChecked('#byte-fallback'), false);
  await page.click('#train-start');
  await page.click('#train-cancel');
  await page.waitForFunction(() => document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false');
  assert.match(await page.textContent('#train-phase'), /Cancelled/);
  await page.fill('#vocab-size', '600');
  await page.click('#train-start');
  await waitForTrained(page);
  assert.match(await page.textContent('#train-phase'), /Done: 600 pieces/);
  assert.deepEqual(problems, []);
  await context.close();
});
