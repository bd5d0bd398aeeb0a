// @ts-check
// The Embeddings view's map: the N most frequent words of the current
// vectors in 2D, by PCA (the engine, in the embeddings worker; instant) or
// UMAP (umap-js in a worker of its own, over neighbours the engine found, laid
// out epoch by epoch while the page stays usable). Search highlights a word
// and its nearest neighbours. A new layout (another method, another number
// of words, other vectors) is fitted to the canvas, since the zoom and centre
// of the one before mean nothing in it; a searched word stays highlighted, and
// the line under the map says how many words are in sight.
//
// The points take one colour, their k-means cluster (the engine, in the
// embeddings worker, k chosen by the reader; each cluster's words nearest its
// centroid listed under the map), or their similarity to the searched word,
// whose nearest words then get their labels first. A hidden list names the
// labelled words in sight, for screen readers; the map's coordinates and
// words download as the Projector's TSV pair.

import { kDefaultMapSize, kMapClusters, kMapSizes, kMaxUmapPoints } from '../engine/embedding-limits.js';
import { WordMap } from '../common/word-map.js';
import { clusterPalette, similarityBins, similarityPalette } from './map-colours.js';
import { download } from './vector-files.js';

const umapWorkerUrl = new URL('./umap-worker.js', import.meta.url);
const kUmapNeighbours = 15;
const kUmapSeed = 42;
const en = new Intl.NumberFormat('en-US');

/**
 * @template {Element} T
 * @param {ParentNode} root @param {string} selector @param {new (...args: any[]) => T} type
 * @returns {T}
 */
function part(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`the map is missing ${selector}`);
  return element;
}

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

