// @ts-check
// Tour step 1, what an embedding is: a word's vector as a strip of coloured
// cells, its nearest neighbours, and a flat map of three groups of words
// (ending something, food, royalty) where "cancel" sits with "terminate" and
// away from "pizza". The reader's word joins the map. The default vectors,
// or vectors trained or imported in the Embeddings view.
//
//   #view=tour&step=1&word=pizza           → pizza's vector, neighbours and place on the map
//   #view=tour&step=1&word=sea&vectors=trained

import { embeddingSession, loadDefaultVectors } from '../common/embedding-session.js';
import { describePostProcessing } from '../common/post-processing.js';
import { renderNeighbors } from '../common/neighbor-list.js';
import { VectorStrip } from '../common/vector-strip.js';
import { cosineOfRows, projectWords } from './word-projection.js';
import { WordMap } from '../common/word-map.js';

/** The map's words: three groups the default vectors hold, each word checked to be there. */
export const mapGroups = [
  { name: 'ending something', words: ['cancel', 'terminate', 'abolish', 'repeal', 'annul', 'end', 'stop'] },
  { name: 'food', words: ['pizza', 'bread', 'cheese', 'soup', 'meat', 'cake'] },
  { name: 'royalty', words: ['king', 'queen', 'prince', 'kingdom'] },
];
const mapWords = mapGroups.flatMap((group) => group.words);
const defaultWord = 'cancel';
const kNeighbours = 8;
const kDatalistWords = 3000;
const setLabels = /** @type {Record<string, string>} */ ({ default: 'Default', trained: 'Trained in the Embeddings view', imported: 'Imported in the Embeddings view' });
const prefix = 'tour-emb-';

