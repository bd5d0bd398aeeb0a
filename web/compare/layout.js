// @ts-check
// Lines up several encodings of the same text by character position, for
// the Compare view. No DOM here, so node can import it too.
//
// The text is cut into blocks at every position that no token of any
// tokenizer crosses; a block is drawn as a small grid whose columns are the
// pieces between all the token edges inside it, one grid row per tokenizer.
// A token spans the columns of the text it holds, so edges that coincide in
// two tokenizers line up, and a word that is one token in one row and three
// in another shows as one wide chip over three narrow ones:
//
//   " embeddings"  row 0: [ embeddings]        one cell, columns 1-3
//                  row 1: [ embed][d][ings]     three cells, columns 1, 2, 3
//   → one block, 3 columns: " embed" | "d" | "ings"
//
// Cells: a display unit of common/token-layout.js (tokens that split a character
// stay together); tokens whose spans overlap in one row (two tokens from one
// character after normalisation) share a cell too. A token with an empty
// span (BOS, [CLS], [SEP], a SentencePiece prefix space) gets a column of no
// text at its position, ahead of the text there ([SEP] at the end of the
// text, behind it); such columns line up too: <s> over [CLS]. Text a row does
// not cover (the spaces WordPiece drops) is an "uncovered" cell in that row.
//
// Tie-breaks: a token with an empty span at a block edge belongs to the block
// that starts there, except at the end of the text; several at one position
// keep their order, the k-th of each row in the k-th column there.

import { isCharBoundary, unitEnd } from '../common/token-layout.js';

/**
 * @typedef {import('../common/token-layout.js').Encoding} Encoding
 *
 * @typedef {object} Cell
 * @property {number} row which encoding
 * @property {'tokens' | 'uncovered'} kind
 * @property {number} first first token index (tokens) or -1
 * @property {number} end one past the last token index (tokens) or -1
 * @property {number} start byte offset of the text it holds
 * @property {number} stop byte offset one past it (start for an empty span)
 * @property {number} column first grid column, from 1
 * @property {number} span grid columns it covers
 *
 * @typedef {object} Block
 * @property {number} start byte offset
 * @property {number} end byte offset
 * @property {number} columns grid columns
 * @property {Cell[]} cells all rows' cells, row by row, in text order
 * @property {boolean} newline the block's text holds a line break: a new line follows it
 *
 * @typedef {object} Layout
 * @property {Block[]} blocks
 * @property {number} laidOut bytes of the text the blocks cover (less than the text when cut)
 */

/**
 * The cells of one encoding: display units, overlapping ones merged.
 * @param {Encoding} encoding
 * @param {number} row
 * @param {number} limit units starting at or after this byte offset are left out,
 *   except empty spans at the end of the text
 * @returns {Cell[]}
 */
export function cellsOf(encoding, row, limit) {
  const { starts, ends } = encoding;
  /** @type {Cell[]} */
  const cells = [];
  /** @type {Cell | null} the last cell that holds text */
  let lastText = null;
  for (let first = 0; first < starts.length; ) {
    const end = unitEnd(encoding, first);
    let start = starts[first];
    let stop = ends[first];
    for (let index = first + 1; index < end; index++) {
      start = Math.min(start, starts[index]);
      stop = Math.max(stop, ends[index]);
    }
    if (start > limit || (start === limit && (stop > start || limit < encoding.bytes.length))) break;
    if (start === stop) {
      cells.push({ row, kind: 'tokens', first, end, start, stop, column: 0, span: 0 });
    } else if (lastText && start < lastText.stop && lastText.end === first) {
      lastText.end = end;
      lastText.stop = Math.max(lastText.stop, stop);
    } else {
      lastText = { row, kind: 'tokens', first, end, start, stop, column: 0, span: 0 };
      cells.push(lastText);
    }
    first = end;
  }
  return cells;
}

/**
 * Where the laid-out part of the text ends: the first position at or after
 * maxBytes that is a character boundary and that no token of any encoding
 * crosses (a token crossing it moves it on to the token's end).
 * @param {Encoding[]} encodings
 * @param {number} maxBytes
 */
function layoutExtent(encodings, maxBytes) {
  const textLength = encodings[0]?.bytes.length ?? 0;
  if (maxBytes >= textLength) return textLength;
  let extent = maxBytes;
  for (let moved = true; moved; ) {
    moved = false;
    while (!isCharBoundary(encodings[0].bytes, extent)) {
      extent++;
      moved = true;
    }
    for (const { starts, ends } of encodings) {
      for (let index = 0; index < starts.length; index++) {
        if (starts[index] < extent && ends[index] > extent) {
          extent = ends[index];
          moved = true;
        }
      }
    }
  }
  return extent;
}

/**
 * @param {Encoding[]} encodings encodings of the same text (the same bytes)
 * @param {{maxBytes?: number}} [options] lay out about this much of the text (whole blocks)
 * @returns {Layout}
 */
