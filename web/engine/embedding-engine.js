// @ts-check
// The embedding half of the WebAssembly module: camelCase methods over the
// raw "_"-prefixed Embind bindings (src/bindings/embedding_bindings.cpp),
// word lists packed into one byte array, and handle lifetimes. Runs unchanged
// in a Web Worker and in node.
//
//   const engine = new EmbeddingEngine(module);
//   const corpus = engine.wordCorpus();
//   corpus.addText('the cat sat\nthe dog sat\n'); corpus.finishWords(1);
//   const trainer = engine.createTrainer(corpus, {dim: 20, epochs: 50});
//   while (!trainer.step(10000).finished) {}
//   const vectors = trainer.vectors();
//   vectors.nearestToRow(vectors.find('cat'), 3) → {ids: Int32Array, scores: Float32Array}
//
// Memory: createTrainer refuses a trainer above kMaxTrainingBytes and
// vectorsFromVec a file above kMaxImportBytes (embedding-limits.js) before
// the engine allocates anything, each naming the numbers.

import { countArg, indexArg } from './args.js';
import { engineMemory, formatEngineMiB, kEngineMaxMemoryBytes } from './memory.js';
import { formatMiB, kMaxImportBytes, kMaxTrainingBytes } from './embedding-limits.js';

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * @typedef {{ids: Int32Array, scores: Float32Array}} NeighborList rows best first, cosine similarities
 * @typedef {{bytes: Uint8Array, offsets: Uint32Array}} PackedWords word i is bytes[offsets[i] .. offsets[i + 1]]
 * @typedef {{x: Float32Array, y: Float32Array, variance: Float64Array, totalVariance: number}} Projection
 * @typedef {{assignment: Uint32Array, sizes: Uint32Array, top: Int32Array, iterations: number, converged: boolean}} Clustering
 *   assignment: a cluster per row; top: clusters × perCluster rows nearest each centroid, -1 padded
 * @typedef {{wordsDone: number, wordsTotal: number, epoch: number, learningRate: number, loss: number, finished: boolean}} TrainingProgress
 * @typedef {object} TrainingOptions any field left out keeps the engine's default
 * @property {'skipgram' | 'cbow'} [model]
 * @property {number} [dim] 1..300
 * @property {number} [window] 1..20
 * @property {number} [negative] 1..25
 * @property {number} [minCount] at least 1
 * @property {number} [sample] 0 (off) or (0, 1)
 * @property {number} [epochs] 1..100
 * @property {number} [learningRate] (0, 1]
 * @property {number} [seed]
 */

/** @param {string[]} words @returns {PackedWords} */
export function packWords(words) {
  const parts = words.map((word) => textEncoder.encode(word));
  const offsets = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  const bytes = new Uint8Array(offsets[parts.length]);
  parts.forEach((part, i) => bytes.set(part, offsets[i]));
  return { bytes, offsets };
}

/** @param {PackedWords} packed @returns {string[]} */
export function unpackWords({ bytes, offsets }) {
  const words = new Array(offsets.length - 1);
  for (let i = 0; i + 1 < offsets.length; i++) words[i] = textDecoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  return words;
}

class Handle {
  /** @param {any} handle raw Embind handle @param {string} kind for messages */
  constructor(handle, kind) {
    /** @type {any} */
    this.handle = handle;
    this.kind = kind;
  }

  /** @returns {any} */
  live() {
    if (!this.handle) throw new Error(`${this.kind} was deleted (released with delete())`);
    return this.handle;
  }

  /** Frees the engine's copy; later calls throw. Safe to call twice. */
  delete() {
    if (this.handle) this.handle.delete();
    this.handle = null;
  }
}

/** A set of word vectors and its neighbour index. */
export class WordVectors extends Handle {
  /** @param {any} handle */
  constructor(handle) {
    super(handle, 'word vectors');
    /** @type {number} */
    this.size = handle._size();
    /** @type {number} */
    this.dim = handle._dim();
  }

  /** @returns {PackedWords} */
  packedWords() {
    return this.live()._words();
  }

  /** All words, row by row. */
  words() {
    return unpackWords(this.packedWords());
  }

  /** The row of a word, or -1. @param {string} word */
  find(word) {
    return /** @type {number} */ (this.live()._find(word));
  }

  /** Throws an Error for a row outside the vectors. @param {number} row */
  checkedRow(row) {
    return indexArg(row, this.size, 'row', `the ${this.size} vectors`);
  }

  /** @param {number} row @param {number} k @returns {NeighborList} */
  nearestToRow(row, k) {
    return this.live()._nearestToRow(this.checkedRow(row), countArg(k, 'k'));
  }

