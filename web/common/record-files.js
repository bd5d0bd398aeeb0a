// @ts-check
// A kept record as the file the reader downloads from Your files: a
// vocabulary as its tokenizer.json, an opened tokenizer file as it was
// opened, vectors as a .vec text file (word2vec's format: a "rows dim"
// header, then a word and its values per line), a corpus file as it was.
//
//   await recordFile(vocabularyRecord) → {name: 'moby-dick-8-000-tokens.json', blob}
//   vecText(['king', 'queen'], Float32Array [0.5, 1, -0.25, 2], 2) → "2 2\nking 0.5 1\nqueen -0.25 2\n"
//
// An interrupted training has no file of its own: its merges become a
// vocabulary in the Train view.

import { payloadParts, storedFiles } from './stored-files.js';

/** Significant digits of each value in a .vec file, as the Embeddings view exports them. */
const kVecDigits = 6;

/** A name the file systems take: "a/b:c" → "a_b_c" (the browser would change these characters anyway). @param {string} name */
const safeName = (name) => name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');

/** "Moby-Dick, 8,000 tokens" → "moby-dick-8-000-tokens" @param {string} name */
function fileStem(name) {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80);
  return stem || 'tokenlab';
}

/**
 * The .vec text of a set, in pieces (a Blob joins them without one long string).
 * @param {string[]} words @param {Float32Array} values words × dim, row by row @param {number} dim
 * @returns {string[]}
 */
export function vecText(words, values, dim) {
  const lines = [`${words.length} ${dim}\n`];
  for (let row = 0; row < words.length; row++) {
    const numbers = new Array(dim);
    for (let i = 0; i < dim; i++) numbers[i] = String(Number(values[row * dim + i].toPrecision(kVecDigits)));
    lines.push(`${words[row]} ${numbers.join(' ')}\n`);
  }
  return lines;
}

/** @param {Uint8Array} bytes @param {Uint32Array} offsets */
function unpack(bytes, offsets) {
  const decoder = new TextDecoder();
  return Array.from({ length: offsets.length - 1 }, (_, i) => decoder.decode(bytes.subarray(offsets[i], offsets[i + 1])));
}

/**
 * @param {import('./stored-files.js').StoredRecord} record
 * @returns {Promise<{name: string, blob: Blob} | null>} null for a kind with no file (an interrupted training)
 */
export async function recordFile(record) {
  if (record.kind === 'bpe-run') return null;
  const payload = await storedFiles().payload(record.id);
  if (record.kind === 'vocabulary') {
    const { bytes } = payloadParts(record, payload, { bytes: Uint8Array });
    return { name: `${fileStem(record.name)}.json`, blob: new Blob([/** @type {BlobPart} */ (bytes)], { type: 'application/json' }) };
  }
  if (record.kind === 'tokenizer-file') {
    const { bytes } = payloadParts(record, payload, { bytes: Uint8Array });
    const original = record.sources[0]?.name ?? record.name;
    const extension = /\.[^./]+$/.exec(original)?.[0] ?? '';
    const name = safeName(record.name.endsWith(extension) ? record.name : `${record.name}${extension}`);
    const type = extension === '.json' ? 'application/json' : record.settings.format === 'sentencepiece' ? 'application/octet-stream' : 'text/plain';
    return { name, blob: new Blob([/** @type {BlobPart} */ (bytes)], { type }) };
  }
  if (record.kind === 'corpus') {
    const { blob } = payloadParts(record, payload, { blob: Blob });
    return { name: safeName(record.name), blob };
  }
  const { words, offsets, values } = payloadParts(record, payload, { words: Uint8Array, offsets: Uint32Array, values: Float32Array });
  const dim = Number(record.meta.dim);
  return { name: `${fileStem(record.name)}.vec`, blob: new Blob(vecText(unpack(words, offsets), values, dim), { type: 'text/plain' }) };
}
