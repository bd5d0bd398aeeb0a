// @ts-check
// The module Web Worker that trains BPE vocabularies, with its own instance of
// the WebAssembly module, so training never blocks tokenizing in the engine
// worker.
//
// Protocol (as tokenizer-worker.js): the page posts {id, type, ...args}; the worker
// answers {id, ok: true, result} or {id, ok: false, error}, and may post
// {id, event} before answering (reading progress, merges as they come).
//
// Training runs in slices of step(n), sized to take about 40 ms each; between
// slices the worker yields a macrotask, so a {type: "cancel", slot} message is
// seen at most one slice later. Trainers live in named slots ("main", "stepper",
// "prose", "code"), each replaced by the next training in its slot.
//
//   post {id: 1, type: "train", slot: "main", sources: [{name, blob}], options: {vocabSize: 8000, ...}}
//   ← {id: 1, event: {phase: "reading", loaded, total}} ... {id: 1, event: {phase: "merging", merges, ...}}
//   ← {id: 1, ok: true, result: {mergesDone, stopReason, heldOut, ...}}

import createTokenlabModule from '../dist/tokenlab.js';
import { Engine } from './engine.js';
import { TrainerEngine } from './trainer-engine.js';
import { readSources } from './train-sources.js';
import { serveRequests, trainingErrorMessage } from './worker-protocol.js';

/** @type {Promise<any>} */
const modulePromise = createTokenlabModule({
  locateFile: (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url).href,
});

/** Slices aim at this long, so cancel and progress stay prompt. */
const sliceTargetMs = 40;
/** Progress events at most this often while merging. */
const eventIntervalMs = 100;

/**
 * @typedef {object} Slot
 * @property {import('./trainer-engine.js').BpeTrainer} trainer
 * @property {import('./engine.js').Tokenizer | null} tokenizer the exported vocabulary loaded for encoding, made on first use
 */

/** @type {Map<string, Slot>} */
const slots = new Map();

/** The cancel flag of the training running in each slot. @type {Map<string, {cancelled: boolean}>} */
const running = new Map();

// A macrotask without setTimeout's clamping: a message to ourselves.
const yieldChannel = new MessageChannel();
/** @type {(() => void)[]} */
const yieldWaiters = [];
yieldChannel.port1.onmessage = () => yieldWaiters.shift()?.();
function nextMacrotask() {
  return new Promise((resolve) => {
    yieldWaiters.push(() => resolve(undefined));
    yieldChannel.port2.postMessage(null);
  });
}

/** @param {string} name */
function slotFor(name) {
  const slot = slots.get(name);
  if (!slot) throw new Error(`nothing has been trained in slot ${name}`);
  return slot;
}

/** Trainers a "train" request is still running; the request frees its own when replaced. */
const training = new Set();

/** @param {string} name @param {import('./trainer-engine.js').BpeTrainer} trainer */
function replaceSlot(name, trainer) {
  const old = slots.get(name);
  old?.tokenizer?.delete();
  // A run being replaced may be between slices: it sees its cancel flag, answers
  // with what it has, and then frees its trainer itself.
  if (old && !training.has(old.trainer)) old.trainer.delete();
  slots.set(name, { trainer, tokenizer: null });
}

/** @param {import('./trainer-engine.js').BpeTrainer} trainer @param {number} from merges already sent */
function mergesSince(trainer, from) {
  const merges = trainer.merges(from);
  const tokens = trainer.tokenBytes(256 + from);
  return {
    event: { first: from, merges, tokens },
    transfer: [merges.left.buffer, merges.right.buffer, merges.ids.buffer, merges.counts.buffer, tokens.bytes.buffer, tokens.offsets.buffer],
  };
}

/** @param {import('./trainer-engine.js').BpeTrainer} trainer */
function stepperSnapshot(trainer) {
  const merges = trainer.merges(0);
  const tokens = trainer.tokenBytes(256);
  return {
    merges,
    tokens,
    topPairs: trainer.topPairs(12),
    segmentation: trainer.segmentation(40),
    done: trainer.done,
    stopReason: trainer.stopReason,
    stopReasonText: trainer.stopReasonText,
    mergesTarget: trainer.mergesTarget,
  };
}

/**
 * @typedef {(event: object, transfer?: Transferable[]) => void} Emit
 * @type {Record<string, (message: any, emit: Emit) => Promise<{result: any, transfer?: Transferable[]}>>}
 */
