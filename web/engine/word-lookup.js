// @ts-check
// Looking typed words up in a vector set, as the embeddings worker does for
// every question: the text is prepared as the training text was (lower-cased,
// punctuation removed), then found as a row; for token vectors a word that is
// not one token is composed from its pieces.
//
//   resolve(set, "King")          → {query: "king", row: 1234, vector: null, pieces: []}
//   resolve(tokenSet, " unhappy") → {row: -1, vector: mean of unit(" un"), unit("happy"), pieces: [...]}

import { textPreparer } from './embedding-corpus.js';

/** @typedef {import('./embedding-engine.js').WordVectors} WordVectors */

/**
 * @typedef {object} VectorSet
 * @property {WordVectors} vectors as shown (post-processed): every question is asked of these
 * @property {WordVectors} [raw] as loaded or trained (may be the same handle as vectors)
 * @property {Record<string, any>} info what the page shows about the set
 * @property {import('./embedding-corpus.js').TextOptions | null} text how queries are prepared (as the training text was)
 * @property {import('./engine.js').Tokenizer | null} tokenizer for sets of token vectors
 * @property {Int32Array | null} rowOfId token id → row, or -1
 * @property {string[] | null} idNames token id → its vector's name
 * @property {number | null} seed the training seed, when Day 0 can be made again
 * @property {WordVectors | null} dayZero made on first use
 */

/**
 * A query prepared as the set's training text was. Token queries keep their
 * spaces: " king" and "king" are different tokens.
 * @param {VectorSet} set @param {string} word @param {{trim: boolean}} options
 */
export function prepareQuery(set, word, { trim }) {
  const prepared = set.text ? textPreparer(set.text)(word) : word;
  return trim ? prepared.trim() : prepared;
}

/**
 * @typedef {object} Resolved
 * @property {string} query the text looked up
 * @property {number} row the word's row, or -1
 * @property {Float32Array | null} vector the composed vector of an unknown word's pieces
 * @property {{name: string, row: number}[]} pieces for tokens: the pieces the text splits into
 */

/**
 * A word's row; for token vectors an unknown word gets the mean of its
 * pieces' unit vectors (pieces below the minimum count are left out).
 * @param {VectorSet} set @param {string} text
 * @returns {Resolved}
 */
export function resolve(set, text) {
  const query = prepareQuery(set, text, { trim: !set.tokenizer });
  if (!query.trim()) throw new Error('type a word first');
  if (!set.tokenizer || !set.rowOfId) {
    return { query, row: set.vectors.find(query), vector: null, pieces: [] };
  }
  const rowOfId = set.rowOfId;
  const names = set.idNames ?? [];
  const { ids } = set.tokenizer.encode(query, { addSpecialTokens: false });
  const pieces = [...ids].map((id) => ({ name: names[id] ?? `<id${id}>`, row: id < rowOfId.length ? rowOfId[id] : -1 }));
  if (pieces.length === 1) return { query, row: pieces[0].row, vector: null, pieces };
  const known = pieces.filter((piece) => piece.row >= 0);
  if (known.length === 0) return { query, row: -1, vector: null, pieces };
  const dim = set.vectors.dim;
  const sum = new Float32Array(dim);
  for (const piece of known) {
    const vector = set.vectors.vector(piece.row);
    const length = Math.hypot(...vector) || 1;
    for (let i = 0; i < dim; i++) sum[i] += vector[i] / length / known.length;
  }
  return { query, row: -1, vector: sum, pieces };
}

/** @param {VectorSet} set @param {Resolved} resolved */
export function vectorOf(set, resolved) {
  if (resolved.row >= 0) return set.vectors.vector(resolved.row);
  if (resolved.vector) return resolved.vector;
  throw new Error(`“${resolved.query}” is not in the vocabulary`);
}

/** @param {Resolved} resolved */
export function describe(resolved) {
  return { query: resolved.query, row: resolved.row, composed: resolved.row < 0 && resolved.vector !== null, pieces: resolved.pieces };
}

/** @param {Float32Array} v */
export function unit(v) {
  const length = Math.hypot(...v) || 1;
  return v.map((x) => x / length);
}

/** Neighbours of a resolved word, its own row (or its pieces) left out. @param {VectorSet} set @param {WordVectors} vectors @param {Resolved} resolved @param {number} k */
export function neighboursOf(set, vectors, resolved, k) {
  if (resolved.row >= 0) return vectors.nearestToRow(resolved.row, k);
  return vectors.nearest(vectorOf(set, resolved), k, resolved.pieces.map((piece) => piece.row).filter((row) => row >= 0));
}

/**
 * The mean of an unknown word's piece vectors in another set of rows (Day 0).
 * @param {WordVectors} vectors @param {Resolved} resolved
 */
export function composeIn(vectors, resolved) {
  const known = resolved.pieces.filter((piece) => piece.row >= 0);
  const sum = new Float32Array(vectors.dim);
  for (const piece of known) {
    const vector = unit(vectors.vector(piece.row));
    for (let i = 0; i < sum.length; i++) sum[i] += vector[i] / known.length;
  }
  return sum;
}
