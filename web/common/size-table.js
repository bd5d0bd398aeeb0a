// @ts-check
// The embedding-size table of the Compare view, live: a row per model
// configuration (model-sizes.js) with the vocabulary size read from its
// loaded tokenizer, the table's rows (as published, or one per token), the
// embedding table's parameters and memory, and the tokens the reader's text
// needs. Vocabularies load when the table first comes into view, one after
// another, each with its progress in its row.

import { formatBytes, formatInteger } from './format.js';
import { embeddingCost, embeddingRows, explainerDifferences, modelConfigs, precisions } from './model-sizes.js';
import { describeTokenizer, findTokenizer } from './tokenizers.js';

/**
 * @typedef {object} SizeTableElements
 * @property {HTMLTableSectionElement} body the table's tbody
 * @property {HTMLElement} status one line: what is loading
 * @property {HTMLElement} differences list of where the explainer's figures differ
 * @property {HTMLElement} footnotes list of notes on assumed figures
 * @property {HTMLElement} sentinel an element whose coming into view starts the loads
 */

/**
 * @typedef {object} RowParts
 * @property {import('./model-sizes.js').ModelConfig} config
 * @property {HTMLTableRowElement} row
 * @property {HTMLTableCellElement} vocab
 * @property {HTMLTableCellElement} rows
 * @property {HTMLTableCellElement} params
 * @property {Record<string, HTMLTableCellElement>} memory by precision id
 * @property {HTMLTableCellElement} tokens
 */

