// @ts-check
// Why a token is what it is, as the engine tells it (engine.js trace, over
// src/tokenizer/hf/model_trace.h): which tokens around a chip make its word,
// and the engine's steps turned into a merge tree. No DOM here, so node can
// import it too.
//
//   wordRun(cl100k encoding of "Hello Kuznetsov", index of "uz") → {first: 1, last: 4} (" K" "uz" "net" "sov")
//   mergeForest(trace of those ids) → roots " K", "uz", "net", "sov", each built by its merges
//
// The replay itself (tiktoken's rank rule, a tokenizer.json's merge list,
// WordPiece's longest match, Unigram's Viterbi) runs in the engine with the
// model's own data, for every tokenizer the page loads.

/**
 * @typedef {object} MergeNode
 * @property {number} begin the node's bytes in the traced piece, [begin, end)
 * @property {number} end
 * @property {number} id the token
 * @property {number} rank the merge's rank (or merge-list priority); -1 for a starting symbol
 * @property {number} step which merge made it, 1 first (0 for a starting symbol)
 * @property {MergeNode[]} parts none for a starting symbol; two for a merge
 */

/**
 * @typedef {object} RunEncoding
 * @property {Uint32Array} ids
 * @property {Uint32Array} starts
 * @property {Uint32Array} ends
 * @property {Uint8Array} bytes
 */

/** @param {number} byte */
const isSpace = (byte) => byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;

/**
 * The tokens of the word around a chip, the ids a story replays: the chip's
 * neighbours inside the same run of text from a space (kept, as tokenizers
 * keep a word's leading space) to the next whitespace, each with text of its
 * own; with a "##" continuation (WordPiece), the pieces of that one word.
 * @param {RunEncoding} encoding
 * @param {number} index
 * @param {(id: number) => string} textOf the vocabulary's spelling of an id
 * @returns {{first: number, last: number}}
 */
export function wordRun(encoding, index, textOf) {
  const { ids, starts, ends, bytes } = encoding;
  const continues = (/** @type {number} */ at) => textOf(ids[at]).startsWith('##');
  if (continues(index) || (index + 1 < ids.length && continues(index + 1))) {
    let first = index;
    while (first > 0 && continues(first)) first--;
    let last = index;
    while (last + 1 < ids.length && continues(last + 1)) last++;
    return { first, last };
  }
  let wordStart = starts[index];
  let wordEnd = ends[index];
  while (wordStart > 0 && !isSpace(bytes[wordStart - 1])) wordStart--;
  if (wordStart > 0 && bytes[wordStart - 1] === 0x20) wordStart--;
  while (wordEnd < bytes.length && !isSpace(bytes[wordEnd])) wordEnd++;
  const inside = (/** @type {number} */ at) => starts[at] < ends[at] && starts[at] >= wordStart && ends[at] <= wordEnd;
  let first = index;
  while (first > 0 && inside(first - 1)) first--;
  let last = index;
  while (last + 1 < ids.length && inside(last + 1)) last++;
  return { first, last };
}

/**
 * The engine's merges as trees: one root per token the merges end in.
 * @param {import('../engine/engine.js').TokenTrace} trace a BPE trace
 * @returns {{roots: MergeNode[], merges: MergeNode[]}} merges in the order they happen
 */
export function mergeForest(trace) {
  const size = trace.piece.length;
  /** @type {Map<number, MergeNode>} the symbol starting at each byte, as the merges go */
  const symbols = new Map();
  const starts = trace.initialStarts;
  for (let at = 0; at < starts.length; at++) {
    const end = at + 1 < starts.length ? starts[at + 1] : size;
    symbols.set(starts[at], { begin: starts[at], end, id: trace.initialIds[at], rank: -1, step: 0, parts: [] });
  }
  /** @type {MergeNode[]} */
  const merges = [];
  for (let step = 0; step < trace.results.length; step++) {
    const left = symbols.get(trace.begins[step]);
    const right = symbols.get(trace.splits[step]);
    if (!left || !right) throw new Error(`merge ${step + 1} joins symbols the trace does not have`);
    const node = { begin: left.begin, end: right.end, id: trace.results[step], rank: trace.ranks[step], step: step + 1, parts: [left, right] };
    symbols.delete(right.begin);
    symbols.set(left.begin, node);
    merges.push(node);
  }
  const roots = Array.from(trace.finalStarts, (start) => /** @type {MergeNode} */ (symbols.get(start)));
  return { roots, merges };
}

/**
 * Unigram's passed-over pieces of one segment, best total first (ties: the
 * shorter piece first, as Viterbi tries pieces shortest first).
 * @param {import('../engine/engine.js').TokenTrace} trace
 * @param {number} segment
 * @returns {{id: number, end: number, score: number, total: number}[]}
 */
export function alternativesOf(trace, segment) {
  const found = [];
  for (let at = 0; at < trace.altSegments.length; at++) {
    if (trace.altSegments[at] === segment) found.push({ id: trace.altIds[at], end: trace.altEnds[at], score: trace.altScores[at], total: trace.altTotals[at] });
  }
  return found.sort((a, b) => b.total - a.total || a.end - b.end);
}
