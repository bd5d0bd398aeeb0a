// @ts-check
// Tour step 5, who makes the vocabulary: byte-pair encoding merge by merge,
// first on the explainer's four-word corpus, then on the reader's own text,
// with the Train view's stepper (common/bpe-stepper.js) in the tour's training
// worker. The explainer's pair counts are set beside the ones counted here.
//
//   #view=tour&step=5&merges=2                 → the explainer's corpus after "lo" and "low"
//   #view=tour&step=5&text=abab+abab&merges=1  → the reader's text after one merge

import { BpeStepper, stepperMarkup } from '../common/bpe-stepper.js';
import { formatInteger } from '../common/format.js';
import { tokenPlain } from '../common/token-bytes.js';
import { tourTrainClient } from './training.js';

/** The explainer's corpus, one line per repeated word. */
export const explainerCorpus = 'low low low low low\nlower lower\nnewest newest newest\nwidest';

/** The pair counts the explainer gives for that corpus, as it gives them. */
const explainerCounts = [
  { pair: 'lo', count: 7 },
  { pair: 'ow', count: 7 },
  { pair: 'ne', count: 3 },
  { pair: 'we', count: 3 },
];

/** Longest text kept in the step's link (longer ones would make links unwieldy). */
export const maxLinkText = 300;
/** More merges than any text the stepper accepts can make. */
const maxMerges = 5000;
const pretokenizers = ['whitespace', 'gpt2', 'cl100k', 'o200k', 'none'];
const defaults = { pretokenizer: 'whitespace', minFrequency: '2' };
const prefix = 'tour-bpe-';

const markup = `
  <h2 id="${prefix}title" class="tour-step-title">5. Who makes the vocabulary?</h2>
  <div class="tour-step-text">
    <p>A model’s vocabulary is fixed before the model itself is trained. Its makers run byte-pair encoding (BPE) over a large sample of text: start with single characters, count how often each pair of neighbouring tokens occurs, join the most frequent pair into a new token, and repeat until the vocabulary has the size they chose.</p>
    <p>Below it runs on the explainer’s tiny corpus of four words, each repeated. Every step shows the pair counts before the merge, the pair that wins, and how the words split afterwards.</p>
  </div>
  <div class="tour-bpe-grid">
    <div class="panel tour-bpe-controls">${stepperMarkup.controls(prefix)}${stepperMarkup.history(prefix)}
      <p class="note">${stepperMarkup.tieRule(prefix)}</p>
    </div>${stepperMarkup.pairs(prefix)}${stepperMarkup.words(prefix)}
  </div>
  <section class="panel tour-check" aria-labelledby="${prefix}check-title">
    <h3 id="${prefix}check-title" class="panel-title">The explainer’s counts, recounted</h3>
    <div class="table-wrap" role="region" aria-label="The explainer’s counts and ours, table" tabindex="0">
      <table class="data-table tour-check-table">
        <thead><tr><th scope="col">Pair</th><th scope="col" class="num">The explainer says</th><th scope="col" class="num">Counted here</th><th scope="col">Where it occurs</th></tr></thead>
        <tbody id="${prefix}check-rows"></tbody>
      </table>
    </div>
    <p id="${prefix}check-summary" class="note"></p>
  </section>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <label for="${prefix}stepper-text" class="panel-title">Your text: every line, word by word, becomes the training corpus</label>
    <textarea id="${prefix}stepper-text" class="stepper-text" spellcheck="false" rows="4" aria-describedby="${prefix}link-note"></textarea>
    <div class="tour-try-row">
      ${stepperMarkup.settings(prefix)}
      <button id="${prefix}use-explainer" type="button" class="button quiet">Back to the explainer’s corpus</button>
    </div>
    <p id="${prefix}link-note" class="note">The link to this step keeps your text (up to ${maxLinkText} characters) and the merges taken so far.</p>
    <p class="note"><a href="#view=train" data-show="train">Train a full vocabulary in the Train view →</a></p>
  </section>
`;

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'bpe',
  title: 'Who makes the vocabulary?',
  create(container, context) {
    container.innerHTML = markup;
    container.classList.add('tour-step', 'tour-step-bpe');
    const text = /** @type {HTMLTextAreaElement} */ (container.querySelector(`#${prefix}stepper-text`));
    const pretokenizer = /** @type {HTMLSelectElement} */ (container.querySelector(`#${prefix}stepper-pretokenizer`));
    const minFrequency = /** @type {HTMLInputElement} */ (container.querySelector(`#${prefix}stepper-min-frequency`));
    const useExplainer = /** @type {HTMLButtonElement} */ (container.querySelector(`#${prefix}use-explainer`));
    const linkNote = /** @type {HTMLElement} */ (container.querySelector(`#${prefix}link-note`));
    text.value = explainerCorpus;

    const trainClient = tourTrainClient();
    /** True while a link is being applied: the steps it takes are not the reader's changes. */
    let restoring = false;
    /** The merge count a link asked for, reported as the state until the stepper gets there. */
    let linkedMerges = 0;
    let disposed = false;
    const stepper = new BpeStepper(container, trainClient, {
      prefix,
      onChange: () => {
        if (!restoring && !disposed) context.stateChanged();
      },
    });
    showExplainerCheck(container, trainClient);

    const textFits = () => text.value.length <= maxLinkText;
    const showLinkNote = () => {
      linkNote.textContent = textFits()
        ? `The link to this step keeps your text (up to ${maxLinkText} characters) and the merges taken so far.`
        : `This text has ${formatInteger(text.value.length)} characters, more than the ${maxLinkText} a link keeps, so the link reopens the explainer’s corpus.`;
    };

    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let typing;
    text.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        showLinkNote();
        stepper.restore(0);
      }, 350);
    });
    useExplainer.addEventListener('click', () => {
      text.value = explainerCorpus;
      pretokenizer.value = defaults.pretokenizer;
      minFrequency.value = defaults.minFrequency;
      showLinkNote();
      stepper.restore(0);
    });
    container.querySelector('[data-show="train"]')?.addEventListener('click', (event) => {
      event.preventDefault();
      context.show('train');
    });

    return {
      applyState(params) {
        const linked = params.get('text');
        text.value = linked !== null && linked.length <= maxLinkText ? linked : explainerCorpus;
        const chosen = params.get('pt');
        pretokenizer.value = chosen && pretokenizers.includes(chosen) ? chosen : defaults.pretokenizer;
        const frequency = params.get('mf');
        minFrequency.value = frequency && /^[1-9]\d{0,5}$/.test(frequency) ? frequency : defaults.minFrequency;
        const merges = params.get('merges');
        const count = merges && /^\d{1,6}$/.test(merges) ? Math.min(Number(merges), maxMerges) : 0;
        showLinkNote();
        restoring = true;
        linkedMerges = count;
        stepper.restore(count).finally(() => {
          restoring = false;
          // A text that stops training earlier than the link says reports where it stopped.
          if (!disposed && stepper.vocabulary.mergeCount !== count) context.stateChanged();
        });
      },
      state() {
        /** @type {Record<string, string>} */
        const state = {};
        if (!textFits()) return state;
        if (text.value !== explainerCorpus) state.text = text.value;
        if (pretokenizer.value !== defaults.pretokenizer) state.pt = pretokenizer.value;
        if (minFrequency.value !== defaults.minFrequency) state.mf = minFrequency.value;
        state.merges = String(restoring ? linkedMerges : stepper.vocabulary.mergeCount);
        return state;
      },
      dispose() {
        disposed = true;
        clearTimeout(typing);
      },
    };
  },
};

