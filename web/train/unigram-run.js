// @ts-check
// A Unigram training run of the Train view: the reader's corpus read into the
// Unigram worker, its phases shown as they end (seeding, EM rounds, pruning
// towards the size), then the pieces listed, the tokenizer.json offered and
// kept, and the vocabulary made "My tokenizer" as a BPE run's is.
//
// Progress: pruning shrinks the pieces from the seeds to the target by the
// same factor each round, so the bar follows log(seeds / now) over
// log(seeds / target), which moves evenly round by round.
//
// Cancel ends the Unigram worker (its one training call reads no message
// until it returns); BPE trainings in the training worker go on.

import { formatBytes, formatDuration, formatInteger } from '../common/format.js';
import { keepMine } from '../common/kept-tokenizers.js';
import { TrainerRestarted } from '../engine/train-client.js';
import { UnigramClient } from '../engine/unigram-client.js';
import { maxUnigramVocabSize } from '../engine/unigram-trainer-engine.js';
import { WorkerStopped } from '../engine/worker-client.js';
import { PieceTable } from './piece-table.js';
import { setDownload } from './vocab-files.js';

/** @typedef {{vocabSize: number, byteFallback: boolean}} UnigramSettings */

/** "seeding" → what the phase line says while it runs. @type {Record<string, string>} */
const phaseWords = {
  seeding: 'Finding the seed pieces: the frequent substrings of every word',
  EM: 'EM: re-estimating every piece’s probability',
  pruning: 'Pruning the pieces whose loss costs the text least likelihood',
  finishing: 'Choosing the final pieces',
};

export class UnigramRun {
  /** @param {import('./view.js').TrainView} view */
  constructor(view) {
    this.view = view;
    this.client = new UnigramClient();
    this.table = new PieceTable(view.root);
    this.byteFallback = /** @type {HTMLInputElement} */ (view.root.querySelector('#byte-fallback'));
    this.running = false;
    this.seeds = 0;
  }

  /** The settings, or the problem with them. @returns {{settings: UnigramSettings, problem: null} | {settings: null, problem: string}} */
  readSettings() {
    const input = this.view.vocabSizeInput;
    const text = input.value.trim();
    const vocabSize = Number(text);
    const byteFallback = this.byteFallback.checked;
    const minimum = 3 + (byteFallback ? 256 : 0) + 1;
    input.removeAttribute('aria-invalid');
    if (!/^\d+$/.test(text) || vocabSize < minimum || vocabSize > maxUnigramVocabSize) {
      input.setAttribute('aria-invalid', 'true');
      return {
        settings: null,
        problem: `The vocabulary size must be a whole number from ${formatInteger(minimum)} (<unk>, <s>, </s>${byteFallback ? ', the 256 byte pieces' : ''} and at least one learned piece) to ${formatInteger(maxUnigramVocabSize)}; it is “${text}”.`,
      };
    }
    return { settings: { vocabSize, byteFallback }, problem: null };
  }

  /**
   * @param {{name: string, blob?: Blob, url?: string}[]} sources
   * @param {string} name what the vocabulary is called ("Moby-Dick, 2,000 pieces, Unigram")
   */
  async start(sources, name) {
    const view = this.view;
    const { settings, problem } = this.readSettings();
    if (!settings) {
      view.showError(/** @type {string} */ (problem));
      return;
    }
    const run = ++view.run;
    view.setRunning(true);
    this.running = true;
    view.hideLeftover();
    this.table.clear();
    view.result.hidden = true;
    view.showNotes([]);
    view.setCells({ merges: '–', elapsed: '–', eta: '–', fresh: '–' });
    view.progressBar.removeAttribute('value');
    view.phase.textContent = 'Starting…';
    const started = performance.now();
    const sourceList = sources.map((source) => ({ name: source.name, size: source.blob?.size ?? 0 }));
    try {
      const result = await this.client.request(
        'train',
        { slot: 'main', sources, options: settings, holdOut: true },
        { onEvent: (event) => run === view.run && this.onEvent(event, started, settings.vocabSize) },
      );
      if (run !== view.run) return;
      await this.finish(result, settings, sourceList, name);
    } catch (error) {
      if (run !== view.run) return;
      view.progressBar.value = 0;
      if (error instanceof TrainerRestarted) {
        view.phase.textContent = 'Cancelled. A Unigram vocabulary exists only once training ends, so nothing was kept.';
      } else if (error instanceof WorkerStopped) {
        view.phase.textContent = 'The training stopped.';
        view.showError(`The Unigram training worker stopped: ${error.reason}. A Unigram vocabulary exists only once training ends, so there is nothing to keep; the next training starts a fresh worker.`);
      } else {
        view.phase.textContent = 'Training failed.';
        view.showError(`Could not train: ${error instanceof Error ? error.message : error}`);
      }
    } finally {
      this.running = false;
      if (run === view.run) view.setRunning(false);
    }
  }

