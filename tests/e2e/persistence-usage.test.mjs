// What keeping costs the browser's storage, in headless Chromium, read with
// navigator.storage.estimate() (the service worker is blocked, so its cache
// of the page's files does not count): ten vocabularies trained, kept and
// deleted one by one in Your files bring the use back to where it started;
// and the storage a kept 30,000-token vocabulary and a 27,000-word vector
// set take, printed for the record.
//
// Needs web/dist/; build-scripts/test makes it.
//
//   node --test tests/e2e/persistence-usage.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { decodeCompactVectors } from '../../web/engine/compact-vectors.js';
import { unpackWords } from '../../web/engine/embedding-engine.js';
import { openSite, showView, webRoot } from './harness.mjs';
import { openYourFiles, storageUsage, storedRecords, train, waitForTrained } from './persistence.mjs';

const vectorsSample = readFileSync(path.join(webRoot, 'dist', 'vectors', 'sample.txt'));

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/vectors/sample.txt'] });
});

after(() => site?.close());

/** Waits until the Train view says its vocabulary was kept. @param {import('playwright-core').Page} page */
const kept = (page) => page.waitForFunction(() => /Kept in this browser/.test(document.querySelector('#train-notes')?.textContent ?? ''), null, { timeout: 30_000 });

test('ten vocabularies kept and deleted one by one in Your files: the storage in use goes back to where it started', async () => {
  const { page, context, problems } = await site.open('#view=train', { serviceWorkers: 'block' });
  const start = await storageUsage(page);
  const corpus = vectorsSample.subarray(0, vectorsSample.indexOf(10, 60_000) + 1);
  await page.setInputFiles('#file-input', { name: 'ten.txt', mimeType: 'text/plain', buffer: corpus });
  for (let i = 0; i < 10; i++) {
    await train(page, { vocabSize: 500 + 50 * i, pretokenizer: 'gpt2', specials: '' });
    await waitForTrained(page);
    await kept(page);
  }
  const records = await storedRecords(page);
  assert.deepEqual(records.map((record) => record.kind), Array(10).fill('vocabulary'));
  const full = await storageUsage(page);
  assert.ok(full > start, `${full} bytes in use with ten vocabularies, ${start} before`);

  await openYourFiles(page);
  for (let left = 10; left > 0; left--) {
    assert.equal(await page.locator('#your-files .kept-item').count(), left);
    await page.click('#your-files .kept-item [data-role="delete"]');
    await page.waitForFunction((left) => document.querySelectorAll('#your-files .kept-item').length === left - 1, left);
  }
  assert.deepEqual(await storedRecords(page), []);
  const end = await storageUsage(page);
  console.log(`storage in use: ${start} bytes at the start, ${full} with ten vocabularies kept, ${end} after deleting them`);
  assert.equal(end, start);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the storage a kept 30,000-token vocabulary and a 27,000-word vector set take', async () => {
  const { page, context, problems } = await site.open('#view=train', { serviceWorkers: 'block' });
  const start = await storageUsage(page);
  // A path, not the bytes: the browser reads the file itself, as it would a file the reader chose.
  await page.setInputFiles('#file-input', path.join(webRoot, 'dist', 'vectors', 'sample.txt'));
  await train(page, { vocabSize: 30_000, pretokenizer: 'cl100k' });
  await waitForTrained(page, 120_000);
  await kept(page);
  const [vocabulary] = await storedRecords(page);
  assert.equal(vocabulary.meta.vocabSize, 30_000);
  const withVocabulary = await storageUsage(page);

  // The default vectors' 27,000 most frequent words, as a .vec file (values to three digits, so it
  // parses quickly; kept, each is a float32 all the same), imported.
  const { words, values, dim } = decodeCompactVectors(new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vectors', 'default.tlv'))));
  const names = unpackWords(words).slice(0, 27_000);
  const lines = names.map((word, row) => `${word} ${Array.from(values.subarray(row * dim, (row + 1) * dim), (value) => Number(value.toPrecision(3))).join(' ')}`);
  await showView(page, 'embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  const vecFile = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-kept-')), 'default.vec');
  writeFileSync(vecFile, `${names.length} ${dim}\n${lines.join('\n')}\n`);
  await page.setInputFiles('#emb-import', vecFile);
  await page.waitForFunction(() => /× 100 dimensions from default\.vec/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('.your-files-button')?.getAttribute('data-count') === '2', null, { timeout: 30_000 });
  const vectors = (await storedRecords(page)).find((record) => record.kind === 'vectors');
  assert.equal(vectors.meta.size, 27_000);
  assert.equal(vectors.meta.dim, 100);
  const withVectors = await storageUsage(page);
  const megabytes = (/** @type {number} */ bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  console.log(
    `kept ${vocabulary.meta.vocabSize}-token vocabulary: its tokenizer.json ${megabytes(vocabulary.bytes)}, storage in use up by ${megabytes(withVocabulary - start)}\n` +
      `kept ${vectors.meta.size}-word × ${vectors.meta.dim} vector set: ${megabytes(vectors.bytes)} of words and float32 values, storage in use up by ${megabytes(withVectors - withVocabulary)}`,
  );
  // The values as float32, an offset per word and the words' UTF-8 (a few bytes each).
  const fixed = vectors.meta.size * vectors.meta.dim * 4 + (vectors.meta.size + 1) * 4;
  assert.ok(vectors.bytes > fixed && vectors.bytes < fixed + vectors.meta.size * 30, `${vectors.bytes} bytes`);
  assert.ok(withVocabulary > start && withVectors > withVocabulary);
  assert.deepEqual(problems, []);
  await context.close();
});
