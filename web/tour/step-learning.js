// @ts-check
// Tour step 2, how embeddings are learned: skip-gram training in the page's
// embeddings worker on the explainer's three sentences (and the reader's)
// mixed into a slice of the sample corpus, with the vectors of a few words
// posted at every epoch end. The map shows where those words sit after each
// epoch, a table the cosine of king with queen and with pizza, and at the end
// king − man + woman with these vectors and with the default ones.
//
//   #view=tour&step=2&epochs=4
//   #view=tour&step=2&sentences=the+queen+ordered+a+pizza&epochs=6
//
// Why a slice of the sample and repeated sentences: three sentences alone
// hold too few words to learn from, and the whole sample (890,000 words)
// takes half a minute or more in a page. About 140,000 words of the sample
// train in a few seconds; the sentences, repeated, weigh enough in that to
// be seen. The page says both.

import { embeddingSession, loadDefaultVectors } from '../common/embedding-session.js';
import { renderNeighbors } from '../common/neighbor-list.js';
import { describePostProcessing } from '../common/post-processing.js';
import { VectorSet } from '../common/vector-sets.js';
import { alignTo, cosineOfRows, projectWords } from './word-projection.js';
import { WordMap } from '../common/word-map.js';

const sampleUrl = new URL('../dist/vectors/sample.txt', import.meta.url).href;

export const explainerSentences = ['the king ruled the kingdom', 'the queen ruled the kingdom', 'i ordered a pizza'];
/** The words followed on the map, epoch by epoch. */
export const trackedWords = ['king', 'queen', 'prince', 'kingdom', 'ruled', 'man', 'woman', 'pizza', 'ordered', 'bread'];
/** Bytes of the sample's start used (the lines of about 140,000 words). */
const kSampleBytes = 760_000;
/** Each sentence is added this many times. */
export const kRepeat = 10;
const kDefaultEpochs = 6;
const kEpochChoices = [1, 2, 3, 4, 6, 8, 10, 15];
/** Longest sentences text kept in the link. */
const kMaxLinkText = 500;
/** word2vec's settings, smaller: 40 dimensions; subsampling 1e-3 suits a small corpus (1e-4 drops most of it). */
const trainingOptions = { model: 'skipgram', dim: 40, window: 5, negative: 5, minCount: 3, sample: 1e-3, learningRate: 0.025, seed: 1 };
const prefix = 'tour-learn-';