/**
 * Counts the pairs of the explainer's corpus in a slot of its own (whatever
 * the reader's text is) and sets them beside the explainer's figures, with
 * the words each pair occurs in.
 * @param {HTMLElement} container
 * @param {import('../engine/train-client.js').TrainClient} trainClient
 */
async function showExplainerCheck(container, trainClient) {
  const rows = /** @type {HTMLElement} */ (container.querySelector(`#${prefix}check-rows`));
  const summary = /** @type {HTMLElement} */ (container.querySelector(`#${prefix}check-summary`));
  try {
    const snapshot = await trainClient.request('stepStart', {
      slot: 'tour-explainer',
      text: new TextEncoder().encode(explainerCorpus),
      options: { vocabSize: 256 + 100, pretokenizer: 'whitespace', minFrequency: 1 },
    });
    const { topPairs, segmentation } = snapshot;
    /** @type {Map<string, number>} */
    const counted = new Map();
    for (let i = 0; i < topPairs.counts.length; i++) counted.set(tokenPlain(Uint8Array.of(topPairs.left[i], topPairs.right[i])), topPairs.counts[i]);
    const words = [];
    for (let word = 0; word < segmentation.frequencies.length; word++) {
      words.push({ word: tokenPlain(segmentation.pieces, segmentation.pieceOffsets[word], segmentation.pieceOffsets[word + 1]), frequency: segmentation.frequencies[word] });
    }
    const differing = [];
    const items = explainerCounts.map(({ pair, count }) => {
      const actual = counted.get(pair) ?? 0;
      const where = words
        .map(({ word, frequency }) => ({ word, times: frequency * occurrences(word, pair) }))
        .filter(({ times }) => times > 0)
        .map(({ word, times }) => `${formatInteger(times)} in ${word}`)
        .join(' + ');
      const row = document.createElement('tr');
      row.dataset.pair = pair;
      row.dataset.stated = String(count);
      row.dataset.counted = String(actual);
      if (actual !== count) {
        row.classList.add('tour-differs');
        differing.push({ pair, count, actual, where });
      }
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = `“${pair}”`;
      const stated = cell(formatInteger(count), 'num');
      const computed = cell(formatInteger(actual), 'num');
      const place = cell(actual === count ? where : `${where} (differs)`);
      row.append(head, stated, computed, place);
      return row;
    });
    rows.replaceChildren(...items);
    const first = topPairs.counts.length ? tokenPlain(Uint8Array.of(topPairs.left[0], topPairs.right[0])) : '';
    const firstNote = first === 'lo' ? 'The first merge is “lo”, as it says.' : `The first merge is “${first}”, where it says “lo”.`;
    summary.textContent = differing.length
      ? differing.map(({ pair, count, actual, where }) => `The explainer counts “${pair}” ${formatInteger(count)} times, but it occurs ${formatInteger(actual)} times (${where}). `).join('') +
        `Its other counts hold. ${firstNote}`
      : `Every count the explainer gives holds. ${firstNote}`;
  } catch (error) {
    summary.textContent = `The pairs could not be counted: ${error instanceof Error ? error.message : error}`;
  }
}

/** Non-overlapping occurrences of pair in word. @param {string} word @param {string} pair */
function occurrences(word, pair) {
  return word.split(pair).length - 1;
}

/** @param {string} text @param {string} [className] */
function cell(text, className) {
  const element = document.createElement('td');
  element.textContent = text;
  if (className) element.className = className;
  return element;
}
