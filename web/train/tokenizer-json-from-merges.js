// @ts-check
// A tokenizer.json for the first merges of a run, made in the page from the
// merges it holds: what is left of a training whose worker stopped, or that
// was interrupted by a reload. Any number of merges is a valid vocabulary,
// since merge i only ever joins tokens made before it.
//
// Everything but the vocabulary and the merges comes from the engine's own
// writer: a trainer with the run's settings and no text exports the 256
// bytes, the pre-tokenizer, the decoder and the special tokens (the
// "skeleton"); the page then writes the merged tokens and the merge list into
// it and moves the special tokens after them. The result is byte for byte
// what the engine exports after that many merges.
//
//   skeleton (256 bytes, added_tokens [{id: 256, "<|endoftext|>"}]) + merges (l,o)→256, (lo,w)→257
//   → vocab {…, "lo": 256, "low": 257}, merges ["l o", "lo w"], added_tokens [{id: 258, …}]

/** Byte → its character in GPT-2's byte-level alphabet (vocab-files.js reads it the other way). */
const charOfByte = (() => {
  /** @type {string[]} */
  const chars = [];
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    chars.push(String.fromCodePoint(printable ? byte : next++));
  }
  return chars;
})();

/** @param {Uint8Array} bytes */
function byteLevel(bytes) {
  let text = '';
  for (const byte of bytes) text += charOfByte[byte];
  return text;
}

/**
 * @typedef {object} HeldMerges the merges as the page holds them (TrainedVocabulary has this shape)
 * @property {number} mergeCount
 * @property {Uint32Array} left
 * @property {Uint32Array} right
 * @property {(id: number) => Uint8Array} bytesOf
 */

/**
 * The tokenizer.json of the skeleton's settings after the first `count` merges.
 *
 * Why the vocabulary and merges are written by hand rather than by
 * JSON.stringify: a JavaScript object lists integer-like keys ("0", "12")
 * first, so stringifying it would reorder the vocabulary; the engine writes
 * it in id order.
 * @param {Uint8Array} skeleton the engine's tokenizer.json of a trainer with these settings and no text
 * @param {HeldMerges} merges
 * @param {number} [count] how many of them (all by default)
 * @returns {Uint8Array}
 */
export function tokenizerJsonFromMerges(skeleton, merges, count = merges.mergeCount) {
  const json = JSON.parse(new TextDecoder().decode(skeleton));
  if (json?.model?.type !== 'BPE' || !Array.isArray(json.added_tokens)) throw new Error('the engine did not export a BPE tokenizer.json');
  const tokens = 256 + count;
  const vocab = [];
  for (let id = 0; id < tokens; id++) vocab.push(`      ${JSON.stringify(byteLevel(merges.bytesOf(id)))}: ${id}`);
  const list = [];
  for (let i = 0; i < count; i++) {
    list.push(`      ${JSON.stringify(`${byteLevel(merges.bytesOf(merges.left[i]))} ${byteLevel(merges.bytesOf(merges.right[i]))}`)}`);
  }
  // Special tokens follow the last merged token, as the engine numbers them.
  json.added_tokens.forEach((/** @type {{id: number}} */ token, /** @type {number} */ i) => {
    token.id = tokens + i;
  });
  json.model.vocab = '\u0000vocab';
  json.model.merges = '\u0000merges';
  const text = JSON.stringify(json, null, 2)
    .replace('"\\u0000vocab"', () => `{\n${vocab.join(',\n')}\n    }`)
    .replace('"\\u0000merges"', () => (list.length ? `[\n${list.join(',\n')}\n    ]` : '[]'));
  return new TextEncoder().encode(`${text}\n`);
}
