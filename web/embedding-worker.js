// @ts-check
// The module Web Worker behind the Embeddings view, with its own instance of
// the engine: it holds the vector sets (default, trained, imported), answers
// neighbour, analogy and similarity questions about them, and trains new
// vectors in chunks, so the page never blocks.
//
// Protocol as worker.js: the page posts {id, type, ...args}; the worker
// answers {id, ok: true, result} or {id, ok: false, error}, and may post
// {id, progress} before answering. A training run answers when it ends;
// "pause", "resume" and "cancel" requests steer it in between, because the
// run waits for a macrotask after every chunk and so lets them in.

import { decodeCompactVectors } from './compact-vectors.js';
import createTokenlabModule from './dist/tokenlab.js';
import { EmbeddingEngine, packWords } from './embedding-engine.js';
import { kMaxCorpusBytes, kMaxImportBytes, kMaxTrainingBytes, formatMiB } from './embedding-limits.js';
import { Engine } from './engine.js';
import { tokenName } from './token-names.js';

/** @typedef {import('./embedding-engine.js').WordVectors} WordVectors */
/** @typedef {import('./engine.js').Tokenizer} Tokenizer */

/**
 * @typedef {object} TextOptions how text is prepared before it is split
 * @property {boolean} lowercase
 * @property {boolean} stripPunctuation keep letters, digits and apostrophes inside words
 */

/**
 * @typedef {object} TokenizerSource a tokenizer of the playground
 * @property {string} key
 * @property {string} name
 * @property {string} [url] a tiktoken rank file
 * @property {Uint8Array} [tokenizerJson] a tokenizer.json (one trained in the Train view)
 */

/**
 * @typedef {object} VectorSet
 * @property {WordVectors} vectors
 * @property {Record<string, any>} info what the page shows about the set
 * @property {TextOptions | null} text how queries are prepared (as the training text was)
 * @property {Tokenizer | null} tokenizer for sets of token vectors
 * @property {Int32Array | null} rowOfId token id → row, or -1
 * @property {string[] | null} idNames token id → its vector's name
 * @property {number | null} seed the training seed, when Day 0 can be made again
 * @property {WordVectors | null} dayZero made on first use
 */

const modulePromise = createTokenlabModule({
  locateFile: (/** @type {string} */ file) => new URL(`./dist/${file}`, import.meta.url).href,
});
const enginePromise = modulePromise.then((module) => ({ embedding: new EmbeddingEngine(module), tokenizers: new Engine(module) }));

/** @type {Map<string, VectorSet>} */
const sets = new Map();
/** @type {Map<string, Promise<Tokenizer>>} tokenizers by key */
const tokenizers = new Map();

const kReadChunkBytes = 1 << 20;
const kStepTargetMs = 120;

/** A macrotask: lets queued messages (pause, cancel, queries) run. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * @param {string} url @param {(loaded: number, total: number) => void} onProgress
 */