export function alignEncodings(encodings, { maxBytes = Infinity } = {}) {
  const extent = layoutExtent(encodings, maxBytes);
  const rows = encodings.map((encoding, row) => cellsOf(encoding, row, extent));

  // crossed[p] > 0: some token holds bytes on both sides of p.
  const crossed = new Int32Array(extent + 2);
  const edgeSet = new Set([0, extent]);
  for (const cells of rows) {
    for (const cell of cells) {
      edgeSet.add(cell.start);
      if (cell.stop > cell.start) {
        edgeSet.add(cell.stop);
        crossed[cell.start + 1]++;
        crossed[cell.stop]--;
      }
    }
  }
  for (let p = 1; p <= extent; p++) crossed[p] += crossed[p - 1];
  const edges = Array.from(edgeSet).sort((a, b) => a - b);

  // Blocks between consecutive cuts (edges no token crosses).
  /** @type {{start: number, end: number, edges: number[]}[]} */
  const spans = [];
  let current = { start: 0, end: 0, edges: [0] };
  for (const edge of edges.slice(1)) {
    current.edges.push(edge);
    if (crossed[edge] === 0) {
      current.end = edge;
      spans.push(current);
      current = { start: edge, end: edge, edges: [edge] };
    }
  }
  if (spans.length === 0) spans.push(current); // empty text: one block at 0

  /** The last block starting at or before position (at the end of the text: the last block). @param {number} position */
  const blockAt = (position) => {
    let low = 0;
    let high = spans.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (spans[middle].start <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  };

  /** @type {{cells: Cell[][], empties: Map<number, Cell[][]>}[]} per block: text cells by row, empty-span cells by position and row */
  const members = spans.map(() => ({ cells: encodings.map(() => []), empties: new Map() }));
  for (const cells of rows) {
    for (const cell of cells) {
      const block = members[blockAt(cell.start)];
      if (cell.stop > cell.start) {
        block.cells[cell.row].push(cell);
        continue;
      }
      const perRow = block.empties.get(cell.start) ?? encodings.map(() => []);
      block.empties.set(cell.start, perRow);
      perRow[cell.row].push(cell);
    }
  }

  const bytes = encodings[0]?.bytes ?? new Uint8Array(0);
  /** @type {Block[]} */
  const blocks = spans.map((span, index) => {
    const { cells: textCells, empties } = members[index];
    // Columns, edge by edge: the empty-span tokens at the edge, then the text from it to the next edge.
    /** @type {Map<number, number>} edge → column one past the text that ends there */
    const endColumn = new Map();
    /** @type {Map<number, number>} edge → column of the text that starts there */
    const startColumn = new Map();
    /** @type {Map<number, number>} edge → first column of its empty-span tokens */
    const emptyColumn = new Map();
    let column = 1;
    span.edges.forEach((edge, at) => {
      endColumn.set(edge, column);
      const perRow = empties.get(edge);
      if (perRow) {
        emptyColumn.set(edge, column);
        column += Math.max(...perRow.map((list) => list.length));
      }
      startColumn.set(edge, column);
      if (at < span.edges.length - 1) column += 1;
    });
    const columnOf = (/** @type {Map<number, number>} */ map, /** @type {number} */ edge) => /** @type {number} */ (map.get(edge));

    /** @type {Cell[]} */
    const cells = [];
    textCells.forEach((rowCells, row) => {
      // The row's cells and, in the gaps between them, the text it does not cover.
      let at = span.start;
      /** @param {number} from @param {number} to */
      const uncovered = (from, to) => {
        // Split at edges with empty-span columns, so the gap never spans one.
        let segmentStart = from;
        for (const edge of span.edges) {
          if (edge <= from || edge >= to || !emptyColumn.has(edge)) continue;
          cells.push(gapCell(row, segmentStart, edge));
          segmentStart = edge;
        }
        cells.push(gapCell(row, segmentStart, to));
      };
      /** @param {number} row @param {number} from @param {number} to @returns {Cell} */
      const gapCell = (row, from, to) => {
        const first = columnOf(startColumn, from);
        return { row, kind: 'uncovered', first: -1, end: -1, start: from, stop: to, column: first, span: columnOf(endColumn, to) - first };
      };
      for (const cell of rowCells) {
        if (cell.start > at) uncovered(at, cell.start);
        const first = columnOf(startColumn, cell.start);
        cells.push({ ...cell, column: first, span: columnOf(endColumn, cell.stop) - first });
        at = cell.stop;
      }
      if (at < span.end) uncovered(at, span.end);
    });
    for (const [edge, perRow] of empties) {
      const base = columnOf(emptyColumn, edge);
      perRow.forEach((list) => list.forEach((cell, k) => cells.push({ ...cell, column: base + k, span: 1 })));
    }
    cells.sort((a, b) => a.row - b.row || a.column - b.column);
    return {
      start: span.start,
      end: span.end,
      columns: Math.max(column - 1, 1),
      cells,
      newline: bytes.subarray(span.start, span.end).includes(0x0a),
    };
  });
  return { blocks, laidOut: extent };
}