const markup = /* html */ `
  <h2 id="${prefix}title" class="tour-step-title">1. What is an embedding?</h2>
  <div class="tour-step-text">
    <p>A model does not read words; it reads numbers. Each word (for a language model, each token) has its own list of numbers, its <em>embedding</em> or vector. Think of a place and its GPS coordinates: two numbers say where it is, and places close on the map are close in the world. An embedding does the same for meaning, with many more than two numbers: 100 for the vectors here, thousands in a large model.</p>
    <p>No one decides what any single number means. The numbers come from training (the next step), and words used in the same kinds of sentences end up pointing the same way. How alike two words are is the cosine of the angle between their vectors: near 1 for the same direction, near 0 for unrelated.</p>
    <p>Trained vectors share one large common direction, which on its own makes every pair of words look alike. So before any cosine here, the mean of all the vectors is subtracted (they are <em>centred</em>); the Post-processing switch in the Embeddings view changes that for the whole page. The cosines under the map say which vectors they were measured on.</p>
    <p>The map squeezes the vectors of a few words onto a flat page, keeping as much of their spread as two directions can. “cancel” lands with the other words for ending things, far from the food.</p>
  </div>
  <section class="panel tour-try" aria-labelledby="${prefix}try-title">
    <h3 id="${prefix}try-title" class="tour-try-title">Try it yourself</h3>
    <form class="tour-try-row ${prefix}form">
      <label for="${prefix}word">Word</label>
      <input id="${prefix}word" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" list="${prefix}words" value="${defaultWord}">
      <button type="submit" class="button primary">Show</button>
      <label for="${prefix}set">Vectors</label>
      <select id="${prefix}set"></select>
    </form>
    <datalist id="${prefix}words"></datalist>
    <p class="note">Or pick one: <span class="${prefix}picks"></span>. Vectors you train or import in the <a href="#view=embeddings" class="${prefix}open-embeddings">Embeddings view</a> show up under Vectors.</p>
  </section>
  <div class="vocab-progress ${prefix}load" hidden><progress max="1"></progress><span class="${prefix}load-label"></span></div>
  <div class="error-box ${prefix}error" role="alert" hidden><p class="${prefix}error-text"></p></div>
  <div class="tour-emb-grid">
    <section class="panel" aria-labelledby="${prefix}vector-title">
      <h3 id="${prefix}vector-title" class="panel-title">The vector of “<span class="${prefix}shown-word">${defaultWord}</span>”</h3>
      <canvas class="emb-strip ${prefix}strip" aria-describedby="${prefix}readout"></canvas>
      <p id="${prefix}readout" class="note emb-readout"></p>
      <p class="note">Red cells are above zero, blue below; the stronger the colour, the larger the number.</p>
      <h3 class="panel-title emb-sub">Nearest neighbours</h3>
      <p class="note emb-status ${prefix}status" aria-live="polite"></p>
      <ol class="emb-list tour-emb-list ${prefix}neighbours" aria-label="Nearest neighbours"></ol>
    </section>
    <figure class="panel tour-map-panel" aria-labelledby="${prefix}map-title">
      <figcaption id="${prefix}map-title" class="panel-title">The words on a map</figcaption>
      <div class="emb-map-frame tour-map-frame">
        <canvas class="emb-map ${prefix}map" tabindex="0" role="img" aria-label="Map of the words below: drag to pan, wheel or plus and minus keys to zoom, 0 to fit"></canvas>
        <div class="emb-map-tip ${prefix}map-tip" role="tooltip" hidden></div>
      </div>
      <p class="note ${prefix}distances" aria-live="polite"></p>
      <details class="tour-map-table">
        <summary>The map as a table</summary>
        <div class="table-wrap"><table class="data-table ${prefix}table">
          <thead><tr><th scope="col">Word</th><th scope="col">Group</th><th scope="col" class="num">x</th><th scope="col" class="num">y</th><th scope="col" class="num">cosine with your word</th></tr></thead>
          <tbody></tbody>
        </table></div>
      </details>
    </figure>
  </div>`;

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`step 1 is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @type {import('./view.js').TourStep} */
export const step = {
  id: 'embedding',
  title: 'What is an embedding?',
  create(container, context) {
    container.innerHTML = markup;
    const { client, store } = embeddingSession();
    const form = part(container, `.${prefix}form`, HTMLFormElement);
    const wordInput = part(container, `#${prefix}word`, HTMLInputElement);
    const setSelect = part(container, `#${prefix}set`, HTMLSelectElement);
    const datalist = part(container, `#${prefix}words`, HTMLDataListElement);
    const loadBox = part(container, `.${prefix}load`, HTMLElement);
    const loadBar = part(container, `.${prefix}load progress`, HTMLProgressElement);
    const loadLabel = part(container, `.${prefix}load-label`, HTMLElement);
    const errorBox = part(container, `.${prefix}error`, HTMLElement);
    const errorText = part(container, `.${prefix}error-text`, HTMLElement);
    const shownWord = part(container, `.${prefix}shown-word`, HTMLElement);
    const status = part(container, `.${prefix}status`, HTMLElement);
    const neighbourList = part(container, `.${prefix}neighbours`, HTMLOListElement);
    const distances = part(container, `.${prefix}distances`, HTMLElement);
    const tableBody = part(container, `.${prefix}table tbody`, HTMLTableSectionElement);
    const strip = new VectorStrip(part(container, `.${prefix}strip`, HTMLCanvasElement), part(container, `#${prefix}readout`, HTMLElement));
    const map = new WordMap(part(container, `.${prefix}map`, HTMLCanvasElement), part(container, `.${prefix}map-tip`, HTMLElement));
    map.labelAll = true;
    map.labelRoom = 70;
    map.tipText = (index) => map.labels[index];

    let chosenKey = 'default';
    let revision = 0;

    const picks = part(container, `.${prefix}picks`, HTMLElement);
    ['cancel', 'terminate', 'pizza', 'queen', 'whale', 'ocean'].forEach((word, i) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = word;
      button.addEventListener('click', () => lookUp(word));
      if (i > 0) picks.append(', ');
      picks.append(button);
    });
    part(container, `.${prefix}open-embeddings`, HTMLAnchorElement).addEventListener('click', (event) => {
      event.preventDefault();
      context.show('embeddings');
    });

    function fillSets() {
      const keys = ['default', 'trained', 'imported'].filter((key) => store.sets.has(key) || key === 'default');
      const options = keys.map((key) => {
        const option = document.createElement('option');
        option.value = key;
        const set = store.sets.get(key);
        option.textContent = set && key !== 'default' ? `${setLabels[key]} (${set.info.name ?? key})` : setLabels[key];
        return option;
      });
      setSelect.replaceChildren(...options);
      setSelect.value = keys.includes(chosenKey) ? chosenKey : 'default';
      setSelect.disabled = keys.length < 2;
    }

    const onAdded = () => {
      fillSets();
      if (store.sets.has(chosenKey)) show();
    };
    store.addEventListener('added', onAdded);
    fillSets();

    /** @param {string} message */
    function showError(message) {
      errorText.textContent = message;
      errorBox.hidden = false;
    }

    /** The set shown, once loaded. */
    async function currentSet() {
      if (chosenKey === 'default' || !store.sets.has(chosenKey)) {
        loadBox.hidden = store.sets.has('default');
        const set = await loadDefaultVectors((loaded, total) => {
          loadBox.hidden = false;
          if (total) loadBar.value = loaded / total;
          loadLabel.textContent = `Loading the default vectors: ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
        });
        loadBox.hidden = true;
        if (!datalist.options.length) {
          datalist.replaceChildren(
            ...set.typed.slice(0, kDatalistWords).map((word) => {
              const option = document.createElement('option');
              option.value = word;
              return option;
            }),
          );
        }
        return set;
      }
      return /** @type {import('../common/vector-sets.js').VectorSet} */ (store.sets.get(chosenKey));
    }

    /** @param {string} word */
    function lookUp(word) {
      wordInput.value = word;
      show();
      context.stateChanged();
    }

    async function show() {
      const run = ++revision;
      const typed = wordInput.value.trim() || defaultWord;
      shownWord.textContent = typed;
      let set;
      try {
        set = await currentSet();
      } catch (error) {
        loadBox.hidden = true;
        showError(`The vectors did not load: ${messageOf(error)}.`);
        return;
      }
      if (run !== revision) return;
      errorBox.hidden = true;
      try {
        const [result, placed, post] = await Promise.all([
          client.request('neighbors', { key: set.key, word: typed, k: kNeighbours }),
          client.request('vectorsOf', { key: set.key, words: [...mapWords, typed] }),
          client.request('postProcessing', {}),
        ]);
        container.dataset.postProcessing = post.name;
        if (run !== revision) return;
        container.dataset.vectors = set.key;
        if (result.oov) {
          status.textContent = `“${result.query || typed}” has no vector in these ${set.info.size.toLocaleString('en-US')} ${set.tokens ? 'tokens' : 'words'}: it was too rare in their training text. Try another word.`;
          status.classList.add('emb-miss');
          neighbourList.replaceChildren();
          strip.clear();
        } else {
          status.classList.remove('emb-miss');
          status.textContent = result.row >= 0 ? `“${set.display[result.row]}” is word #${(result.row + 1).toLocaleString('en-US')} by frequency. Click a neighbour to look it up.` : '';
          renderNeighbors(neighbourList, result, set, (word) => lookUp(word));
          strip.show(result.vector, result.row >= 0 ? set.display[result.row] : typed);
        }
        drawMap(placed, typed, result.oov ? null : result);
      } catch (error) {
        if (run !== revision) return;
        showError(messageOf(error));
      }
    }

    /**
     * @param {{words: string[], missing: string[], dim: number, values: Float32Array}} placed
     * @param {string} typed @param {any} result the neighbours answer, or null when the word has none
     */
    function drawMap(placed, typed, result) {
      // The typed word is asked for last; when it is one of the map's words it is there already.
      const seen = new Map();
      placed.words.forEach((word, i) => {
        if (!seen.has(word)) seen.set(word, i);
      });
      const indexes = [...seen.values()];
      const words = [...seen.keys()];
      const values = new Float32Array(indexes.length * placed.dim);
      indexes.forEach((from, to) => values.set(placed.values.subarray(from * placed.dim, (from + 1) * placed.dim), to * placed.dim));
      const layout = projectWords(values, words.length, placed.dim);
      map.setPoints(Float32Array.from(layout.x), Float32Array.from(layout.y), words, { layout: words.join(' ') });
      const mine = result ? words.indexOf(typed) : -1;
      const cosines = words.map((_, i) => (mine >= 0 ? cosineOfRows(values, placed.dim, mine, i) : NaN));
      if (mine >= 0) {
        const nearest = words
          .map((_, i) => i)
          .filter((i) => i !== mine)
          .sort((a, b) => cosines[b] - cosines[a])
          .slice(0, 3);
        map.highlight(mine, nearest, { move: false });
      } else {
        map.highlight(-1, []);
      }
      const at = (/** @type {string} */ word) => words.indexOf(word);
      const pairs = [['cancel', 'terminate'], ['cancel', 'pizza']].filter(([a, b]) => at(a) >= 0 && at(b) >= 0);
      const missing = placed.missing.filter((word) => word !== typed || !result);
      distances.textContent =
        pairs.map(([a, b]) => `cos(${a}, ${b}) = ${cosineOfRows(values, placed.dim, at(a), at(b)).toFixed(2)}`).join(' · ') +
        (pairs.length ? `, with the vectors ${describePostProcessing(container.dataset.postProcessing ?? 'none')}. ` : '') +
        (missing.length ? `Not in these vectors, so not on the map: ${missing.join(', ')}. ` : '') +
        (mine >= 0 && !mapWords.includes(typed) ? `“${typed}” is added in colour, with lines to its three nearest words on the map.` : mine >= 0 ? `“${typed}” is in colour, with lines to its three nearest words on the map.` : '');
      const groupOf = (/** @type {string} */ word) => mapGroups.find((group) => group.words.includes(word))?.name ?? 'your word';
      tableBody.replaceChildren(
        ...words.map((word, i) => {
          const row = document.createElement('tr');
          row.dataset.word = word;
          const cells = [word, groupOf(word), layout.x[i].toFixed(2), layout.y[i].toFixed(2), Number.isNaN(cosines[i]) ? '–' : cosines[i].toFixed(3)];
          cells.forEach((text, c) => {
            const cell = document.createElement(c === 0 ? 'th' : 'td');
            if (c === 0) cell.setAttribute('scope', 'row');
            if (c >= 2) cell.className = 'num';
            cell.textContent = text;
            row.append(cell);
          });
          return row;
        }),
      );
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      show();
      context.stateChanged();
    });
    setSelect.addEventListener('change', () => {
      chosenKey = setSelect.value;
      show();
      context.stateChanged();
    });
    map.onPick = (index) => lookUp(map.labels[index]);

    show();

    return {
      applyState(params) {
        wordInput.value = params.get('word') ?? defaultWord;
        chosenKey = params.get('vectors') ?? 'default';
        fillSets();
        show();
      },
      state() {
        /** @type {Record<string, string>} */
        const pairs = { word: wordInput.value.trim() || defaultWord };
        if (chosenKey !== 'default') pairs.vectors = chosenKey;
        return pairs;
      },
      dispose() {
        store.removeEventListener('added', onAdded);
      },
    };
  },
};
