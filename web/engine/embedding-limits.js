// @ts-check
// What the Embeddings view allows, shared by the page and its worker so both
// state and enforce the same numbers.
//
// Memory at the largest settings: a trainer holds Trainer::memory_bytes (two
// vocabulary × dim matrices, 4 bytes per corpus word, small per-word tables)
// and is refused above kMaxTrainingBytes before any training starts. When it
// finishes, the trained vectors are copied out (one matrix plus its unit-length
// copy for the neighbour search) before the trainer is freed, so the peak is
// about twice that: 2 × 320 MB. Reading 64 MB of text adds about 4 bytes per
// word twice (the words as read and the corpus made from them), about 100 MB.

export const kMiB = 1024 * 1024;

/** Dropped training text, all files together; larger uploads are refused before reading. */
export const kMaxCorpusBytes = 64 * kMiB;
/** An imported .vec file. */
export const kMaxImportBytes = 200 * kMiB;
/** Trainer::memory_bytes of a training run. */
export const kMaxTrainingBytes = 320 * kMiB;

/** Points on the word map. */
export const kMapSizes = [500, 1000, 2000, 5000, 10000, 20000, 50000];
export const kDefaultMapSize = 2000;
/**
 * UMAP's exact neighbour search grows with the square of the words (20,000
 * words: 4 × 10⁸ dot products) and umap-js's layout with their number;
 * beyond this the page asks for PCA.
 */
export const kMaxUmapPoints = 20000;
/** Clusters a reader may ask k-means for on the map. */
export const kMapClusters = { min: 2, max: 40, value: 12 };

/** The training form's settings and their ranges (the engine checks them again). */
export const kTrainingFields = {
  dim: { min: 1, max: 300, value: 100 },
  window: { min: 1, max: 20, value: 5 },
  negative: { min: 1, max: 25, value: 5 },
  minCount: { min: 1, max: 1_000_000, value: 5 },
  sample: { min: 0, max: 0.1, value: 1e-4 },
  epochs: { min: 1, max: 100, value: 5 },
  learningRate: { min: 0.0001, max: 1, value: 0.025 },
  seed: { min: 0, max: 2 ** 31 - 1, value: 1 },
  // The panel lowers the maximum and the value to the device's cores (at most 8).
  threads: { min: 1, max: 8, value: 1 },
};

/** @param {number} bytes */
export function formatMiB(bytes) {
  return `${(bytes / kMiB).toLocaleString('en-US', { maximumFractionDigits: bytes < 10 * kMiB ? 1 : 0 })} MB`;
}
