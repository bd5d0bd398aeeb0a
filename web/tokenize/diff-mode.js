// @ts-check
// Diff mode of the Tokenize view: two texts side by side (a prompt before and
// after an edit), the token count of each in every chosen tokenizer with the
// difference, and the two token sequences with the changed tokens marked.
//
//   before "Summarize this in three sentences." after "Summarize this in two short sentences."
//   GPT-4: 8 → 9 tokens (+1); before: Sum mar ize · this · in <del>· three</del> · sentences .
//                              after:  Sum mar ize · this · in <ins>· two</ins> <ins>· short</ins> · sentences .
//
// Which tokens changed is a shortest edit script between the two id
// sequences (Myers over ids, in the engine: src/tokenizer/diff/token_diff.h),
// so a token counts as changed when it is not in their longest common
// subsequence. Removed tokens are <del>, added ones <ins>, with their text set
// as text, so a screen reader names them as deletions and insertions.
//
// Links: #in=diff&text=["before","after"]&dt=o200k_base,llama3 (dt: the other
// tokenizers counted; the view's own is always counted and diffed).

import { part } from '../common/dom.js';
import { formatInteger } from '../common/format.js';
import { describeTokenizer, findTokenizer, tokenizers } from '../common/tokenizers.js';

/** Tokens drawn on each side; the counts and the marks cover all of them. */
const drawnTokens = 4000;

/** The other tokenizers counted before any is chosen. */
const defaultOthers = ['o200k_base', 'llama3'];

export const defaultDiffTexts = /** @type {[string, string]} */ ([
  'Summarize the report below in three sentences for the board.',
  'Summarize the report below in two short sentences for a new colleague.',
]);

const utf8 = new TextDecoder();

/**
 * @typedef {object} DiffResult what the worker's "diff" answers
 * @property {import('../common/token-layout.js').Encoding} before
 * @property {import('../common/token-layout.js').Encoding} after
 * @property {Uint8Array} beforeChanged 1 for a token of before that is not in the common subsequence
 * @property {Uint8Array} afterChanged
 * @property {number} edits
 * @property {boolean} approximate
 */

export class DiffMode {
  /**
   * @param {HTMLElement} root the view's section
   * @param {{client: import('../engine/tokenizer-client.js').EngineClient, loader: import('../common/tokenizers.js').TokenizerLoader, onChange: (immediate: boolean) => void}} hooks
   */
  constructor(root, { client, loader, onChange }) {
    this.client = client;
    this.loader = loader;
    this.onChange = onChange;
    this.beforeArea = part(root, '#diff-before', HTMLTextAreaElement);
    this.afterArea = part(root, '#diff-after', HTMLTextAreaElement);
    this.picker = part(root, '#diff-tokenizers', HTMLElement);
    this.output = part(root, '#diff-output', HTMLElement);
    this.countRows = part(root, '#diff-counts', HTMLElement);
    this.summary = part(root, '#diff-summary', HTMLElement);
    this.beforeTokens = part(root, '#diff-before-tokens', HTMLElement);
    this.afterTokens = part(root, '#diff-after-tokens', HTMLElement);
    /** @type {[string, string]} */
    this.texts = [...defaultDiffTexts];
    /** @type {string[]} the other tokenizers counted */
    this.others = [...defaultOthers];
    this.beforeArea.value = this.texts[0];
    this.afterArea.value = this.texts[1];
    for (const [side, area] of /** @type {const} */ ([[0, this.beforeArea], [1, this.afterArea]])) {
      area.addEventListener('input', () => {
        this.texts[side] = area.value;
        this.onChange(false);
      });
    }
    this.renderPicker();
    this.picker.addEventListener('change', () => {
      this.others = [...this.picker.querySelectorAll('input:checked')].map((input) => /** @type {HTMLInputElement} */ (input).value);
      this.onChange(true);
    });
  }

  renderPicker() {
    const legend = this.picker.querySelector('legend');
    const shipped = tokenizers.filter((entry) => !entry.files);
    const twice = new Set(shipped.map((entry) => entry.model).filter((model, at, models) => models.indexOf(model) !== at));
    const choices = shipped.map((entry) => {
      const label = document.createElement('label');
      label.className = 'diff-choice';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = entry.key;
      input.checked = this.others.includes(entry.key);
      // A model listed twice (GPT-OSS: its encoding and its tokenizer.json) is told apart by its name.
      label.append(input, ` ${twice.has(entry.model) ? describeTokenizer(entry.key) : entry.model}`);
      label.title = describeTokenizer(entry.key);
      return label;
    });
    this.picker.replaceChildren(...(legend ? [legend] : []), ...choices);
  }

