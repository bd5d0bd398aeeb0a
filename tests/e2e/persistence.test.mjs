// What the reader makes is kept in the browser, in headless Chromium: a
// vocabulary trained in the Train view is "My tokenizer" again after a
// reload and gives the same ids; tokenizer files opened on the page come
// back, their names shown as text; trained and imported vectors come back
// with the same neighbours and the same Day 0; Your files renames,
// downloads and deletes them; the corpus is kept only when asked; records
// that cannot be read back are named and skipped; with storage full or
// forbidden the page says so and works without keeping; and another tab of
// the page follows a deletion or a new name.
//
// Needs web/dist/; build-scripts/test makes it.
//
//   node --test tests/e2e/persistence.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine } from '../wasm/load-engine.mjs';
import { openSite, showView, webRoot } from './harness.mjs';
import { heldOutCut, listedFiles, openYourFiles, putStored, reloaded, seedKept, storedRecords, tokenizeIds, train, waitForTrained } from './persistence.mjs';

const sample = readFileSync(path.join(webRoot, 'samples', 'moby-dick.txt'));
const text = 'Call me Ishmael. Some years ago — never mind how long precisely 🐳';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {import('../../web/engine/engine.js').Engine} */
let engine;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/vectors/sample.txt'] });
  engine = await loadEngine();
});

after(() => site?.close());

/** The Train view's vocabulary of the sample, trained in node on the bytes the page trains on. */
function trainInNode(options) {
  const trainer = new TrainerEngine(engine.module).createTrainer(options);
  trainer.addText(sample.subarray(0, heldOutCut(sample)));
  trainer.finishText();
  while (trainer.step(10_000) > 0);
  return trainer;
}

/** @param {import('playwright-core').Download} download */
const downloaded = async (download) => readFileSync(/** @type {string} */ (await download.path()));

