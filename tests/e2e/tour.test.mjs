// The guided tour's shell and its first three steps end to end in headless
// Chromium: the step list, Previous / Next and links that reopen a step as
// it was; step 1's word, neighbours and map over the default vectors (cancel
// nearer terminate than pizza, checked against the vectors themselves);
// step 2's live training (vectors reported for every epoch, king ending
// nearer queen than pizza, the analogy asked of both sets); step 3's names
// split by eleven tokenizers, every id checked against tiktoken,
// transformers.js and Hugging Face's tokenizers.
//
// Needs web/dist/ (the WebAssembly build, vocabularies and default vectors);
// build-scripts/test makes it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { decodeCompactVectors } from '../../web/engine/compact-vectors.js';
import { unpackWords } from '../../web/engine/embedding-engine.js';
import { openSite, showView, webRoot } from './harness.mjs';
import { anyReferenceIds } from './references.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/vectors/sample.txt'] });
});

after(async () => {
  await site?.close();
});

/** The page's fragment as pairs. @param {import('playwright-core').Page} page */
const fragmentOf = async (page) => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));

/** Cosine of two words of the default vectors, read from the file the page loads. */
function defaultCosine() {
  const compact = decodeCompactVectors(new Uint8Array(readFileSync(path.join(webRoot, 'dist/vectors/default.tlv'))));
  const words = unpackWords(compact.words);
  // The page shows the vectors centred: the mean of all rows subtracted.
  const mean = new Float64Array(compact.dim);
  for (let r = 0; r < words.length; r++) for (let i = 0; i < compact.dim; i++) mean[i] += compact.values[r * compact.dim + i] / words.length;
  const row = (/** @type {string} */ word) => {
    const index = words.indexOf(word);
    assert.ok(index >= 0, `${word} is in the default vectors`);
    return Array.from(compact.values.subarray(index * compact.dim, (index + 1) * compact.dim), (value, i) => value - mean[i]);
  };
  return (/** @type {string} */ a, /** @type {string} */ b) => {
    const [x, y] = [row(a), row(b)];
    let dot = 0, nx = 0, ny = 0;
    for (let i = 0; i < x.length; i++) {
      dot += x[i] * y[i];
      nx += x[i] * x[i];
      ny += y[i] * y[i];
    }
    return dot / Math.sqrt(nx * ny);
  };
}

