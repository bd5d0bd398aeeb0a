// @ts-check
// The merge table: one row per merge (step, the pair as left + right, its
// count when merged, the new token and its id), filling while training runs.
//
// Virtualised, so 100 000 merges scroll as smoothly as 10: rows have one fixed
// height, a spacer gives the scroller its full height, and only the rows in
// view (plus a few) exist, re-used as it scrolls. While the view is scrolled to
// the end it follows new merges; scrolled up, it stays put.
//
// Search matches the text of the new token or either half ("ing", " the" —
// spaces match the · shown for them — "\xE2"), case-insensitively, or a step
// or id number. Spaces count: " the" finds "·the", not "other".

import { formatInteger } from '../common/format.js';
import { appendTokenRuns } from '../common/token-bytes.js';

/** Must match .merge-row's height in style.css. */
const rowHeight = 32;
const overscan = 6;

export class MergeTable {
  /**
   * @param {{table: HTMLElement, scroller: HTMLElement, spacer: HTMLElement, rows: HTMLElement, search: HTMLInputElement, status: HTMLElement}} parts
   * @param {import('../common/trained-vocabulary.js').TrainedVocabulary} vocabulary
   */
  constructor(parts, vocabulary) {
    this.parts = parts;
    this.vocabulary = vocabulary;
    /** @type {number[] | null} merge indexes that match the search, or null for all */
    this.matches = null;
    this.query = '';
    this.follow = true;
    this.countsKnown = true;
    /** @type {HTMLElement[]} */
    this.pool = [];
    this.frame = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.searchTimer = undefined;
    this.lastScrollTop = 0;

    parts.scroller.addEventListener('scroll', () => {
      const { scrollTop, clientHeight, scrollHeight } = parts.scroller;
      // Only a scroll up leaves follow mode (a growing spacer also fires scroll events).
      if (scrollTop < this.lastScrollTop - 2) this.follow = scrollTop + clientHeight >= scrollHeight - rowHeight;
      else if (scrollTop + clientHeight >= scrollHeight - rowHeight) this.follow = true;
      this.lastScrollTop = scrollTop;
      this.schedule();
    });
    parts.search.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.setQuery(parts.search.value), 120);
    });
    new ResizeObserver(() => this.schedule()).observe(parts.scroller);
    this.refresh();
  }

  /** Everything changed (a new run started, or merges were imported). @param {{countsKnown?: boolean}} [options] */
  reset({ countsKnown = true } = {}) {
    this.countsKnown = countsKnown;
    // Rows re-used from the last run would otherwise look up to date.
    for (const row of this.pool) delete row.dataset.index;
    this.follow = true;
    this.parts.scroller.scrollTop = 0;
    this.lastScrollTop = 0;
    this.setQuery(this.parts.search.value);
  }

  /** New merges from first on have been appended to the vocabulary. @param {number} first */
  appended(first) {
    if (this.matches) {
      for (let index = first; index < this.vocabulary.mergeCount; index++) if (this.matchesQuery(index)) this.matches.push(index);
    }
    this.refresh();
  }

  /** @param {string} query */
  setQuery(query) {
    const normalized = query.replaceAll(' ', '·').toLowerCase();
    const changed = normalized !== this.query;
    this.query = normalized;
    if (this.query === '') {
      this.matches = null;
    } else {
      this.matches = [];
      for (let index = 0; index < this.vocabulary.mergeCount; index++) if (this.matchesQuery(index)) this.matches.push(index);
    }
    // A new search starts at its first match; clearing it returns to following the newest merges.
    if (changed) {
      this.follow = this.matches === null;
      this.parts.scroller.scrollTop = 0;
      this.lastScrollTop = 0;
    }
    this.refresh();
  }

  /** @param {number} index */
  matchesQuery(index) {
    const query = this.query;
    const vocabulary = this.vocabulary;
    if (/^\d+$/.test(query)) {
      const number = Number(query);
      if (number === index + 1 || number === 256 + index) return true;
    }
    return (
      vocabulary.plain(256 + index).toLowerCase().includes(query) ||
      vocabulary.plain(vocabulary.left[index]).toLowerCase().includes(query) ||
      vocabulary.plain(vocabulary.right[index]).toLowerCase().includes(query)
    );
  }

  get rowCount() {
    return this.matches ? this.matches.length : this.vocabulary.mergeCount;
  }

  refresh() {
    const total = this.vocabulary.mergeCount;
    const shown = this.rowCount;
    this.parts.spacer.style.height = `${shown * rowHeight}px`;
    this.parts.table.setAttribute('aria-rowcount', String(shown + 1));
    this.parts.status.textContent =
      this.matches === null
        ? `${formatInteger(total)} ${total === 1 ? 'merge' : 'merges'}`
        : `${formatInteger(shown)} of ${formatInteger(total)} merges match`;
    this.parts.status.dataset.shown = String(shown);
    if (this.follow && this.matches === null) {
      this.parts.scroller.scrollTop = this.parts.scroller.scrollHeight;
    }
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  render() {
    const { scroller, rows } = this.parts;
    const shown = this.rowCount;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - overscan);
    const last = Math.min(shown, Math.ceil((scroller.scrollTop + scroller.clientHeight) / rowHeight) + overscan);
    const needed = Math.max(0, last - first);
    while (this.pool.length < needed) this.pool.push(this.makeRow());
    rows.style.transform = `translateY(${first * rowHeight}px)`;
    const fragment = document.createDocumentFragment();
    for (let slot = 0; slot < needed; slot++) {
      const row = this.pool[slot];
      const position = first + slot;
      this.fillRow(row, this.matches ? this.matches[position] : position, position);
      fragment.append(row);
    }
    rows.replaceChildren(fragment);
  }

  makeRow() {
    const row = document.createElement('div');
    row.className = 'merge-row';
    row.setAttribute('role', 'row');
    for (const name of ['step', 'pair', 'count', 'token', 'id']) {
      const cell = document.createElement('div');
      cell.className = `merge-cell merge-${name}`;
      cell.setAttribute('role', 'cell');
      row.append(cell);
    }
    return row;
  }

  /**
   * @param {HTMLElement} row
   * @param {number} index merge index
   * @param {number} position row position in the (filtered) table
   */
  fillRow(row, index, position) {
    if (row.dataset.index === String(index) && row.dataset.query === this.query) {
      row.setAttribute('aria-rowindex', String(position + 2));
      return;
    }
    const vocabulary = this.vocabulary;
    const [step, pair, count, token, id] = /** @type {HTMLElement[]} */ (Array.from(row.children));
    row.dataset.index = String(index);
    row.dataset.query = this.query;
    row.setAttribute('aria-rowindex', String(position + 2));
    step.textContent = formatInteger(index + 1);
    pair.replaceChildren(this.tokenChip(vocabulary.left[index]), plus(), this.tokenChip(vocabulary.right[index]));
    count.textContent = this.countsKnown ? formatInteger(vocabulary.counts[index]) : '–';
    token.replaceChildren(this.tokenChip(256 + index));
    id.textContent = String(256 + index);
  }

  /** @param {number} id */
  tokenChip(id) {
    const chip = document.createElement('span');
    chip.className = 'vocab-token';
    chip.title = `id ${id}`;
    const bytes = this.vocabulary.bytesOf(id);
    appendTokenRuns(chip, bytes);
    return chip;
  }
}

function plus() {
  const span = document.createElement('span');
  span.className = 'pair-plus';
  span.textContent = '+';
  span.setAttribute('aria-label', 'plus');
  return span;
}
