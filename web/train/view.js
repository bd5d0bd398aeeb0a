// @ts-check
// The Train view: pick a corpus and settings, train in the training worker
// while the merge table fills, then export the vocabulary or use it in the
// Tokenize view. It also hosts the merge-by-merge stepper, the vocabulary-size
// trade-off and the two-corpora comparison, each in its own module.
//
// What it makes is kept in the browser: each vocabulary as soon as it is
// trained or imported (kept-tokenizers.js), the merges of a run while it goes
// (kept-run.js), so that a run cut short by a reload or a stopped worker can
// still be used as the vocabulary of its merges so far, and the corpus files
// when the reader asks (kept-corpus.js).
//
//   #view=train&vs=8000&pt=gpt2&mf=2&c=prose   → the view with those settings
//   #view=train&alg=unigram&vs=8000&bf=0       → a Unigram vocabulary without byte fallback (unigram-run.js)

import { part } from '../common/dom.js';
import { fileListItem } from '../common/file-list.js';
import { BpeStepper } from '../common/bpe-stepper.js';
import { formatBytes, formatDuration, formatInteger } from '../common/format.js';
import { MergeTable } from './merge-table.js';
import { TrainClient, TrainerRestarted } from '../engine/train-client.js';
import { WorkerStopped } from '../engine/worker-client.js';
import { KeptCorpus } from './kept-corpus.js';
import { interruptedRuns, KeptRun, readRun } from './kept-run.js';
import { keepMine } from '../common/kept-tokenizers.js';
import { storedFiles, unreadablePayloads, UnreadableRecord } from '../common/stored-files.js';
import { tokenizerJsonFromMerges } from './tokenizer-json-from-merges.js';
import { corpusLimit, corpusLimitProblem, maxVocabSize } from '../engine/train-limits.js';
import { samples } from '../common/train-samples.js';
import { TrainedVocabulary } from '../common/trained-vocabulary.js';
import { customTokenizerKey } from '../common/tokenizers.js';
import { splitRow } from '../common/split-row.js';
import { fragmentFor } from '../common/url-state.js';
import { VocabCompare } from '../common/vocab-compare.js';
import { AlgorithmCompare } from '../common/algorithm-compare.js';
import { mergesFromTokenizerJson, setDownload } from './vocab-files.js';
import { VocabTradeoff } from '../common/vocab-tradeoff.js';
import { trainMarkup } from './markup.js';
import { UnigramRun } from './unigram-run.js';

/**
 * @typedef {import('../tokenize/view.js').ViewServices & {show: (id: string) => any}} TrainServices
 */

const pretokenizerNames = /** @type {const} */ (['gpt2', 'cl100k', 'o200k', 'whitespace', 'none']);
/** @type {Record<string, string>} */
const pretokenizerLabels = { gpt2: 'GPT-2', cl100k: 'GPT-4 (cl100k)', o200k: 'GPT-4o (o200k)', whitespace: 'whitespace', none: 'no' };
/** A cooperative cancel that has not answered after this long ends the worker instead. */
const cancelGraceMs = 1500;
/** Largest tokenizer.json the page imports. */
const maxImportBytes = 50_000_000;

/** 1 → "1 merge"; 12345 → "12,345 merges" @param {number} count */
const mergeCount = (count) => `${formatInteger(count)} ${count === 1 ? 'merge' : 'merges'}`;

