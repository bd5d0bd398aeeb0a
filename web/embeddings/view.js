// @ts-check
// The Embeddings view: the vector sets (default, trained, imported) and the
// questions asked of them: nearest neighbours with the word's vector as a
// strip, analogies, similarity, and Day 0 against trained. The map and the
// training form are panels of their own (map-panel.js,
// train-panel.js); all vectors live in the embeddings worker. Sets trained
// or imported here are kept in the browser and are choices again after a
// reload (kept-sets.js).
//
//   #view=embeddings&w=king&a=king&b=man&c=woman&x=cat&y=dog

import { formatMiB, kMaxImportBytes } from '../engine/embedding-limits.js';
import { EmbeddingMapPanel } from './map-panel.js';
import { EmbeddingTrainPanel } from './train-panel.js';
import { KeptSets } from './kept-sets.js';
import { defaultVectorsUrl, embeddingSession } from '../common/embedding-session.js';
import { embeddingsMarkup } from './markup.js';
import { download, importOf } from './vector-files.js';
import { renderNeighbors } from '../common/neighbor-list.js';
import { fragmentFor } from '../common/url-state.js';
import { VectorStrip } from '../common/vector-strip.js';

const kDatalistWords = 3000;
const en = new Intl.NumberFormat('en-US');

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`the Embeddings view is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @typedef {object} Described how the worker resolved a typed word
 * @property {string} query the text looked up (lower-cased etc. as the training text was)
 * @property {number} row
 * @property {boolean} composed
 * @property {{name: string, row: number}[]} pieces
 */

export class EmbeddingsView {
  /**
   * @param {HTMLElement} root the view's section
   * @param {import('../tokenize/view.js').ViewServices} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    root.innerHTML = embeddingsMarkup;
    // The worker and its sets are the page's, shared with the tour.
    const { client, store } = embeddingSession();
    this.client = client;
    this.store = store;
    /** @type {Promise<void> | null} */
    this.defaultLoad = null;

    this.setPicker = part(root, '#emb-set-picker', HTMLFieldSetElement);
    this.postSelect = part(root, '#emb-post', HTMLSelectElement);
    this.setInfo = part(root, '#emb-set-info', HTMLElement);
    this.loadBox = part(root, '#emb-load', HTMLElement);
    this.loadBar = part(root, '#emb-load progress', HTMLProgressElement);
    this.loadLabel = part(root, '#emb-load-label', HTMLElement);
    this.errorBox = part(root, '#emb-error', HTMLElement);
    this.errorText = part(root, '#emb-error-text', HTMLElement);
    this.exportButton = part(root, '#emb-export', HTMLButtonElement);
    this.importInput = part(root, '#emb-import', HTMLInputElement);
    this.exportTsvButtons = [part(root, '#emb-export-vectors-tsv', HTMLButtonElement), part(root, '#emb-export-metadata-tsv', HTMLButtonElement)];
    this.datalist = part(root, '#emb-words', HTMLDataListElement);

    this.nnForm = part(root, '#emb-nn-form', HTMLFormElement);
    this.nnWord = part(root, '#emb-nn-word', HTMLInputElement);
    this.nnK = part(root, '#emb-nn-k', HTMLSelectElement);
    this.nnStatus = part(root, '#emb-nn-status', HTMLElement);
    this.nnList = part(root, '#emb-nn-list', HTMLOListElement);
    this.strip = new VectorStrip(part(root, '#emb-strip', HTMLCanvasElement), part(root, '#emb-strip-readout', HTMLElement));

    this.analogyForm = part(root, '#emb-analogy-form', HTMLFormElement);
    this.analogyInputs = ['#emb-a', '#emb-b', '#emb-c'].map((id) => part(root, id, HTMLInputElement));
    this.analogyStatus = part(root, '#emb-analogy-status', HTMLElement);
    this.analogyList = part(root, '#emb-analogy-list', HTMLOListElement);

    this.simForm = part(root, '#emb-sim-form', HTMLFormElement);
    this.simInputs = ['#emb-sim-a', '#emb-sim-b'].map((id) => part(root, id, HTMLInputElement));
    this.simFill = part(root, '#emb-sim-fill', HTMLElement);
    this.simText = part(root, '#emb-sim-text', HTMLElement);

    this.day0Form = part(root, '#emb-day0-form', HTMLFormElement);
    this.day0Word = part(root, '#emb-day0-word', HTMLInputElement);
    this.day0Status = part(root, '#emb-day0-status', HTMLElement);
    this.day0Initial = part(root, '#emb-day0-initial', HTMLOListElement);
    this.day0Trained = part(root, '#emb-day0-trained', HTMLOListElement);

    this.map = new EmbeddingMapPanel(root, this.client, this.store);
    this.kept = new KeptSets({
      picker: this.setPicker,
      client: this.client,
      store: this.store,
      adopt: (key, info, words) => this.adopt(key, info, words, { select: true }),
      loading: (message) => (message ? this.showLoad(0, 0, message) : (this.loadBox.hidden = true)),
      failed: (message) => this.showError(message),
    });
    this.train = new EmbeddingTrainPanel(root, this.client, (key, info, words) => this.adopt(key, info, words, { select: true }), this.kept);
    this.client.addEventListener('stopped', (event) => {
      if (this.train.running) return;
      const { reason } = /** @type {CustomEvent} */ (event).detail;
      this.showError(`The embeddings worker stopped: ${reason}. Vectors kept in this browser and the default ones load again with your next question.`);
    });

    this.listen();
  }

  listen() {
    for (const button of this.root.querySelectorAll('[data-scroll]')) {
      button.addEventListener('click', () => {
        const target = document.getElementById(button.getAttribute('data-scroll') ?? '');
        target?.scrollIntoView({ behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth', block: 'start' });
      });
    }
    this.setPicker.addEventListener('change', (event) => {
      const input = /** @type {HTMLInputElement} */ (event.target);
      if (this.kept.isKept(input.value) && !this.store.sets.has(input.value)) this.kept.open(input.value);
      else this.store.select(input.value);
    });
    this.store.addEventListener('change', () => this.setChanged());
    this.postSelect.addEventListener('change', () => this.setPostProcessing(this.postSelect.value));
    // A fresh worker (after one stopped) starts centred: it gets the reader's choice again.
    this.client.addEventListener('restarted', () => {
      if (this.postSelect.value !== 'centre') this.setPostProcessing(this.postSelect.value);
    });
    this.nnForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.lookUp();
    });
    this.nnK.addEventListener('change', () => this.lookUp());
    this.analogyForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.solveAnalogy();
    });
    this.simForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.compare();
    });
    this.day0Form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.compareDayZero();
    });
    this.exportButton.addEventListener('click', () => this.exportVectors());
    this.exportTsvButtons.forEach((button, i) => button.addEventListener('click', () => this.exportTsv(i === 0 ? 'vectors' : 'metadata')));
    this.importInput.addEventListener('change', () => {
      const files = [...(this.importInput.files ?? [])];
      this.importInput.value = '';
      this.importFiles(files);
    });
    // The vectors bar takes the same files dropped on it: a .vec alone, or the TSV pair together.
    const bar = part(this.root, '.emb-bar', HTMLElement);
    const takesFiles = (/** @type {DragEvent} */ event) => event.dataTransfer?.types.includes('Files') ?? false;
    bar.addEventListener('dragover', (event) => {
      if (!takesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      bar.classList.add('dragging');
    });
    bar.addEventListener('dragleave', (event) => {
      if (!(event.relatedTarget instanceof Node && bar.contains(event.relatedTarget))) bar.classList.remove('dragging');
    });
    bar.addEventListener('drop', (event) => {
      if (!takesFiles(event)) return;
      event.preventDefault();
      bar.classList.remove('dragging');
      this.importFiles([...(event.dataTransfer?.files ?? [])]);
    });
    part(this.root, '#emb-train-explore', HTMLButtonElement).addEventListener('click', () => {
      document.getElementById('emb-explore')?.scrollIntoView({ block: 'start' });
      this.nnWord.focus({ preventScroll: true });
    });
  }

  /**
   * Imports what the reader chose or dropped: a .vec file alone, or the Projector's TSV pair.
   * @param {File[]} files
   */
  async importFiles(files) {
    if (files.length === 0) return;
    const chosen = await importOf(files);
    if (chosen.kind === 'error') this.showError(chosen.message);
    else if (chosen.kind === 'vec') this.importVectors(chosen.file);
    else this.importTsv(chosen.vectors, chosen.metadata);
  }

  /** @param {URLSearchParams} params */
  applyLink(params) {
    const assign = (/** @type {HTMLInputElement} */ input, /** @type {string} */ key) => {
      const value = params.get(key);
      if (value !== null) input.value = value;
    };
    assign(this.nnWord, 'w');
    assign(this.day0Word, 'w');
    this.analogyInputs.forEach((input, i) => assign(input, 'abc'[i]));
    assign(this.simInputs[0], 'x');
    assign(this.simInputs[1], 'y');
    this.loadDefault().then(() => this.askAll());
  }

  fragment() {
    return fragmentFor({
      view: 'embeddings',
      w: this.nnWord.value,
      a: this.analogyInputs[0].value,
      b: this.analogyInputs[1].value,
      c: this.analogyInputs[2].value,
      x: this.simInputs[0].value,
      y: this.simInputs[1].value,
    });
  }

  writeLink() {
    this.services.link.write(this.fragment());
  }

  /** Loads the default vectors once, with progress. */
  loadDefault() {
    this.defaultLoad ??= (async () => {
      this.showLoad(0, 0, 'Loading the default vectors…');
      try {
        const { key, info, words } = await this.client.request('loadDefault', { url: defaultVectorsUrl }, {
          onProgress: ({ loaded, total }) => this.showLoad(loaded, total, `Loading the default vectors: ${formatMiB(loaded)}${total ? ` of ${formatMiB(total)}` : ''}`),
        });
        this.adopt(key, info, words, { select: this.store.current === undefined });
      } catch (error) {
        this.defaultLoad = null;
        this.showError(`The default vectors did not load: ${messageOf(error)}. build-scripts/run makes them (web/dist/vectors/default.tlv).`);
      } finally {
        this.loadBox.hidden = true;
      }
    })();
    return this.defaultLoad;
  }

  /**
   * Shows every set (and Day 0) with another post-processing; the lists and
   * the map are asked again.
   * @param {string} name 'none', 'centre' or 'centre+D'
   */
  async setPostProcessing(name) {
    try {
      await this.client.request('setPostProcessing', { name });
      this.postSelect.value = name;
      const key = this.store.currentKey;
      if (key !== undefined) this.store.select(key);
    } catch (error) {
      this.showError(`Post-processing did not change: ${messageOf(error)}`);
    }
  }

  /** @param {number} loaded @param {number} total @param {string} label */
  showLoad(loaded, total, label) {
    this.loadBox.hidden = false;
    this.setInfo.hidden = true;
    if (total > 0) this.loadBar.value = loaded / total;
    else this.loadBar.removeAttribute('value');
    this.loadLabel.textContent = label;
  }

  /**
   * A set the worker now holds: listed, and made current when asked.
   * @param {string} key @param {import('../common/vector-sets.js').SetInfo} info
   * @param {{bytes: Uint8Array, offsets: Uint32Array}} words @param {{select: boolean}} options
   */
  adopt(key, info, words, { select }) {
    this.store.add(key, info, words);
    const input = this.setPicker.querySelector(`input[value="${key}"]`);
    if (input instanceof HTMLInputElement) input.disabled = false;
    const note = this.setPicker.querySelector(`[data-note="${key}"]`);
    if (note) note.textContent = `${en.format(info.size)} × ${info.dim}`;
    if (select || key === this.store.currentKey) {
      if (input instanceof HTMLInputElement) input.checked = true;
      this.store.select(key);
    }
  }

  setChanged() {
    const set = this.store.current;
    if (!set) return;
    this.hideError();
    this.setInfo.hidden = false;
    this.setInfo.textContent = this.describeSet(set);
    this.exportButton.disabled = false;
    for (const button of this.exportTsvButtons) button.disabled = false;
    const options = set.typed.slice(0, kDatalistWords).map((word) => {
      const option = document.createElement('option');
      option.value = word;
      return option;
    });
    this.datalist.replaceChildren(...options);
    if (set.tokens) {
      // Inside a sentence a GPT word token starts with its space (" king"); a
      // word typed without one is given it when only that form has a vector.
      for (const input of [this.nnWord, this.day0Word, ...this.analogyInputs, ...this.simInputs]) {
        const word = input.value.trim();
        if (set.rowOf(input.value) < 0 && set.rowOf(` ${word}`) >= 0) input.value = ` ${word}`;
      }
    }
    this.askAll();
  }

  /** @param {import('../common/vector-sets.js').VectorSet} set */
  describeSet(set) {
    const { info } = set;
    const size = `${en.format(info.size)} ${set.tokens ? 'tokens' : 'words'} × ${info.dim} dimensions`;
    if (set.key === 'default') {
      const s = info.settings ?? {};
      return `${size}: skip-gram trained here on ${en.format(info.corpusWords ?? 0)} words of public-domain English (${info.source}; ${info.note}), window ${s.window}, ${s.negative} negatives, min count ${s.minCount}, ${s.epochs} epochs.`;
    }
    if (info.label === 'Trained') {
      const unit = set.tokens ? `${info.tokenizerName} tokens` : 'words';
      return `${size}: ${info.settings?.model === 'cbow' ? 'CBOW' : 'skip-gram'} over ${unit} of ${info.name}, ${info.summary}.`;
    }
    return `${size} from ${info.name} (${formatMiB(info.fileBytes ?? 0)})${this.kept.isKept(set.key) ? ', kept in this browser' : ''}.`;
  }

  askAll() {
    if (!this.store.current) return;
    this.lookUp();
    this.solveAnalogy();
    this.compare();
    this.compareDayZero();
  }

  /**
   * Words the query was changed to, or composed from, in a sentence; '' when looked up as typed.
   * @param {Described} described @param {string} typed
   */
  explain(described, typed) {
    const set = this.store.current;
    if (!set) return '';
    if (described.composed) {
      const pieces = described.pieces.map((piece) => (piece.row >= 0 ? set.display[piece.row] : `${piece.name} (no vector)`));
      return `“${typed}” is not one token here: its vector is the mean of its ${pieces.length} pieces (${pieces.join(' + ')}), each scaled to length 1; the pieces themselves are left out of the list.`;
    }
    if (described.query !== typed && described.query !== typed.trim()) {
      return `Looked up as “${described.query}”, prepared as the training text was.`;
    }
    return '';
  }

  /** @param {Described} described @param {string} typed */
  notFound(described, typed) {
    const set = this.store.current;
    if (!set) return '';
    const shown = described.query || typed;
    if (set.tokens) {
      return `“${shown}” has no vector: none of its tokens occurred at least min count (${set.info.settings?.minCount}) times in the training text.`;
    }
    const minCount = set.info.settings?.minCount;
    return `“${shown}” is not among the ${en.format(set.info.size)} words of these vectors${minCount ? ` (words seen fewer than ${minCount} times in training get no vector)` : ''}.`;
  }

  /** Nearest neighbours of the typed word, and its vector. */
  async lookUp() {
    const set = this.store.current;
    const typed = this.nnWord.value;
    if (!set || !typed.trim()) return;
    this.writeLink();
    try {
      const result = await this.client.request('neighbors', { key: set.key, word: typed, k: Number(this.nnK.value) });
      if (set !== this.store.current) return;
      if (result.oov) {
        this.nnStatus.textContent = this.notFound(result, typed);
        this.nnStatus.classList.add('emb-miss');
        this.nnList.replaceChildren();
        this.strip.clear();
        return;
      }
      this.nnStatus.classList.remove('emb-miss');
      const rank = result.row >= 0 ? `#${en.format(result.row + 1)} by frequency. ` : '';
      this.nnStatus.textContent = `${rank}${this.explain(result, typed)}`;
      renderNeighbors(this.nnList, result, set, (word) => {
        this.nnWord.value = word;
        this.lookUp();
      });
      this.strip.show(result.vector, result.row >= 0 ? set.display[result.row] : typed);
    } catch (error) {
      this.nnStatus.textContent = messageOf(error);
      this.nnStatus.classList.add('emb-miss');
      this.nnList.replaceChildren();
      this.strip.clear();
    }
  }

  async solveAnalogy() {
    const set = this.store.current;
    const [a, b, c] = this.analogyInputs.map((input) => input.value);
    if (!set || !a.trim() || !b.trim() || !c.trim()) return;
    this.writeLink();
    try {
      const result = await this.client.request('analogy', { key: set.key, a, b, c, k: 10 });
      if (set !== this.store.current) return;
      if (result.missing.length) {
        this.analogyStatus.textContent = result.missing.map((/** @type {string} */ word) => `“${word}”`).join(', ') + ` ${result.missing.length === 1 ? 'is' : 'are'} not in these vectors.`;
        this.analogyStatus.classList.add('emb-miss');
        this.analogyList.replaceChildren();
        return;
      }
      this.analogyStatus.classList.remove('emb-miss');
      const shown = result.inputs.map((/** @type {Described} */ input, /** @type {number} */ i) => (input.row >= 0 ? set.display[input.row] : [a, b, c][i]));
      const composed = result.inputs.some((/** @type {Described} */ input) => input.composed);
      const best = set.display[result.ids[0]];
      this.analogyStatus.textContent = `${shown[0]} − ${shown[1]} + ${shown[2]} ≈ ${best}` + (composed ? ' (a word that is not one token uses the mean of its pieces)' : '');
      renderNeighbors(this.analogyList, result, set, null);
    } catch (error) {
      this.analogyStatus.textContent = messageOf(error);
      this.analogyStatus.classList.add('emb-miss');
      this.analogyList.replaceChildren();
    }
  }

  async compare() {
    const set = this.store.current;
    const [a, b] = this.simInputs.map((input) => input.value);
    if (!set || !a.trim() || !b.trim()) return;
    this.writeLink();
    try {
      const result = await this.client.request('similarity', { key: set.key, a, b });
      if (set !== this.store.current) return;
      if (result.missing.length) {
        this.simText.textContent = result.missing.map((/** @type {string} */ word) => `“${word}”`).join(' and ') + ` ${result.missing.length === 1 ? 'is' : 'are'} not in these vectors.`;
        this.simFill.hidden = true;
        return;
      }
      const score = /** @type {number} */ (result.score);
      this.simFill.hidden = false;
      this.simFill.style.left = `${50 + Math.min(score, 0) * 50}%`;
      this.simFill.style.width = `${Math.abs(score) * 50}%`;
      this.simFill.classList.toggle('negative', score < 0);
      const [sa, sb] = result.inputs.map((/** @type {Described} */ input, /** @type {number} */ i) => (input.row >= 0 ? set.display[input.row] : [a, b][i]));
      this.simText.textContent = `cos(${sa}, ${sb}) = ${score.toFixed(3)}`;
    } catch (error) {
      this.simText.textContent = messageOf(error);
      this.simFill.hidden = true;
    }
  }

  async compareDayZero() {
    const set = this.store.current;
    const typed = this.day0Word.value;
    if (!set || !typed.trim()) return;
    if (!set.info.hasDayZero) {
      this.day0Status.textContent = 'Imported vectors were trained elsewhere, so the vectors they started from are not known. Choose the default or trained vectors.';
      this.day0Initial.replaceChildren();
      this.day0Trained.replaceChildren();
      return;
    }
    try {
      const result = await this.client.request('dayZero', { key: set.key, word: typed, k: 10 });
      if (set !== this.store.current) return;
      if (result.oov) {
        this.day0Status.textContent = this.notFound(result, typed);
        this.day0Initial.replaceChildren();
        this.day0Trained.replaceChildren();
        return;
      }
      const mean = (/** @type {Float32Array} */ scores) => scores.reduce((sum, x) => sum + x, 0) / Math.max(scores.length, 1);
      this.day0Status.textContent =
        `Mean similarity of the ten nearest: ${mean(result.initial.scores).toFixed(2)} at day 0, ${mean(result.trained.scores).toFixed(2)} after training. ` + this.explain(result, typed);
      const pick = (/** @type {string} */ word) => {
        this.day0Word.value = word;
        this.compareDayZero();
      };
      renderNeighbors(this.day0Initial, result.initial, set, pick);
      renderNeighbors(this.day0Trained, result.trained, set, pick);
    } catch (error) {
      this.day0Status.textContent = messageOf(error);
    }
  }

  async exportVectors() {
    const set = this.store.current;
    if (!set) return;
    this.exportButton.disabled = true;
    try {
      const bytes = await this.client.request('exportVec', { key: set.key });
      const url = URL.createObjectURL(new Blob([bytes], { type: 'text/plain' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${set.key === 'imported' ? (set.info.name ?? 'vectors').replace(/\.[^.]*$/, '') : `tokenlab-${set.key}`}.vec`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.showError(`Export failed: ${messageOf(error)}`);
    } finally {
      this.exportButton.disabled = false;
    }
  }

  /**
   * One file of the Projector's TSV pair of the current set.
   * @param {'vectors' | 'metadata'} which
   */
  async exportTsv(which) {
    const set = this.store.current;
    if (!set) return;
    try {
      const pair = await this.client.request('exportTsv', { key: set.key });
      download(pair[which], `tokenlab-${set.key}-${which}.tsv`, 'text/tab-separated-values');
    } catch (error) {
      this.showError(`Export failed: ${messageOf(error)}`);
    }
  }

  /** @param {File} vectorsFile @param {File} metadataFile */
  async importTsv(vectorsFile, metadataFile) {
    const name = `${vectorsFile.name} + ${metadataFile.name}`;
    this.hideError();
    this.showLoad(0, 0, `Reading ${name}…`);
    try {
      const [vectorsTsv, metadataTsv] = await Promise.all([vectorsFile, metadataFile].map(async (file) => new Uint8Array(await file.arrayBuffer())));
      const { key, info, words } = await this.client.request('importTsv', { name, vectorsTsv, metadataTsv }, { transfer: [vectorsTsv.buffer, metadataTsv.buffer] });
      this.loadBox.hidden = true;
      this.adopt(key, info, words, { select: true });
      const how = { origin: /** @type {const} */ ('imported'), text: null, seed: null, tokenizer: null };
      const problem = await this.kept.keepSet(key, info, how, [vectorsFile, metadataFile].map((file) => ({ name: file.name, size: file.size })));
      if (problem) this.showError(problem);
    } catch (error) {
      this.loadBox.hidden = true;
      this.setInfo.hidden = false;
      this.showError(`Could not import: ${messageOf(error)}`);
    }
  }

  /** @param {File} file */
  async importVectors(file) {
    if (file.size > kMaxImportBytes) {
      this.showError(`${file.name} is ${formatMiB(file.size)}; the page imports .vec files of at most ${formatMiB(kMaxImportBytes)}.`);
      return;
    }
    this.hideError();
    this.showLoad(0, 0, `Reading ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      this.showLoad(0, 0, `Parsing ${file.name} (${formatMiB(file.size)}); large files take a few seconds per 10 MB…`);
      const { key, info, words } = await this.client.request('importVec', { name: file.name, bytes }, { transfer: [bytes.buffer] });
      this.loadBox.hidden = true;
      this.adopt(key, info, words, { select: true });
      const how = { origin: /** @type {const} */ ('imported'), text: null, seed: null, tokenizer: null };
      const problem = await this.kept.keepSet(key, info, how, [{ name: file.name, size: file.size }]);
      if (problem) this.showError(problem);
    } catch (error) {
      this.loadBox.hidden = true;
      this.setInfo.hidden = false;
      this.showError(`Could not import: ${messageOf(error)}`);
    }
  }

  /** @param {string} message */
  showError(message) {
    this.errorText.textContent = message;
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
  }
}
