// @ts-check
// The one owner of the WebAssembly module: camelCase methods over the raw
// "_"-prefixed Embind bindings, text <-> UTF-8 bytes, and handle lifetimes.
// Runs unchanged in a Web Worker and in node.

import { engineMemory } from './memory.js';

const textEncoder = new TextEncoder();

/**
 * @typedef {{ids: Uint32Array, starts: Uint32Array, ends: Uint32Array}} RawEncoding
 * @typedef {RawEncoding & {bytes: Uint8Array}} Encoding
 * @typedef {{bytes: Uint8Array, offsets: Uint32Array, special: Uint8Array}} Vocabulary
 * @typedef {object} TokenTrace the engine's TokenTrace (src/bindings/trace_adapters.cpp)
 * @property {'rank-bpe' | 'merge-bpe' | 'wordpiece' | 'unigram'} kind
 * @property {Uint8Array} piece the ids' text as the model reads it
 * @property {boolean} matches the replay ends in the ids given
 * @property {boolean} wholeToken some pre-token is a token taken whole, without merging
 * @property {Uint32Array} replayed the tokens the replay gives
 * @property {Uint32Array} initialIds BPE: the symbols before any merge
 * @property {Uint32Array} initialStarts
 * @property {Uint32Array} lefts BPE merges, in order: left part, right part, result, rank,
 * @property {Uint32Array} rights and the piece's bytes [begin, split) + [split, end)
 * @property {Uint32Array} results
 * @property {Uint32Array} ranks
 * @property {Uint32Array} begins
 * @property {Uint32Array} splits
 * @property {Uint32Array} ends
 * @property {Uint32Array} finalIds BPE: the symbols the merges end in
 * @property {Uint32Array} finalStarts
 * @property {Uint32Array} pieceIds WordPiece's matches or Unigram's best path, over [begin, end)
 * @property {Uint32Array} pieceBegins
 * @property {Uint32Array} pieceEnds
 * @property {Float64Array} pieceScores Unigram: each piece's score
 * @property {number} totalScore Unigram: the best path's score
 * @property {Uint32Array} altSegments Unigram: other pieces starting where segment altSegments[i] does,
 * @property {Uint32Array} altIds ending at altEnds[i], scoring altScores[i], the best path through
 * @property {Uint32Array} altEnds them scoring altTotals[i]
 * @property {Float64Array} altScores
 * @property {Float64Array} altTotals
 * @typedef {{allowSpecial?: boolean, addSpecialTokens?: boolean}} EncodeOptions
 *   allowSpecial: text spelling a special token becomes that token (default false);
 *   addSpecialTokens: BOS / [CLS] ... [SEP] of Hugging Face tokenizers, as their
 *   reference adds them (default true; tiktoken encodings add none)
 */

/**
 * Text to the bytes the engine tokenizes. Lone UTF-16 surrogates become
 * U+FFFD, exactly as TextEncoder (and so tiktoken's own binding) does.
 * @param {string | Uint8Array} text
 */
export function toUtf8(text) {
  return typeof text === 'string' ? textEncoder.encode(text) : text;
}

export class Tokenizer {
  /** @param {any} handle raw Embind handle */
  constructor(handle) {
    /** @type {any} */
    this.handle = handle;
    this.name = handle._name();
    this.vocabSize = handle._vocabSize();
  }

  /** @returns {any} */
  live() {
    if (!this.handle) throw new Error(`tokenizer ${this.name} was deleted (released with delete()); load it again to use it`);
    return this.handle;
  }

  /**
   * Tokens the tokenizer adds around the text (BOS first, [SEP] last) have an
   * empty span: at 0 before the text, at its end after it.
   * @param {string | Uint8Array} text
   * @param {EncodeOptions} [options]
   * @returns {Encoding}
   */
  encode(text, options = {}) {
    const bytes = toUtf8(text);
    this.pass(bytes);
    const raw = /** @type {RawEncoding} */ (
      this.handle._encode(Boolean(options.allowSpecial), options.addSpecialTokens ?? true)
    );
    return { ids: raw.ids, starts: raw.starts, ends: raw.ends, bytes };
  }

  /**
   * Copies the text into the engine's input buffer with one TypedArray.set
   * (see TokenizerHandle::input_view); the next call must read it.
   * @param {Uint8Array} bytes
   */
  pass(bytes) {
    /** @type {Uint8Array} */ (this.live()._inputView(bytes.length)).set(bytes);
  }

