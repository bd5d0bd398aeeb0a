// @ts-check
// Different algorithm, different vocabulary: BPE (the training worker) and
// Unigram (the Unigram worker) trained on the same text (Moby-Dick, its end
// held out) at the same vocabulary size, then the tokens only one of them
// has, how many they share, one text split under each, and each one's tokens
// per word on the held-out text.
//
//   new AlgorithmCompare(root, trainClient, {prefix: 'tour-'});   // #tour-algo-size, #tour-algo-train, …
//   BPE " the" (bytes 20 74 68 65) and Unigram "▁the" are the same token, drawn ·the.
//
// The two trainings run side by side, one worker each, so the wait is the
// longer of the two rather than their sum. Cancel asks the BPE worker to
// stop at its next slice and ends the Unigram worker, whose one long training
// call cannot read a message: that worker is this comparison's own, so no
// other Unigram training goes with it.

import { part } from './dom.js';
import { formatInteger } from './format.js';
import { samples } from './train-samples.js';
import { TrainedVocabulary } from './trained-vocabulary.js';
import { tokenPlain } from './token-bytes.js';
import { fillOnlyCloud, keyOf, listedTokens, splitRows } from './vocab-cloud.js';
import { UnigramClient } from '../engine/unigram-client.js';
import { pieceKinds } from '../engine/unigram-trainer-engine.js';

const bpeSlot = 'algo-bpe';
const unigramSlot = 'algo-unigram';
const defaultText = 'Call me Ishmael. The whale surfaced beside the ship, unbelievably close.';
/** The sample both train on. */
const sample = samples.prose;
const wordStart = new TextEncoder().encode('▁');

/**
 * The visible form both vocabularies are matched in: Unigram's word-start
 * mark ▁ (U+2581, bytes E2 96 81) becomes the space byte BPE's tokens carry
 * after the GPT-2 pre-tokenizer, so "▁the" and " the" are one token. Any
 * literal ▁ in the text is read by Unigram's Metaspace as a space too, so
 * nothing is conflated that Unigram itself keeps apart.
 * @param {Uint8Array} bytes a Unigram piece's UTF-8
 */
export function unigramVisibleBytes(bytes) {
  const out = [];
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === wordStart[0] && bytes[at + 1] === wordStart[1] && bytes[at + 2] === wordStart[2]) {
      out.push(0x20);
      at += 2;
    } else {
      out.push(bytes[at]);
    }
  }
  return Uint8Array.from(out);
}

/**
 * A Unigram vocabulary's pieces in their visible form: normal pieces as
 * unigramVisibleBytes, byte-fallback pieces ("<0xE2>") as the one byte they
 * stand for; <unk>, <s> and </s> are left out (no text reads as them).
 * @param {import('../engine/unigram-trainer-engine.js').UnigramPieces} pieces
 * @returns {{id: number, kind: 'normal' | 'byte', bytes: Uint8Array, score: number}[]}
 */
export function unigramTokens(pieces) {
  const decoder = new TextDecoder();
  const tokens = [];
  for (let id = 0; id + 1 < pieces.offsets.length; id++) {
    const kind = pieceKinds[pieces.kinds[id]];
    const raw = pieces.bytes.subarray(pieces.offsets[id], pieces.offsets[id + 1]);
    if (kind === 'normal') tokens.push({ id, kind, bytes: unigramVisibleBytes(raw), score: pieces.scores[id] });
    else if (kind === 'byte') tokens.push({ id, kind, bytes: Uint8Array.of(parseInt(decoder.decode(raw).slice(3, 5), 16)), score: pieces.scores[id] });
  }
  return /** @type {{id: number, kind: 'normal' | 'byte', bytes: Uint8Array, score: number}[]} */ (tokens);
}

/**
 * What the section shows, counted from the two vocabularies.
 * onlyBpe: BPE's merged tokens (ids 256 and up) Unigram has nowhere;
 * onlyUnigram: Unigram's normal pieces BPE has nowhere (a single character
 * such as "e" is one of BPE's 256 bytes, so it is not Unigram's alone);
 * shared: distinct tokens in both, besides the 256 single bytes both hold
 * (BPE as ids 0–255, Unigram as its byte-fallback pieces).
 * @param {TrainedVocabulary} bpe
 * @param {ReturnType<typeof unigramTokens>} unigram
 */