export class EmbeddingMapPanel {
  /**
   * @param {HTMLElement} root
   * @param {import('../engine/embedding-client.js').EmbeddingClient} client
   * @param {import('../common/vector-sets.js').VectorSetStore} store
   */
  constructor(root, client, store) {
    this.client = client;
    this.store = store;
    this.canvas = part(root, '#emb-map', HTMLCanvasElement);
    this.map = new WordMap(this.canvas, part(root, '#emb-map-tip', HTMLElement));
    this.methodPicker = part(root, '#emb-map-method', HTMLFieldSetElement);
    this.sizeSelect = part(root, '#emb-map-size', HTMLSelectElement);
    this.drawButton = part(root, '#emb-map-draw', HTMLButtonElement);
    this.stopButton = part(root, '#emb-map-stop', HTMLButtonElement);
    this.searchForm = part(root, '#emb-map-search-form', HTMLFormElement);
    this.searchInput = part(root, '#emb-map-search', HTMLInputElement);
    this.status = part(root, '#emb-map-status', HTMLElement);
    this.found = part(root, '#emb-map-found', HTMLElement);
    this.progress = part(root, '#emb-map-progress', HTMLProgressElement);
    this.empty = part(root, '#emb-map-empty', HTMLElement);
    this.sight = part(root, '#emb-map-sight', HTMLElement);
    this.colourSelect = part(root, '#emb-map-colour', HTMLSelectElement);
    this.kField = part(root, '#emb-map-k-field', HTMLElement);
    this.kInput = part(root, '#emb-map-k', HTMLInputElement);
    this.clusterList = part(root, '#emb-map-clusters', HTMLOListElement);
    this.legend = part(root, '#emb-map-legend', HTMLElement);
    this.wordList = part(root, '#emb-map-words', HTMLUListElement);
    this.map.onSettled = (sight) => this.showSight(sight);
    this.map.onLabels = (labelled) => this.listLabels(labelled);
    /** @type {{x: Float32Array, y: Float32Array, labels: string[]} | null} the coordinates on the map */
    this.coordinates = null;
    /** @type {{key: string, count: number, k: number, assignment: Uint32Array} | null} */
    this.clusters = null;
    /** the colouring run whose results are wanted */
    this.colourRun = 0;
    /** a neighbour search for UMAP is under way in the embeddings worker */
    this.searching = false;
    /** the row of the word last found on the map, or -1 */
    this.searchedRow = -1;
    /** @type {Worker | null} */
    this.umapWorker = null;
    /** the run whose results are wanted; older ones are ignored */
    this.run = 0;
    /** @type {{key: string, count: number, method: string} | null} what the map shows */
    this.shown = null;

    for (const size of kMapSizes) {
      const option = document.createElement('option');
      option.value = String(size);
      option.textContent = en.format(size);
      option.selected = size === kDefaultMapSize;
      this.sizeSelect.append(option);
    }

    this.kInput.min = String(kMapClusters.min);
    this.kInput.max = String(kMapClusters.max);
    this.kInput.value = String(kMapClusters.value);
    this.colourSelect.addEventListener('change', () => this.colour());
    // Cluster and similarity colours are made for the scheme's surface.
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.colour());
    this.kInput.addEventListener('change', () => this.colour());
    part(root, '#emb-map-export-vectors', HTMLButtonElement).addEventListener('click', () => this.exportCoordinates('vectors'));
    part(root, '#emb-map-export-metadata', HTMLButtonElement).addEventListener('click', () => this.exportCoordinates('metadata'));
    this.drawButton.addEventListener('click', () => this.draw());
    this.stopButton.addEventListener('click', () => this.stop('Stopped; the map shows the layout so far.'));
    this.methodPicker.addEventListener('change', () => this.draw());
    this.sizeSelect.addEventListener('change', () => this.draw());
    this.searchForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.search(this.searchInput.value);
    });
    this.searchInput.addEventListener('search', () => {
      if (!this.searchInput.value) this.search('');
    });
    part(root, '#emb-zoom-in', HTMLButtonElement).addEventListener('click', () => this.map.zoomBy(1.6));
    part(root, '#emb-zoom-out', HTMLButtonElement).addEventListener('click', () => this.map.zoomBy(1 / 1.6));
    part(root, '#emb-zoom-reset', HTMLButtonElement).addEventListener('click', () => this.map.resetView());
    this.map.onPick = (index) => {
      const set = this.store.current;
      if (!set) return;
      this.searchInput.value = set.typed[index];
      this.search(set.typed[index]);
    };
    // A new set of vectors: PCA is quick, so the map follows at once.
    store.addEventListener('change', () => {
      this.clusters = null;
      this.stop('');
      this.draw({ method: this.shown?.method === 'umap' ? 'pca' : undefined });
    });
  }

  get method() {
    const checked = this.methodPicker.querySelector('input:checked');
    return checked instanceof HTMLInputElement ? checked.value : 'pca';
  }

  /** @param {string} method */
  setMethod(method) {
    const input = this.methodPicker.querySelector(`input[value="${method}"]`);
    if (input instanceof HTMLInputElement) input.checked = true;
  }

  /** @param {string} message */
  stop(message) {
    this.run++;
    if (this.searching) this.client.request('stopKnn', {}).catch(() => {});
    this.searching = false;
    this.umapWorker?.terminate();
    this.umapWorker = null;
    this.stopButton.hidden = true;
    this.drawButton.disabled = false;
    this.progress.hidden = true;
    if (message) this.status.textContent = message;
  }

  /** @param {{method?: string}} [options] */
  async draw(options = {}) {
    const set = this.store.current;
    if (!set) return;
    if (options.method) this.setMethod(options.method);
    const method = this.method;
    let count = Math.min(Number(this.sizeSelect.value), set.info.size);
    this.stop('');
    const run = this.run;
    if (method === 'umap' && count > kMaxUmapPoints) {
      this.status.textContent = `UMAP takes ${en.format(kMaxUmapPoints)} words at most here; showing those.`;
      count = kMaxUmapPoints;
    }
    const labels = set.display.slice(0, count);
    this.map.highlight(-1, []);
    this.showFound('');
    try {
      if (method === 'pca') {
        const projection = await this.client.request('pca', { key: set.key, count });
        if (run !== this.run) return;
        this.empty.hidden = true;
        this.map.setPoints(projection.x, projection.y, labels, { layout: `pca:${count}` });
        this.coordinates = { x: projection.x, y: projection.y, labels };
        const share = (/** @type {number} */ v) => `${((100 * v) / projection.totalVariance).toFixed(1)}%`;
        this.status.textContent =
          `PCA of the ${en.format(count)} most frequent ${set.tokens ? 'tokens' : 'words'} in ${projection.ms.toFixed(0)} ms: ` +
          `the two axes hold ${share(projection.variance[0])} and ${share(projection.variance[1])} of the variance. Hover for a word, click one to see its neighbours.`;
        this.shown = { key: set.key, count, method };
      } else {
        await this.drawUmap(set, count, labels, run);
      }
      if (this.searchInput.value.trim()) await this.search(this.searchInput.value, { move: false });
      if (run === this.run) await this.colour();
    } catch (error) {
      if (run === this.run) this.status.textContent = `The map failed: ${messageOf(error)}`;
    }
  }

  /**
   * @param {import('../common/vector-sets.js').VectorSet} set @param {number} count @param {string[]} labels @param {number} run
   */
  async drawUmap(set, count, labels, run) {
    this.stopButton.hidden = false;
    this.drawButton.disabled = true;
    this.progress.hidden = false;
    this.progress.value = 0;
    const started = performance.now();
    this.status.textContent = `Finding each word’s ${kUmapNeighbours - 1} nearest neighbours…`;
    this.searching = true;
    const knn = await this.client.request('knn', { key: set.key, count, k: kUmapNeighbours }, {
      onProgress: ({ done, total }) => {
        if (run !== this.run) return;
        this.progress.value = (0.15 * done) / total;
        this.status.textContent = `Finding each word’s ${kUmapNeighbours - 1} nearest neighbours: ${en.format(done)} of ${en.format(total)}…`;
      },
    });
    this.searching = false;
    if (run !== this.run) return;
    this.status.textContent = 'Building the neighbour graph…';
    const worker = new Worker(umapWorkerUrl);
    let firstLayout = true;
    this.umapWorker = worker;
    await new Promise((resolve, reject) => {
      worker.addEventListener('error', (event) => reject(new Error(event.message || 'the UMAP worker could not start')));
      worker.addEventListener('message', (event) => {
        if (run !== this.run) return;
        const message = event.data;
        if (message.phase === 'error') reject(new Error(message.message));
        if (message.phase === 'layout' || message.phase === 'done') {
          this.empty.hidden = true;
          // The first layout is fitted; later ones keep a zoom or pan the reader made meanwhile.
          const layout = message.phase === 'done' ? `umap:${count}` : `umap:${count}:epoch-${message.epoch}`;
          this.map.setPoints(message.x, message.y, labels, { keepView: !firstLayout, layout });
          this.coordinates = { x: message.x, y: message.y, labels };
          firstLayout = false;
          this.shown = { key: set.key, count, method: 'umap' };
        }
        if (message.phase === 'layout') {
          this.progress.value = 0.25 + (0.75 * message.epoch) / message.epochs;
          this.status.textContent = `UMAP layout: epoch ${message.epoch} of ${message.epochs}…`;
        }
        if (message.phase === 'done') resolve(undefined);
      });
      worker.postMessage(
        { rows: knn.rows, count: knn.count, dim: knn.dim, knnIndices: knn.indices, knnDistances: knn.distances, k: knn.k, seed: kUmapSeed, epochs: count > 2000 ? 200 : 300 },
        [knn.rows.buffer, knn.indices.buffer, knn.distances.buffer],
      );
    });
    if (run !== this.run) return;
    this.stop(
      `UMAP of the ${en.format(count)} most frequent ${set.tokens ? 'tokens' : 'words'} (${kUmapNeighbours - 1} neighbours each, cosine) in ${((performance.now() - started) / 1000).toFixed(1)} s. Hover for a word, click one to see its neighbours.`,
    );
  }

  /**
   * Highlights a word and its neighbours on the map.
   * @param {string} typed
   * @param {{move?: boolean}} [options] move: false keeps the view (a new layout stays fitted)
   */
  async search(typed, options = {}) {
    const set = this.store.current;
    if (!set || !this.shown) return;
    if (!typed.trim()) {
      this.map.highlight(-1, []);
      this.showFound('');
      this.searchedRow = -1;
      if (this.colourSelect.value === 'similarity') await this.colour();
      return;
    }
    try {
      const result = await this.client.request('neighbors', { key: set.key, word: typed, k: 10 });
      if (result.oov) {
        this.map.highlight(-1, []);
        this.showFound(`“${result.query || typed}” is not in these vectors.`);
        return;
      }
      const count = this.shown.count;
      if (result.row < 0 || result.row >= count) {
        this.map.highlight(-1, []);
        this.showFound(
          result.row < 0
            ? `“${typed}” is not one ${set.tokens ? 'token' : 'word'} of these vectors, so it has no point on the map.`
            : `“${set.display[result.row]}” is #${en.format(result.row + 1)} by frequency; the map shows the ${en.format(count)} most frequent. Show more words to see it.`,
        );
        return;
      }
      const onMap = [...result.ids].filter((row) => row < count);
      this.map.highlight(result.row, onMap, options);
      this.searchedRow = result.row;
      if (this.colourSelect.value === 'similarity') await this.colour();
      const names = [...result.ids].map((row) => set.display[row]);
      this.showFound(
        `“${set.display[result.row]}” and its nearest: ${names.join(', ')}` +
          (onMap.length < names.length ? ` (${names.length - onMap.length} of them are rarer than the words on the map)` : '') +
          '.',
      );
    } catch (error) {
      this.showFound(messageOf(error));
    }
  }

  /**
   * Colours the points as the colour picker says: k-means clusters (computed
   * once per set, number of words and k), similarity to the searched word, or
   * one colour.
   */
  async colour() {
    const set = this.store.current;
    const mode = this.colourSelect.value;
    const run = ++this.colourRun;
    this.kField.hidden = mode !== 'clusters';
    if (!set || !this.shown) return;
    const { count } = this.shown;
    const scheme = this.map.scheme;
    if (mode !== 'clusters') this.showClusters(null);
    if (mode === 'none') {
      this.map.setColours(null, []);
      this.map.setLabelOrder(null);
      this.legend.hidden = true;
      return;
    }
    if (mode === 'similarity') {
      this.map.setColours(null, []);
      this.map.setLabelOrder(null);
      const row = this.searchedRow ?? -1;
      if (row < 0 || row >= count) {
        this.showLegend('Find a word on the map to colour the others by their cosine similarity to it.');
        return;
      }
      const scores = await this.client.request('similarities', { key: set.key, row, count });
      if (run !== this.colourRun) return;
      // Labels go first to the words nearest the searched one; equal scores keep frequency order.
      const order = Int32Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
      this.map.setColours(similarityBins(scores), similarityPalette(scheme));
      this.map.setLabelOrder(order);
      this.showLegend(`Darker blue: more similar to “${set.display[row]}” (cosine 1); grey: 0 or below. Labels go to its nearest words first.`);
      return;
    }
    const k = Math.round(Number(this.kInput.value));
    if (!(k >= kMapClusters.min && k <= kMapClusters.max)) {
      this.showLegend(`k is a whole number from ${kMapClusters.min} to ${kMapClusters.max}.`);
      return;
    }
    this.map.setLabelOrder(null);
    const cached = this.clusters;
    if (cached && cached.key === set.key && cached.count === count && cached.k === k) {
      this.map.setColours(cached.assignment, clusterPalette(k, scheme));
      return;
    }
    this.showLegend(`k-means: ${k} clusters of ${en.format(count)} words…`);
    this.progress.hidden = false;
    this.progress.value = 0;
    try {
      const result = await this.client.request('kmeans', { key: set.key, count, clusters: k, seed: 1 }, {
        onProgress: ({ iteration, limit }) => {
          if (run === this.colourRun) this.progress.value = iteration / limit;
        },
      });
      if (run !== this.colourRun) return;
      this.clusters = { key: set.key, count, k, assignment: result.assignment };
      this.map.setColours(result.assignment, clusterPalette(k, scheme));
      this.showLegend(
        `k-means (cosine, k-means++ seeding, seed 1) put the ${en.format(count)} words in ${k} clusters in ${result.iterations} iterations` +
          `${result.converged ? '' : ' (stopped at the limit)'}, ${(result.ms / 1000).toFixed(1)} s. Each cluster’s words nearest its centre:`,
      );
      this.showClusters({ sizes: result.sizes, top: result.top, palette: clusterPalette(k, scheme), display: set.display });
    } catch (error) {
      if (run === this.colourRun) this.showLegend(`k-means failed: ${messageOf(error)}`);
    } finally {
      if (run === this.colourRun && this.stopButton.hidden) this.progress.hidden = true;
    }
  }

  /** @param {string} text */
  showLegend(text) {
    this.legend.textContent = text;
    this.legend.hidden = false;
  }

  /**
   * Lists each cluster with its colour, size and top words; null empties the list.
   * @param {{sizes: Uint32Array, top: Int32Array, palette: string[], display: string[]} | null} clusters
   */
  showClusters(clusters) {
    this.clusterList.hidden = !clusters;
    if (!clusters) {
      this.clusterList.replaceChildren();
      return;
    }
    const perCluster = clusters.top.length / clusters.sizes.length;
    const items = [...clusters.sizes].map((size, c) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'emb-map-swatch';
      swatch.style.background = clusters.palette[c];
      swatch.setAttribute('aria-hidden', 'true');
      const words = [...clusters.top.subarray(c * perCluster, (c + 1) * perCluster)].filter((row) => row >= 0).map((row) => clusters.display[row]);
      const text = document.createElement('span');
      text.textContent = `${en.format(size)} words: ${words.join(', ')}`;
      item.append(swatch, text);
      return item;
    });
    this.clusterList.replaceChildren(...items);
  }

  /** The hidden list of labelled words in sight. @param {number[]} labelled */
  listLabels(labelled) {
    const labels = this.coordinates?.labels ?? [];
    const clusters = this.colourSelect.value === 'clusters' && this.clusters?.count === labels.length ? this.clusters.assignment : null;
    const items = labelled.map((index) => {
      const item = document.createElement('li');
      item.textContent = clusters ? `${labels[index] ?? ''}, cluster ${clusters[index] + 1}` : labels[index] ?? '';
      return item;
    });
    this.wordList.replaceChildren(...items);
  }

  /**
   * The map's coordinates (vectors.tsv: x and y per line) or its words
   * (metadata.tsv), in the same order. While the points show k-means
   * clusters, metadata.tsv has a second column, the cluster (numbered from 1 as listed),
   * and so a header line "word\tcluster", as the Projector reads it.
   * @param {'vectors' | 'metadata'} which
   */
  exportCoordinates(which) {
    const shown = this.coordinates;
    if (!shown || !this.shown) {
      this.status.textContent = 'Draw the map first; then its coordinates can be saved.';
      return;
    }
    const set = this.store.current;
    const clusters = this.colourSelect.value === 'clusters' && this.clusters?.key === set?.key && this.clusters?.count === shown.x.length ? this.clusters.assignment : null;
    const lines = which === 'metadata' && clusters ? ['word\tcluster'] : [];
    // A float32 value printed as a double reads back as the same float32. A
    // token's tab or line end would split the line: metadata gets a space.
    for (let i = 0; i < shown.x.length; i++) {
      const word = shown.labels[i].replace(/[\t\r\n]/g, ' ');
      lines.push(which === 'vectors' ? `${shown.x[i]}\t${shown.y[i]}` : clusters ? `${word}\t${clusters[i] + 1}` : word);
    }
    download(`${lines.join('\n')}\n`, `tokenlab-map-${this.shown.method}-${shown.x.length}-${which}.tsv`, 'text/tab-separated-values');
  }

  /** @param {{inSight: number, total: number, zoom: number}} sight */
  showSight({ inSight, total, zoom }) {
    const unit = this.store.current?.tokens ? 'tokens' : 'words';
    if (total === 0) {
      this.sight.textContent = '';
      return;
    }
    const shown = inSight === total ? `All ${en.format(total)} ${unit} in sight` : `${en.format(inSight)} of ${en.format(total)} ${unit} in sight`;
    this.sight.textContent = Math.abs(zoom - 1) < 0.005 ? `${shown}, the whole layout fitted to the map.` : `${shown} at ${zoom < 10 ? zoom.toFixed(1) : Math.round(zoom)}× zoom; Fit shows the whole layout.`;
  }

  /** @param {string} message what a search found; '' hides it */
  showFound(message) {
    this.found.textContent = message;
    this.found.hidden = !message;
  }
}
