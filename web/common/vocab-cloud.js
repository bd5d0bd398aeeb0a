// @ts-check
// What the two vocabulary comparisons share (vocab-compare.js: prose against
// code; algorithm-compare.js: BPE against Unigram): a token's bytes as a set
// key, the cloud of the tokens one vocabulary has and the other lacks, and a
// text's split under several vocabularies as rows of chips.
//
//   keyOf(Uint8Array.of(0x20, 0x74)) → "2074"
//   fillOnlyCloud(cloud, [{bytes: " the", title: "id 262", text: "·the"}, …], otherKeys) → 57 (tokens not in otherKeys)

import { appendTokenRuns } from './token-bytes.js';
import { splitRow } from './split-row.js';

/** Tokens drawn per cloud; the note counts them all. */
export const listedTokens = 120;

/** A token's bytes as a Map or Set key. @param {Uint8Array} bytes */
export const keyOf = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * @typedef {object} CloudToken
 * @property {Uint8Array} bytes what the chip shows (whitespace visible, bytes that are not UTF-8 as hex)
 * @property {string} title the chip's tooltip ("id 300, merge 45")
 * @property {string} text the chip's plain text, kept in data-text for tests and search
 */

/**
 * Fills the cloud with the tokens whose bytes are not in otherKeys, in the
 * order given, the first listedTokens of them; returns how many there are in all.
 * @param {HTMLElement} cloud
 * @param {Iterable<CloudToken>} tokens
 * @param {Set<string>} otherKeys
 */
export function fillOnlyCloud(cloud, tokens, otherKeys) {
  const chips = [];
  let only = 0;
  for (const { bytes, title, text } of tokens) {
    if (otherKeys.has(keyOf(bytes))) continue;
    only++;
    if (chips.length >= listedTokens) continue;
    const chip = document.createElement('span');
    chip.className = 'vocab-token';
    chip.title = title;
    chip.dataset.text = text;
    appendTokenRuns(chip, bytes);
    chips.push(chip);
  }
  cloud.replaceChildren(...chips);
  return only;
}

/**
 * One row of chips per vocabulary, in the order given; a vocabulary that
 * cannot encode gets a note with the reason instead of a row.
 * @param {{label: string, encode: () => Promise<import('../engine/engine.js').Encoding>}[]} vocabularies
 * @returns {Promise<HTMLElement[]>}
 */
export async function splitRows(vocabularies) {
  const rows = [];
  for (const { label, encode } of vocabularies) {
    try {
      const encoding = await encode();
      const row = splitRow(label, encoding);
      row.dataset.ids = Array.from(encoding.ids).join(',');
      rows.push(row);
    } catch (error) {
      const row = document.createElement('p');
      row.className = 'note';
      row.textContent = `${label}: ${error instanceof Error ? error.message : error}`;
      rows.push(row);
    }
  }
  return rows;
}