test('a trained vocabulary is My tokenizer again after a reload, with the same ids; Your files renames, downloads and deletes it', async () => {
  const { page, context, problems } = await site.open('#view=train');
  await train(page, { vocabSize: 1500, pretokenizer: 'cl100k' });
  await waitForTrained(page);
  await page.waitForFunction(() => /Kept in this browser/.test(document.querySelector('#train-notes')?.textContent ?? ''));
  const [trainedDownload] = await Promise.all([page.waitForEvent('download'), page.click('#train-result #download-json')]);
  const tokenizerJson = await downloaded(trainedDownload);

  const records = await storedRecords(page);
  assert.equal(records.length, 1);
  assert.equal(records[0].version, 1);
  assert.equal(records[0].kind, 'vocabulary');
  assert.deepEqual(records[0].sources, [{ name: 'moby-dick.txt', size: 0 }]);
  assert.equal(records[0].settings.vocabSize, 1500);
  assert.equal(records[0].settings.pretokenizer, 'cl100k');
  assert.equal(records[0].bytes, tokenizerJson.length);

  const reference = trainInNode({ vocabSize: 1500, pretokenizer: 'cl100k', minFrequency: 2, specialTokens: ['<|endoftext|>'] });
  const expected = Array.from(engine.loadTokenizerJson('reference', reference.tokenizerJson()).encode(text).ids);
  reference.delete();
  await page.click('#open-tokenize');
  await page.waitForFunction(() => !document.querySelector('#view-tokenize')?.hidden);
  assert.deepEqual(await tokenizeIds(page, text), expected);

  // The link names "mine"; after the reload it is there again, with the same ids.
  await reloaded(page);
  assert.equal(await page.isChecked('input[name="tokenizer"][value="mine"]'), true);
  assert.deepEqual(await tokenizeIds(page, text), expected);
  assert.equal(await page.getAttribute('#vocab-info', 'data-vocab-size'), '1500');

  await openYourFiles(page);
  let listed = await listedFiles(page);
  assert.equal(listed.length, 1);
  assert.equal(listed[0].name, '1,500 tokens, GPT-4 (cl100k) split');
  assert.match(listed[0].facts, /^Vocabulary · 1,500 tokens · GPT-4 \(cl100k\) split · from moby-dick\.txt · [\d.]+ kB · /);
  assert.equal(await page.textContent('#your-files .kept-badge'), 'My tokenizer');

  // Renamed: the picker shows the new name, as text.
  const name = '<b>my</b> whale & “friends”';
  await page.click('#your-files [data-role="rename"]');
  await page.fill('#your-files [data-role="name"]', name);
  await page.keyboard.press('Enter');
  await page.waitForFunction((name) => document.querySelector('#your-files .kept-name')?.textContent === name, name);
  await page.waitForFunction((name) => [...document.querySelectorAll('#tokenizer-picker .segment-note')].some((note) => note.textContent === name), name);
  assert.equal(await page.locator('#tokenizer-picker b, #your-files b').count(), 0, 'a name is never markup');
  assert.equal((await storedRecords(page))[0].name, name);

  // Downloaded: the bytes trained.
  const [keptDownload] = await Promise.all([page.waitForEvent('download'), page.click('#your-files [data-role="download"]')]);
  assert.equal(keptDownload.suggestedFilename(), 'b-my-b-whale-friends.json');
  assert.ok((await downloaded(keptDownload)).equals(tokenizerJson));

  // Deleted: gone from the browser and from the picker; the view says so.
  await page.click('#your-files [data-role="delete"]');
  await page.waitForFunction(() => document.querySelectorAll('#your-files .kept-item').length === 0);
  assert.match(await page.textContent('#your-files .your-files-status'), /Deleted “<b>my<\/b> whale & “friends”” from this browser\./);
  assert.deepEqual(await storedRecords(page), []);
  await page.click('#your-files .your-files-head button');
  assert.equal(await page.locator('input[name="tokenizer"][value="mine"]').count(), 0);
  assert.equal(await page.locator('.your-files-button').getAttribute('data-count'), '0');
  assert.equal(await page.textContent('.your-files-button .visually-hidden'), '(none kept)');
  await page.fill('#tokenize-text', 'still here?');
  await page.waitForFunction(() => /was deleted; choose another tokenizer/.test(document.querySelector('#tokenize-error-text')?.textContent ?? ''));
  await reloaded(page);
  assert.equal(await page.locator('input[name="tokenizer"][value="mine"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('tokenizer files opened on the page are kept and load again after a reload; their names are text', async () => {
  const trainer = new TrainerEngine(engine.module).createTrainer({ vocabSize: 700, pretokenizer: 'gpt2', minFrequency: 2 });
  trainer.addText(sample.subarray(0, 60_000));
  trainer.finishText();
  while (trainer.step(10_000) > 0);
  const json = Buffer.from(trainer.tokenizerJson());
  const ranks = Buffer.from(trainer.tiktokenRanks());
  trainer.delete();
  const jsonName = '<img src=x onerror=alert(1)>.json';
  const ranksName = 'whale <i>ranks</i>.tiktoken';
  const expected = Array.from(engine.loadTokenizerJson('json', json).encode(text).ids);

  const { page, context, problems } = await site.open('#view=tokenize');
  await page.setInputFiles('#view-tokenize input[data-tokenizer-file]', { name: jsonName, mimeType: 'application/json', buffer: json });
  await page.waitForFunction((name) => document.querySelector('#vocab-info')?.textContent?.includes(name), jsonName);
  assert.deepEqual(await tokenizeIds(page, text), expected);
  await page.setInputFiles('#view-tokenize input[data-tokenizer-file]', { name: ranksName, mimeType: 'text/plain', buffer: ranks });
  await page.selectOption('#pattern-dialog-select', 'gpt2');
  await page.click('.pattern-dialog button[value="load"]');
  await page.waitForFunction((name) => document.querySelector('#vocab-info')?.textContent?.includes(name), ranksName);
  await page.waitForFunction(async () => {
    const button = document.querySelector('.your-files-button');
    return button?.getAttribute('data-count') === '2';
  });

  await reloaded(page);
  const titles = await page.$$eval('#tokenizer-picker .segment-custom .segment-title', (spans) => spans.map((span) => span.textContent));
  assert.deepEqual(titles.sort(), [jsonName, ranksName].sort());
  const keys = await page.$$eval('#tokenizer-picker .segment-custom input', (inputs) => inputs.map((input) => /** @type {HTMLInputElement} */ (input).value));
  assert.ok(keys.every((key) => key.startsWith('kept-')), keys.join(' '));
  assert.equal(await page.locator('#view-tokenize img, #view-tokenize i').count(), 0, 'file names are never markup');
  for (const key of keys) {
    await page.check(`input[name="tokenizer"][value="${key}"]`);
    // The rank file encodes with the pattern chosen for it, as the tokenizer.json does.
    assert.deepEqual(await tokenizeIds(page, `${text} `), Array.from(engine.loadTokenizerJson('json', json).encode(`${text} `).ids));
  }
  await openYourFiles(page);
  const listed = await listedFiles(page);
  assert.deepEqual(listed.map((item) => item.name).sort(), [jsonName, ranksName].sort());
  assert.ok(listed.some((item) => /^Tokenizer file \(tiktoken, gpt2 split\) · 700 tokens/.test(item.facts)));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#your-files [data-id="${listed.find((item) => item.name === ranksName)?.id}"] [data-role="download"]`)]);
  assert.equal(download.suggestedFilename(), 'whale _i_ranks__i_.tiktoken');
  assert.ok((await downloaded(download)).equals(ranks));
  assert.deepEqual(problems, []);
  await context.close();
});

test('trained and imported vectors come back after a reload with the same neighbours and the same Day 0', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  // Two megabytes of the embeddings sample, as a file the reader chose (a path: the browser reads it itself).
  const bytes = readFileSync(path.join(webRoot, 'dist', 'vectors', 'sample.txt'));
  const corpus = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-kept-')), 'vectors.txt');
  writeFileSync(corpus, bytes.subarray(0, bytes.indexOf(10, 2_000_000) + 1));
  await page.check('input[name="emb-corpus"][value="files"]');
  await page.setInputFiles('#emb-file-input', corpus);
  await page.fill('#emb-epochs', '2');
  await page.fill('#emb-dim', '24');
  await page.fill('#emb-min-count', '10');
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /kept in this browser/.test(document.querySelector('#emb-train-summary')?.textContent ?? ''), null, { timeout: 120_000 });

  /** Neighbours and Day 0 of a word in the set shown now. */
  const answers = async (/** @type {string} */ word) => {
    await page.fill('#emb-nn-word', word);
    await page.click('#emb-nn-form button[type=submit]');
    await page.waitForFunction((word) => document.querySelector('#emb-strip-readout')?.textContent?.includes(`“${word}”`) && document.querySelectorAll('#emb-nn-list li').length === 10, word);
    await page.fill('#emb-day0-word', word);
    await page.click('#emb-day0-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#emb-day0-initial li').length === 10);
    return page.evaluate(() => ({
      neighbours: [...document.querySelectorAll('#emb-nn-list li')].map((item) => item.textContent),
      dayZero: [...document.querySelectorAll('#emb-day0-initial li')].map((item) => item.textContent),
      info: document.querySelector('#emb-set-info')?.textContent,
    }));
  };
  const trained = await answers('whale');
  assert.match(trained.info ?? '', /words × 24 dimensions: skip-gram over words of vectors\.txt/);

  // An imported .vec, its words including markup.
  const words = ['alpha', 'beta', 'gamma', '<script>x</script>', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda'];
  const vec = `${words.length} 3\n${words.map((word, i) => `${word} ${Math.sin(i)} ${Math.cos(i * 1.3)} ${Math.sin(i * 0.7 + 1)}`).join('\n')}\n`;
  await page.setInputFiles('#emb-import', { name: 'tiny.vec', mimeType: 'text/plain', buffer: Buffer.from(vec) });
  await page.waitForFunction(() => /12 words × 3 dimensions from tiny\.vec/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  await page.fill('#emb-nn-word', 'alpha');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);
  const imported = await page.$$eval('#emb-nn-list li', (items) => items.map((item) => item.textContent));
  await page.waitForFunction(async () => document.querySelector('.your-files-button')?.getAttribute('data-count') === '2');
  const records = await storedRecords(page);
  assert.deepEqual(records.map((record) => record.kind).sort(), ['vectors', 'vectors']);
  const trainedRecord = records.find((record) => record.settings.origin === 'trained');
  assert.equal(trainedRecord.meta.partial, false);
  assert.equal(trainedRecord.settings.seed, 1);

  await reloaded(page);
  await page.waitForFunction(() => document.querySelectorAll('#emb-set-picker [data-kept]').length === 2, null, { timeout: 30_000 });
  const choices = await page.$$eval('#emb-set-picker [data-kept]', (labels) => labels.map((label) => label.textContent));
  assert.ok(choices.some((choice) => /^vectors\.txt, skip-gram over words, 24 dimensionskept · [\d,]+ × 24$/.test(choice ?? '')), choices.join(' | '));
  assert.ok(choices.includes('tiny.veckept · 12 × 3'), choices.join(' | '));

  await page.check(`#emb-set-picker input[value="kept-${trainedRecord.id}"]`);
  await page.waitForFunction(() => /× 24 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  assert.deepEqual(await answers('whale'), trained);

  await page.check(`#emb-set-picker input[value="kept-${records.find((record) => record.settings.origin === 'imported').id}"]`);
  await page.waitForFunction(() => /12 words × 3 dimensions from tiny\.vec.*kept in this browser/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  await page.fill('#emb-nn-word', 'alpha');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);
  assert.deepEqual(await page.$$eval('#emb-nn-list li', (items) => items.map((item) => item.textContent)), imported);
  assert.equal(await page.locator('#view-embeddings script').count(), 0, 'words are never markup');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the corpus is kept only when the reader asks, and comes back in the list of files', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const file = { name: 'notes <u>today</u>.txt', mimeType: 'text/plain', buffer: Buffer.from('the whale and the ship and the sea\n'.repeat(200)) };
  await page.setInputFiles('#file-input', file);
  await page.waitForSelector('#file-list li');
  await reloaded(page);
  assert.equal(await page.locator('#file-list li').count(), 0, 'not kept unless asked');
  assert.deepEqual(await storedRecords(page), []);

  await page.setInputFiles('#file-input', file);
  await page.check('#keep-corpus');
  await page.waitForFunction(() => /Kept in this browser: 1 file/.test(document.querySelector('#keep-corpus-status')?.textContent ?? ''));
  const [record] = await storedRecords(page);
  assert.equal(record.kind, 'corpus');
  assert.deepEqual(record.sources, [{ name: file.name, size: file.buffer.length }]);

  await reloaded(page);
  await page.waitForSelector('#file-list li');
  assert.equal(await page.textContent('#file-list .file-name'), file.name);
  assert.equal(await page.isChecked('#keep-corpus'), true);
  assert.equal(await page.isChecked('input[name="corpus"][value="files"]'), true);
  assert.match(await page.textContent('#keep-corpus-status'), /1 file \(7\.0 kB\) kept in this browser from before/);
  // The kept file trains as the dropped one would.
  await train(page, { vocabSize: 300, pretokenizer: 'whitespace', specials: '' });
  await waitForTrained(page);
  assert.match(await page.textContent('#train-summary'), new RegExp(`Trained on ${(heldOutCut(file.buffer) / 1000).toFixed(1)} kB`));

  await page.uncheck('#keep-corpus');
  await page.waitForFunction(() => /no longer kept/.test(document.querySelector('#keep-corpus-status')?.textContent ?? ''));
  assert.deepEqual((await storedRecords(page)).map((stored) => stored.kind), ['vocabulary']);
  assert.equal(await page.locator('#file-list li').count(), 1, 'the file stays chosen for this visit');
  assert.equal(await page.locator('#file-list u').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('kept records that cannot be read back are named and skipped; the rest load and the page works', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const trainer = new TrainerEngine(engine.module).createTrainer({ vocabSize: 400, pretokenizer: 'gpt2', minFrequency: 2 });
  trainer.addText(sample.subarray(0, 30_000));
  trainer.finishText();
  while (trainer.step(10_000) > 0);
  const good = new Uint8Array(trainer.tokenizerJson());
  trainer.delete();
  const now = Date.now();
  const fields = (/** @type {string} */ id, /** @type {string} */ name, /** @type {string} */ kind, extra = {}) => ({
    version: 1, id, kind, name, settings: {}, sources: [], createdAt: now, updatedAt: now, bytes: 10, meta: {}, ...extra,
  });
  await putStored(page, [
    { record: fields('good', 'Good vocabulary', 'vocabulary', { meta: { vocabSize: 400 } }), payload: { bytes: good } },
    { record: fields('future', 'From a newer page', 'vocabulary', { version: 7 }), payload: { bytes: good } },
    { record: fields('ancient', 'From an older page', 'vocabulary', { version: 0 }) },
    { record: { id: 'half', version: 1, kind: 'vocabulary', name: 'Half a record' } },
    { record: fields('alien', 'Of another kind', 'spaceship') },
    { record: fields('no-bytes', 'Bytes gone', 'tokenizer-file', { createdAt: now - 1000 }), payload: { bytes: 'not bytes at all' } },
    { record: fields('bad-run', 'Damaged run', 'bpe-run', { meta: { mergesDone: 3, mergesTarget: 10 } }), payload: { left: new Uint32Array([1, 2, 900]), right: new Uint32Array([1, 2, 3]), counts: new Float64Array(3), tokenBytes: new Uint8Array(6), tokenOffsets: new Uint32Array([0, 2, 4, 6]) } },
    { record: fields('no-vectors', 'Vectors gone', 'vectors', { meta: { size: 5, dim: 2 } }) },
  ]);
  await reloaded(page);
  await page.waitForFunction(() => /Damaged run.*cannot be read back: its merges are damaged/.test(document.querySelector('#train-phase')?.textContent ?? ''));
  assert.equal(await page.locator('#train-kept:not([hidden])').count(), 0, 'no offer for merges that cannot be read');

  // The readable vocabulary is My tokenizer; the tokenizer file whose bytes are gone is not offered.
  await showView(page, 'tokenize');
  assert.equal(await page.locator('input[name="tokenizer"][value="mine"]').count(), 1);
  assert.equal(await page.locator('input[name="tokenizer"][value="kept-no-bytes"]').count(), 0);
  await page.check('input[name="tokenizer"][value="mine"]');
  assert.deepEqual(await tokenizeIds(page, text), Array.from(engine.loadTokenizerJson('good', good).encode(text).ids));

  await openYourFiles(page);
  const skipped = await page.$$eval('#your-files .your-files-skipped .kept-item', (items) => items.map((item) => `${item.querySelector('.kept-name')?.textContent}: ${item.querySelector('.kept-problem')?.textContent}`));
  assert.deepEqual(skipped.sort(), [
    'From a newer page: Cannot be read back: it was written by a newer version of the page (format 7; this page reads format 1).',
    'From an older page: Cannot be read back: it is in an older format (0) this page no longer reads.',
    'Half a record: Cannot be read back: its dates or size are missing.',
    'Of another kind: Cannot be read back: it is of a kind this page does not know (spaceship).',
  ]);
  const listed = await listedFiles(page);
  assert.equal(listed.find((item) => item.id === 'no-bytes')?.problem, 'Cannot be read back: its bytes is missing or damaged.');
  assert.equal(await page.locator('#your-files [data-id="no-bytes"] [data-role="download"]').count(), 0);
  assert.deepEqual(listed.map((item) => item.name).sort(), ['Bytes gone', 'Damaged run', 'Good vocabulary', 'Vectors gone']);

  // A kept vector set whose vectors are gone says so when chosen, and the view keeps working.
  await page.click('#your-files .your-files-head button');
  await showView(page, 'embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  // Clicked, not checked: the choice goes back to the vectors shown once the load fails.
  await page.click('#emb-set-picker input[value="kept-no-vectors"]');
  await page.waitForFunction(() => /“Vectors gone” could not be loaded: its contents are missing\./.test(document.querySelector('#emb-error-text')?.textContent ?? ''));
  assert.equal(await page.isChecked('#emb-set-picker input[value="default"]'), true);
  await page.fill('#emb-nn-word', 'whale');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);

  // Each can be deleted; Delete all clears the rest.
  await openYourFiles(page);
  await page.click('#your-files .your-files-skipped [data-id="future"] [data-role="delete"]');
  await page.waitForFunction(() => !document.querySelector('#your-files [data-id="future"]'));
  await page.click('#your-files .your-files-actions button');
  await page.click('#your-files .your-files-actions button.danger');
  await page.waitForFunction(() => document.querySelector('#your-files .your-files-status')?.textContent === 'Everything the page kept in this browser is deleted.');
  assert.deepEqual(await storedRecords(page), []);
  assert.equal(await page.locator('#your-files .kept-item').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('storage full or forbidden: the page says so and works without keeping', async () => {
  // Full: a quota smaller than one vocabulary, set through the DevTools protocol, so the browser itself refuses.
  {
    const { page, context, problems } = await site.open('#view=train', { serviceWorkers: 'block' });
    const devtools = await context.newCDPSession(page);
    await devtools.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 20_000 });
    await train(page, { vocabSize: 1500 });
    await waitForTrained(page);
    await page.waitForFunction(() => /was not kept: this browser’s storage for the page is full/.test(document.querySelector('#train-notes')?.textContent ?? ''));
    assert.deepEqual(await storedRecords(page), []);
    await page.click('#open-tokenize');
    await page.waitForFunction(() => !document.querySelector('#view-tokenize')?.hidden);
    assert.ok((await tokenizeIds(page, text)).length > 10, 'My tokenizer works for this visit');
    assert.deepEqual(problems, []);
    await context.close();
  }
  // Forbidden: IndexedDB refuses to open, as in a private window that does not allow it.
  {
    const context = await site.browser.newContext({ locale: 'en-US' });
    await context.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const page = await context.newPage();
    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    await page.goto(`${site.baseUrl}#view=train`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
    await train(page, { vocabSize: 800 });
    await waitForTrained(page);
    await page.waitForFunction(() => /does not let the page keep files \(SecurityError: The user denied permission/.test(document.querySelector('#train-notes')?.textContent ?? ''));
    assert.equal(await page.textContent('.your-files-button .visually-hidden'), ' (not kept in this browser)');
    await page.click('.your-files-button');
    assert.match(await page.textContent('#your-files .your-files-problem'), /lasts only until the page is closed/);
    await page.keyboard.press('Escape');
    await page.click('#open-tokenize');
    await page.waitForFunction(() => !document.querySelector('#view-tokenize')?.hidden);
    assert.ok((await tokenizeIds(page, text)).length > 10);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('two tabs of the page: a file deleted or renamed in one is gone or renamed in the other', async () => {
  const { page, context, problems } = await site.open('#view=tokenize');
  await seedKept(page, {
    vocabulary: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'bert-base-uncased.json'))),
    tiktoken: new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'r50k_base.tiktoken'))),
  });
  await reloaded(page);
  await page.waitForSelector('input[name="tokenizer"][value="kept-seed-tiktoken"]');
  const other = await context.newPage();
  await other.goto(`${site.baseUrl}#view=tokenize`);
  await other.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await openYourFiles(other);
  await other.click('#your-files [data-id="seed-tiktoken"] [data-role="delete"]');
  await other.click('#your-files [data-id="seed-vocabulary"] [data-role="rename"]');
  await other.fill('#your-files [data-role="name"]', 'renamed in the other tab');
  await other.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('input[name="tokenizer"][value="kept-seed-tiktoken"]'));
  await page.waitForFunction(() => [...document.querySelectorAll('#tokenizer-picker .segment-note')].some((note) => note.textContent === 'renamed in the other tab'));
  await page.waitForFunction(() => document.querySelector('.your-files-button')?.getAttribute('data-count') === '4');
  await other.close();
  assert.deepEqual(problems, []);
  await context.close();
});
