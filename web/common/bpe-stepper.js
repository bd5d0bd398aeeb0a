// @ts-check
// Merge by merge: a small corpus trained one step at a time in the training
// worker. Before each merge the view shows the most frequent pairs (the first
// one merges next, and when counts tie it says why, by the engine's own rule),
// and after it the corpus words split into their current tokens.
//
// The built-in corpus is the classic worked example, counted with the
// whitespace pre-tokenizer (words without their spaces):
//   low ×5, lower ×2, newest ×3, widest ×1 → lo 7, ow 7, we 5, es 4, st 4, ew 3, ne 3, ...

import { part } from './dom.js';
import { formatInteger } from './format.js';
import { appendTokenRuns, tokenPlain } from './token-bytes.js';
import { TrainedVocabulary } from './trained-vocabulary.js';

/** Stepping is for small corpora: every step redraws every word. */
const maxStepperBytes = 20_000;
/** Room for every merge a corpus this small can make (min frequency ends it first). */
const stepperVocabSize = 256 + 5000;

/**
 * @typedef {object} StepperOptions
 * @property {string} [prefix] put before every element id ("tour-" finds #tour-stepper-text), so a second stepper can live on the page
 * @property {(snapshot: any) => void} [onChange] called after every redraw with the worker's snapshot
 */

export class BpeStepper {
  /**
   * @param {HTMLElement} root
   * @param {import('../engine/train-client.js').TrainClient} trainClient
   * @param {StepperOptions} [options]
   */
  constructor(root, trainClient, { prefix = '', onChange } = {}) {
    this.trainClient = trainClient;
    this.onChange = onChange;
    const byId = (/** @type {string} */ name) => `#${prefix}${name}`;
    this.text = part(root, byId('stepper-text'), HTMLTextAreaElement);
    this.pretokenizer = part(root, byId('stepper-pretokenizer'), HTMLSelectElement);
    this.minFrequency = part(root, byId('stepper-min-frequency'), HTMLInputElement);
    this.resetButton = part(root, byId('stepper-reset'), HTMLButtonElement);
    this.nextButton = part(root, byId('stepper-next'), HTMLButtonElement);
    this.tenButton = part(root, byId('stepper-ten'), HTMLButtonElement);
    this.endButton = part(root, byId('stepper-end'), HTMLButtonElement);
    this.status = part(root, byId('stepper-status'), HTMLElement);
    this.errorBox = part(root, byId('stepper-error'), HTMLElement);
    this.errorText = part(root, byId('stepper-error-text'), HTMLElement);
    this.tieRule = part(root, byId('tie-break-rule'), HTMLElement);
    this.pairsTitle = part(root, byId('stepper-pairs-title'), HTMLElement);
    this.bars = part(root, byId('stepper-bars'), HTMLElement);
    this.tieNote = part(root, byId('stepper-tie'), HTMLElement);
    this.wordsTitle = part(root, byId('stepper-words-title'), HTMLElement);
    this.wordList = part(root, byId('stepper-word-list'), HTMLElement);
    this.history = part(root, byId('stepper-history'), HTMLElement);
    this.vocabulary = new TrainedVocabulary();
    /** Merges done in the worker's stepper slot. */
    this.steps = 0;
    /** The training worker's generation the slot belongs to (a restart empties it). */
    this.generation = -1;
    this.busy = false;
    /** @type {Promise<void> | null} the request now running, for restore to wait on */
    this.current = null;
    /** @type {Promise<void>} restores, one after another */
    this.restoring = Promise.resolve();

    this.resetButton.addEventListener('click', () => this.reset());
    this.nextButton.addEventListener('click', () => this.step(1));
    this.tenButton.addEventListener('click', () => this.step(10));
    this.endButton.addEventListener('click', () => this.step(stepperVocabSize));
    for (const input of [this.pretokenizer, this.minFrequency]) input.addEventListener('change', () => this.reset());
    this.reset();
  }

