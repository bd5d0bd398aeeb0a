// @ts-check
// Draws encodings of one text lined up by character (layout.js):
// blocks flow like text and wrap; inside a block each tokenizer has a grid
// row in its own colour, and a token spans the columns of the characters it
// holds. Pointing at a token outlines the tokens of the other rows that
// share its characters. Tokens are focusable with one Tab stop: left and
// right move along a row, up and down to the token of the next row at the
// same place. All token text goes in with textContent.

import { alignEncodings } from './layout.js';
import { RovingTabStop, pointableItems } from '../common/dom.js';
import { countCodePoints, describeText, hexOf, textOf, visibleWhitespaceRuns } from '../common/token-layout.js';
import { placeTooltip, tipRow } from '../common/token-tip.js';

/**
 * @typedef {object} AlignedRow
 * @property {string} label the tokenizer as the reader knows it
 * @property {import('../common/token-layout.js').Encoding} encoding
 * @property {import('../common/token-chips.js').TokenNames} names its vocabulary
 * @property {number} tone its colour, 0-3 (its place in the reader's choice)
 */

/**
 * @typedef {object} AlignedElements
 * @property {HTMLElement} container where the blocks go
 * @property {HTMLElement} tooltip shared tooltip (role=tooltip)
 * @property {HTMLElement} status says when only the start of a long text is lined up
 */

/** Lining up more than this much text would make a page of many thousand elements. */
export const maxAlignedBytes = 6000;

export class AlignedTokens {
  /** @param {AlignedElements} elements */
  constructor(elements) {
    this.elements = elements;
    /** @type {AlignedRow[]} */
    this.rows = [];
    /** @type {HTMLElement[][]} token cells of each row, in text order */
    this.rowCells = [];
    this.tabStop = new RovingTabStop();
    const { container } = elements;
    pointableItems(container, '.acell', this.tabStop, {
      point: (cell) => this.point(cell),
      unpoint: () => this.unpoint(),
      onKey: (event) => this.onKey(event),
      leave: 'group',
    });
    window.addEventListener(
      'scroll',
      () => {
        this.elements.tooltip.hidden = true;
      },
      { passive: true },
    );
  }

  /** @param {AlignedRow[]} rows encodings of the same text */
  show(rows) {
    this.rows = rows;
    this.rowCells = rows.map(() => []);
    this.tabStop.reset();
    this.unpoint();
    const { container, status } = this.elements;
    if (rows.length === 0) {
      container.replaceChildren();
      status.hidden = true;
      return;
    }
    const layout = alignEncodings(rows.map((row) => row.encoding), { maxBytes: maxAlignedBytes });
    const fragment = document.createDocumentFragment();
    fragment.append(this.legend());
    for (const block of layout.blocks) {
      fragment.append(this.blockElement(block));
      if (block.newline) {
        const lineBreak = document.createElement('div');
        lineBreak.className = 'abreak';
        fragment.append(lineBreak);
      }
    }
    container.replaceChildren(fragment);
    container.style.setProperty('--rows', String(rows.length));
    const first = this.rowCells.find((cells) => cells.length > 0)?.[0];
    if (first) this.tabStop.move(first);

    const bytes = rows[0].encoding.bytes;
    if (layout.laidOut < bytes.length) {
      status.hidden = false;
      status.textContent =
        `Lined up: the first ${countCodePoints(bytes.subarray(0, layout.laidOut)).toLocaleString()} of ` +
        `${countCodePoints(bytes).toLocaleString()} characters. The counts above are for the whole text.`;
    } else {
      status.hidden = true;
    }
  }

  /** The first block: each row's name, in its colour. */
  legend() {
    const block = document.createElement('div');
    block.className = 'ablock alegend';
    block.setAttribute('aria-hidden', 'true');
    this.rows.forEach((row, index) => {
      const label = document.createElement('span');
      label.className = `alabel r${row.tone}`;
      label.style.gridRow = String(index + 1);
      label.textContent = row.label;
      block.append(label);
    });
    return block;
  }

  /** @param {import('./layout.js').Block} block */
  blockElement(block) {
    const element = document.createElement('div');
    element.className = 'ablock';
    element.style.gridTemplateColumns = `repeat(${block.columns}, auto)`;
    for (const cell of block.cells) element.append(this.cellElement(cell));
    return element;
  }

  /** @param {import('./layout.js').Cell} cell */
  cellElement(cell) {
    const { encoding, names, tone } = this.rows[cell.row];
    const element = document.createElement('span');
    element.style.gridRow = String(cell.row + 1);
    element.style.gridColumn = `${cell.column} / span ${cell.span}`;
    element.dataset.start = String(cell.start);
    element.dataset.stop = String(cell.stop);
    if (cell.kind === 'uncovered') {
      element.className = `acell uncovered r${tone}`;
      fillVisible(element, textOf(encoding.bytes, cell.start, cell.stop));
      return element;
    }
    const cells = this.rowCells[cell.row];
    const count = cell.end - cell.first;
    const firstId = encoding.ids[cell.first];
    element.className = `acell token r${tone}${cells.length % 2 ? ' alt' : ''}`;
    element.dataset.row = String(cell.row);
    element.dataset.position = String(cells.length);
    element.dataset.first = String(cell.first);
    element.dataset.end = String(cell.end);
    element.dataset.ids = Array.from(encoding.ids.subarray(cell.first, cell.end)).join(' ');
    element.tabIndex = -1;
    cells.push(element);
    if (cell.start === cell.stop) {
      element.classList.add('added');
      if (names.isSpecial(firstId)) element.classList.add('special');
      fillVisible(element, names.text(firstId));
    } else if (count === 1 && names.isSpecial(firstId)) {
      element.classList.add('special');
      fillVisible(element, names.text(firstId));
    } else {
      fillVisible(element, textOf(encoding.bytes, cell.start, cell.stop));
    }
    if (count > 1) {
      element.classList.add('multi');
      const badge = document.createElement('span');
      badge.className = 'acount';
      badge.textContent = `×${count}`;
      element.append(badge);
    }
    return element;
  }

