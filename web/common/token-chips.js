// @ts-check
// Draws an encoding as coloured chips, a chunk at a time: the first chunk at
// once, the next ones as the reader scrolls near the end (an
// IntersectionObserver on a sentinel below the chips). A 1 MB text has a
// quarter of a million tokens; drawing them all would freeze the page.
//
// Chips are focusable with a roving tabindex (one Tab stop, arrow keys move
// between chips) and describe themselves in one shared tooltip on hover or
// focus: id, bytes in hex, text. Tokens that split a character are drawn as
// a group (see token-layout.js). All token text goes in with textContent.
//
// Given the tokenizer's vocabulary, special tokens are drawn by their own
// spelling ("[UNK]" over the word it replaced), and so are tokens that hold
// no text at all: BOS, [CLS], [SEP] or a SentencePiece prefix space ("·").
// Text that no token covers (the spaces between WordPiece tokens) is drawn
// between the chips, plainly.

import { RovingTabStop, pointableItems } from './dom.js';
import { formatInteger } from './format.js';
import {
  describeText,
  hexOf,
  invisibleLabel,
  looksSpecial,
  textOf,
  unitEnd,
  visibleWhitespaceRuns,
} from './token-layout.js';
import { placeTooltip, tipRow } from './token-tip.js';

/** Chip colours cycle through this many classes (c0..c4), so neighbours always differ. */
export const paletteSize = 5;

/** @typedef {import('./token-layout.js').Encoding} Encoding */

/**
 * @typedef {object} TokenNames what chips need of a vocabulary (tokenizers.js's Vocabulary)
 * @property {(id: number) => boolean} isSpecial
 * @property {(id: number) => string} text the token's own spelling: "<s>", "##ing", " the"
 */

/**
 * @typedef {object} ChipElements
 * @property {HTMLElement} scroller the box that scrolls (observer root)
 * @property {HTMLElement} list where chips go
 * @property {HTMLElement} sentinel an empty element after the list
 * @property {HTMLElement} tooltip shared tooltip (role=tooltip)
 * @property {HTMLElement} status "showing n of m" line
 */

export class TokenChips {
  /**
   * @param {ChipElements} elements
   * @param {{chunkSize?: number}} [options]
   */
  constructor(elements, { chunkSize = 2000 } = {}) {
    this.elements = elements;
    this.chunkSize = chunkSize;
    /** @type {Encoding | null} */
    this.encoding = null;
    /** @type {TokenNames | null} */
    this.names = null;
    this.visibleWhitespace = false;
    /** Whether each chip shows its id under its text (the Tokenize view's "Both"). */
    this.showIds = false;
    /** Token index where the next chunk starts. */
    this.rendered = 0;
    /** Byte offset up to which the text is drawn, by chips or as uncovered text. */
    this.drawnTo = 0;
    /** @type {HTMLElement[]} chip of each rendered token, by token index */
    this.chips = [];
    this.tabStop = new RovingTabStop();

    this.observer = new IntersectionObserver((entries) => this.onSentinel(entries), {
      root: elements.scroller,
      rootMargin: '0px 0px 400px 0px',
    });
    this.observer.observe(elements.sentinel);

    const { list, scroller } = elements;
    pointableItems(list, '.chip', this.tabStop, {
      point: (chip) => this.showTip(chip),
      unpoint: () => this.hideTip(),
      onKey: (event) => this.onKey(event),
    });
    scroller.addEventListener('scroll', () => this.hideTip(), { passive: true });
  }

  /**
   * Replaces the chips with those of a new encoding.
   * @param {Encoding} encoding
   * @param {TokenNames | null} [names] the tokenizer's vocabulary, when known
   */
  show(encoding, names = null) {
    this.encoding = encoding;
    this.names = names;
    this.redraw(this.chunkSize);
    this.elements.scroller.scrollTop = 0;
  }

  /** @param {boolean} visible */
  setVisibleWhitespace(visible) {
    if (visible === this.visibleWhitespace) return;
    this.visibleWhitespace = visible;
    if (this.encoding) this.redraw(Math.max(this.rendered, this.chunkSize));
  }

  /** @param {boolean} show */
  setShowIds(show) {
    if (show === this.showIds) return;
    this.showIds = show;
    this.elements.list.classList.toggle('with-ids', show);
    if (this.encoding) this.redraw(Math.max(this.rendered, this.chunkSize));
  }

  clear() {
    this.encoding = null;
    this.redraw(0);
  }

  /**
   * Draws from scratch up to about `count` tokens.
   * @param {number} count
   */
  redraw(count) {
    this.hideTip();
    this.elements.list.replaceChildren();
    this.chips = [];
    this.rendered = 0;
    this.drawnTo = 0;
    this.tabStop.reset();
    this.renderUntil(count);
  }

