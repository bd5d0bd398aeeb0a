// @ts-check
// The merges of a training run as the page holds them while they arrive:
// growing typed arrays (struct-of-arrays, as the engine sends them), token
// bytes in one buffer with offsets, and each token's display text made once.
//
//   vocab.append({first: 0, merges: {left, right, ids, counts}, tokens: {bytes, offsets}});
//   vocab.mergeCount → 1; vocab.plain(256) → "lo"; vocab.bytesOf(256) → Uint8Array [108, 111]

import { tokenPlain } from './token-bytes.js';

/**
 * @typedef {object} MergeBatch
 * @property {number} first index of the first merge in the batch
 * @property {{left: Uint32Array, right: Uint32Array, ids: Uint32Array, counts: Float64Array}} merges
 * @property {{bytes: Uint8Array, offsets: Uint32Array}} tokens bytes of ids 256 + first ...
 */

/**
 * @template {Uint32Array | Float64Array | Uint8Array} T
 * @param {T} array
 * @param {number} needed
 * @returns {T}
 */
function grown(array, needed) {
  if (needed <= array.length) return array;
  const bigger = /** @type {T} */ (new /** @type {any} */ (array.constructor)(Math.max(needed, array.length * 2)));
  bigger.set(/** @type {any} */ (array));
  return bigger;
}

export class TrainedVocabulary {
  constructor() {
    this.clear();
  }

  clear() {
    this.mergeCount = 0;
    this.left = new Uint32Array(1024);
    this.right = new Uint32Array(1024);
    this.counts = new Float64Array(1024);
    /** Bytes of tokens 256.. back to back; offsets[i] is where token 256 + i starts. */
    this.bytes = new Uint8Array(8192);
    this.offsets = new Uint32Array(1025);
    this.byteLength = 0;
    /** @type {string[]} display text by id, filled on first use */
    this.plainCache = [];
  }

  /** @param {MergeBatch} batch */
  append({ first, merges, tokens }) {
    if (first !== this.mergeCount) throw new Error(`merges arrived out of order: ${first} after ${this.mergeCount}`);
    const count = merges.ids.length;
    const total = this.mergeCount + count;
    this.left = grown(this.left, total);
    this.right = grown(this.right, total);
    this.counts = grown(this.counts, total);
    this.offsets = grown(this.offsets, total + 1);
    this.left.set(merges.left, this.mergeCount);
    this.right.set(merges.right, this.mergeCount);
    this.counts.set(merges.counts, this.mergeCount);
    const added = tokens.offsets[count] - tokens.offsets[0];
    this.bytes = grown(this.bytes, this.byteLength + added);
    this.bytes.set(tokens.bytes.subarray(tokens.offsets[0], tokens.offsets[count]), this.byteLength);
    for (let i = 0; i <= count; i++) this.offsets[this.mergeCount + i] = this.byteLength + tokens.offsets[i] - tokens.offsets[0];
    this.byteLength += added;
    this.mergeCount = total;
  }

  /** Token ids so far: 256 bytes + merges. */
  get tokenCount() {
    return 256 + this.mergeCount;
  }

  /** @param {number} id @returns {Uint8Array} */
  bytesOf(id) {
    if (id < 256) return Uint8Array.of(id);
    const index = id - 256;
    return this.bytes.subarray(this.offsets[index], this.offsets[index + 1]);
  }

  /** The token's text with visible whitespace and hex for non-UTF-8 bytes. @param {number} id */
  plain(id) {
    let text = this.plainCache[id];
    if (text === undefined) this.plainCache[id] = text = tokenPlain(this.bytesOf(id));
    return text;
  }
}
