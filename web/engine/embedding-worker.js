// @ts-check
// The module Web Worker behind the Embeddings view, with its own instance of
// the engine: it holds the vector sets (default, trained, imported), answers
// neighbour, analogy and similarity questions about them, and trains new
// vectors in chunks, so the page never blocks.
//
// Protocol as tokenizer-worker.js: the page posts {id, type, ...args}; the worker
// answers {id, ok: true, result} or {id, ok: false, error}, and may post
// {id, progress} before answering. A training run answers when it ends;
// "pause", "resume" and "cancel" requests steer it in between, because the
// run waits for a macrotask after every chunk and so lets them in. A run
// may name the key its vectors get ("trained" when it does not) and words to
// track, whose vectors it posts at every epoch end; with checkpoints it posts
// all its vectors at every epoch end but the last, for the page to keep
// (vector-snapshots.js). "snapshot" hands a set's vectors to the page and
// "restore" puts a kept set back.
//
// Every set is shown post-processed (src/embedding/post_processing.h): the
// set keeps its vectors as loaded or trained (`raw`), and `vectors` is what
// every question is asked of. "setPostProcessing" changes the choice for all
// sets at once, Day 0 included, so a comparison never mixes two choices.

import { decodeCompactVectors } from './compact-vectors.js';
import createTokenlabModule from '../dist/tokenlab.js';
import { readCorpus, tokenNames } from './embedding-corpus.js';
import { EmbeddingEngine } from './embedding-engine.js';
import { Engine } from './engine.js';
import { fetchWithProgress } from './fetch-progress.js';
import { composeIn, describe, neighboursOf, resolve, unit, vectorOf } from './word-lookup.js';
import { epochCheckpoints, rowsOfIds, snapshotOf } from './vector-snapshots.js';
import { threadsEngine, trainingThreads } from './training-threads.js';
import { serveRequests } from './worker-protocol.js';

/** @typedef {import('./embedding-engine.js').WordVectors} WordVectors */
/** @typedef {import('./engine.js').Tokenizer} Tokenizer */
/** @typedef {import('./word-lookup.js').VectorSet} VectorSet */
/** @typedef {import('./word-lookup.js').Resolved} Resolved */

/**
 * @typedef {object} TokenizerSource a tokenizer of the playground
 * @property {string} key
 * @property {string} name
 * @property {string} [url] a tiktoken rank file or a tokenizer.json
 * @property {Uint8Array} [tokenizerJson] a tokenizer.json (one trained in the Train view)
 */

const modulePromise = createTokenlabModule({
  locateFile: (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url).href,
});
const enginePromise = modulePromise.then((module) => ({ embedding: new EmbeddingEngine(module), tokenizers: new Engine(module) }));

/** @type {Map<string, VectorSet>} */
const sets = new Map();
/** @type {Map<string, Promise<Tokenizer>>} tokenizers by key */
const tokenizers = new Map();

const kStepTargetMs = 120;

// Centring by default: it brings the cosine of unrelated words to about
// zero and scored best overall on WordSim-353 and the analogy questions
// with the default vectors; removing principal components as well lowered
// both (build-scripts/make-default-vectors.mjs prints the table).
const kDefaultPostProcessing = 'centre';
let postProcessing = kDefaultPostProcessing;

/** 'none', 'centre' or 'centre+D'. @param {unknown} name */
function checkedPostProcessing(name) {
  if (typeof name !== 'string' || !/^(none|centre(\+\d{1,3})?)$/.test(name)) {
    throw new Error(`post-processing must be none, centre or centre+D (D components removed), not ${JSON.stringify(name)}`);
  }
  return name;
}

/** The vectors as shown, a new handle unless nothing is done. @param {WordVectors} raw */
function shown(raw) {
  return postProcessing === 'none' ? raw : raw.postProcessed(postProcessing);
}

/** A macrotask: lets queued messages (pause, cancel, queries) run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** @param {string} key */
function setFor(key) {
  const set = sets.get(key);
  if (!set) throw new Error(`no vectors "${key}" are loaded`);
  return set;
}

/** @param {VectorSet | undefined} set */
function dropSet(set) {
  set?.vectors.delete();
  set?.raw?.delete();
  set?.dayZero?.delete();
}

/** The set's Day 0, post-processed as its vectors are (fitted on its own rows). @param {VectorSet} set @param {number} seed */
function dayZeroOf(set, seed) {
  const raw = (set.raw ?? set.vectors).dayZero(seed);
  if (postProcessing === 'none') return raw;
  try {
    return raw.postProcessed(postProcessing);
  } finally {
    raw.delete();
  }
}

