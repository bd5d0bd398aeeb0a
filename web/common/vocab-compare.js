// @ts-check
// Different data, different vocabulary: the same trainer, size and
// pre-tokenizer on prose (Moby-Dick) and on code (this page's JavaScript),
// then the tokens only one of them learned, in the order it learned them,
// and one text split under each.

import { part } from './dom.js';
import { formatInteger } from './format.js';
import { samples } from './train-samples.js';
import { TrainedVocabulary } from './trained-vocabulary.js';
import { fillOnlyCloud, keyOf, listedTokens, splitRows } from './vocab-cloud.js';

const defaultText = 'if (whale.isWhite) { return "Call me Ishmael"; }  // the sea';

/**
 * @typedef {object} CompareOptions
 * @property {string} [prefix] put before every element id, so a second comparison can live on the page
 * @property {boolean} [holdOut] keep the end of each sample out of training (its result's heldOut)
 * @property {(results: Record<'prose' | 'code', any>) => void} [onTrained] the worker's train results, once both are in
 * @property {string} [text] the text split under each, at first
 */

export class VocabCompare {
  /**
   * Besides the ids below, the root may hold #compare-progress (a progress
   * bar for the two runs) and #compare-cancel (a button that ends them).
   * @param {HTMLElement} root
   * @param {import('../engine/train-client.js').TrainClient} trainClient
   * @param {CompareOptions} [options]
   */
  constructor(root, trainClient, { prefix = '', holdOut = false, onTrained, text = defaultText } = {}) {
    this.trainClient = trainClient;
    this.holdOut = holdOut;
    this.onTrained = onTrained;
    const byId = (/** @type {string} */ name) => `#${prefix}${name}`;
    this.sizeSelect = part(root, byId('compare-size'), HTMLSelectElement);
    this.pretokenizerSelect = part(root, byId('compare-pretokenizer'), HTMLSelectElement);
    this.trainButton = part(root, byId('compare-train'), HTMLButtonElement);
    this.status = part(root, byId('compare-status'), HTMLElement);
    this.errorBox = part(root, byId('compare-error'), HTMLElement);
    this.errorText = part(root, byId('compare-error-text'), HTMLElement);
    this.results = part(root, byId('compare-results'), HTMLElement);
    this.onlyProse = part(root, byId('compare-only-prose'), HTMLElement);
    this.onlyCode = part(root, byId('compare-only-code'), HTMLElement);
    this.onlyProseNote = part(root, byId('compare-only-prose-note'), HTMLElement);
    this.onlyCodeNote = part(root, byId('compare-only-code-note'), HTMLElement);
    this.text = part(root, byId('compare-text'), HTMLInputElement);
    this.splits = part(root, byId('compare-splits'), HTMLElement);
    /** @type {HTMLProgressElement | null} */
    this.progress = root.querySelector(byId('compare-progress'));
    /** @type {HTMLButtonElement | null} */
    this.cancelButton = root.querySelector(byId('compare-cancel'));
    this.text.value = text;
    this.generation = -1;
    /** The sample training now, or null. @type {string | null} */
    this.training = null;
    this.cancelled = false;

    this.trainButton.addEventListener('click', () => this.trainBoth());
    this.cancelButton?.addEventListener('click', () => this.cancel());
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    this.text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.showSplits(), 150);
    });
  }

  async trainBoth() {
    this.errorBox.hidden = true;
    this.trainButton.disabled = true;
    if (this.cancelButton) this.cancelButton.disabled = false;
    this.cancelled = false;
    const options = { vocabSize: Number(this.sizeSelect.value), pretokenizer: this.pretokenizerSelect.value, minFrequency: 2, specialTokens: [] };
    try {
      /** @type {Record<string, TrainedVocabulary>} */
      const vocabularies = {};
      /** @type {Record<string, any>} */
      const results = {};
      for (const [index, sample] of [samples.prose, samples.code].entries()) {
        this.status.textContent = `Training on ${sample.label}…`;
        this.training = sample.key;
        const result = await this.trainClient.request(
          'train',
          { slot: sample.key, sources: sample.files, options, holdOut: this.holdOut },
          { onEvent: (event) => this.showProgress(index, event) },
        );
        this.training = null;
        if (result.cancelled || this.cancelled) {
          // The slot now holds a part-trained vocabulary: nothing shown may use it.
          this.generation = -1;
          this.results.hidden = true;
          this.status.textContent = 'Cancelled.';
          if (this.progress) this.progress.value = 0;
          return;
        }
        results[sample.key] = result;
        const batch = await this.trainClient.request('vocabulary', { slot: sample.key });
        const vocabulary = new TrainedVocabulary();
        vocabulary.append(batch);
        vocabularies[sample.key] = vocabulary;
      }
      this.generation = this.trainClient.generation;
      this.showDifferences(vocabularies.prose, vocabularies.code);
      this.results.hidden = false;
      await this.showSplits();
      this.status.textContent = `Two vocabularies of ${formatInteger(options.vocabSize)} tokens each.`;
      if (this.progress) this.progress.value = this.progress.max;
      this.onTrained?.(/** @type {Record<'prose' | 'code', any>} */ (results));
    } catch (error) {
      this.status.textContent = '';
      this.errorText.textContent = `Could not train the two vocabularies: ${error instanceof Error ? error.message : error}`;
      this.errorBox.hidden = false;
    } finally {
      this.training = null;
      this.trainButton.disabled = false;
      if (this.cancelButton) this.cancelButton.disabled = true;
    }
  }

  /**
   * The bar covers both runs: the first half is prose, the second code.
   * @param {number} index
   * @param {any} event
   */
  showProgress(index, event) {
    if (!this.progress) return;
    let done = 0;
    if (event.phase === 'reading') done = 0.2 * (event.loaded / Math.max(event.total, 1));
    else if (event.phase === 'indexing') done = 0.2;
    else if (event.phase === 'merging') done = 0.2 + 0.8 * (event.mergesDone / Math.max(event.mergesTarget, 1));
    this.progress.max = 1;
    this.progress.value = (index + done) / 2;
  }

  /** Ends the training under way (the next slice of merges sees it). */
  cancel() {
    if (!this.training) return;
    this.cancelled = true;
    this.trainClient.request('cancel', { slot: this.training }).catch(() => {});
  }

  /**
   * @param {TrainedVocabulary} prose
   * @param {TrainedVocabulary} code
   */
  showDifferences(prose, code) {
    /** @param {TrainedVocabulary} vocabulary */
    const keys = (vocabulary) => {
      const set = new Set();
      for (let id = 256; id < vocabulary.tokenCount; id++) set.add(keyOf(vocabulary.bytesOf(id)));
      return set;
    };
    const proseKeys = keys(prose);
    const codeKeys = keys(code);
    let shared = 0;
    for (const key of proseKeys) if (codeKeys.has(key)) shared++;
    this.fillCloud(this.onlyProse, this.onlyProseNote, prose, codeKeys, shared);
    this.fillCloud(this.onlyCode, this.onlyCodeNote, code, proseKeys, shared);
  }

  /**
   * @param {HTMLElement} cloud
   * @param {HTMLElement} note
   * @param {TrainedVocabulary} vocabulary
   * @param {Set<string>} otherKeys
   * @param {number} shared
   */
  fillCloud(cloud, note, vocabulary, otherKeys, shared) {
    const tokens = function* () {
      for (let id = 256; id < vocabulary.tokenCount; id++) yield { bytes: vocabulary.bytesOf(id), title: `id ${id}, merge ${id - 255}`, text: vocabulary.plain(id) };
    };
    const only = fillOnlyCloud(cloud, tokens(), otherKeys);
    note.textContent = `${formatInteger(only)} of its ${formatInteger(vocabulary.mergeCount)} merged tokens (${formatInteger(shared)} are in both); the first ${formatInteger(Math.min(listedTokens, only))} it learned:`;
  }

  async showSplits() {
    if (this.generation !== this.trainClient.generation) return;
    this.splits.replaceChildren(...(await this.splitsOf(this.text.value)));
  }

  /**
   * A row of chips per vocabulary for a text (empty before both are trained).
   * @param {string} text
   * @returns {Promise<HTMLElement[]>}
   */
  async splitsOf(text) {
    if (this.generation !== this.trainClient.generation) return [];
    return splitRows(
      [samples.prose, samples.code].map((sample) => ({
        label: `${sample.label} vocabulary`,
        encode: () => this.trainClient.request('encode', { slot: sample.key, text }),
      })),
    );
  }
}