  /** Draws the next chunk, if any. */
  renderMore() {
    this.renderUntil(this.rendered + this.chunkSize);
  }

  /**
   * Draws whole units until at least `count` tokens are drawn or all are.
   * @param {number} count
   */
  renderUntil(count) {
    const encoding = this.encoding;
    const total = encoding ? encoding.ids.length : 0;
    if (encoding && this.rendered < total) {
      const fragment = document.createDocumentFragment();
      let first = this.rendered;
      while (first < total && first < count) {
        const end = unitEnd(encoding, first);
        const start = encoding.starts[first];
        if (start > this.drawnTo) fragment.append(this.uncovered(encoding.bytes, this.drawnTo, start));
        fragment.append(end === first + 1 ? this.tokenChip(encoding, first) : this.groupBox(encoding, first, end));
        this.drawnTo = Math.max(this.drawnTo, encoding.ends[end - 1]);
        first = end;
      }
      this.rendered = first;
      if (first === total && this.drawnTo < encoding.bytes.length)
        fragment.append(this.uncovered(encoding.bytes, this.drawnTo, encoding.bytes.length));
      this.elements.list.append(fragment);
      if (!this.tabStop.element && this.chips.length > 0) this.tabStop.move(this.chips[0]);
    }
    this.updateStatus(total);
    // The observer reports changes only; re-observing makes it look again in
    // case the sentinel is still in view after this chunk.
    this.observer.unobserve(this.elements.sentinel);
    if (this.rendered < total) this.observer.observe(this.elements.sentinel);
  }

  /** @param {IntersectionObserverEntry[]} entries */
  onSentinel(entries) {
    if (entries.some((entry) => entry.isIntersecting)) requestAnimationFrame(() => this.renderMore());
  }

  /** @param {number} total */
  updateStatus(total) {
    const { status } = this.elements;
    if (this.rendered < total) {
      status.hidden = false;
      status.textContent = `Showing the first ${formatInteger(this.rendered)} of ${formatInteger(total)} tokens; scroll down for more.`;
    } else {
      status.hidden = true;
      status.textContent = '';
    }
  }

  /**
   * Text between tokens that no token holds (a tokenizer that drops spaces).
   * @param {Uint8Array} bytes
   * @param {number} start
   * @param {number} end
   */
  uncovered(bytes, start, end) {
    const gap = document.createElement('span');
    gap.className = 'uncovered';
    this.fillText(gap, textOf(bytes, start, end));
    return gap;
  }

  /**
   * A chip for a token that holds whole characters.
   * @param {Encoding} encoding
   * @param {number} index
   */
  tokenChip(encoding, index) {
    const start = encoding.starts[index];
    const end = encoding.ends[index];
    const id = encoding.ids[index];
    const text = textOf(encoding.bytes, start, end);
    const chip = this.chipShell(encoding, index);
    const special = looksSpecial(text) || Boolean(this.names?.isSpecial(id));
    if (special) chip.classList.add('special');
    if (start === end) {
      // Added by the tokenizer: its spelling, whitespace always shown.
      chip.classList.add('added');
      this.fillSpelling(chip, this.names?.text(id) ?? '∅');
    } else if (special && this.names) {
      this.fillSpelling(chip, this.names.text(id));
    } else {
      this.fillText(chip, text);
    }
    this.labelId(chip, id);
    return chip;
  }

  /**
   * A token's own spelling, with whitespace visible whatever the toggle says.
   * @param {HTMLElement} element
   * @param {string} spelling
   */
  fillSpelling(element, spelling) {
    for (const run of visibleWhitespaceRuns(spelling)) {
      if (!run.whitespace) {
        element.append(run.text);
        continue;
      }
      const glyph = document.createElement('span');
      glyph.className = 'ws';
      glyph.textContent = run.text.replace('\n', '');
      element.append(glyph);
    }
  }

  /**
   * A box for tokens [first, end) that share a character: the text once,
   * then one chip per token showing its bytes.
   * @param {Encoding} encoding
   * @param {number} first
   * @param {number} end
   */
  groupBox(encoding, first, end) {
    const box = document.createElement('span');
    box.className = 'group';
    const text = document.createElement('span');
    text.className = 'group-text';
    this.fillText(text, textOf(encoding.bytes, encoding.starts[first], encoding.ends[end - 1]));
    const members = document.createElement('span');
    members.className = 'group-tokens';
    for (let index = first; index < end; index++) {
      const chip = this.chipShell(encoding, index);
      chip.classList.add('partial');
      chip.textContent = hexOf(encoding.bytes, encoding.starts[index], encoding.ends[index]);
      this.labelId(chip, encoding.ids[index]);
      members.append(chip);
    }
    box.append(text, members);
    return box;
  }

