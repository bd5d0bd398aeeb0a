// @ts-check
// Ids back to text: a pasted id list read (token-export.js's parseIds), each
// id that is a token of the vocabulary laid out as its bytes for the chips,
// the text the tokenizer's decoder makes of them, and every id that is no
// token named with its place in the list.
//
//   readIds("9906, 1917, 100256", cl100k)
//   → chips "Hello" " world", text "Hello world",
//     problems ["One id is no token of this vocabulary (ids 0 to 100,276) and left out: 100256 (id 3 of 3)."]
//
// An id is no token when it is past the vocabulary's end or falls in one of
// its gaps (cl100k_base has no 100256: its ids jump from the last rank to
// the special tokens). The gaps have no bytes and are not special.

import { formatInteger } from '../common/format.js';
import { encodingOfIds, parseIds } from './token-export.js';

/** How many unknown ids the note lists by value before it only counts the rest. */
const namedUnknown = 10;

/**
 * @typedef {object} ReadIds
 * @property {import('../common/token-layout.js').Encoding} encoding the known ids, as chips draw them
 * @property {string} text what the decoder makes of the known ids
 * @property {string[]} problems sentences naming what was not read
 */

/**
 * @param {string} text the pasted list
 * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
 * @param {(ids: Uint32Array) => Promise<Uint8Array>} decode the tokenizer's decoder (in the worker)
 * @returns {Promise<ReadIds>}
 */
export async function readIds(text, vocabulary, decode) {
  const { ids, problem } = parseIds(text);
  /** @type {number[]} */
  const known = [];
  /** @type {{id: number, place: number}[]} */
  const unknown = [];
  ids.forEach((id, index) => {
    if (isToken(vocabulary, id)) known.push(id);
    else unknown.push({ id, place: index + 1 });
  });
  const problems = [];
  if (problem) problems.push(`${problem} The ids before it are read.`);
  if (unknown.length > 0) problems.push(unknownSentence(unknown, ids.length, vocabulary.size));
  const encoding = encodingOfIds(known, vocabulary);
  const decoded = known.length > 0 ? new TextDecoder().decode(await decode(Uint32Array.from(known))) : '';
  return { encoding, text: decoded, problems };
}

/**
 * True when the vocabulary has a token with this id.
 * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
 * @param {number} id
 */
export function isToken(vocabulary, id) {
  return id < vocabulary.size && (vocabulary.isSpecial(id) || vocabulary.entry(id).length > 0);
}

/**
 * "3 ids are no token of this vocabulary (ids 0 to 100,276, with gaps) and are left out: 100256 (3rd of 5), …"
 * @param {{id: number, place: number}[]} unknown
 * @param {number} total
 * @param {number} size
 */
function unknownSentence(unknown, total, size) {
  const listed = unknown.slice(0, namedUnknown).map(({ id, place }) => `${id} (id ${formatInteger(place)} of ${formatInteger(total)})`);
  const more = unknown.length > namedUnknown ? `, and ${formatInteger(unknown.length - namedUnknown)} more` : '';
  const count = unknown.length === 1 ? 'One id is' : `${formatInteger(unknown.length)} ids are`;
  return `${count} no token of this vocabulary (ids 0 to ${formatInteger(size - 1)}) and left out: ${listed.join(', ')}${more}.`;
}
