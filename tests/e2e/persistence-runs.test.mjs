// Runs cut short keep what they had, in headless Chromium: a BPE run
// reloaded mid-way offers its merges so far, and they make the very
// tokenizer.json node exports after that many merges; a training worker
// ended mid-run is noticed within a second, its merges are offered and the
// next training starts a fresh worker; an uncaught error in a worker is said
// in words; an embeddings run keeps its last finished epoch across a reload
// and when its worker is ended; the tokenizer worker ended while idle comes
// back with the next action.
//
// Workers are ended from the test with self.close() run inside them, which,
// like the browser ending a worker, fires no event in the page. So that this
// happens mid-run whatever the machine's speed, the test wraps the worker's
// postMessage: once the worker has posted the update named, it is held,
// fails or ends (afterUpdate).
//
// Needs web/dist/; build-scripts/test makes it.
//
//   node --test tests/e2e/persistence-runs.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { loadEngine } from '../wasm/load-engine.mjs';
import { openSite, showView, webRoot } from './harness.mjs';
import { heldOutCut, reloaded, storedRecords, tokenizeIds, train, waitForTrained } from './persistence.mjs';

const sample = readFileSync(path.join(webRoot, 'samples', 'moby-dick.txt'));
const text = 'Call me Ishmael. Some years ago — never mind how long precisely 🐳';
/** A long run: every pair may merge, up to the largest vocabulary, on the embeddings sample (6 MB). */
const longRun = { vocabSize: 100_000, pretokenizer: 'cl100k', minFrequency: 1, specials: '<|endoftext|>' };
const longCorpusPath = path.join(webRoot, 'dist', 'vectors', 'sample.txt');
const longCorpus = readFileSync(longCorpusPath);

/** Starts the long run in the Train view. @param {import('playwright-core').Page} page */
async function startLongRun(page) {
  // A path, not the bytes: the browser reads the file itself, as it would a file the reader chose.
  await page.setInputFiles('#file-input', longCorpusPath);
  await train(page, longRun);
}

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;
/** @type {import('../../web/engine/engine.js').Engine} */
let engine;

before(async () => {
  site = await openSite({ needs: ['dist/vectors/default.tlv', 'dist/vectors/sample.txt'] });
  engine = await loadEngine();
});

after(() => site?.close());

/** The first `merges` merges of the long run, trained in node on the bytes the page trains on. */
function firstMerges(merges) {
  const trainer = new TrainerEngine(engine.module).createTrainer({ vocabSize: longRun.vocabSize, pretokenizer: 'cl100k', minFrequency: 1, specialTokens: ['<|endoftext|>'] });
  trainer.addText(longCorpus.subarray(0, heldOutCut(longCorpus)));
  trainer.finishText();
  assert.equal(trainer.step(merges), merges);
  return trainer;
}

/**
 * Polls until found() gives something, for at most 30 s.
 * @template T @param {import('playwright-core').Page} page @param {() => Promise<T | undefined>} found @param {string} what
 * @returns {Promise<T>}
 */
async function poll(page, found, what) {
  const until = Date.now() + 30_000;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}

/** The page's newest worker whose script ends with name. @param {import('playwright-core').Page} page @param {string} name */
function workerNamed(page, name) {
  return poll(page, async () => page.workers().filter((candidate) => candidate.url().endsWith(name)).at(-1), name);
}

/**
 * Once the worker posts an update whose phase is `phase` and whose `field`
 * reaches `at`, it does `action`: "hold" (a 4 s step, longer than the page takes to write what it has: no more updates),
 * "fail" (an uncaught error, as a crashed module throws) or "end" (self.close()).
 * @param {import('playwright-core').Worker} worker
 * @param {{phase: string, field: string, at: number, action: 'hold' | 'fail' | 'end'}} when
 */
function afterUpdate(worker, when) {
  return worker.evaluate(({ phase, field, at, action }) => {
    const post = self.postMessage.bind(self);
    let done = false;
    self.postMessage = (/** @type {any} */ message, /** @type {any} */ options) => {
      post(message, options);
      const update = message?.event ?? message?.progress;
      if (done || update?.phase !== phase || !(update[field] >= at)) return;
      done = true;
      if (action === 'end') self.close();
      else if (action === 'fail') {
        setTimeout(() => {
          throw new Error('simulated crash of the module');
        });
      } else {
        const until = Date.now() + 4000;
        while (Date.now() < until);
      }
    };
  }, when);
}

