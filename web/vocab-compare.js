// @ts-check
// Different data, different vocabulary: the same trainer, size and
// pre-tokenizer on prose (Moby-Dick) and on code (this page's JavaScript),
// then the tokens only one of them learned, in the order it learned them,
// and one text split under each.

import { part } from './dom.js';
import { formatInteger } from './format.js';
import { appendTokenRuns } from './token-bytes.js';
import { splitRow } from './split-row.js';
import { samples } from './train-samples.js';
import { TrainedVocabulary } from './trained-vocabulary.js';

/** Tokens listed per side. */
const listed = 120;
const defaultText = 'if (whale.isWhite) { return "Call me Ishmael"; }  // the sea';

/** A token's bytes as a Map key. @param {Uint8Array} bytes */
const keyOf = (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

export class VocabCompare {
  /**
   * @param {HTMLElement} root
   * @param {import('./train-client.js').TrainClient} trainClient
   */
  constructor(root, trainClient) {
    this.trainClient = trainClient;
    this.sizeSelect = part(root, '#compare-size', HTMLSelectElement);
    this.pretokenizerSelect = part(root, '#compare-pretokenizer', HTMLSelectElement);
    this.trainButton = part(root, '#compare-train', HTMLButtonElement);
    this.status = part(root, '#compare-status', HTMLElement);
    this.errorBox = part(root, '#compare-error', HTMLElement);
    this.errorText = part(root, '#compare-error-text', HTMLElement);
    this.results = part(root, '#compare-results', HTMLElement);
    this.onlyProse = part(root, '#compare-only-prose', HTMLElement);
    this.onlyCode = part(root, '#compare-only-code', HTMLElement);
    this.onlyProseNote = part(root, '#compare-only-prose-note', HTMLElement);
    this.onlyCodeNote = part(root, '#compare-only-code-note', HTMLElement);
    this.text = part(root, '#compare-text', HTMLInputElement);
    this.splits = part(root, '#compare-splits', HTMLElement);
    this.text.value = defaultText;
    this.generation = -1;

    this.trainButton.addEventListener('click', () => this.trainBoth());
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
    const options = { vocabSize: Number(this.sizeSelect.value), pretokenizer: this.pretokenizerSelect.value, minFrequency: 2, specialTokens: [] };
    try {
      /** @type {Record<string, TrainedVocabulary>} */
      const vocabularies = {};
      for (const sample of [samples.prose, samples.code]) {
        this.status.textContent = `Training on ${sample.label}…`;
        await this.trainClient.request('train', { slot: sample.key, sources: sample.files, options });
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
    } catch (error) {
      this.status.textContent = '';
      this.errorText.textContent = `Could not train the two vocabularies: ${error instanceof Error ? error.message : error}`;
      this.errorBox.hidden = false;
    } finally {
      this.trainButton.disabled = false;
    }
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
    const chips = [];
    let only = 0;
    for (let id = 256; id < vocabulary.tokenCount; id++) {
      const bytes = vocabulary.bytesOf(id);
      if (otherKeys.has(keyOf(bytes))) continue;
      only++;
      if (chips.length >= listed) continue;
      const chip = document.createElement('span');
      chip.className = 'vocab-token';
      chip.title = `id ${id}, merge ${id - 255}`;
      chip.dataset.text = vocabulary.plain(id);
      appendTokenRuns(chip, bytes);
      chips.push(chip);
    }
    cloud.replaceChildren(...chips);
    note.textContent = `${formatInteger(only)} of its ${formatInteger(vocabulary.mergeCount)} merged tokens (${formatInteger(shared)} are in both); the first ${formatInteger(Math.min(listed, only))} it learned:`;
  }

  async showSplits() {
    if (this.generation !== this.trainClient.generation) return;
    const text = this.text.value;
    const rows = [];
    for (const sample of [samples.prose, samples.code]) {
      try {
        const encoding = await this.trainClient.request('encode', { slot: sample.key, text });
        rows.push(splitRow(`${sample.label} vocabulary`, encoding));
      } catch (error) {
        const row = document.createElement('p');
        row.className = 'note';
        row.textContent = `${sample.label}: ${error instanceof Error ? error.message : error}`;
        rows.push(row);
      }
    }
    this.splits.replaceChildren(...rows);
  }
}