export class TrainView {
  /**
   * @param {HTMLElement} root the view's section
   * @param {TrainServices} services
   */
  constructor(root, services) {
    this.root = root;
    this.services = services;
    root.innerHTML = trainMarkup;
    this.trainClient = new TrainClient();
    this.vocabulary = new TrainedVocabulary();
    /** @type {File[]} */
    this.files = [];
    this.running = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.cancelTimer = undefined;
    /** Bumped per run, so late answers of an older run are ignored. */
    this.run = 0;
    /** Settings of the vocabulary now in "mine" (for the trade-off and try-it). @type {{pretokenizer: string, specialTokens: string[]} | null} */
    this.trained = null;
    /** The run going now, as the browser keeps it. */
    this.keptRun = new KeptRun();
    /** @type {{id: string | null, keeping?: Promise<string | null>, settings: import('../engine/trainer-engine.js').TrainerOptions, sources: {name: string, size: number}[], mergesTarget: number} | null} the merges in the table that can be made into a vocabulary, and their record */
    this.leftover = null;

    this.form = part(root, '#train-form', HTMLFormElement);
    this.algorithmPicker = part(root, '#algorithm-picker', HTMLFieldSetElement);
    this.byteFallbackInput = part(root, '#byte-fallback', HTMLInputElement);
    this.corpusPicker = part(root, '#corpus-picker', HTMLFieldSetElement);
    this.corpusDetail = part(root, '#corpus-detail', HTMLElement);
    this.dropZone = part(root, '#drop-zone', HTMLElement);
    this.fileInput = part(root, '#file-input', HTMLInputElement);
    this.fileList = part(root, '#file-list', HTMLElement);
    this.filesNote = part(root, '#files-note', HTMLElement);
    this.limitNote = part(root, '#limit-note', HTMLElement);
    this.vocabSizeInput = part(root, '#vocab-size', HTMLInputElement);
    this.pretokenizerSelect = part(root, '#pretokenizer', HTMLSelectElement);
    this.minFrequencyInput = part(root, '#min-frequency', HTMLInputElement);
    this.specialInput = part(root, '#special-tokens', HTMLInputElement);
    this.startButton = part(root, '#train-start', HTMLButtonElement);
    this.cancelButton = part(root, '#train-cancel', HTMLButtonElement);
    this.importInput = part(root, '#import-input', HTMLInputElement);
    this.errorBox = part(root, '#train-error', HTMLElement);
    this.errorText = part(root, '#train-error-text', HTMLElement);
    this.progressBar = part(root, '#train-progress', HTMLProgressElement);
    this.phase = part(root, '#train-phase', HTMLElement);
    this.notes = part(root, '#train-notes', HTMLElement);
    this.cells = {
      merges: part(root, '#train-merges', HTMLElement),
      elapsed: part(root, '#train-elapsed', HTMLElement),
      eta: part(root, '#train-eta', HTMLElement),
      fresh: part(root, '#train-new', HTMLElement),
    };
    this.result = part(root, '#train-result', HTMLElement);
    this.summary = part(root, '#train-summary', HTMLElement);
    this.downloadJson = part(root, '#download-json', HTMLAnchorElement);
    this.downloadTiktoken = part(root, '#download-tiktoken', HTMLAnchorElement);
    this.openTokenize = part(root, '#open-tokenize', HTMLAnchorElement);
    this.tryText = part(root, '#try-text', HTMLInputElement);
    this.trySplits = part(root, '#try-splits', HTMLElement);
    this.keptOffer = part(root, '#train-kept', HTMLElement);
    this.keptText = part(root, '#train-kept-text', HTMLElement);
    this.keptUse = part(root, '#train-kept-use', HTMLButtonElement);
    this.keptDiscard = part(root, '#train-kept-discard', HTMLButtonElement);

    this.table = new MergeTable(
      {
        table: part(root, '#merge-grid', HTMLElement),
        scroller: part(root, '#merge-scroller', HTMLElement),
        spacer: part(root, '#merge-spacer', HTMLElement),
        rows: part(root, '#merge-rows', HTMLElement),
        search: part(root, '#merge-search', HTMLInputElement),
        status: part(root, '#merge-status', HTMLElement),
      },
      this.vocabulary,
    );
    this.unigram = new UnigramRun(this);
    this.stepper = new BpeStepper(root, this.trainClient);
    this.tradeoff = new VocabTradeoff(root, { trainClient: this.trainClient, client: services.client, loader: services.loader });
    this.compare = new VocabCompare(root, this.trainClient);
    this.algorithms = new AlgorithmCompare(root, this.trainClient);

    this.keptCorpus = new KeptCorpus(part(root, '#keep-corpus', HTMLInputElement), {
      files: () => this.files,
      restored: (files) => this.addFiles(files),
      status: part(root, '#keep-corpus-status', HTMLElement),
    });

    this.bindControls();
    this.showCorpusDetail();
    this.offerInterrupted();
  }