  options() {
    return { vocabSize: stepperVocabSize, pretokenizer: this.pretokenizer.value, minFrequency: Math.max(1, Math.floor(Number(this.minFrequency.value)) || 1) };
  }

  async reset() {
    const bytes = new TextEncoder().encode(this.text.value);
    this.errorBox.hidden = true;
    if (bytes.length > maxStepperBytes) {
      this.showError(`Stepping is for small corpora: this one has ${formatInteger(bytes.length)} bytes, and the limit is ${formatInteger(maxStepperBytes)}. Train larger ones above.`);
      return;
    }
    await this.run(async () => {
      const snapshot = await this.trainClient.request('stepStart', { slot: 'stepper', text: bytes, options: this.options() });
      this.generation = this.trainClient.generation;
      this.steps = 0;
      this.tieRule.textContent = `Of the pairs with the highest count, the engine merges the one whose left token has the smaller id, then the one whose right token has; in its own words: “${snapshot.tieBreakRule}”. Single bytes have their byte value as id (l = 108, o = 111), and merged tokens come after them in the order they were made.`;
      this.show(snapshot);
    });
  }

  /** @param {number} count */
  async step(count) {
    if (this.generation !== this.trainClient.generation) {
      // The worker was restarted (a cancelled training): rebuild the slot and catch up.
      const steps = this.steps;
      await this.reset();
      if (steps > 0) await this.step(steps);
    }
    await this.run(async () => {
      const snapshot = await this.trainClient.request('step', { slot: 'stepper', count });
      this.steps += snapshot.ran;
      this.show(snapshot);
    });
  }

  /**
   * Starts over on the current text and runs merges merges, after whatever
   * request is running now (a click while busy is dropped; a restore is not).
   * @param {number} merges
   * @returns {Promise<void>}
   */
  restore(merges) {
    this.restoring = this.restoring.then(async () => {
      while (this.current) await this.current;
      await this.reset();
      if (merges > 0 && this.errorBox.hidden) await this.step(merges);
    });
    return this.restoring;
  }

  /** @param {() => Promise<void>} body */
  async run(body) {
    if (this.busy) return;
    this.busy = true;
    const current = (async () => {
      try {
        await body();
      } catch (error) {
        this.showError(`Could not step: ${error instanceof Error ? error.message : error}`);
      } finally {
        this.busy = false;
      }
    })();
    this.current = current;
    await current;
    if (this.current === current) this.current = null;
  }

  /** @param {any} snapshot */
  show(snapshot) {
    this.vocabulary.clear();
    this.vocabulary.append({ first: 0, merges: snapshot.merges, tokens: snapshot.tokens });
    const done = this.vocabulary.mergeCount;
    for (const button of [this.nextButton, this.tenButton, this.endButton]) button.disabled = snapshot.done;
    this.status.textContent = snapshot.done
      ? `${formatInteger(done)} ${done === 1 ? 'merge' : 'merges'}, then training stops: ${snapshot.stopReasonText}.`
      : `${formatInteger(done)} ${done === 1 ? 'merge' : 'merges'} so far.`;
    this.showPairs(snapshot.topPairs, done, snapshot.done);
    this.showWords(snapshot.segmentation, done);
    this.showHistory();
    this.onChange?.(snapshot);
  }