/** Merges the Train view shows. @param {import('playwright-core').Page} page */
const mergesShown = (page) => page.evaluate(() => Number(document.querySelector('#train-merges')?.getAttribute('data-value') ?? 0));

/** Waits until the kept run record holds at least `count` merges; returns it. @param {import('playwright-core').Page} page @param {number} count */
function keptRun(page, count) {
  return poll(page, async () => (await storedRecords(page)).find((record) => record.kind === 'bpe-run' && record.meta.mergesDone >= count), `a kept run of ${count} merges`);
}

test('a BPE run reloaded mid-way offers its merges so far, which make the tokenizer.json node exports after as many merges', async () => {
  const { page, context, problems } = await site.open('#view=train');
  // Held in a long step, as a large corpus would hold it, once it has posted 2,000 merges.
  await afterUpdate(await workerNamed(page, 'train-worker.js'), { phase: 'merging', field: 'mergesDone', at: 2000, action: 'hold' });
  await startLongRun(page);
  await page.waitForFunction(() => Number(document.querySelector('#train-merges')?.getAttribute('data-value') ?? 0) >= 2000, null, { timeout: 60_000 });
  // The merges so far are written as they come, at most once a second; then the page is reloaded mid-run.
  const merges = await mergesShown(page);
  assert.equal(await page.getAttribute('.train-run', 'aria-busy'), 'true', 'still running');
  const kept = await keptRun(page, merges);
  assert.equal(kept.version, 1);
  assert.equal(kept.meta.state, 'running');
  assert.equal(kept.meta.mergesDone, merges);
  await reloaded(page);

  const offer = page.locator('#train-kept:not([hidden])');
  await offer.waitFor();
  const shown = merges.toLocaleString('en-US');
  assert.match(await page.textContent('#train-kept-text'), new RegExp(`^${shown} of 99,743 merges are kept in this browser\\. .*these give ${(256 + merges + 1).toLocaleString('en-US')} tokens`));
  assert.match(await page.textContent('#train-phase'), new RegExp(`^A training run \\(sample\\.txt, 100,000 tokens, GPT-4 \\(cl100k\\) split\\) was interrupted after ${shown} merges when the page was closed or reloaded`));
  assert.equal(await mergesShown(page), merges, 'the merge table lists them');
  assert.equal(await page.textContent('#train-kept-use'), `Use these ${shown} merges`);
  await page.click('#train-kept-use');
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#train-result #download-json')]);
  const reference = firstMerges(merges);
  assert.ok(readFileSync(/** @type {string} */ (await download.path())).equals(Buffer.from(reference.tokenizerJson())), 'byte for byte the engine’s export after as many merges');
  const records = await storedRecords(page);
  assert.deepEqual(records.map((record) => record.kind), ['vocabulary'], 'the run became a vocabulary');
  assert.equal(records[0].meta.vocabSize, 256 + merges + 1);

  await page.click('#open-tokenize');
  await page.waitForFunction(() => !document.querySelector('#view-tokenize')?.hidden);
  assert.deepEqual(await tokenizeIds(page, text), Array.from(engine.loadTokenizerJson('reference', reference.tokenizerJson()).encode(text).ids));
  reference.delete();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a training worker that fails or is ended mid-run is noticed within a second, says why, offers its merges, and the next run starts a fresh worker', async () => {
  const { page, context, problems } = await site.open('#view=train');
  // A path, not the bytes: the browser reads the file itself, as it would a file the reader chose.
  await page.setInputFiles('#file-input', longCorpusPath);

  // An uncaught error in the worker (as a crash of its module would throw).
  const failing = await workerNamed(page, 'train-worker.js');
  await afterUpdate(failing, { phase: 'merging', field: 'mergesDone', at: 500, action: 'fail' });
  await train(page, longRun);
  await page.locator('#train-error:not([hidden])').waitFor({ timeout: 60_000 });
  // The page ends a worker that failed: it is gone before the next run starts another.
  const closed = failing.waitForEvent('close', { timeout: 5000 });
  if (page.workers().includes(failing)) await closed;
  else closed.catch(() => {});
  assert.match(await page.textContent('#train-error-text'), /^The training worker stopped after [\d,]+ merges: it failed with an error \(Uncaught Error: simulated crash of the module\)\./);
  assert.equal(await page.locator('#train-kept:not([hidden])').count(), 1);

  // The next run starts a fresh worker, which is then ended without a word, as the browser ends one out of memory.
  // Timed in the page, from the last merges the worker sent (just before it ended) to the message.
  await page.evaluate(() => {
    const timing = { lastMerges: 0, message: 0 };
    /** @type {any} */ (window).stopTiming = timing;
    const merges = /** @type {HTMLElement} */ (document.querySelector('#train-merges'));
    const error = /** @type {HTMLElement} */ (document.querySelector('#train-error'));
    new MutationObserver(() => (timing.lastMerges = performance.now())).observe(merges, { attributes: true, attributeFilter: ['data-value'] });
    new MutationObserver(() => {
      if (!error.hidden && !timing.message) timing.message = performance.now();
    }).observe(error, { attributes: true, attributeFilter: ['hidden'] });
  });
  await train(page, longRun);
  await afterUpdate(await poll(page, async () => page.workers().find((worker) => worker.url().endsWith('train-worker.js') && worker !== failing), 'a fresh worker'), {
    phase: 'merging', field: 'mergesDone', at: 1500, action: 'end',
  });
  await page.locator('#train-error:not([hidden])').waitFor({ timeout: 60_000 });
  const { lastMerges, message } = await page.evaluate(() => /** @type {any} */ (window).stopTiming);
  const noticedMs = message - lastMerges;
  assert.ok(noticedMs >= 0 && noticedMs < 1000, `noticed after ${noticedMs} ms`);
  const merges = await mergesShown(page);
  const shown = merges.toLocaleString('en-US');
  assert.equal(
    await page.textContent('#train-error-text'),
    `The training worker stopped after ${shown} merges: it was ended, most likely by the browser for lack of memory. The merges it had sent stay listed and can be used as they are; the next training starts a fresh worker.`,
  );
  assert.equal(await page.getAttribute('.train-run', 'aria-busy'), 'false');
  assert.equal(await page.textContent('#train-kept-use'), `Use these ${shown} merges`);
  const run = await keptRun(page, merges);
  assert.equal(run.meta.state, 'interrupted');
  assert.equal(run.meta.mergesDone, merges);

  await page.click('#train-kept-use');
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden);
  assert.match(await page.textContent('#train-summary'), new RegExp(`^Vocabulary of ${(256 + merges + 1).toLocaleString('en-US')} tokens: 256 bytes, ${shown} merges, 1 special, from a run that did not finish`));
  const reference = firstMerges(merges);
  const expected = Array.from(engine.loadTokenizerJson('reference', reference.tokenizerJson()).encode(text).ids);
  reference.delete();

  // A new training: a fresh worker, the whole way.
  await page.check('input[name="corpus"][value="prose"]');
  await train(page, { vocabSize: 600, pretokenizer: 'gpt2', specials: '' });
  await waitForTrained(page);
  assert.match(await page.textContent('#train-phase'), /^Done: 344 merges/);
  const records = await storedRecords(page);
  assert.equal(records.filter((record) => record.kind === 'vocabulary').length, 2);
  assert.equal(records.filter((record) => record.kind === 'bpe-run').length, 1, 'the run that failed is still offered, in Your files');

  // The vocabulary made of the merges is kept; the newest is My tokenizer.
  await showView(page, 'tokenize');
  const kept = await page.$$eval('#tokenizer-picker .segment-custom', (labels) => labels.map((label) => label.textContent));
  assert.equal(kept.length, 2, kept.join(' | '));
  await page.check('#tokenizer-picker .segment-custom:not(:has(input[value="mine"])) input');
  assert.deepEqual(await tokenizeIds(page, text), expected);
  // The worker's own report of its uncaught error is the one console error.
  assert.deepEqual(problems.filter((problem) => !/simulated crash of the module/.test(problem)), []);
  await context.close();
});