  /**
   * The rows nearest to any vector (need not be unit length), leaving out exclude.
   * @param {Float32Array} query dim values @param {number} k @param {ArrayLike<number>} [exclude]
   * @returns {NeighborList}
   */
  nearest(query, k, exclude = []) {
    return this.live()._nearest(query, countArg(k, 'k'), Int32Array.from(exclude));
  }

  /** 3CosAdd: rows nearest to a − b + c, the three left out. @param {number} a @param {number} b @param {number} c @param {number} k @returns {NeighborList} */
  analogy(a, b, c, k) {
    return this.live()._analogy(this.checkedRow(a), this.checkedRow(b), this.checkedRow(c), countArg(k, 'k'));
  }

  /** Cosine similarity of two rows. @param {number} a @param {number} b @returns {number} */
  similarity(a, b) {
    return this.live()._similarity(this.checkedRow(a), this.checkedRow(b));
  }

  /** @param {number} row @returns {Float32Array} */
  vector(row) {
    return this.live()._vector(this.checkedRow(row));
  }

  /**
   * The first count rows back to back (count × dim values).
   * @param {number} count @param {{unit?: boolean}} [options] unit: scaled to length 1
   * @returns {Float32Array}
   */
  rows(count, options = {}) {
    return this.live()._rows(countArg(count, 'the number of rows'), Boolean(options.unit));
  }

  /** PCA of the first count rows onto their two main axes. @param {number} count @returns {Projection} */
  pca(count) {
    return this.live()._pca(countArg(count, 'the number of rows'));
  }

  /** The Projector's TSV pair. @param {number} [significantDigits] 0 (default): exact @returns {{vectors: Uint8Array, metadata: Uint8Array}} */
  toTsv(significantDigits = 0) {
    return this.live()._toTsv(countArg(significantDigits, 'significant digits'));
  }

  /**
   * k-means of the first count rows by cosine (src/embedding/kmeans.h).
   * @param {number} count @param {number} clusters
   * @param {{seed?: number, maxIterations?: number, perCluster?: number, onIteration?: (iteration: number, limit: number) => void}} [options]
   * @returns {Clustering}
   */
  kmeans(count, clusters, options = {}) {
    return this.live()._kmeans(
      countArg(count, 'the number of rows'),
      countArg(clusters, 'the number of clusters'),
      countArg(options.seed ?? 1, 'the seed'),
      countArg(options.maxIterations ?? 50, 'the iteration limit'),
      countArg(options.perCluster ?? 10, 'words per cluster'),
      options.onIteration ?? null,
    );
  }

  /** The .vec file's bytes. @param {number} [significantDigits] 0 (default): exact @returns {Uint8Array} */
  toVec(significantDigits = 0) {
    return this.live()._toVec(countArg(significantDigits, 'significant digits'));
  }

  /**
   * The same words with post-processed vectors, fitted on every row:
   * 'none', 'centre' (the mean subtracted) or 'centre+D' (and the top D
   * principal components removed). Throws an Error for another name.
   * @param {string} name
   */
  postProcessed(name) {
    return new WordVectors(this.live()._postProcessed(name));
  }

  /** The same words with the vectors a trainer of this size, dim and seed starts from. @param {number} seed */
  dayZero(seed) {
    return new WordVectors(this.live()._dayZero(seed));
  }

  memoryBytes() {
    return /** @type {number} */ (this.live()._memoryBytes());
  }
}

/** A training corpus being read: text chunks (words) or token ids. */
export class EmbeddingCorpus extends Handle {
  /** @param {any} handle @param {'word' | 'token'} unit what it counts, for messages */
  constructor(handle, unit) {
    super(handle, 'corpus');
    this.unit = unit;
  }

  /** @param {string | Uint8Array} chunk any piece of the text; a word may span two chunks */
  addText(chunk) {
    this.live()._addText(typeof chunk === 'string' ? textEncoder.encode(chunk) : chunk);
  }

  /** @param {Int32Array} ids token ids, -1 for a sentence end */
  addIds(ids) {
    this.live()._addIds(ids);
  }

  /** Words or ids read so far. @returns {number} */
  entriesRead() {
    return this.live()._entriesRead();
  }

  /** @param {number} minCount */
  finishWords(minCount) {
    this.live()._finishWords(minCount);
  }

  /** @param {PackedWords} names one per token id @param {number} minCount */
  finishIds(names, minCount) {
    this.live()._finishIds(names.bytes, names.offsets, minCount);
  }

  /** @returns {number} */
  vocabularySize() {
    return this.live()._vocabularySize();
  }

  /** Corpus words in the vocabulary (those below the minimum count left out). @returns {number} */
  corpusWords() {
    return this.live()._corpusWords();
  }

