// @ts-check
// The Tokenize view's output as text, ids or both, and the ids out of the
// page: Copy, and the tokens as a CSV or JSON download.
//
//   Text  chips, as always
//   Ids   9906 1917 0 (or 9906, 1917 / [9906, 1917] / one per line), selectable
//   Both  chips with each id under its token
//
// The ids go in a read-only textarea rather than a list of elements: the
// browser draws only the lines in view (1 MB of text is about a quarter of a
// million ids, under 2 MB of text), Ctrl+A selects all of them, and they
// copy as plain text. Past shownIds the box holds the first ones and says
// so; Copy and the downloads always give every id.

import { formatInteger } from '../common/format.js';
import { idsLayouts, idsText, tokensCsv, tokensJson } from './token-export.js';
import { part } from '../common/dom.js';

/** @typedef {'text' | 'ids' | 'both'} OutputMode */

/** @type {OutputMode[]} */
export const outputModes = ['text', 'ids', 'both'];

/** The most ids the box holds (about 8 MB of text): more would make the tab sluggish to scroll and select. */
export const shownIds = 1_000_000;

/**
 * @typedef {object} ExportSource what the output shows now
 * @property {import('../common/token-layout.js').Encoding} encoding
 * @property {import('../common/tokenizers.js').Vocabulary} vocabulary
 * @property {string} name the tokenizer's name, for file names
 */

export class IdsOutput {
  /**
   * @param {HTMLElement} root the view's section
   * @param {{onChange: () => void, chips: import('../common/token-chips.js').TokenChips}} hooks
   *   onChange: the mode or layout changed (the view rewrites its link)
   */
  constructor(root, { onChange, chips }) {
    this.chips = chips;
    this.onChange = onChange;
    this.modePicker = part(root, '#output-mode', HTMLElement);
    this.layoutPicker = part(root, '#ids-layout', HTMLSelectElement);
    this.layoutField = part(root, '#ids-layout-field', HTMLElement);
    this.idsBox = part(root, '#ids-text', HTMLTextAreaElement);
    this.idsNote = part(root, '#ids-note', HTMLElement);
    this.chipScroller = part(root, '#chip-scroller', HTMLElement);
    this.copyButton = part(root, '#copy-ids', HTMLButtonElement);
    this.csvButton = part(root, '#ids-download-csv', HTMLButtonElement);
    this.jsonButton = part(root, '#ids-download-json', HTMLButtonElement);
    this.status = part(root, '#export-status', HTMLElement);
    /** @type {OutputMode} */
    this.mode = 'text';
    /** @type {import('./token-export.js').IdsLayout} */
    this.layout = 'space';
    /** @type {ExportSource | null} */
    this.source = null;

    this.modePicker.addEventListener('change', (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      this.setMode(/** @type {OutputMode} */ (input.value));
      this.onChange();
    });
    this.layoutPicker.addEventListener('change', () => {
      this.setLayout(/** @type {import('./token-export.js').IdsLayout} */ (this.layoutPicker.value));
      this.onChange();
    });
    this.copyButton.addEventListener('click', () => this.copy());
    this.csvButton.addEventListener('click', () => this.download('csv'));
    this.jsonButton.addEventListener('click', () => this.download('json'));
    this.setEnabled(false);
  }

  /** @param {string | null} value from a link; anything unknown is "text" */
  setMode(value) {
    this.mode = outputModes.includes(/** @type {OutputMode} */ (value)) ? /** @type {OutputMode} */ (value) : 'text';
    for (const input of this.modePicker.querySelectorAll('input')) input.checked = input.value === this.mode;
    this.chipScroller.hidden = this.mode === 'ids';
    this.idsBox.hidden = this.mode !== 'ids';
    this.layoutField.hidden = this.mode !== 'ids';
    this.chips.setShowIds(this.mode === 'both');
    this.fillIds();
  }

  /** @param {string | null} value from a link; anything unknown is "space" */
  setLayout(value) {
    this.layout = idsLayouts.includes(/** @type {any} */ (value)) ? /** @type {import('./token-export.js').IdsLayout} */ (value) : 'space';
    this.layoutPicker.value = this.layout;
    this.fillIds();
  }

  /** The link's pairs for this part: defaults left out. */
  linkValues() {
    return { out: this.mode === 'text' ? undefined : this.mode, sep: this.layout === 'space' ? undefined : this.layout };
  }

  /** @param {ExportSource | null} source */
  show(source) {
    this.source = source;
    this.status.textContent = '';
    this.setEnabled(source !== null);
    this.fillIds();
  }

  /** @param {boolean} enabled */
  setEnabled(enabled) {
    this.copyButton.disabled = !enabled;
    this.csvButton.disabled = !enabled;
    this.jsonButton.disabled = !enabled;
  }

  /** Fills the ids box, only while it is shown (the text can be long). */
  fillIds() {
    if (this.mode !== 'ids') return;
    const ids = this.source?.encoding.ids ?? new Uint32Array(0);
    const cut = ids.length > shownIds;
    this.idsBox.value = idsText(cut ? ids.subarray(0, shownIds) : ids, this.layout);
    this.idsNote.hidden = !cut;
    this.idsNote.textContent = cut ? `Showing the first ${formatInteger(shownIds)} of ${formatInteger(ids.length)} ids; Copy and the downloads give all of them.` : '';
  }

  async copy() {
    if (!this.source) return;
    const { ids } = this.source.encoding;
    const text = idsText(ids, this.layout);
    try {
      await navigator.clipboard.writeText(text);
      this.status.textContent = `Copied ${formatInteger(ids.length)} ids.`;
    } catch {
      // No clipboard access (permission refused): leave the ids selected for Ctrl+C.
      this.setMode('ids');
      this.onChange();
      this.idsBox.focus();
      this.idsBox.select();
      this.status.textContent = 'The page may not write to the clipboard here; the ids are selected, press Ctrl+C (⌘C) to copy them.';
    }
  }

  /** @param {'csv' | 'json'} kind */
  download(kind) {
    if (!this.source) return;
    const { encoding, vocabulary, name } = this.source;
    const rows = { ...encoding, names: vocabulary };
    const parts = kind === 'csv' ? tokensCsv(rows) : tokensJson(rows);
    const blob = new Blob(parts, { type: kind === 'csv' ? 'text/csv' : 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `tokens-${name.replace(/[^\w.-]+/g, '_')}.${kind}`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.status.textContent = `Saved ${formatInteger(encoding.ids.length)} tokens as ${kind.toUpperCase()}.`;
  }
}