export class SizeTable {
  /**
   * @param {SizeTableElements} elements
   * @param {{client: import('../engine/tokenizer-client.js').EngineClient, loader: import('./tokenizers.js').TokenizerLoader}} services
   */
  constructor(elements, services) {
    this.elements = elements;
    this.services = services;
    /** @type {RowParts[]} */
    this.rows = modelConfigs.map((config) => this.buildRow(config));
    elements.body.replaceChildren(...this.rows.map((parts) => parts.row));
    elements.footnotes.replaceChildren(
      ...modelConfigs
        .filter((config) => config.dim !== null && config.dimNote)
        .map((config) => {
          const item = document.createElement('li');
          item.textContent = `* ${config.model} ${config.detail}: ${config.dimNote}.`;
          return item;
        }),
      ...sourceNotes(),
    );
    this.text = '';
    this.addSpecialTokens = true;
    /** @type {Map<string, number>} token counts the Compare view has already */
    this.known = new Map();
    /** Bumped per text, so a late count for an old text is dropped. */
    this.revision = 0;
    /** @type {Promise<void> | null} */
    this.loading = null;
    for (const key of this.keys()) {
      const info = services.loader.info(key);
      if (info) this.showVocab(key, info.vocabSize);
    }
    new IntersectionObserver((entries, observer) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      this.loadAll();
    }).observe(elements.sentinel);
  }

  /** Distinct tokenizer keys of the table, in row order. */
  keys() {
    return [...new Set(modelConfigs.map((config) => config.tokenizer))];
  }

  /** @param {import('./model-sizes.js').ModelConfig} config */
  buildRow(config) {
    const row = document.createElement('tr');
    row.dataset.config = config.id;
    row.dataset.tokenizer = config.tokenizer;
    const model = document.createElement('th');
    model.scope = 'row';
    const name = document.createElement('span');
    name.className = 'size-model';
    name.textContent = config.model;
    model.append(name);
    if (config.detail) {
      const detail = document.createElement('span');
      detail.className = 'size-detail';
      detail.textContent = config.detail;
      model.append(detail);
    }
    const tokenizer = cell('size-tokenizer', findTokenizer(config.tokenizer)?.name ?? config.tokenizer);
    const vocab = cell('num size-vocab', '–');
    const rows = cell('num size-rows', config.rows === undefined ? '–' : formatInteger(config.rows));
    if (config.source) rows.title = `vocab_size in the config.json of ${config.source}`;
    const dim = cell('num size-dim', config.dim === null ? '' : formatInteger(config.dim));
    if (config.dim === null) {
      dim.classList.add('size-missing');
      dim.textContent = config.dimNote ?? 'not published';
    } else {
      dim.dataset.dim = String(config.dim);
      if (config.dimNote) {
        dim.title = config.dimNote;
        dim.classList.add('size-assumed');
        const mark = document.createElement('sup');
        mark.textContent = '*';
        dim.append(mark);
      }
    }
    const params = cell('num size-params', '–');
    /** @type {Record<string, HTMLTableCellElement>} */
    const memory = {};
    for (const precision of precisions) memory[precision.id] = cell(`num size-${precision.id}`, '–');
    const tokens = cell('num size-tokens', '–');
    row.append(model, tokenizer, vocab, rows, dim, params, ...precisions.map((precision) => memory[precision.id]), tokens);
    return { config, row, vocab, rows, params, memory, tokens };
  }

  /**
   * Loads the table's vocabularies not loaded yet, one after another.
   * @returns {Promise<void>}
   */
  loadAll() {
    this.loading ??= (async () => {
      const keys = this.keys();
      let failed = 0;
      for (const [index, key] of keys.entries()) {
        const known = this.services.loader.info(key);
        if (known) {
          this.showVocab(key, known.vocabSize);
          continue;
        }
        const name = describeTokenizer(key);
        this.elements.status.textContent = `Loading ${name}, vocabulary ${index + 1} of ${keys.length}…`;
        this.showLoading(key, 0, 0);
        try {
          const info = await this.services.loader.load(key, (loaded, total) => this.showLoading(key, loaded, total));
          this.showVocab(key, info.vocabSize);
        } catch (error) {
          failed++;
          this.showVocabError(key, error instanceof Error ? error.message : String(error));
        }
      }
      this.elements.status.textContent = failed ? `${failed} of ${keys.length} vocabularies did not load.` : '';
      this.elements.status.hidden = failed === 0;
      await this.countTokens();
    })();
    return this.loading;
  }

  /**
   * @param {string} key
   * @param {number} loaded
   * @param {number} total
   */
  showLoading(key, loaded, total) {
    for (const parts of this.rowsOf(key)) {
      parts.vocab.replaceChildren();
      const bar = document.createElement('progress');
      bar.className = 'size-progress';
      if (total > 0) {
        bar.max = total;
        bar.value = loaded;
      }
      bar.setAttribute('aria-label', `Loading ${describeTokenizer(key)}`);
      parts.vocab.append(bar);
    }
  }

  /**
   * @param {string} key
   * @param {string} message
   */
  showVocabError(key, message) {
    for (const parts of this.rowsOf(key)) {
      parts.vocab.textContent = 'not loaded';
      parts.vocab.title = message;
      parts.vocab.classList.add('size-missing');
    }
  }

  /** @param {string} key */
  rowsOf(key) {
    return this.rows.filter((parts) => parts.config.tokenizer === key);
  }

  /**
   * Fills a tokenizer's rows from its vocabulary size.
   * @param {string} key
   * @param {number} vocabSize
   */
  showVocab(key, vocabSize) {
    for (const parts of this.rowsOf(key)) {
      const { config, vocab, params, memory } = parts;
      vocab.textContent = formatInteger(vocabSize);
      vocab.dataset.vocabSize = String(vocabSize);
      vocab.classList.remove('size-missing');
      vocab.removeAttribute('title');
      const rows = embeddingRows(config, vocabSize);
      showRows(parts.rows, config, rows, vocabSize);
      if (config.dim === null) {
        params.textContent = '–';
        params.classList.add('size-missing');
        for (const precision of precisions) memory[precision.id].textContent = '–';
        continue;
      }
      const cost = embeddingCost(rows, config.dim);
      params.textContent = formatInteger(cost.params);
      params.dataset.value = String(cost.params);
      for (const precision of precisions) {
        const bytes = cost[/** @type {'fp32' | 'fp16' | 'int8'} */ (precision.id)];
        const target = memory[precision.id];
        target.textContent = formatBytes(bytes);
        target.dataset.bytes = String(bytes);
        target.title = `${formatInteger(bytes)} bytes`;
      }
    }
    this.showDifferences();
  }

  /** Lists where the explainer's figures differ from the computed ones, for the rows loaded so far. */
  showDifferences() {
    const items = [];
    for (const { config } of this.rows) {
      const info = this.services.loader.info(config.tokenizer);
      if (!info || !config.explainer) continue;
      const notes = explainerDifferences(config, info.vocabSize, formatInteger);
      if (notes.length === 0) continue;
      const item = document.createElement('li');
      const label = document.createElement('strong');
      label.textContent = `${config.explainer.row}: `;
      item.append(label, `the explainer gives ${notes.join('; ')}.`);
      item.dataset.config = config.id;
      items.push(item);
    }
    this.elements.differences.replaceChildren(...items);
  }

  /**
   * The text whose tokens the last column counts; counts known already (the
   * Compare view's rows) are used as they are.
   * @param {string} text
   * @param {boolean} addSpecialTokens
   * @param {Map<string, number>} known token counts by tokenizer key, for this text and setting
   */
  setText(text, addSpecialTokens, known) {
    this.text = text;
    this.addSpecialTokens = addSpecialTokens;
    this.known = known;
    this.revision++;
    // Vocabularies the Compare view loaded meanwhile fill their rows now.
    for (const key of this.keys()) {
      const info = this.services.loader.info(key);
      if (info && !this.rowsOf(key).every((parts) => parts.vocab.dataset.vocabSize === String(info.vocabSize))) this.showVocab(key, info.vocabSize);
    }
    for (const [key, count] of known) this.showTokens(key, count);
    if (this.loading) this.countTokens();
  }

  /** Counts the text's tokens with each loaded tokenizer the table lists. */
  async countTokens() {
    const revision = this.revision;
    const { text, addSpecialTokens } = this;
    for (const key of this.keys()) {
      if (revision !== this.revision) return;
      if (this.known.has(key) || !this.services.loader.info(key)) continue;
      try {
        const count = await this.services.client.request('count', { key, text, allowSpecial: false, addSpecialTokens });
        if (revision === this.revision) this.showTokens(key, count);
      } catch {
        // The tokenizer failed since it loaded: its cell keeps its dash.
      }
    }
  }

  /**
   * @param {string} key
   * @param {number} count
   */
  showTokens(key, count) {
    for (const parts of this.rowsOf(key)) {
      parts.tokens.textContent = formatInteger(count);
      parts.tokens.dataset.value = String(count);
    }
  }
}