  /**
   * @param {{left: Uint32Array, right: Uint32Array, counts: Float64Array}} pairs
   * @param {number} done
   * @param {boolean} finished
   */
  showPairs(pairs, done, finished) {
    this.pairsTitle.textContent = finished ? `Pair counts after merge ${done} (training has stopped)` : `Pair counts before merge ${done + 1}`;
    const max = pairs.counts.length ? pairs.counts[0] : 1;
    const items = [];
    for (let i = 0; i < pairs.counts.length; i++) {
      const item = document.createElement('li');
      item.className = i === 0 && !finished ? 'pair-bar next' : 'pair-bar';
      const label = document.createElement('span');
      label.className = 'pair-label';
      label.append(this.chip(pairs.left[i]), plusSign(), this.chip(pairs.right[i]));
      const track = document.createElement('span');
      track.className = 'pair-track';
      const fill = document.createElement('span');
      fill.className = 'pair-fill';
      fill.style.width = `${(100 * pairs.counts[i]) / max}%`;
      track.append(fill);
      const count = document.createElement('span');
      count.className = 'pair-count';
      count.textContent = formatInteger(pairs.counts[i]);
      item.append(label, track, count);
      item.dataset.pair = `${this.vocabulary.plain(pairs.left[i])}+${this.vocabulary.plain(pairs.right[i])}`;
      item.dataset.count = String(pairs.counts[i]);
      items.push(item);
    }
    this.bars.replaceChildren(...items);
    this.tieNote.textContent = finished ? '' : this.tieExplanation(pairs);
  }

  /**
   * Why the first pair wins when the next one has the same count.
   * @param {{left: Uint32Array, right: Uint32Array, counts: Float64Array}} pairs
   */
  tieExplanation(pairs) {
    if (pairs.counts.length < 2 || pairs.counts[0] !== pairs.counts[1]) return pairs.counts.length ? 'The first pair merges next.' : '';
    const name = (/** @type {number} */ i) => `“${this.vocabulary.plain(pairs.left[i])}${this.vocabulary.plain(pairs.right[i])}”`;
    const tied = pairs.counts.filter((count) => count === pairs.counts[0]).length;
    const others = tied > 2 ? ` and ${tied - 2} more` : '';
    const reason =
      pairs.left[0] !== pairs.left[1]
        ? `its left token, “${this.vocabulary.plain(pairs.left[0])}”, has id ${pairs.left[0]}, below ${pairs.left[1]} (“${this.vocabulary.plain(pairs.left[1])}”)`
        : `both start with “${this.vocabulary.plain(pairs.left[0])}”, and its right token, “${this.vocabulary.plain(pairs.right[0])}”, has id ${pairs.right[0]}, below ${pairs.right[1]}`;
    return `${name(0)} and ${name(1)}${others} ${tied > 2 ? 'all' : 'both'} occur ${formatInteger(pairs.counts[0])} times; ${name(0)} merges first because ${reason}.`;
  }

  /**
   * @param {{pieces: Uint8Array, pieceOffsets: Uint32Array, frequencies: Float64Array, tokens: Uint32Array, tokenOffsets: Uint32Array}} segmentation
   * @param {number} done
   */
  showWords(segmentation, done) {
    this.wordsTitle.textContent = done === 0 ? 'Words, as bytes' : `Words after merge ${done}`;
    const newest = done > 0 ? 256 + done - 1 : -1;
    const items = [];
    for (let word = 0; word < segmentation.frequencies.length; word++) {
      const item = document.createElement('li');
      item.className = 'word';
      const tokens = document.createElement('span');
      tokens.className = 'word-tokens';
      const plain = [];
      for (let t = segmentation.tokenOffsets[word]; t < segmentation.tokenOffsets[word + 1]; t++) {
        const id = segmentation.tokens[t];
        const chip = this.chip(id);
        if (id === newest) chip.classList.add('fresh');
        tokens.append(chip);
        plain.push(this.vocabulary.plain(id));
      }
      const frequency = document.createElement('span');
      frequency.className = 'word-frequency';
      frequency.textContent = `×${formatInteger(segmentation.frequencies[word])}`;
      item.append(tokens, frequency);
      item.dataset.word = tokenPlain(segmentation.pieces, segmentation.pieceOffsets[word], segmentation.pieceOffsets[word + 1]);
      item.dataset.tokens = plain.join(' ');
      items.push(item);
    }
    this.wordList.replaceChildren(...items);
  }