export function compareVocabularies(bpe, unigram) {
  const bpeKeys = new Set();
  for (let id = 0; id < bpe.tokenCount; id++) bpeKeys.add(keyOf(bpe.bytesOf(id)));
  const unigramKeys = new Set(unigram.map((token) => keyOf(token.bytes)));
  let shared = 0;
  for (const key of bpeKeys) if (key.length > 2 && unigramKeys.has(key)) shared++;
  return { bpeKeys, unigramKeys, shared };
}

/**
 * @typedef {object} AlgorithmCompareOptions
 * @property {string} [prefix] put before every element id
 * @property {string} [text] the text split under each, at first
 * @property {HTMLInputElement} [textInput] an input of the page's to split instead of #algo-text (the tour's one sentence)
 * @property {() => UnigramClient} [unigramClient] the Unigram worker to train in (default: one of this comparison's own, made on first use)
 * @property {(shown: {bpe: any, unigram: any}) => void} [onTrained] the two train results, once everything is shown
 */

/**
 * A Unigram encoding as its split row draws it: each token as its piece's
 * visible bytes (·the), where the text's own span would drop the word-start
 * mark, since Unigram's whitespace split leaves the space out of every span.
 * An id with no piece text (<unk>) keeps the text it covers.
 * @param {import('../engine/engine.js').Encoding} encoding
 * @param {Uint8Array[]} pieceBytes visible bytes by id
 * @returns {import('../engine/engine.js').Encoding}
 */
export function unigramDisplay(encoding, pieceBytes) {
  const count = encoding.ids.length;
  const parts = [];
  const starts = new Uint32Array(count);
  const ends = new Uint32Array(count);
  let length = 0;
  for (let i = 0; i < count; i++) {
    const bytes = pieceBytes[encoding.ids[i]] ?? encoding.bytes.subarray(encoding.starts[i], encoding.ends[i]);
    parts.push(bytes);
    starts[i] = length;
    length += bytes.length;
    ends[i] = length;
  }
  const bytes = new Uint8Array(length);
  parts.forEach((part, i) => bytes.set(part, starts[i]));
  return { ids: encoding.ids, starts, ends, bytes };
}

