// The explainer's three claims on the default vectors, as the page shows
// them: cancel is nearer terminate than pizza by a clear margin, queen is
// among king's ten nearest, and king − man + woman gives queen first. The
// expected answers are computed here from web/dist/vectors/default.tlv
// itself (its int8 rows decoded, centred, compared by cosine), never typed
// in, and the page must show the same words and scores; the Post-processing
// switch set to none shows the raw cosines instead, and the tour's step 1
// states which it measured.
//
//   node --test tests/e2e/embedding-claims.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { decodeCompactVectors } from '../../web/engine/compact-vectors.js';
import { unpackWords } from '../../web/engine/embedding-engine.js';
import { openSite, webRoot } from './harness.mjs';

/** The clear margin: cos(cancel, terminate) − cos(cancel, pizza) at least this. */
const kMargin = 0.2;

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv'] });
});
after(() => site?.close());

/** The file's rows as unit vectors, centred first when asked. @param {boolean} centre */
function unitRows(centre) {
  const { words, values, dim } = decodeCompactVectors(new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vectors', 'default.tlv'))));
  const list = unpackWords(words);
  const count = list.length;
  const mean = new Float64Array(dim);
  if (centre) for (let r = 0; r < count; r++) for (let i = 0; i < dim; i++) mean[i] += values[r * dim + i] / count;
  const unit = new Float64Array(count * dim);
  for (let r = 0; r < count; r++) {
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += (values[r * dim + i] - mean[i]) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dim; i++) unit[r * dim + i] = (values[r * dim + i] - mean[i]) / norm;
  }
  const row = (/** @type {string} */ word) => {
    const at = list.indexOf(word);
    assert.ok(at >= 0, `${word} is in the default vectors`);
    return at;
  };
  /** Rows nearest to a vector, best first, leaving out some. @param {Float64Array} query @param {number[]} exclude @param {number} k */
  const nearest = (query, exclude, k) => {
    const scored = [];
    for (let r = 0; r < count; r++) {
      if (exclude.includes(r)) continue;
      let dot = 0;
      for (let i = 0; i < dim; i++) dot += unit[r * dim + i] * query[i];
      scored.push({ word: list[r], score: dot });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, k);
  };
  const vector = (/** @type {number} */ r) => unit.subarray(r * dim, (r + 1) * dim);
  return {
    similarity: (/** @type {string} */ a, /** @type {string} */ b) => vector(row(a)).reduce((sum, x, i) => sum + x * vector(row(b))[i], 0),
    neighbours: (/** @type {string} */ word, /** @type {number} */ k) => nearest(vector(row(word)), [row(word)], k),
    analogy: (/** @type {string} */ a, /** @type {string} */ b, /** @type {string} */ c, /** @type {number} */ k) => {
      const target = new Float64Array(dim);
      for (let i = 0; i < dim; i++) target[i] = vector(row(a))[i] - vector(row(b))[i] + vector(row(c))[i];
      const length = Math.hypot(...target) || 1;
      return nearest(target.map((x) => x / length), [row(a), row(b), row(c)], k);
    },
  };
}

/** @param {import('playwright-core').Page} page @param {string} list */
const shownList = (page, list) =>
  page.$$eval(`${list} li`, (items) => items.map((item) => ({ word: item.querySelector('.emb-word')?.textContent, score: Number(item.querySelector('.emb-score')?.textContent) })));

/** @param {{word: string, score: number}[]} shown @param {{word: string, score: number}[]} expected @param {string} what */
function assertSameList(shown, expected, what) {
  assert.deepEqual(shown.map(({ word }) => word), expected.map(({ word }) => word), what);
  shown.forEach(({ score }, i) => assert.ok(Math.abs(score - expected[i].score) < 0.0015, `${what}: ${shown[i].word} ${score} vs ${expected[i].score}`));
}

