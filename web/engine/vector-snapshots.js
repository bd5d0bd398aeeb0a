// @ts-check
// Vector sets out of the embeddings worker and back in, for the page to keep
// them in the browser: every row as trained (before any post-processing),
// the words packed, and, while training, a copy at the end of each epoch
// ("checkpoint") so a run cut short keeps its last finished epoch.
//
//   snapshotOf(vectors)  → {words: {bytes, offsets}, values: Float32Array (size × dim), dim, size}
//   const atEpochEnd = epochCheckpoints(trainer, 5, progress);
//   atEpochEnd(1) → progress({phase: 'checkpoint', epoch: 1, epochs: 5, dim, size, words, values})
//
// Memory: a checkpoint copies the vectors twice more for a moment (the
// engine's copy, then the rows handed to the page), so above
// kMaxCheckpointBytes of rows none are made; the first epoch end says so
// instead ({phase: 'checkpoint', skipped: true, bytes}).

import { kMiB } from './embedding-limits.js';

/** Rows above this are not copied out at each epoch end. */
export const kMaxCheckpointBytes = 128 * kMiB;

/**
 * @param {import('./embedding-engine.js').WordVectors} vectors
 * @returns {{snapshot: {words: import('./embedding-engine.js').PackedWords, values: Float32Array, dim: number, size: number}, transfer: Transferable[]}}
 */
export function snapshotOf(vectors) {
  const words = vectors.packedWords();
  const values = vectors.rows(vectors.size);
  return { snapshot: { words, values, dim: vectors.dim, size: vectors.size }, transfer: [words.bytes.buffer, words.offsets.buffer, values.buffer] };
}

/**
 * Posts the trainer's vectors at an epoch end; the words go with the first
 * checkpoint only, as they never change during a run.
 * @param {import('./embedding-engine.js').EmbeddingTrainer} trainer
 * @param {number} epochs
 * @param {(progress: any, transfer?: Transferable[]) => void} progress
 * @returns {(epoch: number) => void}
 */
export function epochCheckpoints(trainer, epochs, progress) {
  let sentWords = false;
  let skipped = false;
  return (epoch) => {
    if (skipped) return;
    const vectors = trainer.vectors();
    try {
      const bytes = vectors.size * vectors.dim * 4;
      if (bytes > kMaxCheckpointBytes) {
        skipped = true;
        progress({ phase: 'checkpoint', skipped: true, bytes, epoch, epochs });
        return;
      }
      const { snapshot, transfer } = snapshotOf(vectors);
      const words = sentWords ? null : snapshot.words;
      sentWords = true;
      progress({ phase: 'checkpoint', epoch, epochs, dim: snapshot.dim, size: snapshot.size, words, values: snapshot.values }, words ? transfer : [snapshot.values.buffer]);
    } finally {
      vectors.delete();
    }
  };
}

/**
 * Token id → row of its vector (-1 for a token below the minimum count).
 * @param {import('./embedding-engine.js').WordVectors} vectors @param {string[]} idNames
 */
export function rowsOfIds(vectors, idNames) {
  const rowOfName = new Map(vectors.words().map((word, row) => [word, row]));
  return Int32Array.from(idNames, (name) => rowOfName.get(name) ?? -1);
}