  /** @param {string | Uint8Array} text @param {EncodeOptions} [options] */
  count(text, options = {}) {
    this.pass(toUtf8(text));
    return /** @type {number} */ (this.handle._count(Boolean(options.allowSpecial), options.addSpecialTokens ?? true));
  }

  /**
   * The ids encode adds around the text when addSpecialTokens is on.
   * @returns {{prefix: Uint32Array, suffix: Uint32Array}}
   */
  addedSpecialTokens() {
    return this.live()._addedSpecialTokens();
  }

  /**
   * Throws an Error naming the first id that is not a token of this
   * vocabulary (negative, fractional, NaN or too large), before any id crosses.
   * @param {ArrayLike<number>} ids @returns {Uint8Array}
   */
  decode(ids) {
    if (!(ids instanceof Uint32Array)) {
      // Uint32Array.from would wrap -1 to 4294967295 and NaN to 0.
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
          throw new Error(`token id ${String(id)} is not in ${this.name} (vocabulary size ${this.vocabSize})`);
        }
      }
    }
    const array = ids instanceof Uint32Array ? ids : Uint32Array.from(ids);
    return this.live()._decode(array);
  }

  /**
   * A token's story: the model's own steps to the tokens of one word (merges
   * with their ranks, WordPiece's longest matches, Unigram's best path and
   * its alternatives), replayed in the engine (hf/model_trace.h), with
   * matches telling whether the replay ends in these very ids.
   * @param {ArrayLike<number>} ids the tokens the encoder gave one word
   * @returns {TokenTrace}
   */
  trace(ids) {
    for (let i = 0; i < ids.length; i++) {
      if (!Number.isInteger(ids[i]) || ids[i] < 0 || ids[i] >= this.vocabSize) throw new Error(`token id ${String(ids[i])} is not in ${this.name} (vocabulary size ${this.vocabSize})`);
    }
    return this.live()._trace(ids instanceof Uint32Array ? ids : Uint32Array.from(ids));
  }

  /** @returns {Vocabulary} */
  vocabulary() {
    return this.live()._vocabulary();
  }

  memoryBytes() {
    return /** @type {number} */ (this.live()._memoryBytes());
  }

  /** Frees the engine's copy; later calls throw. Safe to call twice. */
  delete() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }
}

export class Engine {
  /** @param {any} module the instantiated Emscripten module */
  constructor(module) {
    this.module = module;
  }

  /**
   * Which tokens two encodings share (src/tokenizer/diff/token_diff.h): 1 for
   * each token outside their longest common subsequence.
   * @param {Uint32Array} before @param {Uint32Array} after
   * @returns {{beforeChanged: Uint8Array, afterChanged: Uint8Array, edits: number, approximate: boolean}}
   */
  diffIds(before, after) {
    return this.module._diffIds(before, after);
  }

  /** @param {string} name r50k_base | p50k_base | cl100k_base | o200k_base @param {Uint8Array} rankFile */
  loadTiktoken(name, rankFile) {
    return new Tokenizer(this.module.Tokenizer._fromTiktoken(name, rankFile));
  }

  /** @param {string} name @param {string} pattern gpt2 | cl100k | o200k | ... @param {Uint8Array} rankFile */
  loadCustomTiktoken(name, pattern, rankFile) {
    return new Tokenizer(this.module.Tokenizer._fromCustomTiktoken(name, pattern, rankFile));
  }

  /**
   * A Hugging Face tokenizer.json: the built-in llama2.json, llama3.json,
   * mistral.json, bert-base-uncased.json of dist/vocab/, or a dropped file.
   * Throws an Error naming an unsupported component or what failed to parse.
   * @param {string} name shown as the tokenizer's name @param {Uint8Array} json the file's bytes
   */
  loadTokenizerJson(name, json) {
    return new Tokenizer(this.module.Tokenizer._fromTokenizerJson(name, json));
  }

  /**
   * A SentencePiece .model file of a Unigram model (T5's spiece.model,
   * ALBERT's): encodes and decodes as sentencepiece's own spm_encode and
   * spm_decode do. Throws an Error naming what is malformed, or that a BPE
   * model is not supported.
   * @param {string} name @param {Uint8Array} model the file's bytes
   */
  loadSentencePieceModel(name, model) {
    return new Tokenizer(this.module.Tokenizer._fromSentencePieceModel(name, model));
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

/**
 * @param {(options: object) => Promise<any>} moduleFactory the default export of dist/tokenlab.js
 * @param {object} [options] passed to the factory (wasmBinary, locateFile)
 */
export async function createEngine(moduleFactory, options = {}) {
  return new Engine(await moduleFactory(options));
}