  cancel() {
    if (!this.running) return;
    this.view.phase.textContent = 'Cancelling…';
    this.client.cancel();
  }

  /** @param {any} event @param {number} started @param {number} target */
  onEvent(event, started, target) {
    const view = this.view;
    view.cells.elapsed.textContent = formatDuration(performance.now() - started);
    if (event.phase === 'reading') {
      view.progressBar.max = Math.max(event.total, 1);
      view.progressBar.value = event.loaded;
      view.phase.textContent = event.file ? `Reading ${event.file}: ${formatBytes(event.loaded)} of ${formatBytes(event.total)}` : `Read ${formatBytes(event.loaded)}.`;
      return;
    }
    if (event.phase === 'seeding' && event.pieces > 0) this.seeds = event.pieces;
    if (event.pieces > 0) {
      if (!this.seeds) this.seeds = event.pieces;
      view.cells.merges.textContent = `${formatInteger(event.pieces)} → ${formatInteger(target)}`;
      view.cells.merges.dataset.value = String(event.pieces);
      const span = Math.log(Math.max(this.seeds, target + 1) / target);
      const done = event.phase === 'finishing' ? 1 : Math.min(1, Math.max(0, Math.log(this.seeds / Math.max(event.pieces, target)) / span));
      view.progressBar.max = 1000;
      view.progressBar.value = Math.round(done * 1000);
    }
    const round = event.round > 0 ? ` (round ${event.round}${event.phase === 'EM' ? `, step ${event.subIteration}` : ''})` : '';
    const objective = event.phase === 'EM' && event.objective > 0 ? `; ${event.objective.toFixed(3)} nats a word` : '';
    view.phase.textContent = `${phaseWords[event.phase] ?? event.phase}${round}${objective}…`;
  }

  /**
   * @param {any} result of the worker's train request
   * @param {UnigramSettings} settings
   * @param {{name: string, size: number}[]} sources
   * @param {string} name
   */
  async finish(result, settings, sources, name) {
    const view = this.view;
    const { summary, pieces, tokenizerJson } = result;
    view.progressBar.max = 1;
    view.progressBar.value = 1;
    view.cells.merges.textContent = formatInteger(summary.vocabSize);
    view.cells.eta.textContent = '0 s';
    const time = formatDuration(result.readMs + result.trainMs);
    view.phase.textContent = summary.stopReason === 'vocabulary-full'
      ? `Done: ${formatInteger(summary.vocabSize)} pieces in ${time}.`
      : `Stopped early at ${formatInteger(summary.vocabSize)} pieces: ${summary.stopReasonText}.`;
    this.table.show(pieces);
    const notes = [...result.notes];
    if (summary.rareCharacters > 0) {
      notes.push(`${formatInteger(summary.rareCharacters)} rare ${summary.rareCharacters === 1 ? 'character was' : 'characters were'} left out of the vocabulary (they cover the last 0.05 % of the text) and ${settings.byteFallback ? 'are read as their bytes' : 'are read as <unk>'}.`);
    }
    view.showNotes(notes);

    setDownload(view.downloadJson, tokenizerJson, 'application/json');
    view.downloadJson.hidden = false;
    view.downloadTiktoken.hidden = true;
    const kept = keepMine({
      name,
      files: { tokenizerJson },
      settings: { model: 'unigram', ...settings },
      sources,
      meta: { vocabSize: summary.vocabSize },
    });
    const trainedBytes = result.bytesRead - (result.heldOut?.length ?? 0);
    view.summary.textContent =
      `Unigram vocabulary of ${formatInteger(summary.vocabSize)} pieces: <unk>, <s>, </s>${settings.byteFallback ? ', 256 byte pieces' : ''} and ` +
      `${formatInteger(summary.vocabSize - 3 - (settings.byteFallback ? 256 : 0))} learned from ${formatInteger(summary.seedPieces)} seeds in ${formatInteger(summary.rounds)} EM rounds. ` +
      `Trained on ${formatBytes(trainedBytes)} (${formatInteger(summary.totalWords)} words, ${formatInteger(summary.distinctWords)} distinct) in ${time}. ` +
      'It is now “My tokenizer” in the Tokenize view.';
    view.showKept(kept);
    view.result.hidden = false;
    view.result.dataset.trainedBytes = String(trainedBytes);
    view.trained = null;
    view.tradeoff.setImported();
    await view.showTrySplits();
  }
}
