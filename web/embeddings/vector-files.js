// @ts-check
// The files of a vector import, sorted out before anything is read into the
// engine: one .vec file, or the Embedding Projector's TSV pair (vectors.tsv
// and metadata.tsv, chosen together), and downloads of exported files.
//
//   importOf([vec])                         → {kind: 'vec', file: vec}
//   importOf([metadata.tsv, vectors.tsv])   → {kind: 'tsv', vectors: vectors.tsv, metadata: metadata.tsv}
//   importOf([vectors.tsv])                 → {kind: 'error', message: 'A TSV import takes two files …'}
//
// Which file of a pair holds the vectors: the one whose name says "vector"
// or "tensor" and the other not, else the one whose name says "meta" and the
// other not is the metadata; when the names tell nothing, the one whose first
// line is all numbers holds the vectors (both or neither: an error).

import { formatMiB, kMaxImportBytes } from '../engine/embedding-limits.js';

/**
 * @typedef {{kind: 'vec', file: File} | {kind: 'tsv', vectors: File, metadata: File} | {kind: 'error', message: string}} VectorImport
 */

const isTsv = (/** @type {File} */ file) => /\.tsv$/i.test(file.name);

/** @param {File} file */
async function firstLineIsNumbers(file) {
  const head = await file.slice(0, 4096).text();
  const line = head.split(/\r?\n/, 1)[0];
  return line.length > 0 && line.split('\t').every((field) => field.trim() !== '' && Number.isFinite(Number(field)));
}

/**
 * @param {File[]} files
 * @returns {Promise<VectorImport>}
 */
export async function importOf(files) {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > kMaxImportBytes) {
    return { kind: 'error', message: `${files.map((f) => f.name).join(' and ')} ${files.length > 1 ? 'are' : 'is'} ${formatMiB(total)}; the page imports vector files of at most ${formatMiB(kMaxImportBytes)}.` };
  }
  const tsv = files.filter(isTsv);
  if (files.length === 1 && tsv.length === 0) return { kind: 'vec', file: files[0] };
  if (tsv.length !== files.length || files.length !== 2) {
    return {
      kind: 'error',
      message: `A TSV import takes two files chosen together, vectors.tsv and metadata.tsv (a .vec file comes alone); got ${files.map((f) => f.name).join(', ')}.`,
    };
  }
  const [a, b] = tsv;
  const says = (/** @type {File} */ file, /** @type {RegExp} */ pattern) => pattern.test(file.name);
  const vectorName = /vector|tensor/i;
  const metaName = /meta/i;
  if (says(a, vectorName) !== says(b, vectorName)) return says(a, vectorName) ? { kind: 'tsv', vectors: a, metadata: b } : { kind: 'tsv', vectors: b, metadata: a };
  if (says(a, metaName) !== says(b, metaName)) return says(a, metaName) ? { kind: 'tsv', vectors: b, metadata: a } : { kind: 'tsv', vectors: a, metadata: b };
  const [numbersA, numbersB] = await Promise.all([firstLineIsNumbers(a), firstLineIsNumbers(b)]);
  if (numbersA !== numbersB) return numbersA ? { kind: 'tsv', vectors: a, metadata: b } : { kind: 'tsv', vectors: b, metadata: a };
  return { kind: 'error', message: `Cannot tell which of ${a.name} and ${b.name} holds the vectors: name them vectors.tsv and metadata.tsv.` };
}

/**
 * Saves bytes or text as a file through a link click.
 * @param {BlobPart} content @param {string} name @param {string} [type]
 */
export function download(content, name, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