  bindControls() {
    this.corpusPicker.addEventListener('change', () => {
      this.showCorpusDetail();
      this.writeLink();
    });
    this.algorithmPicker.addEventListener('change', () => {
      this.showAlgorithm();
      this.writeLink();
    });
    for (const input of [this.vocabSizeInput, this.pretokenizerSelect, this.minFrequencyInput, this.specialInput, this.byteFallbackInput]) {
      input.addEventListener('change', () => {
        this.showCorpusDetail();
        this.writeLink();
      });
    }
    this.fileInput.addEventListener('change', () => {
      this.addFiles(Array.from(this.fileInput.files ?? []));
      this.fileInput.value = '';
    });
    for (const type of ['dragenter', 'dragover']) {
      this.form.addEventListener(type, (event) => {
        const drag = /** @type {DragEvent} */ (event);
        if (!drag.dataTransfer?.types.includes('Files')) return;
        drag.preventDefault();
        drag.dataTransfer.dropEffect = 'copy';
        this.dropZone.classList.add('dragging');
      });
    }
    this.form.addEventListener('dragleave', (event) => {
      if (!this.form.contains(/** @type {Node | null} */ (/** @type {DragEvent} */ (event).relatedTarget))) this.dropZone.classList.remove('dragging');
    });
    this.form.addEventListener('drop', (event) => {
      const drag = /** @type {DragEvent} */ (event);
      drag.preventDefault();
      this.dropZone.classList.remove('dragging');
      this.addFiles(Array.from(drag.dataTransfer?.files ?? []));
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.start();
    });
    this.cancelButton.addEventListener('click', () => this.cancel());
    this.keptUse.addEventListener('click', () => this.useLeftover());
    this.keptDiscard.addEventListener('click', () => this.discardLeftover());
    this.importInput.addEventListener('change', () => {
      const file = this.importInput.files?.[0];
      this.importInput.value = '';
      if (file) this.importFile(file);
    });
    this.openTokenize.addEventListener('click', (event) => {
      event.preventDefault();
      this.services.show('tokenize').selectTokenizer(customTokenizerKey);
      window.scrollTo({ top: 0 });
    });
    let tryTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
    this.tryText.addEventListener('input', () => {
      clearTimeout(tryTimer);
      tryTimer = setTimeout(() => this.showTrySplits(), 150);
    });
    for (const button of this.root.querySelectorAll('[data-scroll]')) {
      button.addEventListener('click', () => document.getElementById(button.getAttribute('data-scroll') ?? '')?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    }
  }

  // Links -------------------------------------------------------------------

  /** @param {URLSearchParams} params */
  applyLink(params) {
    const corpus = params.get('c');
    if (corpus === 'prose' || corpus === 'code' || corpus === 'files') this.setCorpus(corpus);
    const size = params.get('vs');
    if (size && /^\d+$/.test(size)) this.vocabSizeInput.value = size;
    const pretokenizer = params.get('pt');
    if (pretokenizer && /** @type {readonly string[]} */ (pretokenizerNames).includes(pretokenizer)) this.pretokenizerSelect.value = pretokenizer;
    const minFrequency = params.get('mf');
    if (minFrequency && /^\d+$/.test(minFrequency)) this.minFrequencyInput.value = minFrequency;
    const specials = params.get('sp');
    if (specials !== null) this.specialInput.value = specials;
    const algorithm = params.get('alg');
    this.setAlgorithm(algorithm === 'unigram' ? 'unigram' : 'bpe');
    const byteFallback = params.get('bf');
    if (byteFallback === '0' || byteFallback === '1') this.byteFallbackInput.checked = byteFallback === '1';
    this.showCorpusDetail();
  }

  fragment() {
    if (this.algorithm() === 'unigram') {
      return fragmentFor({ view: 'train', alg: 'unigram', c: this.corpus(), vs: this.vocabSizeInput.value, bf: this.byteFallbackInput.checked ? '1' : '0' });
    }
    return fragmentFor({
      view: 'train',
      c: this.corpus(),
      vs: this.vocabSizeInput.value,
      pt: this.pretokenizerSelect.value,
      mf: this.minFrequencyInput.value,
      sp: this.specialInput.value,
    });
  }

  writeLink() {
    this.services.link.write(this.fragment(), { immediate: true });
  }

  // Algorithm -----------------------------------------------------------------

  /** @returns {'bpe' | 'unigram'} */
  algorithm() {
    const checked = /** @type {HTMLInputElement | null} */ (this.algorithmPicker.querySelector('input[name="algorithm"]:checked'));
    return checked?.value === 'unigram' ? 'unigram' : 'bpe';
  }

  /** @param {'bpe' | 'unigram'} algorithm */
  setAlgorithm(algorithm) {
    for (const input of this.algorithmPicker.querySelectorAll('input[name="algorithm"]')) {
      const radio = /** @type {HTMLInputElement} */ (input);
      radio.checked = radio.value === algorithm;
    }
    this.showAlgorithm();
  }

  /** Shows the settings and the table of the chosen algorithm only. */
  showAlgorithm() {
    const algorithm = this.algorithm();
    for (const element of this.form.parentElement?.querySelectorAll('[data-algorithm]') ?? []) {
      /** @type {HTMLElement} */ (element).hidden = element.getAttribute('data-algorithm') !== algorithm;
    }
    const label = this.cells.merges.previousElementSibling;
    if (label) label.textContent = algorithm === 'unigram' ? 'Pieces' : 'Merges';
  }

  // Corpus --------------------------------------------------------------------

  /** @returns {'prose' | 'code' | 'files'} */
  corpus() {
    const checked = /** @type {HTMLInputElement | null} */ (this.corpusPicker.querySelector('input[name="corpus"]:checked'));
    return /** @type {'prose' | 'code' | 'files'} */ (checked?.value ?? 'prose');
  }

  /** @param {'prose' | 'code' | 'files'} corpus */
  setCorpus(corpus) {
    for (const input of this.corpusPicker.querySelectorAll('input[name="corpus"]')) {
      const radio = /** @type {HTMLInputElement} */ (input);
      radio.checked = radio.value === corpus;
    }
  }

  /** @param {File[]} files */
  addFiles(files) {
    if (files.length === 0) return;
    const known = new Set(this.files.map((file) => `${file.name}:${file.size}:${file.lastModified}`));
    const added = files.filter((file) => !known.has(`${file.name}:${file.size}:${file.lastModified}`));
    this.files.push(...added);
    this.keptCorpus.added(added);
    this.setCorpus('files');
    this.renderFiles();
    this.showCorpusDetail();
    this.writeLink();
  }

  renderFiles() {
    const items = this.files.map((file, index) =>
      fileListItem(file.name, file.size === 0 ? 'empty' : formatBytes(file.size), () => {
        this.files.splice(index, 1);
        this.keptCorpus.removed(file);
        this.renderFiles();
        this.showCorpusDetail();
      }),
    );
    this.fileList.replaceChildren(...items);
    const total = this.files.reduce((sum, file) => sum + file.size, 0);
    this.filesNote.textContent = this.files.length ? `${this.files.length} ${this.files.length === 1 ? 'file' : 'files'}, ${formatBytes(total)}` : '.txt, several';
  }

  showCorpusDetail() {
    const corpus = this.corpus();
    const pretokenizer = this.pretokenizerSelect.value;
    this.limitNote.textContent = `Up to ${formatInteger(corpusLimit(pretokenizer) / 1e6)} MB in all${pretokenizer === 'none' ? ' with no pre-tokenizer' : ''}, read in chunks; nothing leaves your computer.`;
    if (corpus === 'files') {
      const total = this.files.reduce((sum, file) => sum + file.size, 0);
      this.corpusDetail.textContent = this.files.length
        ? `${this.files.length} ${this.files.length === 1 ? 'file' : 'files'}, ${formatBytes(total)}. The end of the last file (10 %, at most 64 kB) is held out from training to measure the vocabulary on.`
        : 'Drop or choose one or more text files.';
    } else {
      this.corpusDetail.textContent = samples[corpus].detail;
    }
  }

  /** @returns {{name: string, blob?: Blob, url?: string}[]} */
  sources() {
    const corpus = this.corpus();
    if (corpus === 'files') return this.files.map((file) => ({ name: file.name, blob: file }));
    return samples[corpus].files;
  }

  // Settings ------------------------------------------------------------------

  /** @returns {{options: import('../engine/trainer-engine.js').TrainerOptions, problem: null} | {options: null, problem: string}} */
  readOptions() {
    const specialTokens = this.specialInput.value.split(/\s+/).filter(Boolean);
    const minimum = 256 + specialTokens.length;
    const sizeText = this.vocabSizeInput.value.trim();
    const vocabSize = Number(sizeText);
    const minFrequencyText = this.minFrequencyInput.value.trim();
    const minFrequency = Number(minFrequencyText);
    this.vocabSizeInput.removeAttribute('aria-invalid');
    this.minFrequencyInput.removeAttribute('aria-invalid');
    if (!/^\d+$/.test(sizeText) || vocabSize < minimum || vocabSize > maxVocabSize) {
      this.vocabSizeInput.setAttribute('aria-invalid', 'true');
      const specials = specialTokens.length ? ` + ${specialTokens.length} special ${specialTokens.length === 1 ? 'token' : 'tokens'}` : '';
      return {
        options: null,
        problem: `The vocabulary size must be a whole number from ${formatInteger(minimum + 1)} (256 bytes${specials} + at least one merge) to ${formatInteger(maxVocabSize)}; it is “${sizeText}”.`,
      };
    }
    if (vocabSize === minimum) {
      this.vocabSizeInput.setAttribute('aria-invalid', 'true');
      return { options: null, problem: `A vocabulary of ${formatInteger(vocabSize)} tokens leaves no room for a merge: it holds just the 256 bytes${specialTokens.length ? ' and the special tokens' : ''}. Choose more.` };
    }
    if (!/^\d+$/.test(minFrequencyText) || minFrequency < 1) {
      this.minFrequencyInput.setAttribute('aria-invalid', 'true');
      return { options: null, problem: `The minimum pair frequency must be a whole number of at least 1; it is “${minFrequencyText}”.` };
    }
    return { options: { vocabSize, pretokenizer: this.pretokenizerSelect.value, minFrequency, specialTokens }, problem: null };
  }

  // Training ------------------------------------------------------------------

  async start() {
    if (this.running) return;
    this.hideError();
    if (this.algorithm() === 'unigram') {
      const sources = this.sources();
      if (sources.length === 0) {
        this.showError('Choose or drop one or more text files first, or pick one of the samples.');
        return;
      }
      await this.unigram.start(sources, this.vocabularyName(null, sources));
      return;
    }
    const { options, problem } = this.readOptions();
    if (!options) {
      this.showError(/** @type {string} */ (problem));
      return;
    }
    const sources = this.sources();
    if (sources.length === 0) {
      this.showError('Choose or drop one or more text files first, or pick one of the samples.');
      return;
    }
    const total = sources.reduce((sum, source) => sum + (source.blob?.size ?? 0), 0);
    const tooBig = corpusLimitProblem(total, options.pretokenizer);
    if (tooBig) {
      this.showError(tooBig);
      return;
    }

    const run = ++this.run;
    this.setRunning(true);
    this.vocabulary.clear();
    this.table.reset();
    this.hideLeftover();
    const sourceList = sources.map((source) => ({ name: source.name, size: source.blob?.size ?? 0 }));
    this.keptRun.begin({ name: this.vocabularyName(options, sources), settings: { model: 'bpe', ...options }, sources: sourceList });
    let mergesTarget = options.vocabSize;
    // Set once the request has ended: a worker that closed itself may still
    // have progress messages queued, which must not add merges to what the
    // page said it kept.
    let settled = false;
    this.result.hidden = true;
    this.notes.hidden = true;
    this.notes.replaceChildren();
    this.setCells({ merges: '–', elapsed: '–', eta: '–', fresh: '–' });
    this.progressBar.removeAttribute('value');
    this.phase.textContent = 'Starting…';
    const started = performance.now();
    try {
      const result = await this.trainClient.request(
        'train',
        { slot: 'main', sources, options, holdOut: true },
        {
          onEvent: (event) => {
            if (run !== this.run || settled) return;
            this.onEvent(event, started);
            if (event.phase === 'merging') {
              mergesTarget = event.mergesTarget;
              this.keptRun.update(this.vocabulary, mergesTarget);
            }
          },
        },
      );
      settled = true;
      if (run !== this.run) return;
      await this.finish(result, options, sourceList);
    } catch (error) {
      settled = true;
      if (run !== this.run) return;
      const merges = formatInteger(this.vocabulary.mergeCount);
      if (error instanceof TrainerRestarted || error instanceof WorkerStopped) {
        const stopped = error instanceof WorkerStopped;
        this.phase.textContent = stopped ? `The training stopped after ${merges} merges.` : `Cancelled after ${merges} merges.`;
        const keeping = this.keptRun.interrupt(this.vocabulary, mergesTarget, stopped ? error.reason : 'cancelled in a long step');
        if (stopped) {
          this.showError(
            `The training worker stopped after ${merges} merges: ${error.reason}. The merges it had sent stay listed and can be used as they are; ` +
              'the next training starts a fresh worker.',
          );
        } else {
          this.showError('Training was cancelled in the middle of a long step, so the training engine was restarted. The merges so far stay listed and can be used as they are.');
        }
        // Offered at once; the record is written meanwhile (Use and Discard wait for it).
        if (this.vocabulary.mergeCount > 0) this.offerLeftover({ id: null, keeping, settings: options, sources: sourceList, mergesTarget });
        else await keeping;
      } else {
        await this.keptRun.end();
        this.phase.textContent = 'Training failed.';
        this.showError(`Could not train: ${error instanceof Error ? error.message : error}`);
        if (/memory/i.test(String(error))) this.trainClient.restart();
      }
      this.progressBar.value = 0;
    } finally {
      if (run === this.run) this.setRunning(false);
    }
  }

  /**
   * @param {any} event from the training worker
   * @param {number} started
   */
  onEvent(event, started) {
    if (event.phase === 'reading') {
      this.progressBar.max = Math.max(event.total, 1);
      this.progressBar.value = event.loaded;
      this.phase.textContent = event.file
        ? `Reading ${event.file}: ${formatBytes(event.loaded)} of ${formatBytes(event.total)}`
        : `Read ${formatBytes(event.loaded)}.`;
      this.cells.elapsed.textContent = formatDuration(performance.now() - started);
    } else if (event.phase === 'indexing') {
      this.progressBar.removeAttribute('value');
      this.phase.textContent = 'Counting the pairs in every piece…';
    } else if (event.phase === 'merging') {
      const before = this.vocabulary.mergeCount;
      this.vocabulary.append(event);
      this.table.appended(before);
      this.progressBar.max = Math.max(event.mergesTarget, 1);
      this.progressBar.value = event.mergesDone;
      this.phase.textContent = `Merging: ${formatInteger(event.mergesDone)} of ${formatInteger(event.mergesTarget)} merges`;
      this.setCells({
        merges: `${formatInteger(event.mergesDone)} / ${formatInteger(event.mergesTarget)}`,
        elapsed: formatDuration(performance.now() - started),
        eta: event.etaMs === null ? '–' : formatDuration(event.etaMs),
        fresh: `+${formatInteger(event.merges.ids.length)}`,
      });
      this.cells.merges.dataset.value = String(event.mergesDone);
    }
  }

  /**
   * @param {any} result of the worker's train request
   * @param {import('../engine/trainer-engine.js').TrainerOptions} options
   * @param {{name: string, size: number}[]} sources
   */
  async finish(result, options, sources) {
    const specials = options.specialTokens ?? [];
    this.progressBar.max = Math.max(result.mergesTarget, 1);
    this.progressBar.value = result.cancelled ? result.mergesDone : result.mergesTarget;
    const merges = `${formatInteger(result.mergesDone)} ${result.mergesDone === 1 ? 'merge' : 'merges'}`;
    if (result.cancelled) {
      this.phase.textContent = `Cancelled after ${merges} of ${formatInteger(result.mergesTarget)}; the vocabulary so far is ready to use.`;
    } else if (result.stopReason === 'vocabulary-full') {
      this.phase.textContent = `Done: ${merges} in ${formatDuration(result.readMs + result.mergeMs)}.`;
    } else {
      this.phase.textContent = `Stopped early after ${merges}: ${result.stopReasonText}.`;
    }
    this.cells.eta.textContent = result.cancelled ? '–' : '0 s';
    const notes = [...result.notes];
    if (!result.cancelled && result.stopReason !== 'vocabulary-full') {
      notes.push(
        result.stopReason === 'no-pairs-left'
          ? `The corpus is too small for ${formatInteger(options.vocabSize)} tokens: after ${merges} every piece of it is a single token. The vocabulary has ${formatInteger(result.vocabSize)} tokens.`
          : `No pair occurs ${formatInteger(options.minFrequency ?? 2)} times any more, so training stopped at ${formatInteger(result.vocabSize)} of the ${formatInteger(options.vocabSize)} tokens asked for. Lower the minimum pair frequency or add text for more.`,
      );
    }
    this.showNotes(notes);
    if (result.mergesDone === 0 && result.cancelled) {
      await this.keptRun.end();
      return;
    }

    const files = await this.trainClient.request('files', { slot: 'main' });
    this.downloadTiktoken.hidden = false;
    setDownload(this.downloadJson, files.tokenizerJson, 'application/json');
    setDownload(this.downloadTiktoken, files.tiktoken, 'text/plain');
    const name = `${formatInteger(result.vocabSize)} tokens, ${pretokenizerLabels[options.pretokenizer]} split`;
    const kept = keepMine({
      name,
      files: { tokenizerJson: files.tokenizerJson, tiktoken: files.tiktoken, pattern: options.pretokenizer },
      settings: { model: 'bpe', ...options },
      sources,
      meta: { vocabSize: result.vocabSize, mergesDone: result.mergesDone, cancelled: result.cancelled },
    });
    const specialNote = specials.length ? `, ${specials.length} special ${specials.length === 1 ? 'token' : 'tokens'} (${specials.join(' ')})` : '';
    this.summary.textContent =
      `Vocabulary of ${formatInteger(result.vocabSize)} tokens: 256 bytes, ${merges}${specialNote}. ` +
      `Trained on ${formatBytes(result.bytesRead - (result.heldOut?.length ?? 0))} (${formatInteger(result.stats.totalPieces)} pieces, ${formatInteger(result.stats.distinctPieces)} distinct) ` +
      `in ${formatDuration(result.readMs)} of reading and ${formatDuration(result.mergeMs)} of merging; the training engine used ${formatBytes(result.heapBytes)} of memory. ` +
      'It is now “My tokenizer” in the Tokenize view.';
    this.showKept(kept);
    kept.then(() => this.keptRun.end());
    this.result.hidden = false;
    this.result.dataset.trainedBytes = String(result.bytesRead - (result.heldOut?.length ?? 0));
    this.trained = { pretokenizer: options.pretokenizer, specialTokens: specials };
    this.tradeoff.setTrained({
      heldOut: result.heldOut ? new TextDecoder().decode(result.heldOut) : '',
      mergesDone: result.mergesDone,
      specialTokens: specials.length,
    });
    await this.showTrySplits();
  }

  cancel() {
    if (!this.running) return;
    if (this.unigram.running) {
      this.cancelButton.disabled = true;
      this.unigram.cancel();
      return;
    }
    this.cancelButton.disabled = true;
    this.phase.textContent = 'Cancelling…';
    this.trainClient.request('cancel', { slot: 'main' }).catch(() => {});
    clearTimeout(this.cancelTimer);
    const run = this.run;
    this.cancelTimer = setTimeout(() => {
      if (this.running && run === this.run) this.trainClient.restart();
    }, cancelGraceMs);
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.running = running;
    this.startButton.disabled = running;
    this.cancelButton.disabled = !running;
    this.importInput.disabled = running;
    this.root.querySelector('.train-run')?.setAttribute('aria-busy', String(running));
    if (!running) clearTimeout(this.cancelTimer);
  }

  /** @param {Partial<Record<'merges' | 'elapsed' | 'eta' | 'fresh', string>>} values */
  setCells(values) {
    for (const [name, text] of Object.entries(values)) this.cells[/** @type {'merges'} */ (name)].textContent = text;
  }

  /** @param {string[]} notes */
  showNotes(notes) {
    this.notes.replaceChildren(
      ...notes.map((note) => {
        const item = document.createElement('li');
        item.textContent = note;
        return item;
      }),
    );
    this.notes.hidden = notes.length === 0;
  }

  // What the browser keeps ---------------------------------------------------

  /**
   * What a run's record is called: "Moby-Dick, 8,000 tokens, GPT-4 (cl100k) split", or
   * for Unigram (options null) "Moby-Dick, 2,000 pieces, Unigram".
   * @param {import('../engine/trainer-engine.js').TrainerOptions | null} options
   * @param {{name: string}[]} sources
   */
  vocabularyName(options, sources) {
    const corpus = this.corpus();
    const from = corpus === 'files' ? (sources.length === 1 ? sources[0].name : `${sources.length} files`) : samples[corpus].label;
    if (!options) return `${from}, ${formatInteger(Number(this.vocabSizeInput.value))} pieces, Unigram`;
    return `${from}, ${formatInteger(options.vocabSize)} tokens, ${pretokenizerLabels[options.pretokenizer]} split`;
  }

  /**
   * Adds to the notes whether the vocabulary was kept in the browser.
   * @param {Promise<{problem?: string}>} kept
   */
  async showKept(kept) {
    const { problem } = await kept;
    const item = document.createElement('li');
    item.textContent = problem ?? 'Kept in this browser: it is back after a reload, listed in Your files (at the top of the page).';
    this.notes.append(item);
    this.notes.hidden = false;
  }

  /**
   * Offers to make the merges in the table into a vocabulary.
   * @param {NonNullable<TrainView['leftover']>} leftover
   */
  offerLeftover(leftover) {
    this.leftover = leftover;
    const merges = this.vocabulary.mergeCount;
    const specials = leftover.settings.specialTokens?.length ?? 0;
    const tokens = 256 + merges + specials;
    this.keptText.textContent =
      `${formatInteger(merges)} of ${mergeCount(leftover.mergesTarget)} ${merges === 1 ? 'is' : 'are'} kept${leftover.id || leftover.keeping ? ' in this browser' : ''}. ` +
      `Any number of merges makes a valid vocabulary: ${merges === 1 ? 'this gives' : 'these give'} ${formatInteger(tokens)} tokens (256 bytes, ${mergeCount(merges)}${specials ? `, ${specials} special` : ''}).`;
    this.keptUse.textContent = merges === 1 ? 'Use this merge' : `Use these ${mergeCount(merges)}`;
    this.keptUse.disabled = false;
    this.keptOffer.hidden = false;
  }

  hideLeftover() {
    this.leftover = null;
    this.keptOffer.hidden = true;
  }

  /** After a reload: the newest run that was cut short, its merges in the table and the offer to use them. */
  async offerInterrupted() {
    const runs = await interruptedRuns().catch(() => []);
    const newest = runs.find((run) => !run.held);
    if (!newest || this.running || this.vocabulary.mergeCount > 0) return;
    const { record } = newest;
    try {
      const batch = await readRun(record);
      if (this.running || this.vocabulary.mergeCount > 0) return;
      this.vocabulary.clear();
      this.vocabulary.append(batch);
      this.table.reset();
      const count = this.vocabulary.mergeCount;
      const merges = formatInteger(count);
      const target = Number(record.meta.mergesTarget) || count;
      this.setCells({ merges: `${merges} / ${formatInteger(target)}`, elapsed: '–', eta: '–', fresh: '–' });
      this.cells.merges.dataset.value = String(count);
      this.progressBar.max = Math.max(target, 1);
      this.progressBar.value = count;
      const why = record.meta.state === 'interrupted' && record.meta.reason ? `: ${record.meta.reason}` : ' when the page was closed or reloaded';
      this.phase.textContent = `A training run (${record.name}) was interrupted after ${mergeCount(count)}${why}. Its merges are listed below.`;
      this.offerLeftover({ id: record.id, settings: /** @type {any} */ (record.settings), sources: record.sources, mergesTarget: target });
    } catch (error) {
      const reason = error instanceof UnreadableRecord ? error.reason : String(error);
      unreadablePayloads.set(record.id, reason);
      this.phase.textContent = `A training run (${record.name}) was interrupted, but its merges cannot be read back: ${reason}.`;
    }
  }

  /** Makes the merges in the table a vocabulary: "My tokenizer", kept and ready to download. */
  async useLeftover() {
    const leftover = this.leftover;
    if (!leftover || this.running) return;
    this.keptUse.disabled = true;
    this.hideError();
    const { vocabSize, pretokenizer, minFrequency, specialTokens = [] } = leftover.settings;
    const merges = this.vocabulary.mergeCount;
    try {
      // The engine's export of a trainer with these settings and no text: all but the merges.
      await this.trainClient.request('stepStart', { slot: 'skeleton', text: '', options: { vocabSize, pretokenizer, minFrequency, specialTokens } });
      const skeleton = await this.trainClient.request('files', { slot: 'skeleton' });
      const tokenizerJson = tokenizerJsonFromMerges(skeleton.tokenizerJson, this.vocabulary);
      const checked = await this.trainClient.request('checkTokenizerJson', { bytes: tokenizerJson.slice() });
      const layout = mergesFromTokenizerJson(tokenizerJson);
      const name = `${formatInteger(checked.vocabSize)} tokens, ${pretokenizerLabels[pretokenizer]} split (${formatInteger(merges)} merges of an interrupted run)`;
      const files = layout ? { tokenizerJson, tiktoken: layout.tiktoken, pattern: pretokenizer } : { tokenizerJson };
      const kept = keepMine({
        name,
        files,
        settings: { model: 'bpe', ...leftover.settings },
        sources: leftover.sources,
        meta: { vocabSize: checked.vocabSize, mergesDone: merges, interrupted: true },
      });
      this.run++;
      this.trained = { pretokenizer, specialTokens };
      this.tradeoff.setImported();
      setDownload(this.downloadJson, tokenizerJson, 'application/json');
      this.downloadTiktoken.hidden = !layout;
      if (layout) setDownload(this.downloadTiktoken, layout.tiktoken, 'text/plain');
      this.phase.textContent = `A vocabulary of ${formatInteger(checked.vocabSize)} tokens was made from the ${mergeCount(merges)} kept.`;
      this.summary.textContent = `Vocabulary of ${formatInteger(checked.vocabSize)} tokens: 256 bytes, ${mergeCount(merges)}${specialTokens.length ? `, ${specialTokens.length} special` : ''}, from a run that did not finish. It is now “My tokenizer” in the Tokenize view.`;
      this.result.hidden = false;
      this.showNotes([]);
      this.showKept(kept);
      const id = leftover.id ?? (await leftover.keeping);
      if (id) await storedFiles().remove(id).catch(() => {});
      this.hideLeftover();
      await this.showTrySplits();
    } catch (error) {
      this.keptUse.disabled = false;
      this.showError(`Could not make a vocabulary of the merges: ${error instanceof Error ? error.message : error}`);
    }
  }

  async discardLeftover() {
    const leftover = this.leftover;
    this.hideLeftover();
    const id = leftover && (leftover.id ?? (await leftover.keeping));
    if (id) await storedFiles().remove(id).catch(() => {});
  }

  // Your tokenizer beside GPT-4 ------------------------------------------------

  async showTrySplits() {
    const text = this.tryText.value;
    const { client, loader } = this.services;
    const rows = [];
    for (const [key, label] of [
      [customTokenizerKey, 'My tokenizer'],
      ['cl100k_base', 'GPT-4'],
    ]) {
      try {
        await loader.load(key);
        const encoding = await client.request('encode', { key, text, allowSpecial: false });
        rows.push(splitRow(label, encoding));
      } catch (error) {
        const row = document.createElement('p');
        row.className = 'note';
        row.textContent = `${label}: ${error instanceof Error ? error.message : error}`;
        rows.push(row);
      }
    }
    this.trySplits.replaceChildren(...rows);
  }

  // Import --------------------------------------------------------------------

  /** @param {File} file */
  async importFile(file) {
    this.hideError();
    if (file.size === 0) {
      this.showError(`Could not import ${file.name}: the file is empty.`);
      return;
    }
    if (file.size > maxImportBytes) {
      this.showError(`Could not import ${file.name}: it holds ${formatBytes(file.size)}, and the page imports tokenizer.json files of up to ${formatBytes(maxImportBytes)}.`);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const checked = await this.trainClient.request('checkTokenizerJson', { bytes });
      const layout = mergesFromTokenizerJson(bytes);
      this.run++;
      this.vocabulary.clear();
      if (layout) this.vocabulary.append(layout.batch);
      this.table.reset({ countsKnown: false });
      this.hideLeftover();
      const kept = keepMine({
        name: file.name,
        files: layout ? { tokenizerJson: bytes, tiktoken: layout.tiktoken, pattern: layout.pattern } : { tokenizerJson: bytes },
        settings: { origin: 'imported' },
        sources: [{ name: file.name, size: file.size }],
        meta: { vocabSize: checked.vocabSize },
      });
      this.trained = null;
      this.tradeoff.setImported();
      this.progressBar.value = 0;
      this.setCells({ merges: layout ? formatInteger(layout.batch.merges.ids.length) : '–', elapsed: '–', eta: '–', fresh: '–' });
      this.phase.textContent = `Imported ${file.name}: ${formatInteger(checked.vocabSize)} tokens.`;
      this.showNotes(
        layout
          ? ['The merge table lists the file’s merges; their counts are not stored in tokenizer.json.']
          : ['This file’s vocabulary is not laid out as this page trains (the 256 bytes first, in order, then one token per merge), so its merges are not listed.'],
      );
      this.summary.textContent = `Imported ${file.name}: ${formatInteger(checked.vocabSize)} tokens. It is now “My tokenizer” in the Tokenize view.`;
      this.showKept(kept);
      this.downloadJson.hidden = false;
      setDownload(this.downloadJson, bytes, 'application/json');
      this.downloadTiktoken.hidden = true;
      this.result.hidden = false;
      await this.showTrySplits();
    } catch (error) {
      this.showError(`Could not import ${file.name}: ${error instanceof Error ? error.message : error}. Nothing was changed.`);
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