test('the tour is the first view in the nav and its steps are listed, marked and reached by Next, Previous and the list', async () => {
  const { page, problems } = await site.open('#view=tour');
  const navFirst = page.locator('.views-nav a').first();
  assert.equal(await navFirst.getAttribute('data-nav'), 'tour');
  assert.equal(await navFirst.getAttribute('aria-current'), 'page');
  const links = page.locator('.tour-step-link');
  assert.equal(await links.count(), 6);
  assert.equal(await page.locator('.tour-step-link[aria-current="step"]').getAttribute('data-step'), '1');
  await page.locator('.tour-step[data-step="1"] h2').waitFor();
  assert.match(await page.locator('.tour-step[data-step="1"] h2').textContent(), /^1\. What is an embedding\?/);
  assert.equal((await fragmentOf(page)).get('step'), '1');
  assert.ok(await page.locator('.tour-prev').isDisabled());

  await page.click('.tour-next');
  await page.locator('.tour-step[data-step="2"] h2').waitFor();
  assert.ok(await page.locator('.tour-step[data-step="1"]').isHidden());
  assert.equal(await page.locator('.tour-step-link[aria-current="step"]').getAttribute('data-step'), '2');
  assert.equal((await fragmentOf(page)).get('step'), '2');
  // Focus moves to the new step's heading, for keyboard and screen reader users.
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.tour-step')?.getAttribute('data-step')), '2');

  // The list works from the keyboard: focus step 3's link and press Enter.
  await page.locator('.tour-step-link[data-step="3"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('.tour-step[data-step="3"] h2').waitFor();
  assert.equal((await fragmentOf(page)).get('step'), '3');
  await page.click('.tour-prev');
  assert.equal((await fragmentOf(page)).get('step'), '2');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('step 1 shows a word’s vector, neighbours and place on a map where cancel is nearer terminate than pizza, and its link restores the word', async () => {
  const cosine = defaultCosine();
  const { page, problems } = await site.open('#view=tour&step=1&word=pizza');
  const step = page.locator('.tour-step[data-step="1"]');
  await step.locator('.tour-emb-neighbours li').first().waitFor({ timeout: 30_000 });
  assert.equal(await page.inputValue('#tour-emb-word'), 'pizza');
  assert.match(await page.locator('#tour-emb-readout').textContent(), /“pizza”: 100 numbers/);
  assert.equal(await step.locator('.tour-emb-neighbours li').count(), 8);

  // The map's table: cancel nearer terminate than pizza on the map, and the cosines the note states are the vectors' own.
  const position = async (/** @type {string} */ word) => {
    const cells = await step.locator(`.tour-emb-table tr[data-word="${word}"] td`).allTextContents();
    return { x: Number(cells[1]), y: Number(cells[2]), cosWithTyped: Number(cells[3]) };
  };
  const [cancel, terminate, pizza] = [await position('cancel'), await position('terminate'), await position('pizza')];
  const distance = (/** @type {{x: number, y: number}} */ a, /** @type {{x: number, y: number}} */ b) => Math.hypot(a.x - b.x, a.y - b.y);
  assert.ok(distance(cancel, terminate) < distance(cancel, pizza), 'cancel is nearer terminate than pizza on the map');
  assert.ok(cosine('cancel', 'terminate') > cosine('cancel', 'pizza'));
  const note = await step.locator('.tour-emb-distances').textContent();
  assert.ok(note.includes(`cos(cancel, terminate) = ${cosine('cancel', 'terminate').toFixed(2)}`), note);
  assert.ok(note.includes(`cos(cancel, pizza) = ${cosine('cancel', 'pizza').toFixed(2)}`), note);
  assert.ok(Math.abs(cancel.cosWithTyped - cosine('cancel', 'pizza')) < 0.002, 'the table’s cosine with the typed word is the vectors’ own');

  // Try it yourself: a word not on the map joins it, and the link keeps it.
  await page.fill('#tour-emb-word', 'whale');
  await page.press('#tour-emb-word', 'Enter');
  await step.locator('.tour-emb-table tr[data-word="whale"]').waitFor({ state: 'attached' });
  await page.waitForFunction(() => location.hash.includes('word=whale'));
  await page.click('.tour-link-button');
  const link = await page.inputValue('.tour-link-field');
  assert.match(link, /#view=tour&step=1&word=whale$/);
  assert.deepEqual(problems, []);
  await page.context().close();

  const reopened = await site.open(new URL(link).hash);
  await reopened.page.locator('.tour-step[data-step="1"] .tour-emb-table tr[data-word="whale"]').waitFor({ state: 'attached', timeout: 30_000 });
  assert.equal(await reopened.page.inputValue('#tour-emb-word'), 'whale');
  assert.match(await reopened.page.locator('#tour-emb-readout').textContent(), /“whale”/);
  assert.deepEqual(reopened.problems, []);
  await reopened.page.context().close();
});

test('step 2 trains in the worker with a position for every word at every epoch, and king ends nearer queen than pizza', async () => {
  const epochs = 8; // three passes leave these vectors barely trained; not the default (6), so the link keeps it
  const { page, problems } = await site.open(`#view=tour&step=2&epochs=${epochs}&sentences=${encodeURIComponent('the queen ate bread\nthe king ate bread')}`);
  const step = page.locator('.tour-step[data-step="2"]');
  await step.locator('.tour-learn-train').waitFor();
  assert.equal(await page.inputValue('#tour-learn-sentences'), 'the queen ate bread\nthe king ate bread');
  await step.locator('.tour-learn-train').click();
  assert.equal(await step.getAttribute('data-training'), 'running');

  // The page stays responsive while the worker trains.
  const started = Date.now();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
  assert.ok(Date.now() - started < 2000, 'the page answered within 2 s during training');

  await page.waitForFunction(() => document.querySelector('.tour-step[data-step="2"]')?.getAttribute('data-trained') === 'true', undefined, { timeout: 120_000 });
  const rows = step.locator('.tour-learn-cosines tbody tr');
  assert.equal(await rows.count(), epochs + 1, 'one row per epoch and one for the random start');
  const cosines = [];
  for (let epoch = 0; epoch <= epochs; epoch++) {
    const cells = await rows.nth(epoch).locator('td').allTextContents();
    cosines.push({ kingQueen: Number(cells[0]), kingPizza: Number(cells[1]) });
  }
  const last = cosines[epochs];
  assert.ok(last.kingQueen > last.kingPizza, `after training cos(king, queen) ${last.kingQueen} > cos(king, pizza) ${last.kingPizza}`);
  assert.ok(last.kingQueen > cosines[0].kingQueen, 'king and queen are nearer than at the random start');

  // Every epoch's positions, through the slider: each word placed, and the words move between epochs.
  const slider = step.locator('#tour-learn-epoch');
  assert.equal(await slider.getAttribute('max'), String(epochs));
  /** @type {Record<string, number[]>[]} */
  const layouts = [];
  for (let epoch = 0; epoch <= epochs; epoch++) {
    await slider.fill(String(epoch));
    await page.waitForFunction((e) => document.querySelector('.tour-learn-positions')?.getAttribute('data-epoch') === String(e), epoch);
    /** @type {Record<string, number[]>} */
    const layout = {};
    for (const row of await step.locator('.tour-learn-positions tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      layout[/** @type {string} */ (await row.getAttribute('data-word'))] = cells.map(Number);
    }
    for (const word of ['king', 'queen', 'pizza', 'kingdom', 'ruled', 'ordered']) assert.ok(layout[word]?.every(Number.isFinite), `${word} placed at epoch ${epoch}`);
    layouts.push(layout);
  }
  assert.notDeepEqual(layouts[0].king, layouts[epochs].king, 'king moved');

  // king − man + woman, with these vectors and the default ones (which give queen).
  await step.locator('.tour-learn-analogy-trained li').first().waitFor();
  assert.equal(await step.locator('.tour-learn-analogy-default li .emb-word').first().textContent(), 'queen');
  assert.equal((await fragmentOf(page)).get('epochs'), String(epochs));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('step 3 splits the four names and the reader’s, alone and after a space, with the reference tokenizers’ ids', async () => {
  const name = 'Ada Lovelace';
  const { page, problems } = await site.open(`#view=tour&step=3&name=${encodeURIComponent(name)}`);
  const step = page.locator('.tour-step[data-step="3"]');
  await page.waitForFunction(() => document.querySelector('.tour-step[data-step="3"]')?.getAttribute('data-ready') === 'true', undefined, { timeout: 120_000 });
  const names = ['Kuznetsov', 'Comcast', 'Teradata', 'John', name];
  const keys = ['r50k_base', 'cl100k_base', 'o200k_base', 'llama2', 'llama3', 'bert-base-uncased', 'gpt-oss', 'llama3.1', 'gemma3', 'qwen3', 'deepseek-v3'];

  const check = async (/** @type {boolean} */ spaced) => {
    for (const shown of names) {
      for (const key of keys) {
        const row = step.locator(`.tour-name-card[data-name="${shown}"] .tour-name-row[data-key="${key}"]`);
        const ids = (await row.getAttribute('data-ids'))?.split(' ').map(Number);
        assert.deepEqual(ids, await anyReferenceIds(key, spaced ? ` ${shown}` : shown, { addSpecialTokens: false }), `${key} on ${JSON.stringify(shown)}${spaced ? ' after a space' : ''}`);
        const shownIds = (await row.locator('.tour-chip-id').allTextContents()).map(Number);
        assert.deepEqual(shownIds, ids, 'each chip shows its id');
      }
    }
  };
  await check(false);
  // GPT-4o splits Kuznetsov as the explainer does; the mark says so.
  assert.ok(await step.locator('.tour-name-card[data-name="Kuznetsov"] .tour-name-row[data-key="o200k_base"]').evaluate((row) => row.classList.contains('same-split')));

  await page.locator('#tour-names-space').check();
  await page.waitForFunction(() => location.hash.includes('space=1'));
  await page.waitForFunction((count) => document.querySelectorAll('.tour-step[data-step="3"] .tour-name-row').length === count, names.length * keys.length, { timeout: 60_000 });
  await check(true);
  const fragment = await fragmentOf(page);
  assert.equal(fragment.get('name'), name);
  assert.equal(fragment.get('space'), '1');
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('each step keeps its state when the reader moves away and back, and the tour fits a phone screen', async () => {
  const { page, problems } = await site.open('#view=tour&step=3&name=Ada', { viewport: { width: 390, height: 844 } });
  await page.locator('.tour-step[data-step="3"] .tour-name-card[data-name="Ada"]').waitFor();
  await page.click('.tour-step-link[data-step="1"]');
  await page.fill('#tour-emb-word', 'queen');
  await page.press('#tour-emb-word', 'Enter');
  await page.click('.tour-step-link[data-step="3"]');
  assert.equal(await page.inputValue('#tour-names-name'), 'Ada');
  assert.equal((await fragmentOf(page)).get('name'), 'Ada');
  await page.click('.tour-step-link[data-step="1"]');
  assert.equal(await page.inputValue('#tour-emb-word'), 'queen');
  assert.equal((await fragmentOf(page)).get('word'), 'queen');
  // Another view and back: the tour is as it was.
  await showView(page, 'tokenize');
  await showView(page, 'tour');
  assert.equal((await fragmentOf(page)).get('word'), 'queen');
  // Nothing wider than the phone's screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  assert.deepEqual(problems, []);
  await page.context().close();
});
