// @ts-check
// The Unigram trainer of the WebAssembly module: camelCase methods over the
// raw "_"-prefixed Embind bindings (src/bindings/unigram_trainer_bindings.cpp),
// and the handle's lifetime. Runs unchanged in a Web Worker and in node.
//
//   const trainer = createUnigramTrainer(module, {vocabSize: 2000});
//   trainer.addText(bytes); trainer.finishText();
//   trainer.train((progress) => ...);   // one call: EM re-scores every piece until the end
//   trainer.pieces().scores; trainer.tokenizerJson(); trainer.delete();
//
// Memory: the trainer keeps each distinct word once, as the BPE trainer with
// a pre-tokenizer keeps its pieces, so the same corpus limit holds
// (train-limits.js, maxCorpusBytes).

import { countArg } from './args.js';
import { corpusLimitProblem } from './train-limits.js';

/** The largest vocabulary the page trains (as for BPE). */
export const maxUnigramVocabSize = 100_000;

const textEncoder = new TextEncoder();

/**
 * @typedef {object} UnigramOptions
 * @property {number} vocabSize every id: <unk>, <s>, </s>, the 256 byte pieces when byteFallback, learned pieces
 * @property {boolean} [byteFallback] characters no piece holds become their UTF-8 bytes instead of <unk>
 * @property {number} [corpusBytes] the text to come, when known: above the limit is refused at once
 *
 * @typedef {{phase: 'seeding' | 'EM' | 'pruning' | 'finishing', round: number, subIteration: number, pieces: number, target: number, objective: number}} UnigramProgress
 * @typedef {{bytes: Uint8Array, offsets: Uint32Array, scores: Float64Array, kinds: Uint8Array}} UnigramPieces
 * @typedef {{stopReason: 'vocabulary-full' | 'too-few-pieces', stopReasonText: string, vocabSize: number, totalWords: number,
 *   distinctWords: number, characters: number, rareCharacters: number, seedPieces: number, rounds: number, objective: number}} UnigramSummary
 */

/** Piece kinds as the engine numbers them. */
export const pieceKinds = /** @type {const} */ (['normal', 'unknown', 'control', 'user-defined', 'unused', 'byte']);

export class UnigramTrainer {
  /** @param {any} handle raw Embind handle */
  constructor(handle) {
    /** @type {any} */
    this.handle = handle;
  }

  /** @returns {any} */
  live() {
    if (!this.handle) throw new Error('the Unigram trainer was deleted (released with delete()); create a new one to train again');
    return this.handle;
  }

  /** A chunk of the current text, cut anywhere (even inside a character). @param {Uint8Array | string} chunk */
  addText(chunk) {
    this.live()._addText(typeof chunk === 'string' ? textEncoder.encode(chunk) : chunk);
  }

  /** Ends the current document: no word spans two documents. */
  finishText() {
    this.live()._finishText();
  }

  /** Trains to the end; progress gets each phase as it ends. @param {(progress: UnigramProgress) => void} [progress] */
  train(progress) {
    this.live()._train(progress ?? null);
  }

  /** @returns {boolean} */
  get trained() {
    return this.live()._trained();
  }

  /** The vocabulary by id. @returns {UnigramPieces} */
  pieces() {
    return this.live()._pieces();
  }

  /** @returns {UnigramSummary} */
  summary() {
    return this.live()._summary();
  }

  /** The vocabulary as a tokenizer.json file. @returns {Uint8Array} */
  tokenizerJson() {
    return this.live()._tokenizerJson();
  }

  delete() {
    this.handle?.delete();
    this.handle = null;
  }
}

/**
 * Throws an Error for a vocabulary size out of range or a corpusBytes over the limit.
 * @param {any} module the instantiated Emscripten module (dist/tokenlab.js)
 * @param {UnigramOptions} options
 */
export function createUnigramTrainer(module, { vocabSize, byteFallback = false, corpusBytes = 0 }) {
  const tooBig = corpusLimitProblem(corpusBytes, 'whitespace');
  if (tooBig) throw new Error(tooBig.replace('tokenlab train-bpe', 'tokenlab train-unigram'));
  const size = countArg(vocabSize, 'the vocabulary size');
  if (size > maxUnigramVocabSize) throw new Error(`the vocabulary size ${size.toLocaleString('en-US')} is above the page’s ${maxUnigramVocabSize.toLocaleString('en-US')}`);
  return new UnigramTrainer(module.UnigramTrainer._create({ vocabSize: size, byteFallback }));
}
