// The page's training workers under hostile use, in headless Chromium:
// requests go to each worker as the page would post them (dispatched inside
// the worker, answers caught there), so the tests can cancel at an exact
// phase and start two trainings at the same moment.
//
// BPE (train-worker.js): a training cancelled while reading, after reading,
// mid-merge or after it ended answers with what it had (cancelled: true); two
// trainings in one slot: the later one ends the earlier; in two slots both
// run to the merges each makes alone. Embeddings (embedding-worker.js): a
// training cancelled while reading, when ready or mid-epoch is an Error
// "training was cancelled"; a second training while one runs is an Error
// saying so. After each, a normal training in the same worker succeeds.
//
// Needs web/dist/; build-scripts/test makes it.
//
//   node --test tests/e2e/worker-hostile.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openSite } from './harness.mjs';

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite();
});

after(() => site?.close());

/**
 * @typedef {object} Request
 * @property {number} id negative, so no page request shares it
 * @property {string} type
 * @property {{id: number, phase: string}} [when] post once that request reports this phase
 * @property {string[]} [files] texts posted as File objects under args.source.files
 * @property {Record<string, unknown>} [args]
 *
 * @typedef {{phases: string[], ok?: boolean, result?: any, error?: string}} Transcript
 */

/**
 * Posts the requests inside the worker and returns, per id, the phases it
 * reported and its answer, once every request has answered.
 * @param {import('playwright-core').Page} page @param {string} script @param {Request[]} requests
 * @returns {Promise<Record<number, Transcript>>}
 */
async function converse(page, script, requests) {
  await page.waitForFunction((name) => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith(name)), script);
  let worker;
  while (!(worker = page.workers().find((candidate) => candidate.url().endsWith(script)))) await page.waitForTimeout(50);
  return worker.evaluate(
    (plan) =>
      new Promise((resolve) => {
        /** @type {Record<number, any>} */
        const transcripts = Object.fromEntries(plan.map((request) => [request.id, { phases: [] }]));
        const waiting = new Set(plan.filter((request) => request.when));
        const post = self.postMessage.bind(self);
        const send = (/** @type {any} */ request) => {
          const args = structuredClone(request.args ?? {});
          if (request.files) args.source = { files: request.files.map((text, i) => new File([text], `file-${i}.txt`)) };
          self.dispatchEvent(new MessageEvent('message', { data: { id: request.id, type: request.type, ...args } }));
        };
        self.postMessage = (/** @type {any} */ message, /** @type {any} */ options) => {
          const transcript = transcripts[message?.id];
          if (!transcript) return post(message, options);
          const phase = (message.event ?? message.progress)?.phase;
          if (phase && transcript.phases.at(-1) !== phase) transcript.phases.push(phase);
          if ('ok' in message) Object.assign(transcript, { ok: message.ok, result: message.result, error: message.error });
          for (const request of [...waiting]) {
            if (request.when.id === message.id && (request.when.phase === phase || (request.when.phase === 'answered' && 'ok' in message))) {
              waiting.delete(request);
              send(request);
            }
          }
          if (Object.values(transcripts).every((t) => 'ok' in t)) {
            self.postMessage = post;
            resolve(transcripts);
          }
        };
        for (const request of plan) if (!request.when) send(request);
      }),
    requests,
  );
}

// Text with enough distinct pairs that 800 merges take a few slices, and
// enough bytes that reading takes more than one chunk.
const bpeText = Array.from({ length: 40_000 }, (_, i) => `w${(i * 7919) % 5003} said ${(i * 31) % 977} to x${i % 211};`).join('\n');
const bpeOptions = { vocabSize: 1200, pretokenizer: 'gpt2', minFrequency: 2, specialTokens: [] };

/** @param {number} id @param {string} [slot] @param {string} [text] */
const bpeTrain = (id, slot = 'main', text = bpeText) => ({ id, type: 'train', args: { slot, sources: [{ name: 'corpus.txt', text }], options: bpeOptions } });

