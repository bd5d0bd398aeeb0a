// @ts-check
// The Compare view's table of chosen tokenizers: a row each with its choice
// (a select grouped by maker; choosing one another row has swaps the two),
// load progress or failure, vocabulary size, tokens, characters per token and
// tokens against the first row's, and a button to remove it (never below two
// rows).
//
//   GPT-4 · cl100k_base   100,277   19   5.79   1.00×
//   Mistral 7B             32,000   24   4.58   1.26×   (24 / 19)

import { formatBytes, formatInteger, formatRatio } from '../common/format.js';
import { countsOf } from '../common/token-layout.js';
import { describeTokenizer, tokenizerGroups } from '../common/tokenizers.js';

/**
 * @typedef {object} SummaryRow
 * @property {HTMLTableRowElement} row
 * @property {HTMLElement} status
 * @property {HTMLTableCellElement} vocab
 * @property {HTMLTableCellElement} tokens
 * @property {HTMLTableCellElement} perToken
 * @property {HTMLTableCellElement} ratio
 */

/**
 * @typedef {object} SummaryActions
 * @property {(slot: number, key: string) => void} choose
 * @property {(slot: number) => void} remove
 */

export class CompareSummary {
  /**
   * @param {HTMLTableSectionElement} body
   * @param {SummaryActions} actions
   * @param {number} minRows rows that cannot be removed below
   */
  constructor(body, actions, minRows) {
    this.body = body;
    this.actions = actions;
    this.minRows = minRows;
    /** @type {SummaryRow[]} */
    this.rows = [];
  }

  /**
   * One row per key, in order; vocabulary sizes known already are shown.
   * @param {string[]} keys
   * @param {(key: string) => number | undefined} vocabSizeOf
   */
  render(keys, vocabSizeOf) {
    this.rows = keys.map((key, slot) => this.buildRow(key, slot, keys.length));
    this.body.replaceChildren(...this.rows.map((row) => row.row));
    keys.forEach((key, slot) => {
      const size = vocabSizeOf(key);
      if (size !== undefined) this.showVocab(slot, size);
    });
  }

  /**
   * @param {string} key
   * @param {number} slot
   * @param {number} count rows in all
   * @returns {SummaryRow}
   */
  buildRow(key, slot, count) {
    const row = document.createElement('tr');
    row.className = `cmp-row r${slot}`;
    row.dataset.key = key;
    const head = document.createElement('th');
    head.scope = 'row';
    const pick = document.createElement('div');
    pick.className = 'cmp-pick';
    const swatch = document.createElement('span');
    swatch.className = `cmp-swatch r${slot}`;
    swatch.setAttribute('aria-hidden', 'true');
    const select = document.createElement('select');
    select.className = 'cmp-select';
    select.setAttribute('aria-label', `Tokenizer ${slot + 1}`);
    // One group per maker; a tiktoken encoding is named beside its model ("GPT-4 · cl100k_base").
    for (const { label, entries } of tokenizerGroups()) {
      const optgroup = document.createElement('optgroup');
      optgroup.label = label;
      for (const entry of entries) optgroup.append(new Option(entry.format === 'tiktoken' ? `${entry.model} · ${entry.name}` : entry.model, entry.key));
      select.append(optgroup);
    }
    select.value = key;
    select.addEventListener('change', () => this.actions.choose(slot, select.value));
    const status = document.createElement('span');
    status.className = 'cmp-status';
    status.setAttribute('aria-live', 'polite');
    pick.append(swatch, select, status);
    head.append(pick);

    const removeCell = document.createElement('td');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'cmp-remove';
    remove.textContent = '✕';
    remove.setAttribute('aria-label', `Remove ${describeTokenizer(key)}`);
    remove.disabled = count <= this.minRows;
    remove.addEventListener('click', () => this.actions.remove(slot));
    removeCell.append(remove);
    const cells = {
      vocab: numberCell('cmp-vocab'),
      tokens: numberCell('cmp-tokens'),
      perToken: numberCell('cmp-per-token'),
      ratio: numberCell('cmp-ratio'),
    };
    row.append(head, cells.vocab, cells.tokens, cells.perToken, cells.ratio, removeCell);
    return { row, status, ...cells };
  }

  /**
   * @param {number} slot
   * @param {number} loaded bytes so far
   * @param {number} total bytes, 0 when unknown
   */
  showProgress(slot, loaded, total) {
    const row = this.rows[slot];
    if (!row) return;
    row.status.textContent = total > 0 ? `loading ${Math.round((100 * loaded) / total)}% of ${formatBytes(total)}` : loaded > 0 ? `loading ${formatBytes(loaded)}` : 'loading…';
  }

  /**
   * @param {number} slot
   * @param {number} vocabSize
   */
  showVocab(slot, vocabSize) {
    const row = this.rows[slot];
    if (!row) return;
    row.vocab.textContent = formatInteger(vocabSize);
    row.vocab.dataset.value = String(vocabSize);
  }

  /**
   * @param {number} slot
   * @param {string} message why the tokenizer did not load or encode
   */
  showFailure(slot, message) {
    const row = this.rows[slot];
    row.status.textContent = `not loaded: ${message}`;
    row.status.classList.add('cmp-failed');
    for (const target of [row.tokens, row.perToken, row.ratio]) setNumber(target, null, '–');
  }

  /**
   * @param {number} slot
   * @param {import('../common/token-layout.js').Encoding} encoding
   * @param {number | null} firstTokens the first row's token count (null when it failed)
   */
  showCounts(slot, encoding, firstTokens) {
    const row = this.rows[slot];
    row.status.textContent = '';
    row.status.classList.remove('cmp-failed');
    const { tokens, charactersPerToken } = countsOf(encoding);
    setNumber(row.tokens, tokens, formatInteger(tokens));
    setNumber(row.perToken, charactersPerToken, formatRatio(charactersPerToken));
    const ratio = firstTokens ? tokens / firstTokens : null;
    setNumber(row.ratio, ratio, ratio === null ? '–' : `${formatRatio(ratio)}×`);
  }
}

/** @param {string} className */
function numberCell(className) {
  const cell = document.createElement('td');
  cell.className = `num ${className}`;
  cell.textContent = '–';
  return cell;
}

/**
 * @param {HTMLElement} cell
 * @param {number | null} value
 * @param {string} text
 */
function setNumber(cell, value, text) {
  cell.textContent = text;
  if (value === null) delete cell.dataset.value;
  else cell.dataset.value = String(value);
}