  /**
   * @param {Encoding} encoding
   * @param {number} index
   */
  chipShell(encoding, index) {
    const chip = document.createElement('span');
    chip.className = `chip c${index % paletteSize}`;
    chip.dataset.index = String(index);
    chip.dataset.id = String(encoding.ids[index]);
    chip.tabIndex = -1;
    this.chips[index] = chip;
    return chip;
  }

  /**
   * The id under the chip's text, when ids are shown.
   * @param {HTMLElement} chip
   * @param {number} id
   */
  labelId(chip, id) {
    if (!this.showIds) return;
    const label = document.createElement('span');
    label.className = 'chip-id';
    label.textContent = String(id);
    chip.append(label);
  }

  /**
   * @param {HTMLElement} element
   * @param {string} text
   */
  fillText(element, text) {
    const label = invisibleLabel(text);
    if (label !== null) {
      const name = document.createElement('span');
      name.className = 'invisible';
      name.textContent = label;
      element.append(name);
      return;
    }
    if (!this.visibleWhitespace) {
      element.textContent = text;
      return;
    }
    for (const run of visibleWhitespaceRuns(text)) {
      if (!run.whitespace) {
        element.append(run.text);
        continue;
      }
      const glyph = document.createElement('span');
      glyph.className = 'ws';
      glyph.textContent = run.text;
      element.append(glyph);
    }
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const chip = chipOf(event.target);
    if (!chip || !this.encoding) return;
    const index = Number(chip.dataset.index);
    const last = this.encoding.ids.length - 1;
    /** @type {Record<string, number>} */
    const targets = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      Home: 0,
      End: this.rendered - 1,
      PageDown: index + 100,
      PageUp: index - 100,
    };
    if (event.key === 'Escape') {
      this.hideTip();
      return;
    }
    if (!(event.key in targets)) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(last, targets[event.key]));
    if (target >= this.rendered) this.renderUntil(target + this.chunkSize);
    this.chips[target]?.focus();
  }

  /** @param {HTMLElement} chip */
  showTip(chip) {
    const encoding = this.encoding;
    if (!encoding) return;
    const index = Number(chip.dataset.index);
    const { tooltip } = this.elements;
    const { bytes, starts, ends, ids } = encoding;
    const start = starts[index];
    const end = ends[index];

    const rows = [tipRow('Token id', String(ids[index]), `${formatInteger(index + 1)} of ${formatInteger(ids.length)}`)];
    const spelling = this.names?.text(ids[index]);
    if (start === end) {
      rows.push(tipRow('Token', describeText(spelling ?? ''), 'added by the tokenizer: it stands for no text'));
      tooltip.replaceChildren(...rows);
      this.placeTip(chip);
      return;
    }
    rows.push(tipRow('Bytes', hexOf(bytes, start, end), `${end - start} byte${end - start === 1 ? '' : 's'}`));
    const group = chip.classList.contains('partial') ? chip.closest('.group') : null;
    if (group) {
      const first = Number(/** @type {HTMLElement} */ (group.querySelector('.chip')).dataset.index);
      const groupEnd = unitEnd(encoding, first);
      const groupText = textOf(bytes, starts[first], ends[groupEnd - 1]);
      const from = start - starts[first] + 1;
      rows.push(tipRow('Text', `part of ${describeText(groupText)}`, `bytes ${from}–${from + end - start - 1} of ${ends[groupEnd - 1] - starts[first]}`));
    } else {
      const text = textOf(bytes, start, end);
      rows.push(tipRow('Text', describeText(text), looksSpecial(text) ? 'special token' : ''));
      // The vocabulary's spelling when it is not the text: "##ing", lower case, "[UNK]".
      if (spelling !== undefined && spelling !== text)
        rows.push(tipRow('Token', describeText(spelling), this.names?.isSpecial(ids[index]) ? 'special token' : 'as the vocabulary spells it'));
    }
    tooltip.replaceChildren(...rows);
    this.placeTip(chip);
  }

  /** Shows the filled tooltip next to a chip, inside the window. @param {HTMLElement} chip */
  placeTip(chip) {
    const { tooltip } = this.elements;
    tooltip.hidden = false;
    chip.setAttribute('aria-describedby', tooltip.id);

    const chipBox = chip.getBoundingClientRect();
    placeTooltip(tooltip, chipBox, chipBox.left);
  }

  hideTip() {
    this.elements.tooltip.hidden = true;
  }
}

/**
 * @param {EventTarget | null} target
 * @returns {HTMLElement | null}
 */
function chipOf(target) {
  return target instanceof Element ? /** @type {HTMLElement | null} */ (target.closest('.chip')) : null;
}
