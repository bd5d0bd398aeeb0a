// @ts-check
// "Train your own": the form (corpus, unit, settings), the run in the
// embeddings worker with Pause / Resume / Cancel, and its progress: bar,
// words per second, learning rate, loss, time left, and a live loss curve.
// When a run finishes the view adopts the vectors as "trained". The vectors
// are kept in the browser at each finished epoch and when the run ends
// (kept-sets.js); if the worker stops mid-run, the last finished epoch is
// adopted instead, and says so.

import { formatMiB, kMaxCorpusBytes, kMaxTrainingBytes, kTrainingFields } from '../engine/embedding-limits.js';
import { fileListItem } from '../common/file-list.js';
import { RunKeeper } from './kept-sets.js';
import { deviceTrainingThreads } from '../engine/training-threads.js';
import { WorkerStopped } from '../engine/worker-client.js';
import { customTokenizerKey, catalogEvents, defaultTokenizerKey, tokenizers } from '../common/tokenizers.js';

const sampleUrl = new URL('../dist/vectors/sample.txt', import.meta.url).href;
const kChartEveryMs = 250;
const en = new Intl.NumberFormat('en-US');

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`the training form is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @param {number} seconds */
function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
}

/** @param {number} n */
function compact(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : en.format(Math.round(n));
}

export class EmbeddingTrainPanel {
  /**
   * @param {HTMLElement} root
   * @param {import('../engine/embedding-client.js').EmbeddingClient} client
   * @param {(key: string, info: any, words: {bytes: Uint8Array, offsets: Uint32Array}) => void} onTrained
   * @param {import('./kept-sets.js').KeptSets} [kept] keeps the vectors in the browser
   */
  constructor(root, client, onTrained, kept) {
    this.client = client;
    this.onTrained = onTrained;
    this.kept = kept;
    /** @type {RunKeeper | null} the run going now, as the browser keeps it */
    this.keeper = null;
    this.form = part(root, '#emb-train-form', HTMLFormElement);
    this.dropZone = part(root, '#emb-drop', HTMLElement);
    this.fileInput = part(root, '#emb-file-input', HTMLInputElement);
    this.fileList = part(root, '#emb-file-list', HTMLUListElement);
    this.corpusDetail = part(root, '#emb-corpus-detail', HTMLElement);
    this.tokenizerField = part(root, '#emb-tokenizer-field', HTMLElement);
    this.tokenizerSelect = part(root, '#emb-tokenizer', HTMLSelectElement);
    this.lowercase = part(root, '#emb-lowercase', HTMLInputElement);
    this.stripPunctuation = part(root, '#emb-strip-punctuation', HTMLInputElement);
    this.unitNote = part(root, '#emb-unit-note', HTMLElement);
    this.model = part(root, '#emb-model', HTMLSelectElement);
    /** @type {HTMLInputElement[]} */
    this.fields = [...this.form.querySelectorAll('input[data-field]')].filter((input) => input instanceof HTMLInputElement);
    this.startButton = part(root, '#emb-train-start', HTMLButtonElement);
    this.pauseButton = part(root, '#emb-train-pause', HTMLButtonElement);
    this.cancelButton = part(root, '#emb-train-cancel', HTMLButtonElement);
    this.errorBox = part(root, '#emb-train-error', HTMLElement);
    this.errorText = part(root, '#emb-train-error-text', HTMLElement);
    this.progressBar = part(root, '#emb-train-progress', HTMLProgressElement);
    this.phase = part(root, '#emb-train-phase', HTMLElement);
    this.speed = part(root, '#emb-train-speed', HTMLElement);
    this.learningRate = part(root, '#emb-train-lr', HTMLElement);
    this.loss = part(root, '#emb-train-loss', HTMLElement);
    this.eta = part(root, '#emb-train-eta', HTMLElement);
    this.chartSlot = part(root, '#emb-loss-chart', HTMLElement);
    this.result = part(root, '#emb-train-result', HTMLElement);
    this.summary = part(root, '#emb-train-summary', HTMLElement);
    /** @type {File[]} */
    this.files = [];
    this.running = false;
    this.paused = false;
    /** @type {{epochs: number[], losses: number[]}} */
    this.curve = { epochs: [], losses: [] };
    /** @type {any} a uPlot chart */
    this.chart = null;
    this.chartDrawnAt = 0;
    /** @type {ResizeObserver | null} watches the chart slot once, whichever chart is in it */
    this.chartResize = null;

    for (const input of this.fields) {
      const field = kTrainingFields[/** @type {keyof typeof kTrainingFields} */ (input.dataset.field)];
      input.min = String(field.min);
      input.max = String(field.max);
      input.value = String(field.value);
      if (input.dataset.field === 'threads') {
        // Every core by default (at most 8): the run's status says when the page can use only one.
        const most = deviceTrainingThreads();
        input.max = String(most);
        input.value = String(most);
      }
    }
    part(root, '#emb-limit-note', HTMLElement).textContent = `Plain text, UTF-8; up to ${formatMiB(kMaxCorpusBytes)} in all, read as a stream.`;
    part(root, '#emb-memory-note', HTMLElement).textContent =
      `Memory: a run may hold up to ${formatMiB(kMaxTrainingBytes)} (two vocabulary × dimension tables and the corpus, 4 bytes a word); larger settings are refused before training starts. ` +
      `The page’s peak is about twice that while the finished vectors are copied out.`;
    this.fillTokenizers();
    catalogEvents.addEventListener('change', () => this.fillTokenizers());
    // The loss chart's colours are read when it is made: make it again when the system's scheme changes.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
      if (!this.chart) return;
      this.chart.destroy();
      this.chart = null;
      this.drawChart(true);
    });
    this.listen();
    this.updateCorpus();
    this.updateUnit();
  }

  fillTokenizers() {
    const chosen = this.tokenizerSelect.value || defaultTokenizerKey;
    const options = tokenizers.map((entry) => {
      const option = document.createElement('option');
      option.value = entry.key;
      option.textContent = entry.key === customTokenizerKey ? `Yours: ${entry.name}` : `${entry.model} (${entry.name})`;
      return option;
    });
    this.tokenizerSelect.replaceChildren(...options);
    this.tokenizerSelect.value = tokenizers.some((entry) => entry.key === chosen) ? chosen : defaultTokenizerKey;
  }

  get corpusChoice() {
    const checked = this.form.querySelector('input[name="emb-corpus"]:checked');
    return checked instanceof HTMLInputElement ? checked.value : 'sample';
  }

  get unit() {
    const checked = this.form.querySelector('input[name="emb-unit"]:checked');
    return checked instanceof HTMLInputElement ? checked.value : 'words';
  }

  listen() {
    this.form.addEventListener('change', (event) => {
      const target = /** @type {HTMLElement} */ (event.target);
      if (target instanceof HTMLInputElement && target.name === 'emb-corpus') this.updateCorpus();
      if (target instanceof HTMLInputElement && target.name === 'emb-unit') this.updateUnit();
      if (target === this.model) {
        const lr = this.fields.find((input) => input.dataset.field === 'learningRate');
        if (lr && (lr.value === '0.025' || lr.value === '0.05')) lr.value = this.model.value === 'cbow' ? '0.05' : '0.025';
      }
      if (target instanceof HTMLInputElement && target.dataset.field) target.removeAttribute('aria-invalid');
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!this.running) this.start();
    });
    this.pauseButton.addEventListener('click', () => this.togglePause());
    this.cancelButton.addEventListener('click', () => {
      this.cancelButton.disabled = true;
      this.phase.textContent = 'Cancelling…';
      this.client.request('cancel');
    });
    this.fileInput.addEventListener('change', () => {
      this.addFiles([...(this.fileInput.files ?? [])]);
      this.fileInput.value = '';
    });
    this.dropZone.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.dropZone.classList.add('dragging');
    });
    this.dropZone.addEventListener('dragleave', () => this.dropZone.classList.remove('dragging'));
    this.dropZone.addEventListener('drop', (event) => {
      event.preventDefault();
      this.dropZone.classList.remove('dragging');
      this.addFiles([...(event.dataTransfer?.files ?? [])]);
    });
  }

  updateCorpus() {
    const files = this.corpusChoice === 'files';
    this.dropZone.hidden = !files;
    this.corpusDetail.textContent = files
      ? 'Each line is a sentence: training windows stop at line ends.'
      : 'A fifth of the lines of the default vectors’ corpus (the Bible, Moby-Dick, State of the Union speeches, WordNet glosses, Webster’s 1913 dictionary, fortunes, The Devil’s Dictionary) in a fixed random order, already lower-cased: about 1.1 million words.';
  }

  updateUnit() {
    const tokens = this.unit === 'tokens';
    this.tokenizerField.hidden = !tokens;
    this.unitNote.textContent = tokens
      ? 'Each token of the tokenizer gets a vector, as in a language model’s embedding table; a word made of several tokens is looked up as the mean of their vectors. Lines are tokenized one by one.'
      : 'Words are whatever lies between spaces, as in word2vec and fastText; the switches prepare the text first.';
  }

  /** @param {File[]} added */
  addFiles(added) {
    const text = added.filter((file) => file.type === '' || file.type.startsWith('text/') || /\.(txt|text|md|csv)$/i.test(file.name));
    const skipped = added.length - text.length;
    this.files.push(...text);
    this.renderFiles();
    const total = this.files.reduce((sum, file) => sum + file.size, 0);
    if (skipped) this.showError(`${skipped} file${skipped === 1 ? ' is' : 's are'} not plain text and ${skipped === 1 ? 'was' : 'were'} left out.`);
    else if (total > kMaxCorpusBytes) this.showError(`The files hold ${formatMiB(total)}; the page trains on at most ${formatMiB(kMaxCorpusBytes)}. Remove some.`);
    else this.hideError();
  }

  renderFiles() {
    const items = this.files.map((file, index) =>
      fileListItem(file.name, formatMiB(file.size), () => {
        this.files.splice(index, 1);
        this.renderFiles();
        this.hideError();
      }),
    );
    this.fileList.replaceChildren(...items);
    const total = this.files.reduce((sum, file) => sum + file.size, 0);
    part(this.form, '#emb-files-note', HTMLElement).textContent = this.files.length ? `${this.files.length} · ${formatMiB(total)}` : '.txt, several';
  }

  /** The settings, or null after marking the fields out of range. */
  readOptions() {
    /** @type {Record<string, number>} */
    const values = {};
    /** @type {string[]} */
    const problems = [];
    for (const input of this.fields) {
      const key = /** @type {keyof typeof kTrainingFields} */ (input.dataset.field);
      const field = kTrainingFields[key];
      const value = Number(input.value);
      const whole = key !== 'sample' && key !== 'learningRate';
      const label = this.form.querySelector(`label[for="${input.id}"]`)?.textContent ?? key;
      if (input.value.trim() === '' || !Number.isFinite(value) || value < field.min || value > field.max || (whole && !Number.isInteger(value))) {
        input.setAttribute('aria-invalid', 'true');
        problems.push(`${label} must be ${whole ? 'a whole number ' : ''}between ${field.min} and ${en.format(field.max)}${input.value.trim() ? `, not ${input.value}` : ''}`);
      } else {
        input.removeAttribute('aria-invalid');
        values[key] = value;
      }
    }
    if (problems.length) {
      this.showError(`${problems.join('; ')}.`);
      return null;
    }
    return { model: this.model.value, ...values };
  }

  async start() {
    this.hideError();
    const options = this.readOptions();
    if (!options) return;
    const files = this.corpusChoice === 'files';
    if (files && this.files.length === 0) {
      this.showError('Drop or choose .txt files first, or pick the sample.');
      return;
    }
    const total = this.files.reduce((sum, file) => sum + file.size, 0);
    if (files && total > kMaxCorpusBytes) {
      this.showError(`The files hold ${formatMiB(total)}; the page trains on at most ${formatMiB(kMaxCorpusBytes)}. Remove some.`);
      return;
    }
    const tokens = this.unit === 'tokens';
    const entry = tokenizers.find((candidate) => candidate.key === this.tokenizerSelect.value);
    if (tokens && !entry) {
      this.showError('Choose a tokenizer.');
      return;
    }
    const tokenizer = tokens && entry ? { key: entry.key, name: entry.name, url: entry.url, tokenizerJson: entry.files?.tokenizerJson?.slice() } : undefined;
    const sourceName = files ? (this.files.length === 1 ? this.files[0].name : `${this.files.length} files`) : 'the sample';
    const text = { lowercase: this.lowercase.checked, stripPunctuation: this.stripPunctuation.checked };
    const tokenizerLabel = entry ? (entry.key === customTokenizerKey ? 'your tokenizer’s' : `${entry.model} (${entry.name})`) : undefined;
    /** @type {import('../common/kept-vectors.js').SetSource} */
    const how = { origin: 'trained', text, seed: /** @type {Record<string, any>} */ (options).seed ?? null, options, tokenizer: tokenizer ?? null };
    const sources = files ? this.files.map((file) => ({ name: file.name, size: file.size })) : [{ name: 'sample.txt', size: 0 }];
    const baseInfo = { label: 'Trained', name: sourceName, unit: tokens ? 'tokens' : 'words', tokenizerName: tokens ? tokenizerLabel : undefined, settings: options, text, hasDayZero: true };
    const keeper = this.kept ? new RunKeeper(this.kept, { info: /** @type {any} */ (baseInfo), how, sources }) : null;
    this.keeper = keeper;

    this.setRunning(true);
    this.curve = { epochs: [], losses: [] };
    this.result.hidden = true;
    this.drawChart(true);
    for (const cell of [this.speed, this.learningRate, this.loss, this.eta]) cell.textContent = '–';
    this.progressBar.removeAttribute('value');
    this.phase.textContent = 'Reading the corpus…';
    try {
      const { key, info, words } = await this.client.request(
        'train',
        {
          source: files ? { files: this.files } : { sampleUrl },
          sourceName,
          unit: tokens ? 'tokens' : 'words',
          tokenizer,
          tokenizerLabel,
          text,
          options,
          checkpoints: Boolean(keeper),
        },
        { onProgress: (progress) => this.showProgress(progress) },
      );
      this.progressBar.value = 1;
      this.drawChart(true);
      this.phase.textContent = `Done: ${en.format(info.size)} ${tokens ? 'tokens' : 'words'} × ${info.dim} dimensions.`;
      this.eta.textContent = '0 s';
      this.summary.textContent =
        `Trained on ${info.summary}, ${en.format(Math.round(info.wordsPerSecond))} ${tokens ? 'tokens' : 'words'} per second in this page. ` +
        'The views above now use these vectors; the selector at the top switches back.';
      this.result.hidden = false;
      this.onTrained(key, info, words);
      const problem = keeper ? await keeper.finish(info) : null;
      if (keeper) this.summary.textContent += problem ? ` ${problem}` : ' They are kept in this browser (Your files, at the top of the page).';
    } catch (error) {
      const message = messageOf(error);
      if (error instanceof WorkerStopped) {
        await this.keepInterrupted(error, keeper);
      } else if (/cancelled/.test(message)) {
        await keeper?.discard();
        this.phase.textContent = 'Cancelled. The vectors you had are unchanged.';
        this.progressBar.value = 0;
      } else {
        await keeper?.discard();
        this.phase.textContent = 'Training stopped.';
        this.progressBar.value = 0;
        this.showError(message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith('.') ? '' : '.'));
      }
      this.eta.textContent = '–';
    } finally {
      this.setRunning(false);
    }
  }

  /**
   * The worker stopped mid-run: the vectors of the last finished epoch become
   * the trained set, put into a fresh worker with the next question.
   * @param {WorkerStopped} error @param {RunKeeper | null} keeper
   */
  async keepInterrupted(error, keeper) {
    this.progressBar.value = 0;
    const last = keeper?.last() ?? null;
    if (!last) {
      this.phase.textContent = 'Training stopped before the first epoch ended; nothing of it was kept.';
      this.showError(`The embeddings worker stopped: ${error.reason}. The vectors you had are unchanged; the next question or training starts a fresh worker.`);
      await keeper?.discard();
      return;
    }
    const { info, snapshot, epoch, epochs } = last;
    const how = keeper?.run.how;
    this.client.setSource('trained', () =>
      this.client.request('restore', { key: 'trained', words: snapshot.words, values: snapshot.values, dim: snapshot.dim, info, text: how?.text ?? null, seed: how?.seed ?? null, tokenizer: how?.tokenizer ?? null }),
    );
    this.client.expectPutBack('trained');
    this.phase.textContent = `Training stopped during epoch ${epoch + 1} of ${epochs}. The vectors after epoch ${epoch} are kept.`;
    const said = `The embeddings worker stopped: ${error.reason}. The vectors after epoch ${epoch} of ${epochs} are now “Trained”`;
    this.showError(`${said}; a fresh worker starts with the next question.`);
    this.onTrained('trained', info, snapshot.words);
    const kept = await keeper?.interrupt();
    if (kept) this.showError(`${said}${kept.kept ? ', and kept in this browser' : `; they could not be kept in this browser (${keeper?.problem})`}; a fresh worker starts with the next question.`);
  }

  /** @param {boolean} running */
  setRunning(running) {
    this.running = running;
    this.paused = false;
    this.startButton.disabled = running;
    this.pauseButton.disabled = !running;
    this.cancelButton.disabled = !running;
    this.pauseButton.textContent = 'Pause';
    for (const element of this.form.querySelectorAll('input, select')) {
      if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) element.disabled = running;
    }
  }

  async togglePause() {
    this.paused = !this.paused;
    this.pauseButton.textContent = this.paused ? 'Resume' : 'Pause';
    await this.client.request(this.paused ? 'pause' : 'resume');
    if (this.paused) this.phase.textContent = `Paused at ${((this.progressBar.value || 0) * 100).toFixed(0)}%. The page stays usable; Resume goes on where it stopped.`;
  }

  /** @param {any} progress */
  showProgress(progress) {
    if (progress.phase === 'reading') {
      if (progress.total) this.progressBar.value = (0.05 * progress.read) / progress.total;
      this.phase.textContent = `Reading the corpus: ${formatMiB(progress.read)}${progress.total ? ` of ${formatMiB(progress.total)}` : ''}, ${en.format(progress.entries)} ${this.unit === 'tokens' ? 'tokens' : 'words'} so far.`;
    } else if (progress.phase === 'ready') {
      const threads = progress.threads === 1 ? 'one thread' : `${progress.threads} threads`;
      this.readyNote =
        `${en.format(progress.vocabularySize)} ${this.unit === 'tokens' ? 'tokens' : 'words'} in the vocabulary, ${en.format(progress.corpusWords)} in the corpus, ` +
        `${formatMiB(progress.memoryBytes)} for training, ${progress.threadNote || threads}`;
      this.phase.textContent = `${this.readyNote}. Training…`;
    } else if (progress.phase === 'checkpoint') {
      if (progress.skipped) this.readyNote = `${this.readyNote ?? ''}; vectors this large (${formatMiB(progress.bytes)}) are kept only when the run ends`;
      else this.keeper?.checkpoint(progress);
    } else if (progress.phase === 'training') {
      this.progressBar.value = 0.05 + (0.95 * progress.wordsDone) / Math.max(progress.wordsTotal, 1);
      this.speed.textContent = compact(progress.wordsPerSecond);
      this.learningRate.textContent = progress.learningRate.toFixed(5);
      this.loss.textContent = progress.loss.toFixed(3);
      this.eta.textContent = formatDuration(progress.etaSeconds);
      if (!this.paused) this.phase.textContent = `Epoch ${Math.min(Math.floor(progress.epoch) + 1, this.curveEpochs())} of ${this.curveEpochs()}: ${this.readyNote ?? ''}.`;
      this.curve.epochs.push(progress.epoch);
      this.curve.losses.push(progress.loss);
      this.drawChart(false);
    }
  }

  curveEpochs() {
    return Number(this.fields.find((input) => input.dataset.field === 'epochs')?.value) || 1;
  }

  /** @param {boolean} now draw even if the last drawing was recent */
  async drawChart(now) {
    const time = performance.now();
    if (!now && time - this.chartDrawnAt < kChartEveryMs) return;
    this.chartDrawnAt = time;
    const data = [this.curve.epochs.slice(), this.curve.losses.slice()];
    if (this.chart) {
      this.chart.setData(data);
      return;
    }
    if (this.chartLoading) return;
    this.chartLoading = true;
    try {
      const { default: uPlot } = /** @type {any} */ (await import('uplot'));
      const style = getComputedStyle(document.documentElement);
      const color = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
      const grid = { stroke: color('--border'), width: 1 };
      const width = Math.max(280, this.chartSlot.clientWidth);
      this.chartSlot.replaceChildren();
      this.chart = new uPlot(
        {
          width,
          height: 220,
          legend: { show: false },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false } },
          axes: [
            { stroke: color('--muted'), grid, ticks: { stroke: color('--border') }, label: 'epoch' },
            { stroke: color('--muted'), grid, ticks: { stroke: color('--border') }, label: 'loss', size: 50 },
          ],
          series: [{ label: 'epoch' }, { label: 'loss', stroke: color('--accent'), width: 2, points: { show: false } }],
        },
        [this.curve.epochs.slice(), this.curve.losses.slice()],
        this.chartSlot,
      );
      this.chartResize ??= new ResizeObserver(() => this.chart?.setSize({ width: Math.max(280, this.chartSlot.clientWidth), height: 220 }));
      this.chartResize.observe(this.chartSlot);
    } catch (error) {
      this.chartSlot.textContent = `The chart library did not load (${messageOf(error)}).`;
    } finally {
      this.chartLoading = false;
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
