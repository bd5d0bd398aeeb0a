// @ts-check
// The BPE trainer of the WebAssembly module: camelCase methods over the raw
// "_"-prefixed Embind bindings (src/bindings/trainer_bindings.cpp), and the
// handle's lifetime. Runs unchanged in a Web Worker and in node.
//
//   const trainer = new TrainerEngine(module).createTrainer({vocabSize: 300, pretokenizer: 'whitespace'});
//   trainer.addText(bytes); trainer.step(100); trainer.merges(0).ids; trainer.delete();
//
// Memory: a trainer takes at most corpusLimit(pretokenizer) bytes of text
// (train-limits.js). createTrainer refuses a corpusBytes above it before
// anything is allocated, and addText refuses the chunk that would pass it,
// each with the numbers; the module itself can grow to 2 GB.

import { countArg } from './args.js';
import { engineMemory } from './memory.js';
import { corpusLimit, corpusLimitProblem } from './train-limits.js';

/**
 * @typedef {object} TrainerOptions
 * @property {number} vocabSize every token: 256 bytes + merges + special tokens
 * @property {string} pretokenizer gpt2 | cl100k | o200k | whitespace | none
 * @property {number} [minFrequency] pairs seen fewer times are never merged (default 2)
 * @property {string[]} [specialTokens]
 * @property {number} [corpusBytes] the text to come, when known: above the limit is refused at once
 *
 * @typedef {{left: Uint32Array, right: Uint32Array, ids: Uint32Array, counts: Float64Array}} Merges
 * @typedef {{left: Uint32Array, right: Uint32Array, counts: Float64Array}} PairCounts
 * @typedef {{bytes: Uint8Array, offsets: Uint32Array}} TokenBytes
 * @typedef {{pieces: Uint8Array, pieceOffsets: Uint32Array, frequencies: Float64Array, tokens: Uint32Array, tokenOffsets: Uint32Array}} Segmentation
 * @typedef {'running' | 'vocabulary-full' | 'below-min-frequency' | 'no-pairs-left'} StopReason
 */

const textEncoder = new TextEncoder();

export class BpeTrainer {
  /** @param {any} handle raw Embind handle @param {string} pretokenizer */
  constructor(handle, pretokenizer) {
    /** @type {any} */
    this.handle = handle;
    this.pretokenizer = pretokenizer;
    /** Bytes of text taken so far. */
    this.bytesAdded = 0;
  }

  /** @returns {any} */
  live() {
    if (!this.handle) throw new Error('the trainer was deleted (released with delete()); create a new one to train again');
    return this.handle;
  }

  /**
   * A chunk of the current text, cut anywhere (even inside a character).
   * Throws, taking none of it, when it would pass the corpus limit.
   * @param {Uint8Array | string} chunk
   */
  addText(chunk) {
    const bytes = typeof chunk === 'string' ? textEncoder.encode(chunk) : chunk;
    const handle = this.live();
    const total = this.bytesAdded + bytes.length;
    if (total > corpusLimit(this.pretokenizer)) throw new Error(/** @type {string} */ (corpusLimitProblem(total, this.pretokenizer)));
    handle._addText(bytes);
    this.bytesAdded = total;
  }

  /** Ends the current document: no piece spans two documents. */
  finishText() {
    this.live()._finishText();
  }

  /** Runs up to maxMerges merges (the first call also indexes the pairs); returns how many ran. @param {number} maxMerges */
  step(maxMerges) {
    return /** @type {number} */ (this.live()._step(countArg(maxMerges, 'merges per step')));
  }

  /** @returns {boolean} */
  get done() {
    return this.live()._done();
  }

  /** @returns {StopReason} */
  get stopReason() {
    return this.live()._stopReason();
  }

  /** The stop reason in words ("vocabulary size reached"). @returns {string} */
  get stopReasonText() {
    return this.live()._stopReasonText();
  }

  /** @returns {number} */
  get mergesDone() {
    return this.live()._mergesDone();
  }

  /** Merges to run unless training stops early. @returns {number} */
  get mergesTarget() {
    return this.live()._mergesTarget();
  }

  /** 256 bytes + merges so far + special tokens. @returns {number} */
  get vocabSize() {
    return this.live()._vocabSize();
  }

  /** Merges from index first on. @param {number} [first] @returns {Merges} */
  merges(first = 0) {
    return this.live()._merges(countArg(first, 'the first merge'));
  }

  /** Bytes of token ids first .. 256 + merges - 1. @param {number} [first] @returns {TokenBytes} */
  tokenBytes(first = 0) {
    return this.live()._tokenBytes(countArg(first, 'the first token id'));
  }

  /** The k most frequent pairs now, in the order they would merge. @param {number} k @returns {PairCounts} */
  topPairs(k) {
    return this.live()._topPairs(countArg(k, 'the number of pairs'));
  }

  /** The most frequent distinct pieces, split into their current tokens. @param {number} maxPieces @returns {Segmentation} */
  segmentation(maxPieces) {
    return this.live()._segmentation(countArg(maxPieces, 'the number of pieces'));
  }

  /** @returns {{totalPieces: number, distinctPieces: number}} */
  corpusStats() {
    return this.live()._corpusStats();
  }

  /** The vocabulary so far as a Hugging Face tokenizer.json. @returns {Uint8Array} */
  tokenizerJson() {
    return this.live()._tokenizerJson();
  }

  /** The vocabulary so far as tiktoken ranks (special tokens are not part of that format). @returns {Uint8Array} */
  tiktokenRanks() {
    return this.live()._tiktokenRanks();
  }

  /**
   * Tokens of text under the first k merges, for every k from 0 to the merges so far.
   * @param {Uint8Array | string} text
   * @returns {Float64Array}
   */
  prefixTokenCounts(text) {
    return this.live()._prefixTokenCounts(typeof text === 'string' ? textEncoder.encode(text) : text);
  }

  /** Frees the engine's trainer; later calls throw. Safe to call twice. */
  delete() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }
}

export class TrainerEngine {
  /** @param {any} module the instantiated Emscripten module (dist/tokenlab.js) */
  constructor(module) {
    this.module = module;
  }

  /**
   * Throws an Error for a vocabulary size out of range, an unknown
   * pre-tokenizer, empty or repeated special tokens, or a corpusBytes over
   * the limit (naming the corpus, the limit and the module's maximum).
   * @param {TrainerOptions} options
   */
  createTrainer({ vocabSize, pretokenizer, minFrequency = 2, specialTokens = [], corpusBytes = 0 }) {
    const tooBig = corpusLimitProblem(corpusBytes, pretokenizer);
    if (tooBig) throw new Error(tooBig);
    const size = countArg(vocabSize, 'the vocabulary size');
    const minimum = countArg(minFrequency, 'the minimum frequency');
    return new BpeTrainer(this.module.Trainer._create(size, pretokenizer, minimum, specialTokens), pretokenizer);
  }

  /** How the trainer chooses among pairs with equal counts, in words. @returns {string} */
  tieBreakRule() {
    return this.module.Trainer._tieBreakRule();
  }

  /** Current size of the module's memory in bytes. */
  heapBytes() {
    return /** @type {number} */ (this.module.HEAPU8.length);
  }

  /** The module's memory now, its maximum and the bytes in use. */
  memory() {
    return engineMemory(this.module);
  }
}