  /** Bytes a trainer of this corpus would hold at this dimension. @param {number} dim @returns {number} */
  trainingMemoryBytes(dim) {
    return this.live()._trainingMemoryBytes(dim);
  }
}

export class EmbeddingTrainer extends Handle {
  /** @param {any} handle */
  constructor(handle) {
    super(handle, 'trainer');
  }

  /** Trains on about `words` more corpus words. @param {number} words @returns {TrainingProgress} */
  step(words) {
    return this.live()._step(words);
  }

  /** @returns {TrainingProgress} */
  progress() {
    return this.live()._progress();
  }

  /** A copy of the vectors as they are now. */
  vectors() {
    return new WordVectors(this.live()._vectors());
  }

  memoryBytes() {
    return /** @type {number} */ (this.live()._memoryBytes());
  }
}

export class EmbeddingEngine {
  /** @param {any} module the instantiated Emscripten module */
  constructor(module) {
    this.module = module;
  }

  /** @param {'line' | 'document'} [sentences] line: windows stop at line ends */
  wordCorpus(sentences = 'line') {
    return new EmbeddingCorpus(this.module.EmbeddingCorpus._forWords(sentences), 'word');
  }

  idCorpus() {
    return new EmbeddingCorpus(this.module.EmbeddingCorpus._forIds(), 'token');
  }

  /**
   * Takes the corpus's vocabulary and rows (the corpus is left empty).
   * Throws an Error, before allocating, when the trainer would hold more
   * than kMaxTrainingBytes.
   * @param {EmbeddingCorpus} corpus @param {TrainingOptions} options
   */
  createTrainer(corpus, options) {
    const dim = options.dim ?? 100;
    const memory = corpus.trainingMemoryBytes(countArg(dim, 'dim'));
    if (memory > kMaxTrainingBytes) {
      const size = corpus.vocabularySize().toLocaleString('en-US');
      throw new Error(
        `training ${size} ${corpus.unit}s at ${dim} dimensions needs ${formatMiB(memory)}; the page allows ${formatMiB(kMaxTrainingBytes)} ` +
          `(the engine can grow to ${formatEngineMiB(kEngineMaxMemoryBytes)} and copies the vectors out when training ends): ` +
          'raise min count, lower the dimension or use less text',
      );
    }
    return new EmbeddingTrainer(this.module.EmbeddingTrainer._create(corpus.live(), options));
  }

  /** Throws an Error naming the first setting out of range. @param {TrainingOptions} options */
  validateOptions(options) {
    this.module.EmbeddingTrainer._validateOptions(options);
  }

  /**
   * A .vec file (word2vec / fastText / GloVe text). Throws an Error naming
   * the line, or, before reading, naming the sizes when the file is larger
   * than kMaxImportBytes.
   * @param {Uint8Array} bytes
   */
  vectorsFromVec(bytes) {
    if (bytes.length > kMaxImportBytes) {
      throw new Error(
        `a .vec file of ${formatMiB(bytes.length)} is more than the ${formatMiB(kMaxImportBytes)} the page imports: the engine holds the file, ` +
          `its vectors and their unit-length copy at once, and can grow to ${formatEngineMiB(kEngineMaxMemoryBytes)}`,
      );
    }
    return new WordVectors(this.module.WordVectors._fromVec(bytes));
  }

  /**
   * The Projector's TSV pair: vectors.tsv (one vector per line, tab
   * separated) and metadata.tsv (one word per line; a header line first when
   * it has several columns). Throws naming the file and line, or when the two
   * together are larger than kMaxImportBytes.
   * @param {Uint8Array} vectorsTsv @param {Uint8Array} metadataTsv
   */
  vectorsFromTsv(vectorsTsv, metadataTsv) {
    const total = vectorsTsv.length + metadataTsv.length;
    if (total > kMaxImportBytes) {
      throw new Error(`a TSV pair of ${formatMiB(total)} is more than the ${formatMiB(kMaxImportBytes)} the page imports`);
    }
    return new WordVectors(this.module.WordVectors._fromTsv(vectorsTsv, metadataTsv));
  }

  /**
   * @param {string[] | PackedWords} words @param {Float32Array} values words × dim, row by row @param {number} dim
   */
  vectorsFromRows(words, values, dim) {
    const packed = Array.isArray(words) ? packWords(words) : words;
    return new WordVectors(this.module.WordVectors._fromRows(packed.bytes, packed.offsets, values, dim));
  }

  /** Current size of the module's memory in bytes. */
  heapBytes() {
    return /** @type {number} */ (this.module.HEAPU8.length);
  }

  /** The module's memory now, its maximum and the bytes in use. */
  memory() {
    return engineMemory(this.module);
  }
}
