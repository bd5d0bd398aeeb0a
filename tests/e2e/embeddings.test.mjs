// The Embeddings view end to end in headless Chromium, served as a user gets
// it (build-scripts/serve.mjs, same CSP): the default vectors answer queen to
// king − man + woman; neighbours, similarity and Day 0 work; training on the
// sample finishes and the views switch to the new vectors; Pause, Resume and
// Cancel; token vectors of a GPT tokenizer; the map draws (PCA and UMAP) and
// search highlights; .vec export and import; bad input (malformed .vec,
// settings out of range, empty and tiny corpora) shows messages; words from
// a file are shown as text, never HTML.
//
// Needs web/dist/ (the WebAssembly build, the default vectors and the
// sample); build-scripts/test makes it. TOKENLAB_WEB_ROOT serves another directory.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';
import { openSite, showView } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/vectors/sample.txt', 'dist/lib/umap-js/umap-js.min.js'] });
});

after(() => site?.close());

/** A page, opened fresh; on the Embeddings view, once the default vectors are in. */
async function openView(hash = '#view=embeddings') {
  const { page, context, problems } = await site.open(hash, { viewport: { width: 1280, height: 900 } });
  if (hash.startsWith('#view=embeddings')) await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  return { page, context, problems };
}

/** @param {import('playwright-core').Page} page @param {string} selector */
function listWords(page, selector) {
  return page.$$eval(`${selector} .emb-word`, (words) => words.map((word) => word.textContent));
}

/** Files for setInputFiles. @param {string} name @param {string} text */
const textFile = (name, text) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

test('the default vectors answer queen to king − man + woman, with neighbours and similarity', async () => {
  const { page, context, problems } = await openView();
  await page.waitForFunction(() => document.querySelectorAll('#emb-analogy-list li').length === 10);
  assert.equal((await listWords(page, '#emb-analogy-list'))[0], 'queen');
  assert.match(await page.textContent('#emb-analogy-status'), /king − man \+ woman ≈ queen/);

  await page.fill('#emb-nn-word', 'whale');
  await page.click('#emb-nn-form button[type=submit]');
  // The list and the strip are drawn together, once the answer for this word is in.
  await page.waitForFunction(() => /“whale”/.test(document.querySelector('#emb-strip-readout')?.textContent ?? '') && document.querySelectorAll('#emb-nn-list .emb-word').length > 0);
  const neighbours = await listWords(page, '#emb-nn-list');
  assert.equal(neighbours.length, 10);
  assert.ok(neighbours.includes('whales'), neighbours.join(' '));
  const scores = await page.$$eval('#emb-nn-list .emb-score', (cells) => cells.map((cell) => Number(cell.textContent)));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'best first');
  assert.match(await page.textContent('#emb-strip-readout'), /“whale”: 100 numbers/);

  // Upper case is looked up as the training text was prepared.
  await page.fill('#emb-nn-word', 'Whale');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => /Looked up as “whale”/.test(document.querySelector('#emb-nn-status')?.textContent ?? ''));

  await page.fill('#emb-nn-word', 'qwxzyplk');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => /is not among the/.test(document.querySelector('#emb-nn-status')?.textContent ?? ''));
  assert.equal(await page.locator('#emb-nn-list li').count(), 0);

  await page.fill('#emb-sim-a', 'cat');
  await page.fill('#emb-sim-b', 'dog');
  await page.click('#emb-sim-form button[type=submit]');
  await page.waitForFunction(() => /cos\(cat, dog\) = /.test(document.querySelector('#emb-sim-text')?.textContent ?? ''));
  const similarity = Number((await page.textContent('#emb-sim-text')).split('= ')[1]);
  assert.ok(similarity > 0.3 && similarity <= 1, `cos(cat, dog) = ${similarity}`);

  await page.fill('#emb-day0-word', 'king');
  await page.click('#emb-day0-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-day0-initial li').length === 10 && /at day 0/.test(document.querySelector('#emb-day0-status')?.textContent ?? ''));
  const status = await page.textContent('#emb-day0-status');
  const [initialMean, trainedMean] = [...status.matchAll(/(-?\d\.\d\d)/g)].map((match) => Number(match[1]));
  assert.ok(trainedMean > initialMean, status);
  assert.notDeepEqual(await listWords(page, '#emb-day0-initial'), await listWords(page, '#emb-day0-trained'));
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * Waits until the word map has finished drawing `layout` (no frame pending, no
 * transition running) at a zoom other than `zoomNot`; returns the zoom.
 * @param {import('playwright-core').Page} page @param {string} layout @param {number} [zoomNot]
 */
