// The page's training engines do not accumulate memory: ten trainings in a
// row in the Train view, and ten in the Embeddings view, leave their worker's
// WebAssembly module holding what it held after the second (the first may
// size the memory once). The figures come from each worker's own "heap"
// answer (module size and malloc's bytes in use), asked inside the worker.
//
// Needs web/dist/; build-scripts/test makes it.
//
//   node --test tests/e2e/memory.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { kEngineMaxMemoryBytes } from '../../web/engine/memory.js';
import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite();
});

after(() => site?.close());

/**
 * Asks a worker for its module's memory through the worker's own request
 * handling: a "heap" request is dispatched inside it and its answer caught
 * before it reaches the page, so the page's state is untouched.
 * @param {import('playwright-core').Page} page @param {string} script the worker's file name
 * @returns {Promise<{sizeBytes: number, maxBytes: number, usedBytes: number}>}
 */
async function workerMemory(page, script) {
  const worker = page.workers().find((candidate) => candidate.url().endsWith(script));
  assert.ok(worker, `no ${script} among ${page.workers().map((w) => w.url()).join(', ')}`);
  return worker.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const id = -424242;
        const post = self.postMessage.bind(self);
        self.postMessage = (/** @type {any} */ message, /** @type {any} */ options) => {
          if (message?.id !== id) return post(message, options);
          self.postMessage = post;
          if (message.ok) resolve(message.result.memory);
          else reject(new Error(message.error));
        };
        self.dispatchEvent(new MessageEvent('message', { data: { id, type: 'heap' } }));
      }),
  );
}

/** @param {{sizeBytes: number, usedBytes: number}[]} readings */
const describe = (readings) => readings.map((m, i) => `${i + 1}: ${m.usedBytes.toLocaleString('en-US')} B used of ${(m.sizeBytes / 2 ** 20).toFixed(1)} MiB`).join('; ');

test('ten trainings in a row in the Train view keep the training worker\'s memory flat', async (t) => {
  const { page, context, problems } = await site.open('#view=train');
  const readings = [];
  for (let run = 0; run < 10; run++) {
    // A different size each run, so each run's end reads differently.
    const vocabSize = 600 + 10 * run;
    await page.fill('#vocab-size', String(vocabSize));
    await page.selectOption('#pretokenizer', 'gpt2');
    await page.fill('#special-tokens', '');
    await page.click('#train-start');
    await page.waitForFunction(
      (merges) => new RegExp(`Done: ${merges} merges`).test(document.querySelector('#train-phase')?.textContent ?? '') && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false',
      vocabSize - 256,
      { timeout: 60_000 },
    );
    readings.push(await workerMemory(page, 'train-worker.js'));
  }
  t.diagnostic(`training worker after each run: ${describe(readings)}`);
  assert.equal(readings[0].maxBytes, kEngineMaxMemoryBytes);
  // The slot keeps the last vocabulary (its trainer and its merges), which
  // grows by 10 merges a run: a few kilobytes, far below a leaked run.
  assert.ok(readings[9].usedBytes <= readings[1].usedBytes + 256 * 1024, describe(readings));
  assert.ok(readings[9].sizeBytes <= readings[1].sizeBytes, describe(readings));
  assert.deepEqual(problems, []);
  await context.close();
});

test('ten trainings in a row in the Embeddings view keep the embedding worker\'s memory flat', async (t) => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  const readings = [];
  for (let run = 0; run < 10; run++) {
    // A different dimension each run, so each run's end reads differently.
    const dim = 20 + run;
    await page.fill('#emb-epochs', '1');
    await page.fill('#emb-dim', String(dim));
    await page.click('#emb-train-start');
    await page.waitForFunction(
      (expected) => new RegExp(`words × ${expected} dimensions: skip-gram over words of the sample`).test(document.querySelector('#emb-set-info')?.textContent ?? '') && !(/** @type {HTMLButtonElement} */ (document.querySelector('#emb-train-start'))?.disabled),
      dim,
      { timeout: 120_000 },
    );
    readings.push(await workerMemory(page, 'embedding-worker.js'));
  }
  t.diagnostic(`embedding worker after each run: ${describe(readings)}`);
  // Each run replaces the trained set; rows are padded to 16 floats, so
  // dimensions 21 to 29 take the same room. A leaked run would hold its
  // trainer (two vocabulary × 32 float matrices and the corpus), megabytes.
  assert.ok(readings[9].usedBytes <= readings[1].usedBytes + 256 * 1024, describe(readings));
  // The module may grow once more where freed blocks do not fit a new
  // allocation, but not run after run.
  assert.ok(readings[9].sizeBytes <= readings[1].sizeBytes + 16 * 2 ** 20, describe(readings));
  assert.deepEqual(problems, []);
  await context.close();
});