/** A corpus of the first megabyte of the embeddings sample, so an epoch takes a fraction of a second. */
const corpus = (() => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-kept-')), 'part of the sample.txt');
  writeFileSync(file, longCorpus.subarray(0, longCorpus.indexOf(10, 1_000_000) + 1));
  return file;
})();

/** Starts an embeddings run on the corpus: dim 20, 12 epochs. @param {import('playwright-core').Page} page */
async function startVectors(page) {
  await page.check('input[name="emb-corpus"][value="files"]');
  await page.setInputFiles('#emb-file-input', corpus);
  await page.fill('#emb-epochs', '12');
  await page.fill('#emb-dim', '20');
  await page.click('#emb-train-start');
}

/** Waits until a kept checkpoint holds at least `epochs` epochs; returns its record. @param {import('playwright-core').Page} page */
function keptEpochs(page, epochs) {
  return poll(page, async () => (await storedRecords(page)).find((record) => record.kind === 'vectors' && record.meta.epochsDone >= epochs), `${epochs} kept epochs`);
}

test('vectors keep their last finished epoch: across a reload, and when the embeddings worker is ended mid-run', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  await page.waitForFunction(() => /words × 100 dimensions/.test(document.querySelector('#emb-set-info')?.textContent ?? ''), null, { timeout: 30_000 });
  // Held in a long step once it has posted its vectors after epoch 2, so the page is reloaded mid-run.
  await afterUpdate(await workerNamed(page, 'embedding-worker.js'), { phase: 'checkpoint', field: 'epoch', at: 2, action: 'hold' });
  await startVectors(page);
  const checkpoint = await keptEpochs(page, 2);
  assert.equal(checkpoint.meta.epochsDone, 2);
  assert.equal(checkpoint.meta.partial, true);
  assert.equal(checkpoint.meta.epochs, 12);
  await reloaded(page);
  await page.waitForSelector('#emb-set-picker [data-kept]', { timeout: 30_000 });
  const choice = await page.textContent('#emb-set-picker [data-kept]');
  assert.match(choice ?? '', /^part of the sample\.txt, skip-gram over words, 20 dimensionskept · [\d,]+ × 20, epoch 2 of 12$/);
  await page.check('#emb-set-picker [data-kept] input');
  await page.waitForFunction(() => /× 20 dimensions: skip-gram over words of part of the sample\.txt, epoch 2 of 12 \(the run did not finish\)\./.test(document.querySelector('#emb-set-info')?.textContent ?? ''));
  await page.fill('#emb-nn-word', 'ship');
  await page.click('#emb-nn-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);

  // Now the worker is ended during a run, once it has posted its vectors after epoch 3.
  await afterUpdate(await workerNamed(page, 'embedding-worker.js'), { phase: 'checkpoint', field: 'epoch', at: 3, action: 'end' });
  await startVectors(page);
  await page.locator('#emb-train-error:not([hidden])').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => /kept in this browser/.test(document.querySelector('#emb-train-error-text')?.textContent ?? ''));
  const message = await page.textContent('#emb-train-error-text');
  const [, epoch] = /The vectors after epoch (\d+) of 12 are now “Trained”, and kept in this browser; a fresh worker starts with the next question\./.exec(message ?? '') ?? [];
  assert.equal(epoch, '3', message ?? '');
  assert.match(await page.textContent('#emb-train-phase'), new RegExp(`^Training stopped during epoch ${Number(epoch) + 1} of 12\\. The vectors after epoch ${epoch} are kept\\.$`));
  // The kept epoch is the trained set, asked in a fresh worker.
  await page.waitForFunction((epoch) => document.querySelector('#emb-set-info')?.textContent?.includes(`epoch ${epoch} of 12 (the run did not finish)`), epoch);
  await page.waitForFunction(() => document.querySelectorAll('#emb-nn-list li').length === 10);
  const records = (await storedRecords(page)).filter((record) => record.kind === 'vectors');
  assert.ok(records.some((record) => record.meta.partial && record.meta.epochsDone === Number(epoch)), 'the kept epoch is in the browser');
  // And the next run trains to the end.
  await page.fill('#emb-epochs', '1');
  await page.click('#emb-train-start');
  await page.waitForFunction(() => /kept in this browser/.test(document.querySelector('#emb-train-summary')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('the tokenizer worker ended while idle comes back with the next text, vocabulary and all', async () => {
  const { page, context, problems } = await site.open('#t=cl100k_base&text=hello');
  await page.waitForSelector('#chip-list .chip');
  const before = await tokenizeIds(page, text);
  const worker = await workerNamed(page, 'tokenizer-worker.js');
  worker.evaluate(() => self.close()).catch(() => {});
  // Nothing was pending; the worker is noticed gone, and the next action starts a fresh one.
  await page.waitForFunction(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('tokenizer-worker.js')).length >= 1);
  await page.waitForTimeout(300);
  const cl100k = engine.loadTiktoken('cl100k_base', new Uint8Array(readFileSync(path.join(webRoot, 'dist', 'vocab', 'cl100k_base.tiktoken'))));
  assert.deepEqual(before, Array.from(cl100k.encode(text).ids));
  assert.deepEqual(await tokenizeIds(page, `${text}!`), Array.from(cl100k.encode(`${text}!`).ids));
  cl100k.delete();
  assert.equal(page.workers().filter((candidate) => candidate.url().endsWith('tokenizer-worker.js')).length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});