const markup = /* html */ `
  <h2 id="${prefix}title" class="tour-step-title">2. How are embeddings learned?</h2>
  <div class="tour-step-text">
    <p>Every vector starts as random numbers, so at first every word is as far from every other as chance makes it. Training then reads text and, for each word, nudges its vector towards the words seen around it and away from words picked at random. Words that keep the same company, like “king” and “queen” below, are pushed the same way and drift together; “pizza”, seen with “ordered”, goes elsewhere.</p>
    <p>Three sentences are far too little to learn from, so they are added ${kRepeat} times each to the start of the sample corpus (about 140,000 words: lines drawn at random from all its sources, Bible verses, Moby-Dick, State of the Union speeches, dictionary definitions and fortunes). Each pass over that text is an epoch; after each one the map shows where the words are now. Real models read billions of sentences, not thousands.</p>
  </div>
  <ol class="tour-sentences" aria-label="The three sentences">
    ${explainerSentences.map((sentence) => `<li>${sentence}</li>`).join('')}
  </ol>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <form class="${prefix}form tour-learn-form">
      <label for="${prefix}sentences">Your sentences, one per line (added ${kRepeat} times each, like the three above)</label>
      <textarea id="${prefix}sentences" rows="3" spellcheck="false" placeholder="the queen ordered a pizza&#10;the king ate bread"></textarea>
      <div class="tour-try-row">
        <label for="${prefix}epochs">Epochs</label>
        <select id="${prefix}epochs">${kEpochChoices.map((n) => `<option${n === kDefaultEpochs ? ' selected' : ''}>${n}</option>`).join('')}</select>
        <button type="submit" class="button primary ${prefix}train">Train</button>
        <button type="button" class="button ${prefix}cancel" disabled>Cancel</button>
      </div>
    </form>
    <div class="tour-progress">
      <progress class="${prefix}progress" max="1" value="0" aria-labelledby="${prefix}status"></progress>
      <p id="${prefix}status" class="note ${prefix}status" aria-live="polite">Press Train to start. Training runs in the background; the page stays usable.</p>
    </div>
  </section>
  <div class="error-box ${prefix}error" role="alert" hidden><p class="${prefix}error-text"></p></div>
  <div class="tour-learn-grid">
    <figure class="panel tour-map-panel" aria-labelledby="${prefix}map-title">
      <figcaption id="${prefix}map-title" class="panel-title">Where the words are after epoch <span class="${prefix}epoch-shown">–</span></figcaption>
      <div class="emb-map-frame tour-map-frame">
        <canvas class="emb-map ${prefix}map" tabindex="0" role="img" aria-label="Map of the followed words at the epoch chosen below: drag to pan, wheel or plus and minus keys to zoom"></canvas>
        <div class="emb-map-tip ${prefix}map-tip" role="tooltip" hidden></div>
        <p class="emb-map-empty ${prefix}map-empty">The words appear here when training starts.</p>
      </div>
      <div class="tour-try-row">
        <label for="${prefix}epoch">Epoch shown</label>
        <input id="${prefix}epoch" class="${prefix}epoch" type="range" min="0" max="0" value="0" disabled>
      </div>
      <p class="note">Each epoch’s map is that epoch’s two main directions, turned to line up with the map of the epoch before, so what moves from one to the next is the words, not the axes. Epoch 0 is the random start.</p>
      <details class="tour-map-table">
        <summary>The map as a table</summary>
        <div class="table-wrap"><table class="data-table ${prefix}positions">
          <thead><tr><th scope="col">Word</th><th scope="col" class="num">x</th><th scope="col" class="num">y</th></tr></thead>
          <tbody></tbody>
        </table></div>
      </details>
    </figure>
    <div class="tour-learn-side">
      <section class="panel" aria-labelledby="${prefix}cos-title">
        <h3 id="${prefix}cos-title" class="panel-title">Cosine similarity, epoch by epoch</h3>
        <div class="table-wrap tour-cos-wrap" tabindex="0" role="region" aria-label="Cosine similarity by epoch, table"><table class="data-table ${prefix}cosines">
          <thead><tr><th scope="col">Epoch</th><th scope="col" class="num">king · queen</th><th scope="col" class="num">king · pizza</th></tr></thead>
          <tbody></tbody>
        </table></div>
        <p class="note ${prefix}cos-note">Measured at the end of each epoch on the vectors as the page shows them: centred, the mean of all the words’ vectors at that epoch subtracted first (see step 1).</p>
      </section>
      <section class="panel" aria-labelledby="${prefix}analogy-title">
        <h3 id="${prefix}analogy-title" class="panel-title">king − man + woman ≈ ?</h3>
        <p class="note ${prefix}analogy-note">The words nearest to king − man + woman, once training ends, beside the default vectors (trained on some 6 million words of public-domain English).</p>
        <div class="tour-analogy-grid">
          <div><h4 class="tour-analogy-title">Trained here</h4><ol class="emb-list ${prefix}analogy-trained" aria-label="Nearest to king − man + woman, trained here"></ol></div>
          <div><h4 class="tour-analogy-title">Default vectors</h4><ol class="emb-list ${prefix}analogy-default" aria-label="Nearest to king − man + woman, default vectors"></ol></div>
        </div>
      </section>
    </div>
  </div>`;

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`step 2 is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @type {Promise<string> | null} */
let samplePrefix = null;

/** The sample's first lines, about kSampleBytes, fetched once. */
function sampleStart() {
  samplePrefix ??= (async () => {
    const response = await fetch(sampleUrl);
    if (!response.ok) throw new Error(`the sample corpus did not load (HTTP ${response.status})`);
    const text = await (await response.blob()).slice(0, kSampleBytes).text();
    return text.slice(0, text.lastIndexOf('\n') + 1);
  })();
  samplePrefix.catch(() => {
    samplePrefix = null;
  });
  return samplePrefix;
}

/**
 * @typedef {object} Snapshot the followed words after one epoch
 * @property {number} epoch
 * @property {string[]} words
 * @property {{x: number[], y: number[]}} layout
 * @property {number} kingQueen NaN when a word is missing
 * @property {number} kingPizza
 */

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'learning',
  title: 'How are embeddings learned?',
  create(container, context) {
    container.innerHTML = markup;
    const { client } = embeddingSession();
    const form = part(container, `.${prefix}form`, HTMLFormElement);
    const sentencesInput = part(container, `#${prefix}sentences`, HTMLTextAreaElement);
    const epochsSelect = part(container, `#${prefix}epochs`, HTMLSelectElement);
    const trainButton = part(container, `.${prefix}train`, HTMLButtonElement);
    const cancelButton = part(container, `.${prefix}cancel`, HTMLButtonElement);
    const progressBar = part(container, `.${prefix}progress`, HTMLProgressElement);
    const status = part(container, `.${prefix}status`, HTMLElement);
    const errorBox = part(container, `.${prefix}error`, HTMLElement);
    const errorText = part(container, `.${prefix}error-text`, HTMLElement);
    const epochShown = part(container, `.${prefix}epoch-shown`, HTMLElement);
    const mapEmpty = part(container, `.${prefix}map-empty`, HTMLElement);
    const epochSlider = part(container, `.${prefix}epoch`, HTMLInputElement);
    const positions = part(container, `.${prefix}positions tbody`, HTMLTableSectionElement);
    const cosines = part(container, `.${prefix}cosines tbody`, HTMLTableSectionElement);
    const analogyNote = part(container, `.${prefix}analogy-note`, HTMLElement);
    const cosNote = part(container, `.${prefix}cos-note`, HTMLElement);
    const analogyTrained = part(container, `.${prefix}analogy-trained`, HTMLOListElement);
    const analogyDefault = part(container, `.${prefix}analogy-default`, HTMLOListElement);
    const map = new WordMap(part(container, `.${prefix}map`, HTMLCanvasElement), part(container, `.${prefix}map-tip`, HTMLElement));
    map.labelAll = true;
    map.labelRoom = 70;
    map.tipText = (index) => map.labels[index];

    /** @type {Snapshot[]} */
    let snapshots = [];
    let running = false;
    /** follow the newest epoch until the reader moves the slider */
    let following = true;
    let run = 0;
    let corpusWords = 0;

    /** @param {string} message */
    const showError = (message) => {
      errorText.textContent = message;
      errorBox.hidden = false;
    };

    /** @param {Snapshot} snapshot */
    function showSnapshot(snapshot) {
      mapEmpty.hidden = true;
      epochShown.textContent = String(snapshot.epoch);
      map.setPoints(Float32Array.from(snapshot.layout.x), Float32Array.from(snapshot.layout.y), snapshot.words, { layout: `epoch-${snapshot.epoch}` });
      const at = (/** @type {string} */ word) => snapshot.words.indexOf(word);
      // Each epoch's layout stays fitted to the map, so epochs compare at one glance.
      if (at('king') >= 0) map.highlight(at('king'), [at('queen'), at('pizza')].filter((i) => i >= 0), { move: false });
      positions.replaceChildren(
        ...snapshot.words.map((word, i) => {
          const row = document.createElement('tr');
          row.dataset.word = word;
          const name = document.createElement('th');
          name.scope = 'row';
          name.textContent = word;
          row.append(name);
          for (const value of [snapshot.layout.x[i], snapshot.layout.y[i]]) {
            const cell = document.createElement('td');
            cell.className = 'num';
            cell.textContent = value.toFixed(3);
            row.append(cell);
          }
          return row;
        }),
      );
      positions.closest('table')?.setAttribute('data-epoch', String(snapshot.epoch));
    }

    /** @param {any} message an epoch's vectors from the worker */
    function addSnapshot(message) {
      const { words, dim, values, epoch } = message;
      const previous = snapshots[snapshots.length - 1];
      let layout = projectWords(values, words.length, dim);
      if (previous && previous.words.join() === words.join()) layout = alignTo(layout, previous.layout);
      const at = (/** @type {string} */ word) => words.indexOf(word);
      const cosine = (/** @type {string} */ a, /** @type {string} */ b) => (at(a) >= 0 && at(b) >= 0 ? cosineOfRows(values, dim, at(a), at(b)) : NaN);
      /** @type {Snapshot} */
      const snapshot = { epoch, words, layout, kingQueen: cosine('king', 'queen'), kingPizza: cosine('king', 'pizza') };
      snapshots.push(snapshot);
      const row = document.createElement('tr');
      row.dataset.epoch = String(epoch);
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = epoch === 0 ? '0 (random)' : String(epoch);
      row.append(head);
      if (epoch === 0 && message.postProcessing) {
        cosNote.textContent = `Measured at the end of each epoch on the vectors as the page shows them: ${describePostProcessing(message.postProcessing)}, fitted on all the words at that epoch (see step 1).`;
        container.dataset.postProcessing = message.postProcessing;
      }
      for (const value of [snapshot.kingQueen, snapshot.kingPizza]) {
        const cell = document.createElement('td');
        cell.className = 'num';
        cell.textContent = Number.isNaN(value) ? '–' : value.toFixed(3);
        row.append(cell);
      }
      cosines.append(row);
      // Scroll the table, never the page, to the newest epoch.
      const wrap = cosines.closest('.table-wrap');
      if (wrap) wrap.scrollTop = wrap.scrollHeight;
      epochSlider.max = String(snapshots.length - 1);
      epochSlider.disabled = false;
      if (following) {
        epochSlider.value = epochSlider.max;
        showSnapshot(snapshot);
      }
      if (message.missing.length && epoch === 0) {
        showError(`Seen fewer than ${trainingOptions.minCount} times, so without a vector: ${message.missing.join(', ')}.`);
      }
    }

    function setRunning(/** @type {boolean} */ value) {
      running = value;
      trainButton.disabled = value;
      cancelButton.disabled = !value;
      sentencesInput.disabled = value;
      epochsSelect.disabled = value;
      container.dataset.training = value ? 'running' : 'idle';
    }

    async function train() {
      if (running) return;
      const epochs = Number(epochsSelect.value);
      const mine = sentencesInput.value.split('\n').map((line) => line.trim()).filter(Boolean);
      errorBox.hidden = true;
      snapshots = [];
      following = true;
      cosines.replaceChildren();
      positions.replaceChildren();
      analogyTrained.replaceChildren();
      analogyDefault.replaceChildren();
      epochSlider.max = '0';
      epochSlider.disabled = true;
      const thisRun = ++run;
      setRunning(true);
      progressBar.removeAttribute('value');
      status.textContent = 'Reading the corpus…';
      try {
        const start = await sampleStart();
        const extra = [...explainerSentences, ...mine].map((line) => `${line}\n`).join('').repeat(kRepeat);
        const file = new File([start, '\n', extra], 'tour-corpus.txt', { type: 'text/plain' });
        const result = await client.request(
          'train',
          {
            source: { files: [file] },
            sourceName: 'the tour’s corpus',
            unit: 'words',
            key: 'tour',
            track: trackedWords,
            text: { lowercase: true, stripPunctuation: true },
            options: { ...trainingOptions, epochs },
          },
          {
            onProgress: (/** @type {any} */ progress) => {
              if (thisRun !== run) return;
              if (progress.phase === 'epoch') addSnapshot(progress);
              else if (progress.phase === 'ready') {
                corpusWords = progress.corpusWords;
                status.textContent = `${progress.corpusWords.toLocaleString('en-US')} words of text, ${progress.vocabularySize.toLocaleString('en-US')} different ones. Training…`;
              } else if (progress.phase === 'training') {
                progressBar.value = progress.wordsDone / Math.max(progress.wordsTotal, 1);
                status.textContent = `Epoch ${Math.min(Math.floor(progress.epoch) + 1, epochs)} of ${epochs}: ${Math.round(progress.wordsPerSecond).toLocaleString('en-US')} words a second.`;
              }
            },
          },
        );
        if (thisRun !== run) return;
        progressBar.value = 1;
        const last = snapshots[snapshots.length - 1];
        status.textContent =
          `Done: ${epochs} ${epochs === 1 ? 'pass' : 'passes'} over ${corpusWords.toLocaleString('en-US')} words in ${result.info.seconds.toFixed(1)} s.` +
          (last && !Number.isNaN(last.kingQueen) ? ` cos(king, queen) ${last.kingQueen > last.kingPizza ? 'ends above' : 'ends below'} cos(king, pizza): ${last.kingQueen.toFixed(2)} against ${last.kingPizza.toFixed(2)}.` : '');
        container.dataset.trained = 'true';
        await showAnalogies(new VectorSet(result.key, result.info, result.words));
      } catch (error) {
        if (thisRun !== run) return;
        const message = messageOf(error);
        progressBar.value = 0;
        if (/cancelled/.test(message)) status.textContent = `Cancelled. The map and table keep the ${snapshots.length ? `${snapshots.length - 1} epochs done` : 'nothing done'}; the slider replays them.`;
        else if (/already going/.test(message)) status.textContent = 'The Embeddings view is training vectors in the same worker. Wait for it to finish, or cancel it there, then train here.';
        else {
          status.textContent = 'Training stopped.';
          showError(message.charAt(0).toUpperCase() + message.slice(1));
        }
      } finally {
        if (thisRun === run) setRunning(false);
      }
    }

    /** @param {VectorSet} trained */
    async function showAnalogies(trained) {
      const question = { a: 'king', b: 'man', c: 'woman', k: 5 };
      try {
        const [defaults, mine] = await Promise.all([loadDefaultVectors(), client.request('analogy', { key: trained.key, ...question })]);
        const theirs = await client.request('analogy', { key: 'default', ...question });
        const name = (/** @type {VectorSet} */ set, /** @type {any} */ result) => (result.missing.length ? null : set.display[result.ids[0]]);
        if (mine.missing.length) analogyTrained.replaceChildren(`${mine.missing.join(', ')} had no vector here.`);
        else renderNeighbors(analogyTrained, mine, trained);
        renderNeighbors(analogyDefault, theirs, defaults);
        const best = name(trained, mine);
        analogyNote.textContent =
          `Trained here, the nearest word is “${best ?? '–'}”; with the default vectors, “${name(defaults, theirs)}”. ` +
          (best === 'queen'
            ? 'The arithmetic works even on this small corpus.'
            : `A corpus this small rarely has enough about men and women for the arithmetic to land on queen; the default vectors, trained on ${Math.round((defaults.info.corpusWords ?? 0) / Math.max(corpusWords, 1))} times more text, do.`);
      } catch (error) {
        analogyNote.textContent = `The analogy failed: ${messageOf(error)}`;
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      train();
    });
    cancelButton.addEventListener('click', () => {
      cancelButton.disabled = true;
      status.textContent = 'Cancelling…';
      client.request('cancel');
    });
    epochSlider.addEventListener('input', () => {
      const snapshot = snapshots[Number(epochSlider.value)];
      following = Number(epochSlider.value) === snapshots.length - 1;
      if (snapshot) showSnapshot(snapshot);
    });
    sentencesInput.addEventListener('input', () => context.stateChanged());
    epochsSelect.addEventListener('change', () => context.stateChanged());

    return {
      applyState(params) {
        if (running) return;
        sentencesInput.value = params.get('sentences') ?? '';
        const epochs = params.get('epochs');
        epochsSelect.value = epochs && kEpochChoices.includes(Number(epochs)) ? epochs : String(kDefaultEpochs);
      },
      state() {
        /** @type {Record<string, string>} */
        const pairs = {};
        const text = sentencesInput.value.trim();
        if (text && text.length <= kMaxLinkText) pairs.sentences = text;
        if (epochsSelect.value !== String(kDefaultEpochs)) pairs.epochs = epochsSelect.value;
        return pairs;
      },
      dispose() {
        if (running) client.request('cancel');
        run++;
      },
    };
  },
};
