// @ts-check
// Cut to fit, under the Tokenize view's tokens: the text cut into pieces of
// at most N tokens (between any tokens, or only at line or sentence ends),
// each piece's own count, and all pieces as one download. The cutting runs
// in the worker (text-cut.js), with progress.
//
//   N = 512, at line ends → "Piece 1: 498 tokens, “First line…”", … and pieces.json
//
// Links: cut=512&at=lines (at=tokens by default) restore the settings and cut again.

import { part } from '../common/dom.js';
import { formatInteger } from '../common/format.js';
import { cutBoundaries } from '../engine/text-cut.js';

/** Pieces listed in the page; the download has all of them. */
const listedPieces = 200;

/** Characters of each piece shown in the list. */
const previewLength = 120;

const utf8 = new TextDecoder();

export class CutPanel {
  /**
   * @param {HTMLElement} root the view's section
   * @param {{client: import('../engine/tokenizer-client.js').EngineClient, current: () => {key: string, text: string, name: string}, onChange: () => void}} hooks
   *   current: the tokenizer and text to cut; onChange: the settings changed (the view rewrites its link)
   */
  constructor(root, { client, current, onChange }) {
    this.client = client;
    this.current = current;
    this.onChange = onChange;
    this.panel = part(root, '#cut-panel', HTMLDetailsElement);
    this.sizeInput = part(root, '#cut-size', HTMLInputElement);
    this.atPicker = part(root, '#cut-at', HTMLSelectElement);
    this.runButton = part(root, '#cut-run', HTMLButtonElement);
    this.downloadButton = part(root, '#cut-download', HTMLButtonElement);
    this.progress = part(root, '#cut-progress', HTMLElement);
    this.progressBar = part(root, '#cut-progress progress', HTMLProgressElement);
    this.summary = part(root, '#cut-summary', HTMLElement);
    this.list = part(root, '#cut-pieces', HTMLElement);
    /** Set when a cut ran, so the link keeps its settings. */
    this.used = false;
    /** @type {{texts: string[], counts: Uint32Array, name: string} | null} */
    this.pieces = null;
    this.runs = 0;
    this.runButton.addEventListener('click', () => this.run());
    this.downloadButton.addEventListener('click', () => this.download());
    for (const control of [this.sizeInput, this.atPicker]) control.addEventListener('change', () => this.used && this.onChange());
  }

  /** @param {URLSearchParams} params */
  applyLink(params) {
    const size = params.get('cut');
    const at = params.get('at');
    this.atPicker.value = cutBoundaries.includes(/** @type {any} */ (at)) ? /** @type {string} */ (at) : 'tokens';
    if (size !== null && /^\d+$/.test(size) && Number(size) >= 1) {
      this.sizeInput.value = size;
      this.used = true;
      this.panel.open = true;
      return true;
    }
    this.used = false;
    return false;
  }

  linkValues() {
    if (!this.used) return {};
    return { cut: String(this.size()), at: this.atPicker.value === 'tokens' ? undefined : this.atPicker.value };
  }

  size() {
    const value = Math.floor(Number(this.sizeInput.value));
    return Number.isFinite(value) && value >= 1 ? Math.min(value, 100_000_000) : 0;
  }

  /** Hides or shows the panel (it cuts text, so not in the other modes). @param {boolean} shown */
  setShown(shown) {
    this.panel.hidden = !shown;
  }

  async run() {
    const maxTokens = this.size();
    if (maxTokens === 0) {
      this.summary.textContent = 'The most tokens a piece may have is a whole number, 1 or more.';
      return;
    }
    const { key, text, name } = this.current();
    const boundary = this.atPicker.value;
    const run = ++this.runs;
    this.used = true;
    this.onChange();
    this.pieces = null;
    this.downloadButton.disabled = true;
    this.list.replaceChildren();
    this.summary.textContent = '';
    this.progress.hidden = false;
    this.progressBar.removeAttribute('value');
    this.panel.setAttribute('aria-busy', 'true');
    try {
      const result = await this.client.request('cut', { key, text, maxTokens, boundary }, {
        onProgress: (/** @type {number} */ done, /** @type {number} */ total) => {
          if (run !== this.runs || total === 0) return;
          this.progressBar.max = total;
          this.progressBar.value = done;
        },
      });
      if (run !== this.runs) return;
      const bytes = new TextEncoder().encode(text);
      const texts = Array.from(result.starts, (/** @type {number} */ start, /** @type {number} */ index) => utf8.decode(bytes.subarray(start, result.ends[index])));
      this.pieces = { texts, counts: result.counts, name };
      this.show(texts, result.counts, result.tokens, maxTokens, boundary);
      this.downloadButton.disabled = texts.length === 0;
    } catch (error) {
      if (run === this.runs) this.summary.textContent = `Could not cut the text: ${error instanceof Error ? error.message : error}.`;
    } finally {
      if (run === this.runs) {
        this.progress.hidden = true;
        this.panel.removeAttribute('aria-busy');
      }
    }
  }

  /**
   * @param {string[]} texts
   * @param {Uint32Array} counts
   * @param {number} tokens the whole text's count
   * @param {number} maxTokens
   * @param {string} boundary
   */
  show(texts, counts, tokens, maxTokens, boundary) {
    const largest = counts.reduce((most, count) => Math.max(most, count), 0);
    const where = boundary === 'lines' ? ', at line ends where a line allows' : boundary === 'sentences' ? ', at sentence ends where a sentence allows' : '';
    this.summary.textContent = `${formatInteger(texts.length)} piece${texts.length === 1 ? '' : 's'} of at most ${formatInteger(maxTokens)} tokens${where} (the largest ${formatInteger(largest)}); the whole text is ${formatInteger(tokens)} tokens.`;
    this.summary.dataset.pieces = String(texts.length);
    const items = texts.slice(0, listedPieces).map((piece, index) => {
      const item = document.createElement('li');
      item.dataset.count = String(counts[index]);
      const head = document.createElement('span');
      head.className = 'cut-count';
      head.textContent = `${formatInteger(counts[index])} tokens`;
      const preview = document.createElement('span');
      preview.className = 'cut-preview';
      preview.textContent = piece.length > previewLength ? `${piece.slice(0, previewLength)}…` : piece;
      item.append(head, ' ', preview);
      return item;
    });
    if (texts.length > listedPieces) {
      const more = document.createElement('li');
      more.className = 'note';
      more.textContent = `and ${formatInteger(texts.length - listedPieces)} more, in the download`;
      items.push(more);
    }
    this.list.replaceChildren(...items);
  }

  download() {
    if (!this.pieces) return;
    const { texts, counts, name } = this.pieces;
    const parts = ['['];
    texts.forEach((text, index) => parts.push(`${index ? ',' : ''}\n${JSON.stringify({ index, tokens: counts[index], text })}`));
    parts.push('\n]\n');
    const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `pieces-${name.replace(/[^\w.-]+/g, '_')}.json`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
