// @ts-check
// The BPE trainer of the WebAssembly module: camelCase methods over the raw
// "_"-prefixed Embind bindings (src/bindings/trainer_bindings.cpp), and the
// handle's lifetime. Runs unchanged in a Web Worker and in node.
//
//   const trainer = new TrainerEngine(module).createTrainer({vocabSize: 300, pretokenizer: 'whitespace'});
//   trainer.addText(bytes); trainer.step(100); trainer.merges(0).ids; trainer.delete();

/**
 * @typedef {object} TrainerOptions
 * @property {number} vocabSize every token: 256 bytes + merges + special tokens
 * @property {string} pretokenizer gpt2 | cl100k | o200k | whitespace | none
 * @property {number} [minFrequency] pairs seen fewer times are never merged (default 2)
 * @property {string[]} [specialTokens]
 *
 * @typedef {{left: Uint32Array, right: Uint32Array, ids: Uint32Array, counts: Float64Array}} Merges
 * @typedef {{left: Uint32Array, right: Uint32Array, counts: Float64Array}} PairCounts
 * @typedef {{bytes: Uint8Array, offsets: Uint32Array}} TokenBytes
 * @typedef {{pieces: Uint8Array, pieceOffsets: Uint32Array, frequencies: Float64Array, tokens: Uint32Array, tokenOffsets: Uint32Array}} Segmentation
 * @typedef {'running' | 'vocabulary-full' | 'below-min-frequency' | 'no-pairs-left'} StopReason
 */

const textEncoder = new TextEncoder();

export class BpeTrainer {
  /** @param {any} handle raw Embind handle */
  constructor(handle) {
    /** @type {any} */
    this.handle = handle;
  }

  /** @returns {any} */
  live() {
    if (!this.handle) throw new Error('the trainer was deleted');
    return this.handle;
  }

  /** A chunk of the current text, cut anywhere (even inside a character). @param {Uint8Array | string} chunk */
  addText(chunk) {
    this.live()._addText(typeof chunk === 'string' ? textEncoder.encode(chunk) : chunk);
  }

  /** Ends the current document: no piece spans two documents. */
  finishText() {
    this.live()._finishText();
  }

  /** Runs up to maxMerges merges (the first call also indexes the pairs); returns how many ran. @param {number} maxMerges */
  step(maxMerges) {
    return /** @type {number} */ (this.live()._step(maxMerges));
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
    return this.live()._merges(first);
  }

  /** Bytes of token ids first .. 256 + merges - 1. @param {number} [first] @returns {TokenBytes} */
  tokenBytes(first = 0) {
    return this.live()._tokenBytes(first);
  }

  /** The k most frequent pairs now, in the order they would merge. @param {number} k @returns {PairCounts} */
  topPairs(k) {
    return this.live()._topPairs(k);
  }

  /** The most frequent distinct pieces, split into their current tokens. @param {number} maxPieces @returns {Segmentation} */
  segmentation(maxPieces) {
    return this.live()._segmentation(maxPieces);
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
   * pre-tokenizer or empty or repeated special tokens.
   * @param {TrainerOptions} options
   */
  createTrainer({ vocabSize, pretokenizer, minFrequency = 2, specialTokens = [] }) {
    return new BpeTrainer(this.module.Trainer._create(vocabSize, pretokenizer, minFrequency, specialTokens));
  }

  /** How the trainer chooses among pairs with equal counts, in words. @returns {string} */
  tieBreakRule() {
    return this.module.Trainer._tieBreakRule();
  }

  /** Current size of the module's memory in bytes. */
  heapBytes() {
    return /** @type {number} */ (this.module.HEAPU8.length);
  }
}