export class AlgorithmCompare {
  /**
   * @param {HTMLElement} root holds the ids of algorithmMarkup
   * @param {import('../engine/train-client.js').TrainClient} trainClient the BPE training worker
   * @param {AlgorithmCompareOptions} [options]
   */
  constructor(root, trainClient, { prefix = '', text = defaultText, textInput, unigramClient, onTrained } = {}) {
    this.trainClient = trainClient;
    this.makeUnigramClient = unigramClient ?? (() => new UnigramClient());
    /** @type {UnigramClient | null} */
    this.unigramClient = null;
    this.onTrained = onTrained;
    const byId = (/** @type {string} */ name) => `#${prefix}${name}`;
    this.sizeSelect = part(root, byId('algo-size'), HTMLSelectElement);
    this.trainButton = part(root, byId('algo-train'), HTMLButtonElement);
    this.cancelButton = part(root, byId('algo-cancel'), HTMLButtonElement);
    this.progress = part(root, byId('algo-progress'), HTMLProgressElement);
    this.status = part(root, byId('algo-status'), HTMLElement);
    this.errorBox = part(root, byId('algo-error'), HTMLElement);
    this.errorText = part(root, byId('algo-error-text'), HTMLElement);
    this.results = part(root, byId('algo-results'), HTMLElement);
    this.onlyBpe = part(root, byId('algo-only-bpe'), HTMLElement);
    this.onlyUnigram = part(root, byId('algo-only-unigram'), HTMLElement);
    this.onlyBpeNote = part(root, byId('algo-only-bpe-note'), HTMLElement);
    this.onlyUnigramNote = part(root, byId('algo-only-unigram-note'), HTMLElement);
    this.sharedNote = part(root, byId('algo-shared'), HTMLElement);
    this.perWord = part(root, byId('algo-per-word'), HTMLElement);
    this.perWordNote = part(root, byId('algo-per-word-note'), HTMLElement);
    this.splits = part(root, byId('algo-splits'), HTMLElement);
    this.text = textInput ?? part(root, byId('algo-text'), HTMLInputElement);
    if (!textInput) this.text.value = text;
    /** The workers' generations when both vocabularies were shown; null before. @type {{bpe: number, unigram: number} | null} */
    this.shownIn = null;
    /** Bumped per training, so a cancelled one's late answers show nothing. */
    this.run = 0;
    this.training = false;
    /** The Unigram vocabulary's visible bytes by id, for its split row. @type {Uint8Array[]} */
    this.pieceBytes = [];

    this.trainButton.addEventListener('click', () => this.trainBoth());
    this.cancelButton.addEventListener('click', () => this.cancel());
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    this.text.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.showSplits(), 150);
    });
  }

  async trainBoth() {
    if (this.training) return;
    const run = ++this.run;
    this.training = true;
    this.errorBox.hidden = true;
    this.trainButton.disabled = true;
    this.cancelButton.disabled = false;
    this.sizeSelect.disabled = true;
    this.progress.value = 0;
    this.status.textContent = `Training BPE and Unigram on ${sample.label}…`;
    const vocabSize = Number(this.sizeSelect.value);
    this.unigramClient ??= this.makeUnigramClient();
    const unigramClient = this.unigramClient;
    /** Each run's share done, 0 to 1. */
    const done = { bpe: 0, unigram: 0 };
    const showProgress = () => {
      this.progress.value = (done.bpe + done.unigram) / 2;
    };
    /** The Unigram pieces at its first EM round, where its progress starts. */
    let seeded = 0;
    try {
      const [bpe, unigram] = await Promise.all([
        this.trainClient.request(
          'train',
          { slot: bpeSlot, sources: sample.files, options: { vocabSize, pretokenizer: 'gpt2', minFrequency: 2, specialTokens: [] }, holdOut: true },
          {
            onEvent: (event) => {
              if (event.phase === 'reading') done.bpe = 0.2 * (event.loaded / Math.max(event.total, 1));
              else if (event.phase === 'merging') done.bpe = 0.2 + 0.8 * (event.mergesDone / Math.max(event.mergesTarget, 1));
              showProgress();
            },
          },
        ),
        unigramClient.request(
          'train',
          { slot: unigramSlot, sources: sample.files, options: { vocabSize, byteFallback: true }, holdOut: true },
          {
            onEvent: (event) => {
              if (event.phase === 'reading') done.unigram = 0.1 * (event.loaded / Math.max(event.total, 1));
              else if (event.phase === 'seeding') done.unigram = 0.15;
              else if (event.phase === 'finishing') done.unigram = 0.95;
              else if (event.pieces > 0) {
                // EM and pruning shrink the seeds towards the target; the bar follows the pieces left to prune, on a log scale.
                seeded ||= event.pieces;
                const span = Math.log(Math.max(seeded, event.target + 1) / event.target);
                done.unigram = 0.2 + 0.75 * Math.min(1, Math.max(0, Math.log(seeded / Math.max(event.pieces, event.target)) / span));
              }
              showProgress();
            },
          },
        ),
      ]);
      if (run !== this.run || bpe.cancelled) return this.showCancelled();
      const batch = await this.trainClient.request('vocabulary', { slot: bpeSlot });
      const bpeVocabulary = new TrainedVocabulary();
      bpeVocabulary.append(batch);
      const heldOut = new TextDecoder().decode(bpe.heldOut ?? new Uint8Array());
      const [bpeHeld, unigramHeld] = await Promise.all([
        this.trainClient.request('encode', { slot: bpeSlot, text: heldOut }),
        unigramClient.request('encode', { slot: unigramSlot, text: heldOut }),
      ]);
      if (run !== this.run) return this.showCancelled();
      this.shownIn = { bpe: this.trainClient.generation, unigram: unigramClient.generation };
      const pieces = unigramTokens(unigram.pieces);
      this.pieceBytes = [];
      for (const token of pieces) this.pieceBytes[token.id] = token.bytes;
      this.showDifferences(bpeVocabulary, pieces, unigram.summary.vocabSize);
      this.showPerWord(heldOut, bpeHeld.ids.length, unigramHeld.ids.length);
      this.results.hidden = false;
      await this.showSplits();
      this.progress.value = 1;
      this.status.textContent = `BPE: ${formatInteger(bpe.vocabSize)} tokens; Unigram: ${formatInteger(unigram.summary.vocabSize)} pieces (${formatInteger(vocabSize)} asked for).`;
      this.onTrained?.({ bpe, unigram });
    } catch (error) {
      if (run !== this.run) return this.showCancelled();
      this.status.textContent = '';
      this.errorText.textContent = `Could not train the two vocabularies: ${error instanceof Error ? error.message : error}`;
      this.errorBox.hidden = false;
    } finally {
      if (run === this.run) this.finish();
    }
  }

  finish() {
    this.training = false;
    this.trainButton.disabled = false;
    this.cancelButton.disabled = true;
    this.sizeSelect.disabled = false;
  }

  showCancelled() {
    this.shownIn = null;
    this.results.hidden = true;
    this.progress.value = 0;
    this.status.textContent = 'Cancelled.';
  }

  /** Ends both trainings: the BPE one at its next slice, the Unigram one by ending its worker. */
  cancel() {
    if (!this.training) return;
    this.run++;
    this.trainClient.request('cancel', { slot: bpeSlot }).catch(() => {});
    this.unigramClient?.cancel();
    this.showCancelled();
    this.finish();
  }

  /**
   * @param {TrainedVocabulary} bpe
   * @param {ReturnType<typeof unigramTokens>} unigram
   * @param {number} unigramSize every id, <unk>, <s> and </s> included
   */
  showDifferences(bpe, unigram, unigramSize) {
    const { bpeKeys, unigramKeys, shared } = compareVocabularies(bpe, unigram);
    const bpeTokens = function* () {
      for (let id = 256; id < bpe.tokenCount; id++) yield { bytes: bpe.bytesOf(id), title: `id ${id}, merge ${id - 255}`, text: bpe.plain(id) };
    };
    // Most probable first; the same score → the lower id.
    const normal = unigram.filter((token) => token.kind === 'normal').sort((a, b) => b.score - a.score || a.id - b.id);
    const unigramCloud = normal.map((token) => ({ bytes: token.bytes, title: `id ${token.id}, log probability ${token.score.toFixed(2)}`, text: tokenPlain(token.bytes) }));
    const onlyBpe = fillOnlyCloud(this.onlyBpe, bpeTokens(), unigramKeys);
    const onlyUnigram = fillOnlyCloud(this.onlyUnigram, unigramCloud, bpeKeys);
    this.onlyBpeNote.dataset.count = String(onlyBpe);
    this.onlyUnigramNote.dataset.count = String(onlyUnigram);
    this.sharedNote.dataset.count = String(shared);
    this.onlyBpeNote.textContent = `${formatInteger(onlyBpe)} of its ${formatInteger(bpe.mergeCount)} merged tokens; the first ${formatInteger(Math.min(listedTokens, onlyBpe))} in the order it learned them:`;
    this.onlyUnigramNote.textContent = `${formatInteger(onlyUnigram)} of its ${formatInteger(normal.length)} text pieces (of ${formatInteger(unigramSize)} ids); the first ${formatInteger(Math.min(listedTokens, onlyUnigram))}, most probable first:`;
    this.sharedNote.textContent =
      `${formatInteger(shared)} tokens are in both, besides the 256 single bytes each holds (BPE as ids 0–255, Unigram as its byte-fallback pieces <0x00>…<0xFF>, for text it has no piece for). ` +
      'Tokens are matched by their text, with BPE’s space byte and Unigram’s word-start mark ▁ taken as the same mark, drawn ·: BPE’s “ the” and Unigram’s “▁the” are one token, ·the. ' +
      'A single character Unigram keeps as a piece (e, é) is one of BPE’s bytes, or a merge of them, and counts as shared or as BPE’s, never as Unigram’s alone.';
  }

  /**
   * @param {string} heldOut
   * @param {number} bpeTokens
   * @param {number} unigramTokens
   */
  showPerWord(heldOut, bpeTokens, unigramTokens) {
    const words = heldOut.match(/\S+/g)?.length ?? 0;
    const rows = [
      { name: 'BPE', tokens: bpeTokens },
      { name: 'Unigram', tokens: unigramTokens },
    ];
    const most = Math.max(bpeTokens, unigramTokens, 1);
    this.perWord.replaceChildren(
      ...rows.map(({ name, tokens }) => {
        const item = document.createElement('li');
        item.className = 'pair-bar';
        item.dataset.algorithm = name.toLowerCase();
        item.dataset.tokens = String(tokens);
        item.dataset.words = String(words);
        const label = document.createElement('span');
        label.className = 'pair-label';
        label.textContent = name;
        const track = document.createElement('span');
        track.className = 'pair-track';
        track.setAttribute('aria-hidden', 'true');
        const fill = document.createElement('span');
        fill.className = 'pair-fill';
        fill.style.width = `${(100 * tokens) / most}%`;
        track.append(fill);
        const value = document.createElement('span');
        value.className = 'pair-count';
        value.textContent = words > 0 ? (tokens / words).toFixed(2) : '–';
        item.append(label, track, value);
        return item;
      }),
    );
    this.perWordNote.textContent =
      `Tokens per word on the end of ${sample.label} neither trained on (${formatInteger(words)} words: BPE ${formatInteger(bpeTokens)} tokens, Unigram ${formatInteger(unigramTokens)}). ` +
      'BPE also spends tokens on line breaks and runs of spaces, which Unigram’s whitespace split drops before its pieces are chosen.';
  }

  async showSplits() {
    const shown = this.shownIn;
    const unigramClient = this.unigramClient;
    if (!shown || !unigramClient || shown.bpe !== this.trainClient.generation || shown.unigram !== unigramClient.generation) return;
    const text = this.text.value;
    const rows = await splitRows([
      { label: 'BPE', encode: () => this.trainClient.request('encode', { slot: bpeSlot, text }) },
      { label: 'Unigram', encode: async () => unigramDisplay(await unigramClient.request('encode', { slot: unigramSlot, text }), this.pieceBytes) },
    ]);
    if (shown === this.shownIn && text === this.text.value) this.splits.replaceChildren(...rows);
  }
}