test('the three claims hold on the centred default vectors, and the Embeddings view shows those numbers', async () => {
  const centred = unitRows(true);
  const terminate = centred.similarity('cancel', 'terminate');
  const pizza = centred.similarity('cancel', 'pizza');
  assert.ok(terminate - pizza >= kMargin, `cos(cancel, terminate) ${terminate.toFixed(3)} is clearly above cos(cancel, pizza) ${pizza.toFixed(3)}`);
  const kingNeighbours = centred.neighbours('king', 10);
  assert.ok(kingNeighbours.some(({ word }) => word === 'queen'), `queen among king's ten: ${kingNeighbours.map(({ word }) => word).join(', ')}`);
  const analogy = centred.analogy('king', 'man', 'woman', 10);
  assert.equal(analogy[0].word, 'queen', `king − man + woman → ${analogy.slice(0, 3).map(({ word }) => word).join(', ')}`);

  const { page, problems } = await site.open('#view=embeddings&w=king&a=king&b=man&c=woman&x=cancel&y=terminate', { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10 && document.querySelectorAll('#emb-analogy-list li').length === 10, null, { timeout: 30_000 });
  assert.equal(await page.inputValue('#emb-post'), 'centre', 'centred by default');
  assertSameList(await shownList(page, '#emb-nn-list'), kingNeighbours, "king's neighbours");
  assertSameList(await shownList(page, '#emb-analogy-list'), analogy, 'king − man + woman');
  await page.waitForFunction(() => /cos\(cancel, terminate\)/.test(document.querySelector('#emb-sim-text')?.textContent ?? ''));
  assert.equal(await page.textContent('#emb-sim-text'), `cos(cancel, terminate) = ${terminate.toFixed(3)}`);

  // Switched off: the raw cosines, where unrelated words score high too.
  const raw = unitRows(false);
  await page.selectOption('#emb-post', 'none');
  const rawNeighbours = raw.neighbours('king', 10);
  await page.waitForFunction((first) => document.querySelector('#emb-nn-list .emb-score')?.textContent === first, rawNeighbours[0].score.toFixed(3));
  assertSameList(await shownList(page, '#emb-nn-list'), rawNeighbours, "king's raw neighbours");
  assert.ok(raw.similarity('cancel', 'pizza') > pizza, 'centring lowers the cosine of unrelated words');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the tour’s step 1 states the centred cosines it measures', async () => {
  const centred = unitRows(true);
  const { page, problems } = await site.open('#view=tour&step=1&word=pizza', { viewport: { width: 1280, height: 900 } });
  const note = page.locator('.tour-emb-distances');
  await page.waitForFunction(() => /cos\(cancel, terminate\)/.test(document.querySelector('.tour-emb-distances')?.textContent ?? ''), null, { timeout: 30_000 });
  const text = (await note.textContent()) ?? '';
  assert.ok(text.includes(`cos(cancel, terminate) = ${centred.similarity('cancel', 'terminate').toFixed(2)}`), text);
  assert.ok(text.includes(`cos(cancel, pizza) = ${centred.similarity('cancel', 'pizza').toFixed(2)}`), text);
  assert.match(text, /with the vectors centred \(the mean of all the vectors subtracted\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a fresh embeddings worker, after one stopped, gets the reader’s post-processing again', async () => {
  const raw = unitRows(false);
  const { page, problems } = await site.open('#view=embeddings&w=king', { viewport: { width: 1280, height: 900 } });
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10, null, { timeout: 30_000 });
  await page.selectOption('#emb-post', 'none');
  const rawNeighbours = raw.neighbours('king', 10);
  await page.waitForFunction((first) => document.querySelector('#emb-nn-list .emb-score')?.textContent === first, rawNeighbours[0].score.toFixed(3));

  const worker = page.workers().find((candidate) => candidate.url().endsWith('embedding-worker.js'));
  assert.ok(worker, 'the embeddings worker runs');
  worker.evaluate(() => self.close()).catch(() => {});
  await page.locator('#emb-error:not([hidden])').waitFor({ timeout: 10_000 });
  await page.evaluate(() => {
    for (const id of ['#emb-nn-list', '#emb-analogy-list']) document.querySelector(id)?.replaceChildren();
  });
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10, null, { timeout: 30_000 });
  await page.waitForFunction((first) => document.querySelector('#emb-nn-list .emb-score')?.textContent === first, rawNeighbours[0].score.toFixed(3), { timeout: 30_000 });
  assertSameList(await shownList(page, '#emb-nn-list'), rawNeighbours, "king's raw neighbours from the fresh worker");
  assert.equal(await page.inputValue('#emb-post'), 'none');
  assert.deepEqual(problems.filter((problem) => !/embeddings worker stopped|WorkerStopped/.test(problem)), []);
  await page.close();
});