async function mapDrawn(page, layout, zoomNot = NaN) {
  await page.waitForFunction(
    ([layout, zoomNot]) => {
      const canvas = /** @type {HTMLCanvasElement} */ (document.querySelector('#emb-map'));
      return canvas.dataset.drawn === layout && Number(canvas.dataset.zoom) !== zoomNot;
    },
    /** @type {[string, number]} */ ([layout, zoomNot]),
    { timeout: 90_000 },
  );
  return page.$eval('#emb-map', (canvas) => Number(/** @type {HTMLCanvasElement} */ (canvas).dataset.zoom));
}

test('the map draws the most frequent words, search highlights a word and its neighbours, UMAP lays them out', async () => {
  const { page, context, problems } = await openView();
  await page.waitForFunction(() => /^PCA of the 2,000 most frequent words/.test(document.querySelector('#emb-map-status')?.textContent ?? ''));
  assert.equal(await mapDrawn(page, 'pca:2000'), 1);
  /** Pixels of the accent colour and of anything at all on the map canvas. */
  const inked = () =>
    page.$eval('#emb-map', (canvas) => {
      const context = /** @type {HTMLCanvasElement} */ (canvas).getContext('2d');
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let any = 0;
      let accent = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0) any++;
        // --accent is #2454c7 in the light scheme.
        if (data[i + 3] > 200 && data[i] < 80 && data[i + 1] > 60 && data[i + 1] < 110 && data[i + 2] > 170) accent++;
      }
      return { any, accent };
    });
  const before = await inked();
  assert.ok(before.any > 2000, `points drawn: ${before.any} pixels`);
  assert.equal(before.accent, 0);

  await page.fill('#emb-map-search', 'whale');
  await page.press('#emb-map-search', 'Enter');
  await page.waitForFunction(() => /“whale” and its nearest/.test(document.querySelector('#emb-map-found')?.textContent ?? ''));
  // The view moves to the word: drawn once the transition has ended, zoomed in.
  const zoomedOnWhale = await mapDrawn(page, 'pca:2000', 1);
  assert.ok(zoomedOnWhale > 1, `zoom ${zoomedOnWhale}`);
  assert.match(await page.textContent('#emb-map-sight'), /^[\d,]+ of 2,000 words in sight at [\d.]+× zoom; Fit shows the whole layout\.$/);
  const highlighted = await inked();
  assert.ok(highlighted.accent > 50, `highlight drawn: ${highlighted.accent} accent pixels`);

  // The view moved to the word: it sits in the middle, and hovering it names it.
  await page.locator('#emb-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#emb-map').boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => !document.querySelector('#emb-map-tip')?.hidden);
  assert.match(await page.textContent('#emb-map-tip'), /^whale · #\d[\d,]* by frequency$/);
  // Zooming with the wheel changes what is drawn.
  const zoomedOut = await inked();
  await page.mouse.wheel(0, 600);
  const wheeled = await mapDrawn(page, 'pca:2000', zoomedOnWhale);
  assert.ok(wheeled < zoomedOnWhale, `the wheel zoomed out: ${zoomedOnWhale} → ${wheeled}`);
  assert.notDeepEqual(await inked(), zoomedOut);

  // A new layout is fitted to the map, whatever zoom and centre the one before had,
  // and the searched word stays highlighted in it.
  await page.selectOption('#emb-map-size', '500');
  assert.equal(await mapDrawn(page, 'pca:500'), 1);
  await page.mouse.wheel(0, -900);
  assert.ok((await mapDrawn(page, 'pca:500', 1)) > 1);
  await page.check('#emb-map-method input[value=umap]');
  assert.equal(await mapDrawn(page, 'umap:500'), 1);
  await page.waitForFunction(() => /^UMAP of the 500 most frequent words/.test(document.querySelector('#emb-map-status')?.textContent ?? ''));
  const umap = await inked();
  assert.ok(umap.any > 2000, `UMAP points drawn: ${umap.any} pixels`);
  assert.ok(umap.accent > 50, `“whale” still highlighted: ${umap.accent} accent pixels`);
  assert.match(await page.textContent('#emb-map-sight'), /^(All 500|4\d\d of 500) words in sight, the whole layout fitted to the map\.$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('training on the sample finishes and the views switch to the trained vectors', async () => {
  const { page, context, problems } = await openView();
  await page.fill('#emb-epochs', '1');
  await page.fill('#emb-dim', '50');
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /Epoch 1 of 1/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.waitForSelector('#emb-train-result:not([hidden])', { timeout: 120_000 });
  assert.match(await page.textContent('#emb-train-summary'), /words per second in this page/);
  assert.match(await page.textContent('#emb-train-speed'), /\d/);
  assert.ok(await page.isChecked('#emb-set-picker input[value=trained]'));
  assert.match(await page.textContent('#emb-set-info'), /words × 50 dimensions: skip-gram over words of the sample/);
  // The questions were asked again of the new vectors.
  await page.waitForFunction(() => /100 numbers|50 numbers/.test(document.querySelector('#emb-strip-readout')?.textContent ?? ''));
  assert.match(await page.textContent('#emb-strip-readout'), /50 numbers/);
  await page.waitForFunction(() => document.querySelectorAll('#emb-day0-trained li').length === 10);
  assert.match(await page.textContent('#emb-map-status'), /PCA of the 2,000 most frequent words/);
  // The loss curve has points.
  assert.ok(await page.locator('#emb-loss-chart canvas').count() > 0);
  // Back to the default vectors.
  await page.check('#emb-set-picker input[value=default]');
  await page.waitForFunction(() => /100 dimensions: skip-gram trained here/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a run can be paused, resumed and cancelled, and the vectors stay as they were', async () => {
  const { page, context, problems } = await openView();
  await page.fill('#emb-epochs', '40');
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /Epoch \d+ of 40/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.click('#emb-train-pause');
  await page.waitForFunction(() => /Paused at/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''));
  await page.waitForTimeout(400);
  const paused = await page.$eval('#emb-train-progress', (bar) => bar.value);
  await page.waitForTimeout(800);
  assert.equal(await page.$eval('#emb-train-progress', (bar) => bar.value), paused, 'no progress while paused');
  // The page answers questions meanwhile.
  await page.fill('#emb-nn-word', 'ship');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => /“ship”/.test(document.querySelector('#emb-strip-readout')?.textContent ?? ''));
  assert.equal(await page.textContent('#emb-train-pause'), 'Resume');
  await page.click('#emb-train-pause');
  await page.waitForFunction((value) => document.querySelector('#emb-train-progress').value > value, paused, { timeout: 20_000 });
  await page.click('#emb-train-cancel');
  await page.waitForFunction(() => /Cancelled/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 20_000 });
  assert.ok(await page.isChecked('#emb-set-picker input[value=default]'));
  assert.ok(await page.isDisabled('#emb-set-picker input[value=trained]'));
  assert.ok(await page.isHidden('#emb-train-error'));
  assert.ok(await page.isEnabled('#emb-train-start'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('token vectors of a GPT tokenizer, with words made of several tokens composed from their pieces', async () => {
  const { page, context, problems } = await openView();
  const lines = [];
  for (let i = 0; i < 400; i++) lines.push(i % 2 ? 'The king and the queen ruled the kingdom together.' : 'The sailor and the captain sailed the ship together.');
  await page.check('input[name=emb-corpus][value=files]');
  await page.setInputFiles('#emb-file-input', [textFile('royal.txt', lines.join('\n'))]);
  await page.check('input[name=emb-unit][value=tokens]');
  await page.selectOption('#emb-tokenizer', 'cl100k_base');
  await page.uncheck('#emb-lowercase');
  await page.uncheck('#emb-strip-punctuation');
  await page.fill('#emb-min-count', '2');
  await page.fill('#emb-dim', '20');
  await page.click('#emb-train-start');
  await page.waitForSelector('#emb-train-result:not([hidden])', { timeout: 60_000 });
  assert.match(await page.textContent('#emb-set-info'), /tokens × 20 dimensions: skip-gram over GPT-4 \(cl100k_base\) tokens of royal\.txt/);
  await page.fill('#emb-nn-word', ' queen');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length > 0 && /“·queen”/.test(document.querySelector('#emb-strip-readout')?.textContent ?? ''));
  // Spaces show as "·" in token text.
  assert.ok((await listWords(page, '#emb-nn-list')).some((word) => word.startsWith('·')));
  await page.fill('#emb-nn-word', ' kingqueen');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => /is not one token here: its vector is the mean of its \d pieces/.test(document.querySelector('#emb-nn-status')?.textContent ?? ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a vocabulary trained in the Train view gives its tokens vectors too', async () => {
  const { page, context, problems } = await openView('#view=train');
  await page.fill('#vocab-size', '600');
  await page.click('#train-start');
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout: 90_000 });
  await showView(page, 'embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  await page.check('input[name=emb-unit][value=tokens]');
  await page.selectOption('#emb-tokenizer', 'mine');
  await page.check('input[name=emb-corpus][value=files]');
  const lines = Array.from({ length: 300 }, (_, i) => (i % 2 ? 'the whale dived under the ship' : 'the captain watched the whale'));
  await page.setInputFiles('#emb-file-input', [textFile('sea.txt', lines.join('\n'))]);
  await page.fill('#emb-dim', '20');
  await page.fill('#emb-min-count', '2');
  await page.click('#emb-train-start');
  await page.waitForSelector('#emb-train-result:not([hidden])', { timeout: 60_000 });
  assert.match(await page.textContent('#emb-set-info'), /tokens × 20 dimensions: skip-gram over your tokenizer’s tokens of sea\.txt/);
  await page.fill('#emb-nn-word', ' whale');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('.vec export downloads the vectors, import explores a file, and words stay text', async () => {
  const { page, context, problems } = await openView();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#emb-export')]);
  assert.equal(download.suggestedFilename(), 'tokenlab-default.vec');
  const exported = readFileSync(await download.path(), 'utf8');
  const [header, firstLine] = exported.split('\n');
  assert.match(header, /^\d+ 100$/);
  assert.equal(firstLine.split(' ').length, 101);

  const words = ['king', 'queen', '<b>bold</b>', '<img/src=x/onerror=alert(1)>', 'apple'];
  const rows = [
    [1, 0.1, 0],
    [0.95, 0.2, 0],
    [0.9, 0.3, 0.1],
    [0.85, 0.2, 0.3],
    [0, 0, 1],
  ];
  const vec = `${words.length} 3\n${words.map((word, i) => `${word} ${rows[i].join(' ')}`).join('\n')}\n`;
  await page.setInputFiles('#emb-import', [textFile('tiny.vec', vec)]);
  await page.waitForFunction(() => /5 words × 3 dimensions from tiny\.vec/.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  assert.ok(await page.isChecked('#emb-set-picker input[value=imported]'));
  await page.fill('#emb-nn-word', 'king');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 4);
  const shown = await listWords(page, '#emb-nn-list');
  assert.equal(shown[0], 'queen');
  assert.ok(shown.includes('<b>bold</b>') && shown.includes('<img/src=x/onerror=alert(1)>'), shown.join(' | '));
  assert.equal(await page.locator('#emb-nn-list b, #emb-nn-list img').count(), 0, 'words are text, not HTML');
  assert.match(await page.textContent('#emb-day0-status'), /not known/);
  // The map labels are canvas text; the hover label is set as text too.
  assert.equal(await page.locator('#emb-map-tip img, #emb-map-tip b').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad input shows a clear message and the page keeps working', async () => {
  const { page, context, problems } = await openView();
  // A malformed .vec names the line.
  await page.setInputFiles('#emb-import', [textFile('broken.vec', '3 2\nking 0.1 0.2\nqueen 0.1 zero\nman 0.3 0.4\n')]);
  await page.waitForSelector('#emb-error:not([hidden])');
  assert.match(await page.textContent('#emb-error-text'), /broken\.vec: \.vec line 3: value 2 of "queen" is not a number/);
  assert.ok(await page.isChecked('#emb-set-picker input[value=default]'));

  // Settings out of range.
  await page.fill('#emb-dim', '301');
  await page.fill('#emb-window', '0');
  await page.click('#emb-train-start');
  await page.waitForSelector('#emb-train-error:not([hidden])');
  const settings = await page.textContent('#emb-train-error-text');
  assert.match(settings, /Dimensions must be a whole number between 1 and 300, not 301/);
  assert.match(settings, /Window must be a whole number between 1 and 20, not 0/);
  assert.equal(await page.getAttribute('#emb-dim', 'aria-invalid'), 'true');
  await page.fill('#emb-dim', '20');
  await page.fill('#emb-window', '5');

  // An empty corpus, then one too small for the minimum count.
  await page.check('input[name=emb-corpus][value=files]');
  await page.setInputFiles('#emb-file-input', [textFile('empty.txt', '  \n\n  ')]);
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /The corpus holds no words/.test(document.querySelector('#emb-train-error-text')?.textContent ?? ''), null, { timeout: 20_000 });
  await page.click('.file-remove');
  await page.setInputFiles('#emb-file-input', [textFile('tiny.txt', 'hello world, hello page\n')]);
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /No word of the 4 read occurs at least min count \(5\) times/.test(document.querySelector('#emb-train-error-text')?.textContent ?? ''), null, { timeout: 20_000 });

  // Still answering.
  await page.click('#emb-analogy-form button[type=submit]');
  await page.waitForFunction(() => /≈ queen/.test(document.querySelector('#emb-analogy-status')?.textContent ?? ''));
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshot of the view', async () => {
  const { page, context, problems } = await openView('#view=embeddings&w=ocean');
  await page.waitForFunction(() => /^PCA of the/.test(document.querySelector('#emb-map-status')?.textContent ?? ''));
  await page.waitForSelector('#emb-map[data-drawn^="pca:"]');
  mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'test-results', 'embeddings.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
