// @ts-check
// Cut to fit: a long text cut into pieces of at most N tokens each, on token
// boundaries, and if asked only where a line or a sentence ends. Runs in the
// worker beside the engine (the 32 MB the page takes is seconds of work).
// No DOM here, so node can import it too.
//
//   cutText(encoding of "One. Two. Three.", 3, 'sentences', count)
//   → pieces [0, 4) "One." [4, 9) " Two." [9, 16) " Three.", 2 tokens each
//
// How: from the first token not yet in a piece, take N tokens; if the text
// goes on, step back to the last token that ends a line (lines) or ends in
// . ! ? or a line break (sentences), when one lies in those N; else keep the
// N (a line longer than N tokens is cut inside). Never inside a character:
// a cut between two tokens of one character steps back to its start.
// Then the piece is encoded on its own, as a model would get it: a piece
// can take a token more than its share of the whole (a cut can split what
// the whole text merged), so while its own count is over N it gives up its
// last token. Each piece's count is its own, with nothing added (no BOS).
// The exceptions to "at most N": a piece that cannot shrink, one character
// whose tokens are more than N (an emoji of three byte tokens when N is 2) or
// one token of the whole text that, encoded alone, takes two (at N = 1; the
// text around it is what made it one token).

import { isCharBoundary } from '../common/token-layout.js';

/** @typedef {'tokens' | 'lines' | 'sentences'} CutBoundary */

/** @type {CutBoundary[]} */
export const cutBoundaries = ['tokens', 'lines', 'sentences'];

/**
 * @param {{ids: Uint32Array, starts: Uint32Array, ends: Uint32Array, bytes: Uint8Array}} encoding the whole text, nothing added
 * @param {number} maxTokens N, at least 1
 * @param {CutBoundary} boundary
 * @param {(start: number, end: number) => number} count tokens of bytes [start, end) encoded alone
 * @param {(done: number, total: number) => void} [progress] bytes cut so far
 * @returns {{starts: Uint32Array, ends: Uint32Array, counts: Uint32Array}} each piece's byte span and own count
 */
export function cutText(encoding, maxTokens, boundary, count, progress = () => {}) {
  const { ends, bytes } = encoding;
  const total = ends.length;
  const pieceStarts = [];
  const pieceEnds = [];
  const counts = [];
  let first = 0;
  let from = 0;
  let reported = 0;
  while (first < total) {
    let end = Math.min(first + maxTokens, total);
    if (end < total && boundary !== 'tokens') {
      for (let last = end; last > first; last--) {
        if (endsUnit(bytes, ends[last - 1], boundary)) {
          end = last;
          break;
        }
      }
    }
    end = charSafe(ends, bytes, first, end);
    let to = end === total ? bytes.length : ends[end - 1];
    let own = count(from, to);
    while (own > maxTokens && end - first > 1) {
      const shorter = charSafe(ends, bytes, first, end - 1);
      // One character's tokens alone are over N: the piece keeps that character.
      if (shorter >= end) break;
      end = shorter;
      to = ends[end - 1];
      own = count(from, to);
    }
    pieceStarts.push(from);
    pieceEnds.push(to);
    counts.push(own);
    first = end;
    from = to;
    if (to - reported > bytes.length / 100) {
      reported = to;
      progress(to, bytes.length);
    }
  }
  progress(bytes.length, bytes.length);
  return { starts: Uint32Array.from(pieceStarts), ends: Uint32Array.from(pieceEnds), counts: Uint32Array.from(counts) };
}

/**
 * True when a token ending at byte `end` ends a line, or a sentence.
 * @param {Uint8Array} bytes
 * @param {number} end
 * @param {CutBoundary} boundary
 */
function endsUnit(bytes, end, boundary) {
  const last = bytes[end - 1];
  if (last === 0x0a) return true;
  if (boundary !== 'sentences') return false;
  // . ! ? then the text's end or whitespace
  return (last === 0x2e || last === 0x21 || last === 0x3f) && (end >= bytes.length || bytes[end] === 0x20 || bytes[end] === 0x0a || bytes[end] === 0x09);
}

/**
 * The largest cut ≤ end (and > first) that falls between characters; end itself when none does.
 * @param {Uint32Array} ends
 * @param {Uint8Array} bytes
 * @param {number} first
 * @param {number} end
 */
function charSafe(ends, bytes, first, end) {
  for (let cut = end; cut > first; cut--) if (isCharBoundary(bytes, ends[cut - 1])) return cut;
  // One character of more than the tokens left: the cut goes after it.
  let cut = end;
  while (cut < ends.length && !isCharBoundary(bytes, ends[cut - 1])) cut++;
  return cut;
}