/**
 * The comparison's markup, in the pieces each view arranges. Every id carries
 * the prefix the VocabCompare is made with.
 */
export const compareMarkup = {
  /**
   * Size and pre-tokenizer, as label, select, label, select.
   * @param {string} prefix @param {number[]} sizes @param {number} chosen
   */
  settings: (prefix, sizes, chosen) => /* html */ `
        <label for="${prefix}compare-size">Vocabulary size</label>
        <select id="${prefix}compare-size">
          ${sizes.map((size) => `<option value="${size}"${size === chosen ? ' selected' : ''}>${formatInteger(size)}</option>`).join('')}
        </select>
        <label for="${prefix}compare-pretokenizer">Pre-tokenizer</label>
        <select id="${prefix}compare-pretokenizer">
          <option value="gpt2" selected>GPT-2</option>
          <option value="cl100k">GPT-4 (cl100k)</option>
          <option value="o200k">GPT-4o (o200k)</option>
        </select>`,

  /**
   * The error box and the results: the tokens only one vocabulary has, and a
   * text under both (the `sentence` panel's inner markup, which holds #compare-splits).
   * @param {string} prefix @param {{heading: 'h3' | 'h4', sentence: string}} parts
   */
  results: (prefix, { heading: h, sentence }) => /* html */ `
    <div id="${prefix}compare-error" class="error-box" role="alert" hidden><p id="${prefix}compare-error-text"></p></div>
    <div id="${prefix}compare-results" class="compare-grid" hidden>
      <div class="panel">
        <${h} class="panel-title">Only the Moby-Dick vocabulary learned</${h}>
        <p id="${prefix}compare-only-prose-note" class="note"></p>
        <div id="${prefix}compare-only-prose" class="token-cloud" role="region" aria-label="Tokens only the Moby-Dick vocabulary learned" tabindex="0"></div>
      </div>
      <div class="panel">
        <${h} class="panel-title">Only the code vocabulary learned</${h}>
        <p id="${prefix}compare-only-code-note" class="note"></p>
        <div id="${prefix}compare-only-code" class="token-cloud" role="region" aria-label="Tokens only the code vocabulary learned" tabindex="0"></div>
      </div>
      <div class="panel compare-sentence">${sentence}
      </div>
    </div>`,
};