/** @param {string} key @param {VectorSet} set */
function putSet(key, set) {
  dropSet(sets.get(key));
  set.raw = set.vectors;
  set.vectors = shown(set.raw);
  sets.set(key, set);
  const words = set.vectors.packedWords();
  return { result: { key, info: set.info, words, postProcessing }, transfer: [words.bytes.buffer, words.offsets.buffer] };
}

/**
 * Keeps vectors read from a file (.vec or the TSV pair) as the imported set: words only, no text, tokenizer or Day 0.
 * @param {WordVectors} vectors @param {string} name @param {number} fileBytes
 */
function putImported(vectors, name, fileBytes) {
  return putSet('imported', {
    vectors,
    text: null,
    tokenizer: null,
    rowOfId: null,
    idNames: null,
    seed: null,
    dayZero: null,
    info: { label: 'Imported', name, unit: 'words', size: vectors.size, dim: vectors.dim, fileBytes, hasDayZero: false },
  });
}

/** FNV-1a, 32 bits: a quick fingerprint of a file. @param {Uint8Array} bytes */
function fnv1a(bytes) {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16);
}

/** @param {TokenizerSource} source */
function tokenizerFor(source) {
  // A vocabulary made in the page keeps its key when trained again, so its
  // bytes are part of the cache key: a new one loads afresh, while vectors
  // trained over the old one keep theirs.
  const key = source.tokenizerJson ? `${source.key}:${source.tokenizerJson.length}:${fnv1a(source.tokenizerJson)}` : source.key;
  let pending = tokenizers.get(key);
  if (!pending) {
    pending = (async () => {
      const { tokenizers: engine } = await enginePromise;
      if (source.tokenizerJson) return engine.loadTokenizerJson(source.name, source.tokenizerJson);
      if (!source.url) throw new Error(`tokenizer ${source.name} has no vocabulary file`);
      const bytes = await fetchWithProgress(source.url, () => {});
      return source.url.endsWith('.json') ? engine.loadTokenizerJson(source.name, bytes) : engine.loadTiktoken(source.name, bytes);
    })();
    pending.catch(() => tokenizers.delete(key));
    tokenizers.set(key, pending);
  }
  return pending;
}

/** @type {{id: number, paused: boolean, cancelled: boolean, wake: (() => void) | null} | null} */
let training = null;

async function checkpoint() {
  await nextTask();
  while (training?.paused && !training.cancelled) {
    await new Promise((resolve) => {
      if (training) training.wake = () => resolve(undefined);
    });
  }
  if (training?.cancelled) throw new Error('training was cancelled');
}