async function fetchBytes(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** @param {string} key */
function setFor(key) {
  const set = sets.get(key);
  if (!set) throw new Error(`no vectors "${key}" are loaded`);
  return set;
}

/** @param {VectorSet | undefined} set */
function dropSet(set) {
  set?.vectors.delete();
  set?.dayZero?.delete();
}

/** @param {string} key @param {VectorSet} set */
function putSet(key, set) {
  dropSet(sets.get(key));
  sets.set(key, set);
  const words = set.vectors.packedWords();
  return { result: { key, info: set.info, words }, transfer: [words.bytes.buffer, words.offsets.buffer] };
}

/** @param {TokenizerSource} source */
function tokenizerFor(source) {
  let pending = tokenizers.get(source.key);
  if (!pending) {
    pending = (async () => {
      const { tokenizers: engine } = await enginePromise;
      if (source.tokenizerJson) return engine.loadTokenizerJson(source.name, source.tokenizerJson);
      if (!source.url) throw new Error(`tokenizer ${source.name} has no vocabulary file`);
      const bytes = await fetchBytes(source.url, () => {});
      return source.url.endsWith('.json') ? engine.loadTokenizerJson(source.name, bytes) : engine.loadTiktoken(source.name, bytes);
    })();
    pending.catch(() => tokenizers.delete(source.key));
    tokenizers.set(source.key, pending);
  }
  return pending;
}

// ---- Text preparation ----

/** @param {TextOptions} options @returns {(text: string) => string} */
function textPreparer({ lowercase, stripPunctuation }) {
  return (text) => {
    let out = lowercase ? text.toLowerCase() : text;
    if (stripPunctuation) {
      // Everything but letters, digits, apostrophes and line ends becomes a
      // space; then apostrophes not inside a word ('tis, quotes) go too.
      out = out.replace(/[^\p{L}\p{N}\p{M}'’\n]+/gu, ' ').replace(/(?<![\p{L}\p{N}])['’]+|['’]+(?![\p{L}\p{N}])/gu, ' ');
    }
    return out;
  };
}

/**
 * A query prepared as the set's training text was. Token queries keep their
 * spaces: " king" and "king" are different tokens.
 * @param {VectorSet} set @param {string} word @param {{trim: boolean}} options
 */
function prepareQuery(set, word, { trim }) {
  const prepared = set.text ? textPreparer(set.text)(word) : word;
  return trim ? prepared.trim() : prepared;
}

// ---- Looking words up ----

/**
 * @typedef {object} Resolved
 * @property {string} query the text looked up
 * @property {number} row the word's row, or -1
 * @property {Float32Array | null} vector the composed vector of an unknown word's pieces
 * @property {{name: string, row: number}[]} pieces for tokens: the pieces the text splits into
 */

/**
 * A word's row; for token vectors an unknown word gets the mean of its
 * pieces' unit vectors (pieces below the minimum count are left out).
 * @param {VectorSet} set @param {string} text
 * @returns {Resolved}
 */
function resolve(set, text) {
  const query = prepareQuery(set, text, { trim: !set.tokenizer });
  if (!query.trim()) throw new Error('type a word first');
  if (!set.tokenizer || !set.rowOfId) {
    return { query, row: set.vectors.find(query), vector: null, pieces: [] };
  }
  const rowOfId = set.rowOfId;
  const names = set.idNames ?? [];
  const { ids } = set.tokenizer.encode(query, { addSpecialTokens: false });
  const pieces = [...ids].map((id) => ({ name: names[id] ?? `<id${id}>`, row: id < rowOfId.length ? rowOfId[id] : -1 }));
  if (pieces.length === 1) return { query, row: pieces[0].row, vector: null, pieces };
  const known = pieces.filter((piece) => piece.row >= 0);
  if (known.length === 0) return { query, row: -1, vector: null, pieces };
  const dim = set.vectors.dim;
  const sum = new Float32Array(dim);
  for (const piece of known) {
    const vector = set.vectors.vector(piece.row);
    const length = Math.hypot(...vector) || 1;
    for (let i = 0; i < dim; i++) sum[i] += vector[i] / length / known.length;
  }
  return { query, row: -1, vector: sum, pieces };
}

/** @param {VectorSet} set @param {Resolved} resolved */
function vectorOf(set, resolved) {
  if (resolved.row >= 0) return set.vectors.vector(resolved.row);
  if (resolved.vector) return resolved.vector;
  throw new Error(`“${resolved.query}” is not in the vocabulary`);
}

/** @param {Resolved} resolved */
function describe(resolved) {
  return { query: resolved.query, row: resolved.row, composed: resolved.row < 0 && resolved.vector !== null, pieces: resolved.pieces };
}

/** @param {Float32Array} v */
function unit(v) {
  const length = Math.hypot(...v) || 1;
  return v.map((x) => x / length);
}

/** Neighbours of a resolved word, its own row (or its pieces) left out. @param {VectorSet} set @param {WordVectors} vectors @param {Resolved} resolved @param {number} k */
function neighboursOf(set, vectors, resolved, k) {
  if (resolved.row >= 0) return vectors.nearestToRow(resolved.row, k);
  return vectors.nearest(vectorOf(set, resolved), k, resolved.pieces.map((piece) => piece.row).filter((row) => row >= 0));
}

// ---- Training ----

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

/**
 * The training text as byte chunks: the sample (fetched) or the dropped files, one after another.
 * @param {{sampleUrl?: string, files?: File[]}} source
 * @param {(read: number, total: number) => void} onRead
 * @returns {AsyncGenerator<Uint8Array | null>} null between files (a sentence end)
 */
async function* textChunks(source, onRead) {
  /** @type {ReadableStream<Uint8Array>[]} */
  const streams = [];
  let total = 0;
  if (source.files?.length) {
    total = source.files.reduce((sum, file) => sum + file.size, 0);
    if (total > kMaxCorpusBytes) {
      throw new Error(`the files hold ${formatMiB(total)} of text; the page trains on at most ${formatMiB(kMaxCorpusBytes)}`);
    }
    for (const file of source.files) streams.push(file.stream());
  } else if (source.sampleUrl) {
    const response = await fetch(source.sampleUrl);
    if (!response.ok || !response.body) throw new Error(`could not load the sample corpus: HTTP ${response.status}`);
    total = Number(response.headers.get('content-length')) || 0;
    streams.push(response.body);
  } else {
    throw new Error('choose a corpus: the sample or your files');
  }
  let read = 0;
  for (const stream of streams) {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = 0; at < value.length; at += kReadChunkBytes) {
        const chunk = value.subarray(at, at + kReadChunkBytes);
        read += chunk.length;
        if (read > kMaxCorpusBytes) throw new Error(`the text is larger than ${formatMiB(kMaxCorpusBytes)}, the most the page trains on`);
        onRead(read, total);
        yield chunk;
      }
    }
    yield null;
  }
}

/**
 * Reads the corpus into the engine: words (split on whitespace, as word2vec
 * does) or the ids of a tokenizer, one sentence per line.
 * @param {EmbeddingEngine} engine @param {any} args @param {(p: object) => void} progress
 */
async function readCorpus(engine, args, progress) {
  const text = /** @type {TextOptions} */ (args.text);
  const prepare = text.lowercase || text.stripPunctuation ? textPreparer(text) : null;
  const tokenizer = args.unit === 'tokens' ? await tokenizerFor(args.tokenizer) : null;
  const corpus = tokenizer ? engine.idCorpus() : engine.wordCorpus('line');
  const encoder = new TextEncoder();
  let decoder = new TextDecoder();
  /** @type {number[]} */
  let ids = [];
  let pendingLine = '';
  /** @type {string[] | null} */
  let idNames = null;
  const flushIds = () => {
    corpus.addIds(Int32Array.from(ids));
    ids = [];
  };
  /** @param {string} line */
  const addLine = (line) => {
    if (!tokenizer) return;
    const encoded = tokenizer.encode(line, { addSpecialTokens: false }).ids;
    for (const id of encoded) ids.push(id);
    ids.push(-1);
  };
  try {
    for await (const chunk of textChunks(args.source, (read, total) => progress({ phase: 'reading', read, total, entries: corpus.entriesRead() }))) {
      if (chunk === null) {
        // A file ends: finish its last line.
        const rest = decoder.decode();
        decoder = new TextDecoder();
        if (tokenizer) {
          addLine(pendingLine + (prepare ? prepare(rest) : rest));
          pendingLine = '';
          flushIds();
        } else {
          corpus.addText(encoder.encode((prepare ? prepare(rest) : rest) + '\n'));
        }
        continue;
      }
      if (!tokenizer) {
        corpus.addText(prepare ? encoder.encode(prepare(decoder.decode(chunk, { stream: true }))) : chunk);
      } else {
        const lines = (pendingLine + (prepare ? prepare(decoder.decode(chunk, { stream: true })) : decoder.decode(chunk, { stream: true }))).split('\n');
        pendingLine = lines.pop() ?? '';
        for (const line of lines) addLine(line);
        if (ids.length > 1 << 20) flushIds();
      }
      await checkpoint();
    }
    if (tokenizer) {
      idNames = tokenNames(tokenizer);
      corpus.finishIds(packWords(idNames), args.options.minCount);
    } else {
      corpus.finishWords(args.options.minCount);
    }
  } catch (error) {
    corpus.delete();
    throw error;
  }
  return { corpus, tokenizer, idNames };
}

/**
 * Every id's vector name, from its bytes as the CLI names them; ids that are
 * not tokens never occur, and a distinct name keeps them apart.
 * @param {Tokenizer} tokenizer
 */
function tokenNames(tokenizer) {
  const { bytes, offsets } = tokenizer.vocabulary();
  const names = new Array(offsets.length - 1);
  for (let id = 0; id + 1 < offsets.length; id++) {
    const token = bytes.subarray(offsets[id], offsets[id + 1]);
    names[id] = token.length ? tokenName(token) : `<id${id}>`;
  }
  return names;
}

/** @param {number} seconds */
function formatSeconds(seconds) {
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** @type {Record<string, (message: any, progress: (p: any) => void, id: number) => Promise<{result: any, transfer?: Transferable[]}>>} */
const handlers = {
  async loadDefault({ url }, progress) {
    const { embedding } = await enginePromise;
    if (sets.has('default')) {
      const set = setFor('default');
      const words = set.vectors.packedWords();
      return { result: { key: 'default', info: set.info, words }, transfer: [words.bytes.buffer, words.offsets.buffer] };
    }
    const bytes = await fetchBytes(url, (loaded, total) => progress({ loaded, total }));
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
    if (bytes.length > kMaxImportBytes) {
      throw new Error(`${name} is ${formatMiB(bytes.length)}; the page imports .vec files of at most ${formatMiB(kMaxImportBytes)}`);
    }
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
    return putSet('imported', {
      vectors,
      text: null,
      tokenizer: null,
      rowOfId: null,
      idNames: null,
      seed: null,
      dayZero: null,
      info: { label: 'Imported', name, unit: 'words', size: vectors.size, dim: vectors.dim, fileBytes: bytes.length, hasDayZero: false },
    });
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
    set.dayZero ??= set.vectors.dayZero(set.seed);
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
   * The first count rows (unit length) with each one's k nearest among them,
   * itself first at distance 0 as UMAP expects; distances are Euclidean
   * between unit vectors, sqrt(2 − 2 cos). Exact: count² dot products.
   */
  async knn({ key, count, k }, progress) {
    const { embedding } = await enginePromise;
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
        if (i % 250 === 249) progress({ done: i + 1, total: n });
      }
    } finally {
      subset.delete();
    }
    return { result: { rows, dim, count: n, k, indices, distances }, transfer: [rows.buffer, indices.buffer, distances.buffer] };
  },

  async exportVec({ key }) {
    const bytes = setFor(key).vectors.toVec(6);
    return { result: bytes, transfer: [bytes.buffer] };
  },

  async validateTraining({ options }) {
    const { embedding } = await enginePromise;
    embedding.validateOptions(options);
    return { result: true };
  },

  async train(args, progress, id) {
    const { embedding } = await enginePromise;
    if (training) throw new Error('a training run is already going');
    embedding.validateOptions(args.options);
    training = { id, paused: false, cancelled: false, wake: null };
    /** @type {import('./embedding-engine.js').EmbeddingTrainer | null} */
    let trainer = null;
    try {
      const readStarted = performance.now();
      const { corpus, tokenizer, idNames } = await readCorpus(embedding, args, progress);
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
      if (memory > kMaxTrainingBytes) {
        corpus.delete();
        throw new Error(
          `training ${vocabularySize.toLocaleString('en-US')} ${unitName}s at ${args.options.dim} dimensions needs ${formatMiB(memory)}; ` +
            `the page allows ${formatMiB(kMaxTrainingBytes)}: raise min count, lower the dimension or use less text`,
        );
      }
      trainer = embedding.createTrainer(corpus, args.options);
      corpus.delete();
      const readSeconds = (performance.now() - readStarted) / 1000;
      progress({ phase: 'ready', vocabularySize, corpusWords, memoryBytes: memory, readSeconds });

      let stepWords = 20000;
      let trainingMs = 0;
      let state = trainer.progress();
      while (!state.finished) {
        await checkpoint();
        const started = performance.now();
        state = trainer.step(stepWords);
        const ms = performance.now() - started;
        trainingMs += ms;
        // Aim each chunk at about kStepTargetMs so messages get through often.
        stepWords = Math.max(1000, Math.min(2_000_000, Math.round((stepWords * kStepTargetMs) / Math.max(ms, 1))));
        const wordsPerSecond = state.wordsDone / (trainingMs / 1000);
        progress({
          phase: 'training',
          ...state,
          wordsPerSecond,
          etaSeconds: (state.wordsTotal - state.wordsDone) / Math.max(wordsPerSecond, 1),
          elapsedSeconds: trainingMs / 1000,
        });
      }
      const vectors = trainer.vectors();
      trainer.delete();
      trainer = null;
      const seconds = trainingMs / 1000;
      /** @type {Int32Array | null} */
      let rowOfId = null;
      if (idNames) {
        const rowOfName = new Map(vectors.words().map((word, row) => [word, row]));
        rowOfId = Int32Array.from(idNames, (name) => rowOfName.get(name) ?? -1);
      }
      return putSet('trained', {
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
          tokenizerName: tokenizer?.name,
          size: vectors.size,
          dim: vectors.dim,
          corpusWords,
          settings: args.options,
          text: args.text,
          hasDayZero: true,
          seconds,
          wordsPerSecond: state.wordsDone / seconds,
          summary: `${state.wordsDone.toLocaleString('en-US')} ${unitName}s in ${formatSeconds(seconds)}`,
        },
      });
    } finally {
      trainer?.delete();
      training = null;
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
    return { result: { heapBytes: embedding.heapBytes() } };
  },
};

/**
 * The mean of an unknown word's piece vectors in another set of rows (Day 0).
 * @param {WordVectors} vectors @param {Resolved} resolved
 */
function composeIn(vectors, resolved) {
  const known = resolved.pieces.filter((piece) => piece.row >= 0);
  const sum = new Float32Array(vectors.dim);
  for (const piece of known) {
    const vector = unit(vectors.vector(piece.row));
    for (let i = 0; i < sum.length; i++) sum[i] += vector[i] / known.length;
  }
  return sum;
}

self.addEventListener('message', async (event) => {
  const { id, type, ...args } = event.data;
  const handler = handlers[type];
  try {
    if (!handler) throw new Error(`unknown request ${type}`);
    const progress = (/** @type {any} */ value) => self.postMessage({ id, progress: value });
    const { result, transfer = [] } = await handler(args, progress, id);
    self.postMessage({ id, ok: true, result }, { transfer });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
