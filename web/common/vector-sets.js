// @ts-check
// The vector sets the Embeddings view knows (default, trained, imported) as
// the page holds them: what the worker said about each, its words in row
// (frequency) order, and how each word is shown and typed. The vectors
// themselves stay in the worker.
//
//   store.add('default', info, packedWords); store.select('default');
//   store.current.display[0] → "the";  store.current.rowOf('king') → 1234

import { unpackWords } from '../engine/embedding-engine.js';
import { tokenDisplay, tokenNameBytes } from './token-names.js';

const lenientDecoder = new TextDecoder();

/**
 * @typedef {object} SetInfo what the worker reports about a set
 * @property {string} label
 * @property {string} [name]
 * @property {'words' | 'tokens'} unit
 * @property {number} size
 * @property {number} dim
 * @property {boolean} hasDayZero
 * @property {string} [tokenizerName]
 * @property {Record<string, any>} [settings]
 * @property {number} [corpusWords]
 * @property {string} [source]
 * @property {string} [note]
 * @property {number} [fileBytes]
 * @property {number} [seconds]
 * @property {number} [wordsPerSecond]
 * @property {string} [summary]
 */

export class VectorSet {
  /** @param {string} key @param {SetInfo} info @param {{bytes: Uint8Array, offsets: Uint32Array}} packed */
  constructor(key, info, packed) {
    this.key = key;
    this.info = info;
    /** @type {string[]} names as stored (token names escape their bytes) */
    this.words = unpackWords(packed);
    const tokens = info.unit === 'tokens';
    /** @type {string[]} as shown: token spaces as "·" */
    this.display = tokens ? this.words.map(tokenDisplay) : this.words;
    /** @type {string[]} as typed into a field: a token's text itself */
    this.typed = tokens ? this.words.map((name) => lenientDecoder.decode(tokenNameBytes(name))) : this.words;
    /** @type {Map<string, number>} */
    this.rows = new Map();
    this.typed.forEach((word, row) => {
      if (!this.rows.has(word)) this.rows.set(word, row);
    });
  }

  get tokens() {
    return this.info.unit === 'tokens';
  }

  /** The row of a word as typed (exactly), or -1. @param {string} word */
  rowOf(word) {
    return this.rows.get(word) ?? -1;
  }
}

export class VectorSetStore extends EventTarget {
  constructor() {
    super();
    /** @type {Map<string, VectorSet>} */
    this.sets = new Map();
    /** @type {string} */
    this.currentKey = 'default';
  }

  /** @param {string} key @param {SetInfo} info @param {{bytes: Uint8Array, offsets: Uint32Array}} packed */
  add(key, info, packed) {
    const set = new VectorSet(key, info, packed);
    this.sets.set(key, set);
    this.dispatchEvent(new CustomEvent('added', { detail: key }));
    return set;
  }

  /** @param {string} key */
  select(key) {
    if (!this.sets.has(key)) return;
    this.currentKey = key;
    this.dispatchEvent(new CustomEvent('change', { detail: key }));
  }

  /** @returns {VectorSet | undefined} */
  get current() {
    return this.sets.get(this.currentKey);
  }
}
