// @ts-check
// Token ids out of the page and back in: the ids as text in four layouts, the
// tokens as CSV and JSON rows, and a pasted id list read back. No DOM here, so
// node can import it too.
//
//   idsText([9906, 1917], 'comma')  → "9906, 1917"
//   idsText([9906, 1917], 'json')   → "[9906, 1917]"
//   parseIds("[9906, 1917]")        → {ids: [9906, 1917], problem: null}
//   parseIds("9906 x")              → {ids: [9906], problem: "“x” (character 6) is not a token id: …"}
//
// A row per token: index, id, the token's text, its bytes in hex, and where it
// lies in the text as UTF-8 byte offsets (the engine's own; a token that
// splits a character has no character offsets of its own). A token the
// tokenizer adds (BOS, [SEP]) has start = end and its spelling as its text.

import { hexOf, textOf } from '../common/token-layout.js';

/** @typedef {'space' | 'comma' | 'json' | 'lines'} IdsLayout */

/** @type {IdsLayout[]} */
export const idsLayouts = ['space', 'comma', 'json', 'lines'];

/** The largest id a token can have: the engine's ids are 32-bit unsigned. */
const largestId = 0xffff_ffff;

/**
 * The ids as text in one layout.
 * @param {ArrayLike<number>} ids
 * @param {IdsLayout} layout
 */
export function idsText(ids, layout) {
  const list = Array.from(ids);
  if (layout === 'comma') return list.join(', ');
  if (layout === 'json') return `[${list.join(', ')}]`;
  if (layout === 'lines') return list.join('\n');
  return list.join(' ');
}

/**
 * Reads ids written in any layout idsText makes, or a mix: numbers separated
 * by spaces, commas or line breaks, optionally inside one pair of [ ].
 * Reading stops at the first thing that is not an id; the ids before it are
 * kept and the problem is named, with where it is.
 * @param {string} text
 * @returns {{ids: number[], problem: string | null}}
 */
export function parseIds(text) {
  /** @type {number[]} */
  const ids = [];
  let body = text;
  let shift = 0;
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    if (!trimmed.endsWith(']')) return { ids, problem: 'The list opens with “[” but does not end with “]”.' };
    shift = text.indexOf('[') + 1;
    body = text.slice(shift, text.lastIndexOf(']'));
  }
  const item = /[^\s,]+/g;
  for (const match of body.matchAll(item)) {
    const word = match[0];
    const at = shift + (match.index ?? 0) + 1;
    if (!/^\d+$/.test(word)) {
      return { ids, problem: `“${shown(word)}” (character ${at}) is not a token id: ids are whole numbers, separated by spaces, commas or lines.` };
    }
    const id = Number(word);
    if (id > largestId) return { ids, problem: `${shown(word)} (character ${at}) is larger than any token id can be (${largestId}).` };
    ids.push(id);
  }
  return { ids, problem: null };
}

/** @param {string} word */
function shown(word) {
  return word.length > 20 ? `${word.slice(0, 20)}…` : word;
}

/**
 * @typedef {object} TokenRows an encoding and what names its added tokens
 * @property {Uint32Array} ids
 * @property {Uint32Array} starts
 * @property {Uint32Array} ends
 * @property {Uint8Array} bytes
 * @property {{text: (id: number) => string, entry: (id: number) => Uint8Array}} names the vocabulary
 */

/**
 * One token's text: the text it covers, or for an added token its spelling.
 * @param {TokenRows} rows
 * @param {number} index
 */
function tokenText(rows, index) {
  const { ids, starts, ends, bytes, names } = rows;
  return starts[index] === ends[index] ? names.text(ids[index]) : textOf(bytes, starts[index], ends[index]);
}

/**
 * One token's bytes in hex: those it covers, or for an added token its spelling's.
 * @param {TokenRows} rows
 * @param {number} index
 */
function tokenHex(rows, index) {
  const { ids, starts, ends, bytes, names } = rows;
  if (starts[index] !== ends[index]) return hexOf(bytes, starts[index], ends[index]);
  const entry = names.entry(ids[index]);
  return hexOf(entry, 0, entry.length);
}

/**
 * A CSV field, quoted when it holds a quote, comma or line break (RFC 4180:
 * quotes inside are doubled).
 * @param {string} field
 */
export function csvField(field) {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

export const csvHeader = 'index,id,text,bytes_hex,byte_start,byte_end';

/**
 * The tokens as CSV, one row per token after a header, lines ending in CRLF
 * (RFC 4180). Returned as parts, so a Blob takes them without one huge string.
 * @param {TokenRows} rows
 * @returns {string[]}
 */
export function tokensCsv(rows) {
  const parts = [`${csvHeader}\r\n`];
  for (let index = 0; index < rows.ids.length; index++) {
    parts.push(`${index},${rows.ids[index]},${csvField(tokenText(rows, index))},${tokenHex(rows, index)},${rows.starts[index]},${rows.ends[index]}\r\n`);
  }
  return parts;
}

/**
 * The tokens as a JSON array of objects, one per line.
 *   [{"index":0,"id":9906,"text":"Hello","bytes_hex":"48 65 6C 6C 6F","byte_start":0,"byte_end":5}, …]
 * @param {TokenRows} rows
 * @returns {string[]}
 */
export function tokensJson(rows) {
  const parts = ['['];
  for (let index = 0; index < rows.ids.length; index++) {
    const row = {
      index,
      id: rows.ids[index],
      text: tokenText(rows, index),
      bytes_hex: tokenHex(rows, index),
      byte_start: rows.starts[index],
      byte_end: rows.ends[index],
    };
    parts.push(`${index === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
  }
  parts.push(rows.ids.length ? '\n]\n' : ']\n');
  return parts;
}

/**
 * An encoding made of ids alone, for drawing a pasted id list as chips: each
 * id's vocabulary bytes laid end to end, each token spanning its own.
 *   [9906, 1917] under cl100k → bytes "Hello world", spans [0,5) [5,11)
 * @param {number[]} ids every one inside the vocabulary
 * @param {{entry: (id: number) => Uint8Array}} names
 */
export function encodingOfIds(ids, names) {
  const entries = ids.map((id) => names.entry(id));
  const total = entries.reduce((sum, entry) => sum + entry.length, 0);
  const bytes = new Uint8Array(total);
  const starts = new Uint32Array(ids.length);
  const ends = new Uint32Array(ids.length);
  let offset = 0;
  entries.forEach((entry, index) => {
    bytes.set(entry, offset);
    starts[index] = offset;
    offset += entry.length;
    ends[index] = offset;
  });
  return { ids: Uint32Array.from(ids), starts, ends, bytes };
}