  /**
   * @param {URLSearchParams} params
   * @returns {string | null} what was wrong with the link's texts, if anything
   */
  applyLink(params) {
    /** @type {string | null} */
    let problem = null;
    const text = params.get('text');
    this.texts = [...defaultDiffTexts];
    if (text !== null) {
      try {
        const pair = JSON.parse(text);
        if (!Array.isArray(pair) || pair.length !== 2 || pair.some((item) => typeof item !== 'string')) throw new Error('not two texts');
        this.texts = [pair[0], pair[1]];
      } catch {
        problem = 'The link’s two texts are not a JSON list of two strings; showing the example instead.';
      }
    }
    const others = params.get('dt');
    this.others = others === null ? [...defaultOthers] : others.split(',').filter((key) => findTokenizer(key));
    this.beforeArea.value = this.texts[0];
    this.afterArea.value = this.texts[1];
    this.renderPicker();
    return problem;
  }

  linkValues() {
    const same = this.others.length === defaultOthers.length && this.others.every((key, at) => key === defaultOthers[at]);
    return { dt: same ? undefined : this.others.join(',') };
  }

  linkText() {
    return JSON.stringify(this.texts);
  }

  /** @param {boolean} shown */
  setShown(shown) {
    this.output.hidden = !shown;
  }

  /**
   * Encodes and diffs both texts with key, draws them, then counts them in the
   * other chosen tokenizers.
   * @param {string} key
   * @param {{allowSpecial: boolean, addSpecialTokens: boolean}} options
   * @param {() => boolean} isCurrent
   * @returns {Promise<DiffResult | null>} null when no longer current
   */
  async run(key, options, isCurrent) {
    const [before, after] = this.texts;
    /** @type {DiffResult} */
    const result = await this.client.request('diff', { key, before, after, ...options });
    if (!isCurrent()) return null;
    this.drawTokens(this.beforeTokens, result.before, result.beforeChanged, 'del');
    this.drawTokens(this.afterTokens, result.after, result.afterChanged, 'ins');
    const removed = result.beforeChanged.reduce((sum, flag) => sum + flag, 0);
    const added = result.afterChanged.reduce((sum, flag) => sum + flag, 0);
    this.summary.textContent = `${describeTokenizer(key)}: ${formatInteger(removed)} token${removed === 1 ? '' : 's'} removed, ${formatInteger(added)} added, ${formatInteger(result.before.ids.length - removed)} kept` +
      (result.approximate ? ' (the texts differ too much to match token by token: all between the common start and end is marked)' : '') + '.';
    this.summary.dataset.removed = String(removed);
    this.summary.dataset.added = String(added);
    const keys = [key, ...this.others.filter((other) => other !== key)];
    const rows = keys.map((other) => {
      const row = document.createElement('tr');
      row.dataset.tokenizer = other;
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = describeTokenizer(other);
      row.append(name, cell('…'), cell(''), cell(''));
      return row;
    });
    this.countRows.replaceChildren(...rows);
    fillRow(rows[0], result.before.ids.length, result.after.ids.length);
    await Promise.all(keys.slice(1).map(async (other, at) => {
      const row = rows[at + 1];
      try {
        await this.loader.load(other);
        const [countBefore, countAfter] = await Promise.all([before, after].map((text) => this.client.request('count', { key: other, text, ...options })));
        if (isCurrent()) fillRow(row, countBefore, countAfter);
      } catch (error) {
        if (isCurrent()) row.cells[1].textContent = `not loaded (${error instanceof Error ? error.message : String(error)})`;
      }
    }));
    return result;
  }

  /**
   * One side's tokens as text, changed ones in <del> or <ins>.
   * @param {HTMLElement} list
   * @param {import('../common/token-layout.js').Encoding} encoding
   * @param {Uint8Array} changed
   * @param {'del' | 'ins'} mark
   */
  drawTokens(list, encoding, changed, mark) {
    const shown = Math.min(encoding.ids.length, drawnTokens);
    const items = [];
    for (let at = 0; at < shown; at++) {
      const start = encoding.starts[at];
      const end = encoding.ends[at];
      const element = document.createElement(changed[at] ? mark : 'span');
      element.className = 'diff-token';
      element.dataset.id = String(encoding.ids[at]);
      element.dataset.index = String(at);
      element.textContent = start === end ? `[${encoding.ids[at]}]` : utf8.decode(encoding.bytes.subarray(start, end));
      items.push(element);
    }
    if (shown < encoding.ids.length) {
      const more = document.createElement('span');
      more.className = 'note';
      more.textContent = ` … and ${formatInteger(encoding.ids.length - shown)} more tokens (counted and compared, not drawn)`;
      items.push(more);
    }
    list.replaceChildren(...items);
  }
}

/** @param {string} text */
function cell(text) {
  const element = document.createElement('td');
  element.textContent = text;
  return element;
}

/** @param {HTMLTableRowElement} row @param {number} before @param {number} after */
function fillRow(row, before, after) {
  const difference = after - before;
  row.cells[1].textContent = formatInteger(before);
  row.cells[2].textContent = formatInteger(after);
  row.cells[3].textContent = difference === 0 ? '0' : `${difference > 0 ? '+' : '−'}${formatInteger(Math.abs(difference))}`;
  row.dataset.before = String(before);
  row.dataset.after = String(after);
}