test('BPE training in its worker: cancelled at every phase, two at once in one slot or in two, and the worker keeps training', async () => {
  const { page, context, problems } = await site.open('#view=train');
  const worker = 'train-worker.js';
  const normal = (await converse(page, worker, [bpeTrain(-1)]))[-1];

  assert.equal(normal.ok, true, normal.error);
  assert.equal(normal.result.cancelled, false);
  assert.equal(normal.result.mergesDone, 1200 - 256);
  assert.deepEqual(normal.phases, ['reading', 'indexing', 'merging']);

  for (const phase of ['reading', 'indexing', 'merging']) {
    const run = await converse(page, worker, [bpeTrain(-10), { id: -11, type: 'cancel', args: { slot: 'main' }, when: { id: -10, phase } }]);
    assert.equal(run[-10].ok, true, `${phase}: ${run[-10].error}`);
    assert.equal(run[-10].result.cancelled, true, `cancelled while ${phase}`);
    assert.ok(run[-10].result.mergesDone < normal.result.mergesDone, `${phase}: ${run[-10].result.mergesDone} merges`);
    assert.equal(run[-11].result, true, 'the cancel found the run');
    if (phase !== 'merging') assert.equal(run[-10].result.mergesDone, 0, `cancelled while ${phase}, before merging`);
    const again = (await converse(page, worker, [bpeTrain(-12)]))[-12];
    assert.equal(again.result.mergesDone, normal.result.mergesDone, `a normal run after cancelling while ${phase}`);
  }
  const ended = await converse(page, worker, [bpeTrain(-20), { id: -21, type: 'cancel', args: { slot: 'main' }, when: { id: -20, phase: 'answered' } }]);
  assert.equal(ended[-20].result.cancelled, false);
  assert.equal(ended[-21].result, false, 'nothing left to cancel after the end');

  // Two at once in one slot: the later one ends the earlier.
  const sameSlot = await converse(page, worker, [bpeTrain(-30), bpeTrain(-31)]);
  assert.equal(sameSlot[-30].result.cancelled, true);
  assert.equal(sameSlot[-31].result.cancelled, false);
  assert.equal(sameSlot[-31].result.mergesDone, normal.result.mergesDone);
  // In two slots both run, interleaved, each to its own end.
  const otherText = bpeText.split('\n').reverse().join(' ');
  const alone = (await converse(page, worker, [bpeTrain(-40, 'prose', otherText)]))[-40];
  const twoSlots = await converse(page, worker, [bpeTrain(-41, 'main'), bpeTrain(-42, 'prose', otherText)]);
  assert.equal(twoSlots[-41].result.mergesDone, normal.result.mergesDone);
  assert.equal(twoSlots[-42].result.mergesDone, alone.result.mergesDone);
  const files = await converse(page, worker, [{ id: -43, type: 'files', args: { slot: 'prose' } }]);
  assert.ok(files[-43].result.tokenizerJson.length > 1000);

  assert.deepEqual(problems, []);
  await context.close();
});

const embeddingText = Array.from({ length: 6000 }, (_, i) => ['the cat sat on the mat', 'the dog sat on the log', 'a cat and a dog met'][i % 3]).join('\n');
/** @param {number} id */
const embeddingTrain = (id) => ({
  id,
  type: 'train',
  files: [embeddingText],
  args: { sourceName: 'file-0.txt', unit: 'words', text: { lowercase: true, stripPunctuation: true }, options: { model: 'skipgram', dim: 16, window: 3, negative: 5, minCount: 1, sample: 0, epochs: 30, learningRate: 0.025, seed: 3 } },
});

test('embedding training in its worker: cancelled at every phase, a second one refused while the first runs, and the worker keeps training', async () => {
  const { page, context, problems } = await site.open('#view=embeddings');
  const worker = 'embedding-worker.js';
  const normal = (await converse(page, worker, [embeddingTrain(-1)]))[-1];
  assert.equal(normal.ok, true, normal.error);
  assert.deepEqual(normal.phases.slice(0, 3), ['reading', 'ready', 'training']);

  for (const phase of ['reading', 'ready', 'training']) {
    const run = await converse(page, worker, [embeddingTrain(-10), { id: -11, type: 'cancel', when: { id: -10, phase } }]);
    assert.equal(run[-10].ok, false, `cancelled while ${phase}`);
    assert.equal(run[-10].error, 'training was cancelled');
    assert.equal(run[-11].result, true);
    const again = (await converse(page, worker, [embeddingTrain(-12)]))[-12];
    assert.equal(again.ok, true, `a normal run after cancelling while ${phase}: ${again.error}`);
    assert.equal(again.result.info.size, normal.result.info.size);
  }

  const both = await converse(page, worker, [embeddingTrain(-20), { ...embeddingTrain(-21), when: { id: -20, phase: 'training' } }]);
  assert.equal(both[-21].ok, false);
  assert.equal(both[-21].error, 'a training run is already going');
  assert.equal(both[-20].ok, true, both[-20].error);
  const after = (await converse(page, worker, [{ id: -22, type: 'neighbors', args: { key: 'trained', word: 'cat', k: 3 } }]))[-22];
  assert.equal(after.ok, true, after.error);
  assert.equal(after.result.ids.length, 3);

  assert.deepEqual(problems, []);
  await context.close();
});