/**
 * The rows cell: the published count, with the rows no token id reaches
 * ("151,936 / 267 without a token"), or one per token, shown as the
 * vocabulary's size, muted.
 * @param {HTMLTableCellElement} target
 * @param {import('./model-sizes.js').ModelConfig} config
 * @param {number} rows
 * @param {number} vocabSize
 */
function showRows(target, config, rows, vocabSize) {
  target.textContent = formatInteger(rows);
  target.dataset.rows = String(rows);
  if (config.rows === undefined) {
    target.classList.add('size-per-token');
    target.title = 'one row per token of the vocabulary';
    return;
  }
  if (rows !== vocabSize) {
    // More rows than ids: padding; fewer: ids the model never embeds (Gemma 3 1B's image token).
    const detail = document.createElement('span');
    detail.className = 'size-detail';
    const difference = Math.abs(rows - vocabSize);
    detail.textContent = rows > vocabSize ? `${formatInteger(difference)} without a token`
      : `${formatInteger(difference)} ${difference === 1 ? 'token' : 'tokens'} without a row`;
    target.append(detail);
  }
}

/**
 * Where the published rows and widths come from, one line per model:
 * "Qwen 3: vocab_size and hidden_size in the config.json of Qwen/Qwen3-0.6B, … on the Hugging Face Hub."
 * @returns {HTMLLIElement[]}
 */
function sourceNotes() {
  /** @type {Map<string, string[]>} */
  const sources = new Map();
  for (const config of modelConfigs) {
    if (!config.source) continue;
    const repositories = sources.get(config.model) ?? [];
    repositories.push(config.source);
    sources.set(config.model, repositories);
  }
  return [...sources].map(([model, repositories]) => {
    const item = document.createElement('li');
    const list = repositories.length === 1 ? repositories[0] : `${repositories.slice(0, -1).join(', ')} and ${repositories.at(-1)}`;
    item.textContent = `${model}: rows and dimension are vocab_size and hidden_size in the config.json of ${list} on the Hugging Face Hub.`;
    return item;
  });
}

/**
 * @param {string} className
 * @param {string} text
 */
function cell(className, text) {
  const element = document.createElement('td');
  element.className = className;
  element.textContent = text;
  return element;
}
