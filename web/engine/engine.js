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