/**
 * The comparison's markup, in the pieces each view arranges. Every id carries
 * the prefix the AlgorithmCompare is made with.
 */
export const algorithmMarkup = {
  /**
   * The size, the two buttons, and the progress bar with its status line.
   * @param {string} prefix @param {number[]} sizes @param {number} chosen
   */
  controls: (prefix, sizes, chosen) => /* html */ `
      <div class="train-actions">
        <label for="${prefix}algo-size">Vocabulary size</label>
        <select id="${prefix}algo-size">
          ${sizes.map((size) => `<option value="${size}"${size === chosen ? ' selected' : ''}>${formatInteger(size)}</option>`).join('')}
        </select>
        <button id="${prefix}algo-train" type="button" class="button primary">Train both</button>
        <button id="${prefix}algo-cancel" type="button" class="button" disabled>Cancel</button>
      </div>
      <div class="tour-progress">
        <progress id="${prefix}algo-progress" max="1" value="0" aria-labelledby="${prefix}algo-status"></progress>
        <span id="${prefix}algo-status" class="note" aria-live="polite"></span>
      </div>`,

  /**
   * The error box and the results: the tokens only one vocabulary has, the
   * count they share, tokens per word on held-out text, and a text under both
   * (the `sentence` panel's inner markup, which holds #algo-splits).
   * @param {string} prefix @param {{heading: 'h3' | 'h4', sentence: string}} parts
   */
  results: (prefix, { heading: h, sentence }) => /* html */ `
    <div id="${prefix}algo-error" class="error-box" role="alert" hidden><p id="${prefix}algo-error-text"></p></div>
    <div id="${prefix}algo-results" class="compare-grid" hidden>
      <div class="panel">
        <${h} class="panel-title">Only BPE has</${h}>
        <p id="${prefix}algo-only-bpe-note" class="note"></p>
        <div id="${prefix}algo-only-bpe" class="token-cloud" role="region" aria-label="Tokens only the BPE vocabulary has" tabindex="0"></div>
      </div>
      <div class="panel">
        <${h} class="panel-title">Only Unigram has</${h}>
        <p id="${prefix}algo-only-unigram-note" class="note"></p>
        <div id="${prefix}algo-only-unigram" class="token-cloud" role="region" aria-label="Tokens only the Unigram vocabulary has" tabindex="0"></div>
      </div>
      <div class="panel compare-sentence">
        <${h} class="panel-title">In both</${h}>
        <p id="${prefix}algo-shared" class="note"></p>
        <${h} class="panel-title">Tokens per word on held-out text</${h}>
        <ul id="${prefix}algo-per-word" class="pair-bars" aria-describedby="${prefix}algo-per-word-note"></ul>
        <p id="${prefix}algo-per-word-note" class="note"></p>
      </div>
      <div class="panel compare-sentence">${sentence}
      </div>
    </div>`,
};