  /** Outlines the tokens of every row that share the cell's characters, and describes it. @param {HTMLElement} target */
  point(target) {
    this.unpoint();
    const block = target.closest('.ablock');
    if (!block) return;
    const start = Number(target.dataset.start);
    const stop = Number(target.dataset.stop);
    for (const other of block.querySelectorAll('.acell.token')) {
      const otherStart = Number(/** @type {HTMLElement} */ (other).dataset.start);
      const otherStop = Number(/** @type {HTMLElement} */ (other).dataset.stop);
      const shares = start === stop ? otherStart === start && otherStop === stop : otherStart < stop && start < otherStop;
      if (shares) other.classList.add('linked');
    }
    target.classList.add('pointed');
    if (target.classList.contains('token')) this.showTip(target);
  }

  unpoint() {
    for (const element of this.elements.container.querySelectorAll('.linked, .pointed')) element.classList.remove('linked', 'pointed');
    this.elements.tooltip.hidden = true;
  }

  /** @param {HTMLElement} target */
  showTip(target) {
    const rowIndex = Number(target.dataset.row);
    const { label, encoding, names } = this.rows[rowIndex];
    const first = Number(target.dataset.first);
    const end = Number(target.dataset.end);
    const start = Number(target.dataset.start);
    const stop = Number(target.dataset.stop);
    const ids = Array.from(encoding.ids.subarray(first, end));
    const rows = [
      tipRow('Tokenizer', label, ''),
      tipRow(ids.length === 1 ? 'Token id' : 'Token ids', ids.join(' '), `${first + 1}${ids.length > 1 ? `–${end}` : ''} of ${encoding.ids.length}`),
    ];
    if (start === stop) {
      rows.push(tipRow('Token', describeText(names.text(ids[0])), 'added by the tokenizer: it stands for no text'));
    } else {
      const text = textOf(encoding.bytes, start, stop);
      rows.push(tipRow('Text', describeText(text), `${countCodePoints(encoding.bytes.subarray(start, stop))} characters, ${stop - start} bytes`));
      if (ids.length === 1) {
        const spelling = names.text(ids[0]);
        if (spelling !== text) rows.push(tipRow('Token', describeText(spelling), names.isSpecial(ids[0]) ? 'special token' : 'as the vocabulary spells it'));
      } else {
        const pieces = [];
        for (let index = first; index < end; index++) pieces.push(hexOf(encoding.bytes, encoding.starts[index], encoding.ends[index]) || '∅');
        rows.push(tipRow('Bytes', pieces.join(' | '), 'each token’s bytes: they split a character'));
      }
    }
    const { tooltip } = this.elements;
    tooltip.replaceChildren(...rows);
    tooltip.hidden = false;
    target.setAttribute('aria-describedby', tooltip.id);
    // Below (or above) the whole block, so the other rows' outlined tokens stay in sight.
    const box = target.getBoundingClientRect();
    const blockBox = (target.closest('.ablock') ?? target).getBoundingClientRect();
    placeTooltip(tooltip, blockBox, box.left);
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const target = cellOf(event.target);
    if (!target || !target.classList.contains('token')) return;
    if (event.key === 'Escape') {
      this.elements.tooltip.hidden = true;
      return;
    }
    const row = Number(target.dataset.row);
    const position = Number(target.dataset.position);
    const cells = this.rowCells[row];
    /** @type {HTMLElement | undefined} */
    let next;
    if (event.key === 'ArrowRight') next = cells[position + 1];
    else if (event.key === 'ArrowLeft') next = cells[position - 1];
    else if (event.key === 'Home') next = cells[0];
    else if (event.key === 'End') next = cells[cells.length - 1];
    else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const step = event.key === 'ArrowUp' ? -1 : 1;
      const start = Number(target.dataset.start);
      for (let other = row + step; other >= 0 && other < this.rowCells.length && !next; other += step)
        next = this.rowCells[other].find((cell) => Number(cell.dataset.stop) > start || Number(cell.dataset.start) >= start);
    } else {
      return;
    }
    event.preventDefault();
    next?.focus();
  }
}

/**
 * Text with whitespace made visible, on one line: "a b\n" → a·b↵
 * @param {HTMLElement} element
 * @param {string} text
 */
function fillVisible(element, text) {
  for (const run of visibleWhitespaceRuns(text)) {
    if (!run.whitespace) {
      element.append(run.text);
      continue;
    }
    const glyph = document.createElement('span');
    glyph.className = 'ws';
    glyph.textContent = run.text.replaceAll('\n', '');
    element.append(glyph);
  }
}

/**
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
function cellOf(target) {
  return target instanceof Element ? /** @type {HTMLElement | null} */ (target.closest('.acell')) : null;
}
