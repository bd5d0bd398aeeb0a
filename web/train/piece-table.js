// @ts-check
// The pieces of a trained Unigram vocabulary: id, the piece as text (▁ marks
// a word start, as SentencePiece writes it), its score (the log probability
// Viterbi adds up) and its kind. Unigram has no merge order to replay, so the
// table lists the pieces by id, which is by score after the special and byte
// pieces, and shows at most `shownRows` of them; the search finds any.
//
//   table.show(pieces); search "ing" → every piece holding "ing", best first

import { formatInteger } from '../common/format.js';
import { pieceKinds } from '../engine/unigram-trainer-engine.js';

const shownRows = 300;
const textDecoder = new TextDecoder();

/** The table's markup; the Train view shows it in place of the merge table for Unigram. */
export const pieceTableMarkup = () => /* html */ `
      <div id="piece-table" class="piece-table" data-algorithm="unigram" hidden>
        <div class="merge-tools">
          <label for="piece-search" class="panel-title">Pieces</label>
          <input id="piece-search" type="search" spellcheck="false" autocomplete="off" placeholder="Find: ing, ▁the, 300…" aria-describedby="piece-status">
          <span id="piece-status" class="note merge-status" aria-live="polite"></span>
        </div>
        <div class="piece-scroller" tabindex="0" role="region" aria-label="Pieces, scrollable">
          <table class="piece-grid">
            <thead><tr><th scope="col">Id</th><th scope="col">Piece</th><th scope="col">Score (log p)</th><th scope="col">Kind</th></tr></thead>
            <tbody id="piece-rows"><tr><td colspan="4" class="merge-empty">The pieces appear here when training ends: Unigram scores every piece again in each round, so its vocabulary is only known at the end.</td></tr></tbody>
          </table>
        </div>
      </div>`;

export class PieceTable {
  /** @param {HTMLElement} root holds the markup above */
  constructor(root) {
    this.search = /** @type {HTMLInputElement} */ (root.querySelector('#piece-search'));
    this.status = /** @type {HTMLElement} */ (root.querySelector('#piece-status'));
    this.rows = /** @type {HTMLElement} */ (root.querySelector('#piece-rows'));
    /** @type {string[]} */
    this.texts = [];
    /** @type {import('../engine/unigram-trainer-engine.js').UnigramPieces | null} */
    this.pieces = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    this.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.render(), 120);
    });
  }

  /** @param {import('../engine/unigram-trainer-engine.js').UnigramPieces} pieces */
  show(pieces) {
    this.pieces = pieces;
    this.texts = Array.from(pieces.scores, (_, id) => textDecoder.decode(pieces.bytes.subarray(pieces.offsets[id], pieces.offsets[id + 1])));
    this.render();
  }

  clear() {
    this.pieces = null;
    this.texts = [];
    this.rows.replaceChildren();
    this.status.textContent = '';
  }

  render() {
    const pieces = this.pieces;
    if (!pieces) return;
    // Spaces match the ▁ that stands for them.
    const query = this.search.value.replaceAll(' ', '▁').toLowerCase();
    const number = /^\d+$/.test(query) ? Number(query) : -1;
    const matches = [];
    let count = 0;
    for (let id = 0; id < this.texts.length; id++) {
      if (query && id !== number && !this.texts[id].toLowerCase().includes(query)) continue;
      count++;
      if (matches.length < shownRows) matches.push(id);
    }
    const rows = matches.map((id) => {
      const row = document.createElement('tr');
      const kind = pieceKinds[pieces.kinds[id]] ?? 'normal';
      for (const [text, name] of [
        [String(id), 'merge-id'],
        [this.texts[id], 'piece-text'],
        [kind === 'normal' ? pieces.scores[id].toFixed(3) : '–', 'merge-count'],
        [kind, 'piece-kind'],
      ]) {
        const cell = document.createElement('td');
        cell.className = name;
        if (name === 'piece-text') {
          const chip = document.createElement('span');
          chip.className = 'vocab-token';
          chip.textContent = text;
          cell.append(chip);
        } else {
          cell.textContent = text;
        }
        row.append(cell);
      }
      return row;
    });
    this.rows.replaceChildren(...rows);
    const total = this.texts.length;
    const shown = matches.length < count ? `, the first ${formatInteger(matches.length)} shown` : '';
    this.status.textContent = query ? `${formatInteger(count)} of ${formatInteger(total)} pieces match${shown}` : `${formatInteger(total)} pieces${shown}`;
    this.status.dataset.shown = String(count);
  }
}