/** @param {number} seconds */
function formatSeconds(seconds) {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/**
 * Posts the tracked words' vectors as they are now, post-processed, as
 * {phase: 'epoch', epoch, words, missing, dim, values, postProcessing}; words
 * below the minimum count are missing.
 * @param {string[]} words @param {import('./embedding-engine.js').EmbeddingTrainer} trainer @param {(p: any) => void} progress
 */
function epochSnapshots(words, trainer, progress) {
  return (/** @type {number} */ epoch) => {
    // Post-processed as every set is, fitted on all the words at this epoch,
    // so the tour's cosines are those the finished vectors will show.
    const raw = trainer.vectors();
    let vectors = raw;
    try {
      vectors = shown(raw);
      const rows = words.map((word) => vectors.find(word));
      const found = words.filter((_, i) => rows[i] >= 0);
      const values = new Float32Array(found.length * vectors.dim);
      rows.filter((row) => row >= 0).forEach((row, i) => values.set(vectors.vector(row), i * vectors.dim));
      progress({ phase: 'epoch', epoch, words: found, missing: words.filter((_, i) => rows[i] < 0), dim: vectors.dim, values, postProcessing });
    } finally {
      if (vectors !== raw) vectors.delete();
      raw.delete();
    }
  };
}

/** The neighbour search under way; "stopKnn" moves it on, and the search stops at its next batch. */
let knnSearch = 0;

/** @type {Record<string, (message: any, progress: (p: any) => void, id: number) => Promise<{result: any, transfer?: Transferable[]}>>} */
const handlers = {
  async loadDefault({ url }, progress) {
    const { embedding } = await enginePromise;
    if (sets.has('default')) {
      const set = setFor('default');
      const words = set.vectors.packedWords();
      return { result: { key: 'default', info: set.info, words, postProcessing }, transfer: [words.bytes.buffer, words.offsets.buffer] };
    }
    const bytes = await fetchWithProgress(url, (loaded, total) => progress({ loaded, total }));
    const compact = decodeCompactVectors(bytes);
    const vectors = embedding.vectorsFromRows(compact.words, compact.values, compact.dim);
    const { meta } = compact;
    return putSet('default', {
      vectors,
      text: { lowercase: true, stripPunctuation: true },
      tokenizer: null,
      rowOfId: null,
      idNames: null,
      seed: meta.settings?.seed ?? null,
      dayZero: null,
      info: {
        label: 'Default',
        name: meta.name,
        source: meta.corpus,
        corpusWords: meta.corpusWords,
        vocabularyWords: meta.vocabularyWords,
        settings: meta.settings,
        unit: 'words',
        size: vectors.size,
        dim: vectors.dim,
        fileBytes: bytes.length,
        hasDayZero: meta.settings?.seed !== undefined,
        note: 'lower-cased, letters and apostrophes only',
      },
    });
  },

  async importVec({ name, bytes }) {
    const { embedding } = await enginePromise;
    let vectors;
    try {
      vectors = embedding.vectorsFromVec(bytes);
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? error.message : error}`);
    }
    if (vectors.size === 0) {
      vectors.delete();
      throw new Error(`${name} holds no vectors`);
    }
    return putImported(vectors, name, bytes.length);
  },

  /** Stops a neighbour search under way (the map's Stop). */
  async stopKnn() {
    knnSearch++;
    return { result: true };
  },

  /** The Projector's TSV pair as the imported set; errors name the file and line. */
  async importTsv({ name, vectorsTsv, metadataTsv }) {
    const { embedding } = await enginePromise;
    let vectors;
    try {
      vectors = embedding.vectorsFromTsv(vectorsTsv, metadataTsv);
    } catch (error) {
      throw new Error(`${name}: ${error instanceof Error ? error.message : error}`);
    }
    return putImported(vectors, name, vectorsTsv.length + metadataTsv.length);
  },

  async neighbors({ key, word, k }) {
    const set = setFor(key);
    const resolved = resolve(set, word);
    if (resolved.row < 0 && !resolved.vector) return { result: { ...describe(resolved), oov: true } };
    const list = neighboursOf(set, set.vectors, resolved, k);
    const vector = vectorOf(set, resolved);
    return { result: { ...describe(resolved), oov: false, ids: list.ids, scores: list.scores, vector } };
  },

  async dayZero({ key, word, k }) {
    const set = setFor(key);
    if (set.seed === null) throw new Error('these vectors were not trained here, so their start is not known');
    set.dayZero ??= dayZeroOf(set, set.seed);
    const resolved = resolve(set, word);
    if (resolved.row < 0 && !resolved.vector) return { result: { ...describe(resolved), oov: true } };
    const trained = neighboursOf(set, set.vectors, resolved, k);
    /** @type {Resolved} */
    const start = resolved.vector ? { ...resolved, vector: composeIn(set.dayZero, resolved) } : resolved;
    const initial = neighboursOf(set, set.dayZero, start, k);
    return { result: { ...describe(resolved), oov: false, trained, initial } };
  },

  async analogy({ key, a, b, c, k }) {
    const set = setFor(key);
    const words = [a, b, c].map((word) => resolve(set, word));
    const missing = words.filter((w) => w.row < 0 && !w.vector);
    if (missing.length) return { result: { inputs: words.map(describe), missing: missing.map((w) => w.query) } };
    let list;
    if (words.every((w) => w.row >= 0)) {
      list = set.vectors.analogy(words[0].row, words[1].row, words[2].row, k);
    } else {
      const [va, vb, vc] = words.map((w) => unit(vectorOf(set, w)));
      const target = va.map((x, i) => x - vb[i] + vc[i]);
      list = set.vectors.nearest(target, k, words.map((w) => w.row).filter((row) => row >= 0));
    }
    return { result: { inputs: words.map(describe), missing: [], ids: list.ids, scores: list.scores } };
  },

  async similarity({ key, a, b }) {
    const set = setFor(key);
    const [ra, rb] = [a, b].map((word) => resolve(set, word));
    const missing = [ra, rb].filter((w) => w.row < 0 && !w.vector).map((w) => w.query);
    if (missing.length) return { result: { inputs: [describe(ra), describe(rb)], missing } };
    let score;
    if (ra.row >= 0 && rb.row >= 0) {
      score = set.vectors.similarity(ra.row, rb.row);
    } else {
      const [ua, ub] = [unit(vectorOf(set, ra)), unit(vectorOf(set, rb))];
      score = ua.reduce((sum, x, i) => sum + x * ub[i], 0);
    }
    return { result: { inputs: [describe(ra), describe(rb)], missing: [], score } };
  },

  async pca({ key, count }) {
    const started = performance.now();
    const projection = setFor(key).vectors.pca(count);
    return {
      result: { ...projection, ms: performance.now() - started },
      transfer: [projection.x.buffer, projection.y.buffer],
    };
  },

  /**
   * k-means of the first count rows by cosine, with progress after each
   * iteration: {assignment, sizes, top, iterations, converged, ms}.
   */
  async kmeans({ key, count, clusters, seed }, progress) {
    const started = performance.now();
    const result = setFor(key).vectors.kmeans(count, clusters, {
      seed,
      onIteration: (iteration, limit) => progress({ iteration, limit }),
    });
    return {
      result: { ...result, ms: performance.now() - started },
      transfer: [result.assignment.buffer, result.sizes.buffer, result.top.buffer],
    };
  },

  /**
   * The first count rows (unit length) with each one's k nearest among them,
   * itself first at distance 0 as UMAP expects; distances are Euclidean
   * between unit vectors, sqrt(2 − 2 cos). Exact: count² dot products.
   */
  async knn({ key, count, k }, progress) {
    const { embedding } = await enginePromise;
    const search = ++knnSearch;
    const set = setFor(key);
    const n = Math.min(count, set.vectors.size);
    if (n <= k) throw new Error(`the map needs more than ${k} words`);
    const dim = set.vectors.dim;
    const rows = set.vectors.rows(n, { unit: true });
    const subset = embedding.vectorsFromRows({ bytes: new Uint8Array(0), offsets: new Uint32Array(n + 1) }, rows, dim);
    const indices = new Int32Array(n * k);
    const distances = new Float32Array(n * k);
    try {
      for (let i = 0; i < n; i++) {
        indices[i * k] = i;
        const list = subset.nearestToRow(i, k - 1);
        for (let j = 0; j < list.ids.length; j++) {
          indices[i * k + 1 + j] = list.ids[j];
          distances[i * k + 1 + j] = Math.sqrt(Math.max(0, 2 - 2 * list.scores[j]));
        }
        if (i % 250 === 249) {
          progress({ done: i + 1, total: n });
          // A macrotask between batches lets "stopKnn" and questions in.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (search !== knnSearch) throw new Error('the neighbour search was stopped');
        }
      }
    } finally {
      subset.delete();
    }
    return { result: { rows, dim, count: n, k, indices, distances }, transfer: [rows.buffer, indices.buffer, distances.buffer] };
  },

  /**
   * Several words' vectors at once, in the order asked; words without a
   * vector are listed as missing. Words made of several tokens get the mean
   * of their pieces, as in every other question.
   *   {key: 'default', words: ['king', 'zzz']} → {words: ['king'], missing: ['zzz'], dim, values}
   */
  async vectorsOf({ key, words }) {
    const set = setFor(key);
    /** @type {string[]} */
    const found = [];
    /** @type {string[]} */
    const missing = [];
    /** @type {Float32Array[]} */
    const rows = [];
    for (const word of /** @type {string[]} */ (words)) {
      const resolved = resolve(set, word);
      if (resolved.row < 0 && !resolved.vector) {
        missing.push(word);
        continue;
      }
      found.push(word);
      rows.push(vectorOf(set, resolved));
    }
    const dim = set.vectors.dim;
    const values = new Float32Array(rows.length * dim);
    rows.forEach((vector, i) => values.set(vector, i * dim));
    return { result: { words: found, missing, dim, values }, transfer: [values.buffer] };
  },

  /**
   * Shows every set with another post-processing ('none', 'centre',
   * 'centre+D'); Day 0 is made again on next use.
   *   {name: 'none'} → {name: 'none'}
   */
  async setPostProcessing({ name }) {
    await enginePromise;
    const next = checkedPostProcessing(name);
    if (next === postProcessing) return { result: { name: next } };
    postProcessing = next;
    for (const set of sets.values()) {
      const raw = set.raw ?? set.vectors;
      if (set.vectors !== raw) set.vectors.delete();
      set.vectors = shown(raw);
      set.dayZero?.delete();
      set.dayZero = null;
    }
    return { result: { name: next } };
  },

  async postProcessing() {
    return { result: { name: postProcessing } };
  },

  /** The set's vectors as loaded or trained, as the Projector's TSV pair, exact. */
  async exportTsv({ key }) {
    const set = setFor(key);
    const pair = (set.raw ?? set.vectors).toTsv(0);
    return { result: pair, transfer: [pair.vectors.buffer, pair.metadata.buffer] };
  },

  /** Cosine similarity of the first count rows to one row (itself 1). */
  async similarities({ key, row, count }) {
    const set = setFor(key);
    const n = Math.min(count, set.vectors.size);
    const scores = new Float32Array(n);
    const list = set.vectors.nearestToRow(row, set.vectors.size - 1);
    for (let j = 0; j < list.ids.length; j++) if (list.ids[j] < n) scores[list.ids[j]] = list.scores[j];
    if (row < n) scores[row] = 1;
    return { result: scores, transfer: [scores.buffer] };
  },

  // The file holds the vectors as loaded or trained, before post-processing,
  // so importing it again and choosing the same post-processing shows the same.
  async exportVec({ key }) {
    const set = setFor(key);
    const bytes = (set.raw ?? set.vectors).toVec(6);
    return { result: bytes, transfer: [bytes.buffer] };
  },

  async validateTraining({ options }) {
    const { embedding } = await enginePromise;
    // The thread count is the threads module's to check (1..8); here the rest.
    embedding.validateOptions({ ...options, threads: 1 });
    return { result: true };
  },

  async train(args, progress, id) {
    const { embedding } = await enginePromise;
    if (training) throw new Error('a training run is already going');
    embedding.validateOptions({ ...args.options, threads: 1 });
    training = { id, paused: false, cancelled: false, wake: null };
    /** @type {import('./embedding-engine.js').EmbeddingTrainer | null} */
    let trainer = null;
    try {
      // Several threads train in the threads module, which holds the corpus
      // and trainer; the finished vectors are copied into this one.
      let { threads, note: threadNote } = trainingThreads(args.options.threads, self.crossOriginIsolated === true);
      let trainEngine = embedding;
      if (threads > 1) {
        try {
          trainEngine = await threadsEngine();
        } catch (error) {
          threads = 1;
          threadNote = `training on one thread: the threads module did not load (${error instanceof Error ? error.message : String(error)})`;
        }
      }
      const options = { ...args.options, threads };
      const readStarted = performance.now();
      const { corpus, tokenizer, idNames } = await readCorpus(trainEngine, args, progress, { checkpoint, tokenizerFor });
      const vocabularySize = corpus.vocabularySize();
      const corpusWords = corpus.corpusWords();
      const unitName = tokenizer ? 'token' : 'word';
      if (vocabularySize === 0 || corpusWords === 0) {
        const read = corpus.entriesRead();
        corpus.delete();
        throw new Error(
          read === 0
            ? `the corpus holds no ${unitName}s`
            : `no ${unitName} of the ${read.toLocaleString('en-US')} read occurs at least min count (${args.options.minCount}) times: lower the min count or give more text`,
        );
      }
      const memory = corpus.trainingMemoryBytes(args.options.dim);
      // Refuses, naming the sizes, a trainer over the page's memory limit.
      try {
        trainer = trainEngine.createTrainer(corpus, options);
      } finally {
        corpus.delete();
      }
      const readSeconds = (performance.now() - readStarted) / 1000;
      progress({ phase: 'ready', vocabularySize, corpusWords, memoryBytes: memory, readSeconds, threads, threadNote });

      let stepWords = 20000;
      let trainingMs = 0;
      let state = trainer.progress();
      // With `track`, each epoch ends a step, and the tracked words' vectors
      // are posted then (and once before training): epoch 0 is the random start.
      const track = args.track ? epochSnapshots(/** @type {string[]} */ (args.track), trainer, progress) : null;
      let trackedEpoch = 0;
      track?.(0);
      const keep = args.checkpoints ? epochCheckpoints(trainer, args.options.epochs, progress) : null;
      let keptEpoch = 0;
      while (!state.finished) {
        await checkpoint();
        const started = performance.now();
        const epochWords = state.wordsTotal / args.options.epochs;
        const toEpochEnd = (Math.floor(state.wordsDone / epochWords + 1e-9) + 1) * epochWords - state.wordsDone;
        const asked = track || keep ? Math.max(1, Math.min(stepWords, Math.round(toEpochEnd))) : stepWords;
        state = trainer.step(asked);
        const ms = performance.now() - started;
        trainingMs += ms;
        // Aim each chunk at about kStepTargetMs so messages get through often.
        stepWords = Math.max(1000, Math.min(2_000_000, Math.round((asked * kStepTargetMs) / Math.max(ms, 1))));
        const wordsPerSecond = state.wordsDone / (trainingMs / 1000);
        progress({
          phase: 'training',
          ...state,
          wordsPerSecond,
          etaSeconds: (state.wordsTotal - state.wordsDone) / Math.max(wordsPerSecond, 1),
          elapsedSeconds: trainingMs / 1000,
        });
        const epochsDone = Math.floor(state.wordsDone / epochWords + 1e-9);
        if (track && epochsDone > trackedEpoch) track((trackedEpoch = epochsDone));
        if (keep && epochsDone > keptEpoch && !state.finished) keep((keptEpoch = epochsDone));
      }
      const trained = trainer.vectors();
      trainer.delete();
      trainer = null;
      let vectors = trained;
      if (trainEngine !== embedding) {
        try {
          vectors = embedding.vectorsFromRows(trained.packedWords(), trained.rows(trained.size), trained.dim);
        } finally {
          trained.delete();
        }
      }
      const seconds = trainingMs / 1000;
      /** @type {Int32Array | null} */
      let rowOfId = null;
      if (idNames) {
        const rowOfName = new Map(vectors.words().map((word, row) => [word, row]));
        rowOfId = Int32Array.from(idNames, (name) => rowOfName.get(name) ?? -1);
      }
      return putSet(args.key ?? 'trained', {
        vectors,
        text: args.text,
        tokenizer,
        rowOfId,
        idNames,
        seed: args.options.seed,
        dayZero: null,
        info: {
          label: 'Trained',
          name: args.sourceName,
          unit: tokenizer ? 'tokens' : 'words',
          tokenizerName: tokenizer ? (args.tokenizerLabel ?? tokenizer.name) : undefined,
          size: vectors.size,
          dim: vectors.dim,
          corpusWords,
          settings: options,
          text: args.text,
          hasDayZero: true,
          threads,
          threadNote,
          seconds,
          wordsPerSecond: state.wordsDone / seconds,
          summary: `${state.wordsDone.toLocaleString('en-US')} ${unitName}s in ${formatSeconds(seconds)} on ${threads === 1 ? 'one thread' : `${threads} threads`}`,
        },
      });
    } finally {
      trainer?.delete();
      training = null;
    }
  },

  /** A set's vectors as trained (or imported), for the page to keep. */
  async snapshot({ key }) {
    const set = setFor(key);
    // The vectors as loaded or trained, before any post-processing for display.
    const { snapshot, transfer } = snapshotOf(/** @type {{raw?: WordVectors}} */ (set).raw ?? set.vectors);
    return { result: snapshot, transfer };
  },

  /**
   * A kept set back under key: its rows, how its queries are prepared, its
   * seed (for Day 0) and, for token vectors, its tokenizer.
   */
  async restore({ key, words, values, dim, info, text = null, seed = null, tokenizer = null }) {
    const { embedding } = await enginePromise;
    const vectors = embedding.vectorsFromRows(words, values, dim);
    try {
      const loaded = tokenizer ? await tokenizerFor(tokenizer) : null;
      const idNames = loaded ? tokenNames(loaded) : null;
      const rowOfId = idNames ? rowsOfIds(vectors, idNames) : null;
      return putSet(key, { vectors, text, tokenizer: loaded, rowOfId, idNames, seed, dayZero: null, info });
    } catch (error) {
      vectors.delete();
      throw error;
    }
  },

  async pause() {
    if (training) training.paused = true;
    return { result: Boolean(training) };
  },

  async resume() {
    if (training) {
      training.paused = false;
      training.wake?.();
    }
    return { result: Boolean(training) };
  },

  async cancel() {
    if (training) {
      training.cancelled = true;
      training.wake?.();
    }
    return { result: Boolean(training) };
  },

  async heap() {
    const { embedding } = await enginePromise;
    return { result: { heapBytes: embedding.heapBytes(), memory: embedding.memory() } };
  },
};

serveRequests(handlers, (id) => (/** @type {any} */ value, /** @type {Transferable[]} */ transfer = []) => self.postMessage({ id, progress: value }, { transfer }));