const handlers = {
  async train({ slot, sources, options, holdOut = false }, emit) {
    const module = await modulePromise;
    const engine = new TrainerEngine(module);
    const run = { cancelled: false };
    // A new training in a slot ends the one before it there.
    const previous = running.get(slot);
    if (previous) previous.cancelled = true;
    running.set(slot, run);
    /** @type {import('./trainer-engine.js').BpeTrainer | null} */
    let trainer = null;
    try {
      // 1. Read: every file streamed in chunks straight into the trainer,
      // refused before any text is read when the files are over the limit.
      const { notes, heldOut, loaded, readMs } = await readSources(sources, {
        holdOut,
        start: (total) => {
          trainer = engine.createTrainer({ ...options, corpusBytes: total });
          replaceSlot(slot, trainer);
          training.add(trainer);
          return trainer;
        },
        emit,
        cancelled: () => run.cancelled,
      });
      if (!trainer) throw new Error('the trainer was not created');

      // 2. Merge in slices, sending the new merges between them.
      emit({ phase: 'indexing' });
      await nextMacrotask();
      const mergeStart = performance.now();
      let sent = 0;
      let batch = 1;
      let lastEvent = 0;
      while (!trainer.done && !run.cancelled) {
        const sliceStart = performance.now();
        trainer.step(batch);
        const now = performance.now();
        const sliceMs = Math.max(now - sliceStart, 0.05);
        batch = Math.max(1, Math.min(50_000, Math.round(batch * Math.min(4, sliceTargetMs / sliceMs))));
        if (now - lastEvent > eventIntervalMs || trainer.done) {
          lastEvent = now;
          const done = trainer.mergesDone;
          const { event, transfer } = mergesSince(trainer, sent);
          sent = done;
          const elapsedMs = now - mergeStart;
          const target = trainer.mergesTarget;
          emit({ phase: 'merging', mergesDone: done, mergesTarget: target, elapsedMs, etaMs: done > 0 ? (elapsedMs / done) * (target - done) : null, ...event }, transfer);
        }
        await nextMacrotask();
      }
      if (sent < trainer.mergesDone) {
        const { event, transfer } = mergesSince(trainer, sent);
        emit({ phase: 'merging', mergesDone: trainer.mergesDone, mergesTarget: trainer.mergesTarget, elapsedMs: performance.now() - mergeStart, etaMs: 0, ...event }, transfer);
      }
      const result = {
        cancelled: run.cancelled,
        mergesDone: trainer.mergesDone,
        mergesTarget: trainer.mergesTarget,
        vocabSize: trainer.vocabSize,
        stopReason: trainer.stopReason,
        stopReasonText: trainer.stopReasonText,
        stats: trainer.corpusStats(),
        bytesRead: loaded,
        readMs,
        mergeMs: performance.now() - mergeStart,
        heapBytes: engine.heapBytes(),
        memory: engine.memory(),
        heldOut,
        notes,
      };
      return { result, transfer: heldOut ? [heldOut.buffer] : [] };
    } finally {
      if (running.get(slot) === run) running.delete(slot);
      if (trainer) {
        training.delete(trainer);
        // Replaced by a later run while this one went on: nothing else holds it.
        if (slots.get(slot)?.trainer !== trainer) trainer.delete();
      }
    }
  },

  async cancel({ slot }) {
    const run = running.get(slot);
    if (run) run.cancelled = true;
    return { result: Boolean(run) };
  },

  async stepStart({ slot, text, options }) {
    const engine = new TrainerEngine(await modulePromise);
    const trainer = engine.createTrainer(options);
    replaceSlot(slot, trainer);
    trainer.addText(text);
    trainer.finishText();
    trainer.step(0);
    return { result: { tieBreakRule: engine.tieBreakRule(), ...stepperSnapshot(trainer) } };
  },

  async step({ slot, count }) {
    const { trainer } = slotFor(slot);
    const ran = trainer.step(count);
    return { result: { ran, ...stepperSnapshot(trainer) } };
  },

  async files({ slot }) {
    const { trainer } = slotFor(slot);
    const tokenizerJson = trainer.tokenizerJson();
    const tiktoken = trainer.tiktokenRanks();
    return { result: { tokenizerJson, tiktoken }, transfer: [tokenizerJson.buffer, tiktoken.buffer] };
  },

  async prefixCounts({ slot, text }) {
    const counts = slotFor(slot).trainer.prefixTokenCounts(text);
    return { result: counts, transfer: [counts.buffer] };
  },

  async vocabulary({ slot }) {
    const { trainer } = slotFor(slot);
    const { event, transfer } = mergesSince(trainer, 0);
    return { result: event, transfer };
  },

  /** Encodes with the slot's vocabulary as its tokenizer.json reads (for side-by-side splits). */
  async encode({ slot, text }) {
    const module = await modulePromise;
    const entry = slotFor(slot);
    if (!entry.tokenizer) entry.tokenizer = new Engine(module).loadTokenizerJson(`${slot} vocabulary`, entry.trainer.tokenizerJson());
    const encoding = entry.tokenizer.encode(text);
    return { result: encoding, transfer: [encoding.ids.buffer, encoding.starts.buffer, encoding.ends.buffer, encoding.bytes.buffer] };
  },

  /** Loads an imported tokenizer.json once, to report what is wrong with it before the page uses it. */
  async checkTokenizerJson({ bytes }) {
    const tokenizer = new Engine(await modulePromise).loadTokenizerJson('imported', bytes);
    const result = { vocabSize: tokenizer.vocabSize };
    tokenizer.delete();
    return { result };
  },

  async heap() {
    const engine = new TrainerEngine(await modulePromise);
    return { result: { heapBytes: engine.heapBytes(), memory: engine.memory() } };
  },
};

serveRequests(
  handlers,
  (id) => /** @type {Emit} */ ((payload, transfer = []) => self.postMessage({ id, event: payload }, { transfer })),
  trainingErrorMessage,
);
