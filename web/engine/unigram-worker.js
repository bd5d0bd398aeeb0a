// @ts-check
// The module Web Worker that trains Unigram vocabularies, with its own
// instance of the WebAssembly module. A Unigram vocabulary exists only once
// training ends (every EM round re-scores all pieces), so training is one long
// call that posts its phases as it goes; the page cancels by ending this
// worker (UnigramClient.cancel), which leaves the BPE worker's trainers alone.
//
// Protocol (as train-worker.js): the page posts {id, type, ...args}; the
// worker answers {id, ok: true, result} or {id, ok: false, error}, and may
// post {id, event} before answering.
//
//   post {id: 1, type: "train", slot: "main", sources: [{name, blob}], options: {vocabSize: 8000, byteFallback: true}}
//   ← {id: 1, event: {phase: "reading", loaded, total}} ... {id: 1, event: {phase: "EM", round: 1, pieces, target}}
//   ← {id: 1, ok: true, result: {tokenizerJson, pieces, summary, heldOut, ...}}
//   post {id: 2, type: "encode", slot: "main", text: "Call me Ishmael."} ← {id: 2, ok: true, result: {ids, starts, ends, ...}}

import createTokenlabModule from '../dist/tokenlab.js';
import { Engine } from './engine.js';
import { engineMemory } from './memory.js';
import { readSources } from './train-sources.js';
import { createUnigramTrainer } from './unigram-trainer-engine.js';
import { serveRequests, trainingErrorMessage } from './worker-protocol.js';

/** @type {Promise<any>} */
const modulePromise = createTokenlabModule({
  locateFile: (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url).href,
});

/** Each slot's trained vocabulary, loaded as its tokenizer.json reads. @type {Map<string, import('./engine.js').Tokenizer>} */
const slots = new Map();

/**
 * @typedef {(event: object, transfer?: Transferable[]) => void} Emit
 * @type {Record<string, (message: any, emit: Emit) => Promise<{result: any, transfer?: Transferable[]}>>}
 */
const handlers = {
  async train({ slot, sources, options, holdOut = false }, emit) {
    const module = await modulePromise;
    /** @type {import('./unigram-trainer-engine.js').UnigramTrainer | null} */
    let trainer = null;
    try {
      // 1. Read every file in chunks into the trainer.
      const { notes, heldOut, loaded, readMs } = await readSources(sources, {
        holdOut,
        start: (total) => {
          trainer = createUnigramTrainer(module, { ...options, corpusBytes: total });
          return trainer;
        },
        emit,
        cancelled: () => false,
      });
      if (!trainer) throw new Error('the trainer was not created');

      // 2. Train: seeds, EM rounds and pruning, each phase posted as it ends.
      const trainStart = performance.now();
      emit({ phase: 'seeding', round: 0, subIteration: 0, pieces: 0, target: options.vocabSize, objective: 0, elapsedMs: 0 });
      trainer.train((progress) => emit({ ...progress, elapsedMs: performance.now() - trainStart }));
      const trainMs = performance.now() - trainStart;

      const tokenizerJson = trainer.tokenizerJson();
      const pieces = trainer.pieces();
      const summary = trainer.summary();
      slots.get(slot)?.delete();
      slots.set(slot, new Engine(module).loadTokenizerJson(`${slot} Unigram vocabulary`, tokenizerJson));
      const result = { tokenizerJson, pieces, summary, heldOut, notes, bytesRead: loaded, readMs, trainMs, memory: engineMemory(module) };
      const transfer = [tokenizerJson.buffer, pieces.bytes.buffer, pieces.offsets.buffer, pieces.scores.buffer, pieces.kinds.buffer];
      if (heldOut) transfer.push(heldOut.buffer);
      return { result, transfer };
    } finally {
      /** @type {any} */ (trainer)?.delete();
    }
  },

  /** Encodes with the slot's vocabulary (for side-by-side splits). */
  async encode({ slot, text }) {
    const tokenizer = slots.get(slot);
    if (!tokenizer) throw new Error(`no Unigram vocabulary has been trained in slot ${slot}`);
    const encoding = tokenizer.encode(text);
    return { result: encoding, transfer: [encoding.ids.buffer, encoding.starts.buffer, encoding.ends.buffer, encoding.bytes.buffer] };
  },
};

serveRequests(
  handlers,
  (id) => /** @type {Emit} */ ((payload, transfer = []) => self.postMessage({ id, event: payload }, { transfer })),
  trainingErrorMessage,
);
