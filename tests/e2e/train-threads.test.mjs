// Training word vectors on several threads in headless Chromium. Served with
// the COOP/COEP headers (build-scripts/serve.mjs) the page is cross-origin
// isolated and a run asked for 2 threads trains on 2 (its status says so),
// its vectors are usable (neighbours, and a related pair nearer than random
// pairs, measured from the exported .vec), and Cancel stops the run with its
// threads: the next run gets both threads again. Served without the headers
// (and with no service worker to add them) the page says it trains on one
// thread, and still trains.
//
// On a host without the headers, the service worker adds them and the page
// reloads once to become isolated.
//
// Needs web/dist/ with the threads module (build-scripts/build-wasm.sh).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { openSite, webRoot } from './harness.mjs';

const needs = ['dist/vectors/default.tlv', 'dist/vectors/sample.txt', 'dist/tokenlab-threads.js', 'dist/tokenlab-threads.wasm', 'dist/tokenlab-threads.worker.js'];

/** The sample's first 400 kB (to a line end), so a run takes seconds. */
const corpus = (() => {
  const sample = readFileSync(path.join(webRoot, 'dist', 'vectors', 'sample.txt'));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-threads-')), 'part of the sample.txt');
  writeFileSync(file, sample.subarray(0, sample.indexOf(10, 400_000) + 1));
  return file;
})();

/** @param {Awaited<ReturnType<typeof openSite>>} site */
async function openView(site) {
  // No service worker: the headers come from the server or not at all.
  const opened = await site.open('#view=embeddings', { viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await opened.page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  return opened;
}

/** Starts a run on the corpus. @param {import('playwright-core').Page} page @param {{epochs: number, threads: number}} settings */
async function startRun(page, { epochs, threads }) {
  await page.check('input[name="emb-corpus"][value="files"]');
  await page.setInputFiles('#emb-file-input', corpus);
  await page.fill('#emb-epochs', String(epochs));
  await page.fill('#emb-dim', '30');
  await page.fill('#emb-threads', String(threads));
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /^Epoch \d+ of \d+:/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 60_000 });
  return page.textContent('#emb-train-phase');
}

/** @param {import('playwright-core').Page} page */
async function waitForDone(page) {
  await page.waitForSelector('#emb-train-result:not([hidden])', { timeout: 120_000 });
  return page.textContent('#emb-train-summary');
}

/** word → vector of a .vec file. @param {string} text */
function readVec(text) {
  const vectors = new Map();
  for (const line of text.split('\n').slice(1)) {
    const [word, ...values] = line.trim().split(' ');
    if (word && values.length) vectors.set(word, values.map(Number));
  }
  return vectors;
}

/** @param {number[]} a @param {number[]} b */
function cosine(a, b) {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return dot / Math.sqrt(aa * bb);
}

test('cross-origin isolated, a run trains on 2 threads, its vectors are usable, and Cancel stops it', async () => {
  const site = await openSite({ needs });
  try {
    const { page, context, problems } = await openView(site);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);

    assert.match(await startRun(page, { epochs: 3, threads: 2 }), /, 2 threads\.$/);
    assert.match(await waitForDone(page), /words in .* on 2 threads,/);

    // Neighbours exist, and "he" is nearer "she" than random pairs of the vocabulary are, on average.
    await page.fill('#emb-nn-word', 'he');
    await page.click('#emb-nn-form button[type=submit]');
    await page.waitForFunction(() => /“he”/.test(document.querySelector('#emb-strip-readout')?.textContent ?? '') && document.querySelectorAll('#emb-nn-list .emb-word').length === 10);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#emb-export')]);
    const vectors = readVec(readFileSync(await download.path(), 'utf8'));
    const words = [...vectors.keys()];
    assert.ok(vectors.has('he') && vectors.has('she'), `${words.length} words`);
    let state = 7;
    const pick = () => words[(state = (state * 48271) % 2147483647) % words.length];
    let randomSum = 0;
    for (let i = 0; i < 200; i++) randomSum += cosine(vectors.get(pick()), vectors.get(pick()));
    const related = cosine(vectors.get('he'), vectors.get('she'));
    assert.ok(related > randomSum / 200, `cos(he, she) ${related} vs random pairs ${randomSum / 200}`);

    // Cancel: the run ends, and the next one has both threads again (a thread
    // left running would hold a Worker of the pool, and the next run would fail).
    await startRun(page, { epochs: 100, threads: 2 });
    await page.click('#emb-train-cancel');
    await page.waitForFunction(() => /Cancelled/.test(document.querySelector('#emb-train-phase')?.textContent ?? ''), null, { timeout: 20_000 });
    assert.match(await startRun(page, { epochs: 1, threads: 2 }), /, 2 threads\.$/);
    await waitForDone(page);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await site.close();
  }
});

test('without cross-origin isolation the page says it trains on one thread, and trains', async () => {
  const site = await openSite({ needs, isolation: false });
  try {
    const { page, context, problems } = await openView(site);
    assert.equal(await page.evaluate(() => crossOriginIsolated), false);
    assert.match(await startRun(page, { epochs: 1, threads: 2 }), /, training on one thread: the page is not cross-origin isolated\.$/);
    assert.match(await waitForDone(page), /on one thread,/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await site.close();
  }
});

test('on a host without the headers the service worker adds them: the page reloads once and is isolated', async () => {
  const site = await openSite({ needs, isolation: false });
  try {
    const { page, context, problems } = await site.open('#view=embeddings');
    let loads = 0;
    page.on('load', () => ++loads);
    // The worker installs after the page's load event, then takes over; the page reloads itself once.
    const deadline = Date.now() + 60_000;
    let isolated = false;
    while (!isolated && Date.now() < deadline) {
      // A reload under way destroys the context being asked: not yet.
      isolated = await page.evaluate(() => crossOriginIsolated && document.documentElement.dataset.offline === 'ready').catch(() => false);
      if (!isolated) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(isolated, 'crossOriginIsolated after the reload');
    assert.equal(loads, 1, 'one reload');
    const response = await page.evaluate(async () => {
      const answer = await fetch('index.html');
      return [answer.headers.get('cross-origin-opener-policy'), answer.headers.get('cross-origin-embedder-policy')];
    });
    assert.deepEqual(response, ['same-origin', 'require-corp']);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await site.close();
  }
});