  showHistory() {
    const vocabulary = this.vocabulary;
    const items = [];
    for (let i = 0; i < vocabulary.mergeCount; i++) {
      const item = document.createElement('li');
      item.append(this.chip(vocabulary.left[i]), plusSign(), this.chip(vocabulary.right[i]), arrow(), this.chip(256 + i));
      const count = document.createElement('span');
      count.className = 'history-count';
      count.textContent = `seen ${formatInteger(vocabulary.counts[i])}×, id ${256 + i}`;
      item.append(count);
      items.push(item);
    }
    this.history.replaceChildren(...items);
    // The newest merge in view, without scrolling the page.
    this.history.scrollTop = this.history.scrollHeight;
  }

  /** @param {number} id */
  chip(id) {
    const chip = document.createElement('span');
    chip.className = 'vocab-token';
    chip.title = `id ${id}`;
    appendTokenRuns(chip, this.vocabulary.bytesOf(id));
    return chip;
  }

  /** @param {string} message */
  showError(message) {
    this.errorText.textContent = message;
    this.errorBox.hidden = false;
  }
}

function plusSign() {
  const span = document.createElement('span');
  span.className = 'pair-plus';
  span.textContent = '+';
  return span;
}

function arrow() {
  const span = document.createElement('span');
  span.className = 'pair-plus';
  span.textContent = '→';
  return span;
}

/**
 * The stepper's markup, in the pieces each view arranges its own way. Every id
 * carries the prefix the BpeStepper is made with.
 */
export const stepperMarkup = {
  /** Pre-tokenizer and min pair frequency: label, control, label, control, for a grid or a row. */
  settings: (prefix = '') => /* html */ `
      <label for="${prefix}stepper-pretokenizer">Pre-tokenizer</label>
      <select id="${prefix}stepper-pretokenizer">
        <option value="whitespace" selected>Whitespace only</option>
        <option value="gpt2">GPT-2</option>
        <option value="cl100k">GPT-4 (cl100k)</option>
        <option value="o200k">GPT-4o (o200k)</option>
        <option value="none">None</option>
      </select>
      <label for="${prefix}stepper-min-frequency">Min pair frequency</label>
      <input id="${prefix}stepper-min-frequency" type="number" min="1" step="1" value="2" inputmode="numeric">`,

  /** The step buttons, the status line and the error box. */
  controls: (prefix = '') => /* html */ `
      <div class="train-actions" role="group" aria-label="Merge steps">
        <button id="${prefix}stepper-next" type="button" class="button primary">Next merge</button>
        <button id="${prefix}stepper-ten" type="button" class="button">10 merges</button>
        <button id="${prefix}stepper-end" type="button" class="button">To the end</button>
        <button id="${prefix}stepper-reset" type="button" class="button">Start over</button>
      </div>
      <p id="${prefix}stepper-status" class="note" aria-live="polite"></p>
      <div id="${prefix}stepper-error" class="error-box" role="alert" hidden><p id="${prefix}stepper-error-text"></p></div>`,

  /** Where the engine's tie-break rule is written. */
  tieRule: (prefix = '') => /* html */ `<strong>Ties.</strong> <span id="${prefix}tie-break-rule"></span>`,

  /** The merges taken so far, oldest first. */
  history: (prefix = '') => /* html */ `
      <h3 class="panel-title">Merges so far</h3>
      <ol id="${prefix}stepper-history" class="merge-history" aria-label="Merges so far"></ol>`,

  /** The panel of pair counts before the next merge. */
  pairs: (prefix = '') => /* html */ `
    <div class="panel stepper-pairs">
      <h3 id="${prefix}stepper-pairs-title" class="panel-title">Pair counts</h3>
      <ol id="${prefix}stepper-bars" class="pair-bars"></ol>
      <p id="${prefix}stepper-tie" class="note"></p>
    </div>`,

  /** The panel of the corpus words as they split now; `after` goes below the list. */
  words: (prefix = '', after = '') => /* html */ `
    <div class="panel stepper-words">
      <h3 id="${prefix}stepper-words-title" class="panel-title">Words</h3>
      <ul id="${prefix}stepper-word-list" class="word-list"></ul>${after}
    </div>`,
};
