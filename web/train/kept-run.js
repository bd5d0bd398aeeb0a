// @ts-check
// A BPE training run as the browser keeps it while it goes: its settings,
// sources and the merges so far, written as they arrive (at most once a
// second), so a reload, a closed tab or a stopped worker loses at most the
// last second of merges. A run that ended normally leaves no record (its
// vocabulary is kept as a vocabulary); one that did not is "interrupted",
// and its merges can be made into a vocabulary of that size.
//
//   const run = new KeptRun();
//   run.begin({name: 'Moby-Dick, 8,000 tokens', settings: options, sources});
//   run.update(vocabulary, 7744);   … merges arrive …
//   await run.end();                → the record is gone
//   (await interruptedRuns())[0]    → {record, held: false}   after a reload mid-run
//   vocabulary.append(await readRun(record))   → the kept merges back in a TrainedVocabulary
//
// While a run goes its page holds the Web Lock "tokenlab-run-<id>", so
// another tab of the page can tell a run still going from an interrupted one.

import { payloadParts, storedFiles, UnreadableRecord } from '../common/stored-files.js';

/** @typedef {import('../common/stored-files.js').StoredRecord} StoredRecord */
/** @typedef {import('../common/trained-vocabulary.js').TrainedVocabulary} TrainedVocabulary */

/** Merges are written at most this often. */
const kWriteEveryMs = 1000;

/** @param {string} id */
const lockName = (id) => `tokenlab-run-${id}`;

export class KeptRun {
  constructor() {
    /** @type {string | null} the record of the run going now */
    this.id = null;
    /** @type {{name: string, settings: Record<string, any>, sources: {name: string, size: number}[]} | null} */
    this.fields = null;
    /** @type {{vocabulary: TrainedVocabulary, mergesTarget: number} | null} the newest merges not yet written */
    this.waiting = null;
    /** @type {Promise<void> | null} the write under way */
    this.writing = null;
    this.lastWrite = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {(() => void) | null} lets the run's lock go */
    this.release = null;
    /** @type {string | null} why the merges could not be kept (storage refused or full), once */
    this.problem = null;
  }

  /**
   * A run starts: nothing is written until its first merges.
   * @param {{name: string, settings: Record<string, any>, sources: {name: string, size: number}[]}} fields
   */
  begin(fields) {
    this.stopRecording();
    this.id = `bpe-run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    this.fields = fields;
    this.problem = null;
    this.lastWrite = 0;
    const id = this.id;
    navigator.locks
      ?.request(lockName(id), () => new Promise((resolve) => {
        // A run that ended before the lock was granted lets it go at once.
        if (this.id === id) this.release = () => resolve(undefined);
        else resolve(undefined);
      }))
      .catch(() => {});
  }

  /**
   * New merges arrived: written now, or once a second has passed since the last write.
   * @param {TrainedVocabulary} vocabulary @param {number} mergesTarget
   */
  update(vocabulary, mergesTarget) {
    if (!this.id || this.problem) return;
    this.waiting = { vocabulary, mergesTarget };
    if (this.writing || this.timer !== undefined) return;
    const wait = this.lastWrite + kWriteEveryMs - performance.now();
    if (wait <= 0) this.flush('running');
    else this.timer = setTimeout(() => this.flush('running'), wait);
  }

  /**
   * Writes the newest merges (once any write under way is done).
   * @param {'running' | 'interrupted'} state @param {string} [reason] why it was interrupted
   */
  async flush(state, reason) {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    const id = this.id;
    const fields = this.fields;
    const waiting = this.waiting;
    if (!id || !fields || !waiting || (state === 'running' && this.problem)) return;
    this.waiting = null;
    const { vocabulary, mergesTarget } = waiting;
    const count = vocabulary.mergeCount;
    const payload = {
      left: vocabulary.left.slice(0, count),
      right: vocabulary.right.slice(0, count),
      counts: vocabulary.counts.slice(0, count),
      tokenBytes: vocabulary.bytes.slice(0, vocabulary.byteLength),
      tokenOffsets: vocabulary.offsets.slice(0, count + 1),
    };
    this.lastWrite = performance.now();
    this.writing = storedFiles()
      .put({ id, kind: 'bpe-run', ...fields, meta: { mergesDone: count, mergesTarget, state, ...(reason ? { reason } : {}) } }, payload)
      .then(
        () => {},
        (error) => {
          this.problem = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.writing = null;
        // Merges that came during the write go out a second after it began.
        if (this.waiting && state === 'running' && this.id === id) this.update(this.waiting.vocabulary, this.waiting.mergesTarget);
      });
    await this.writing;
  }

  /**
   * The worker stopped: the merges the page holds are written as an interrupted run.
   * @param {TrainedVocabulary} vocabulary @param {number} mergesTarget @param {string} reason
   * @returns {Promise<string | null>} the record's id, or null when nothing could be kept
   */
  async interrupt(vocabulary, mergesTarget, reason) {
    const id = this.id;
    if (!id || vocabulary.mergeCount === 0) {
      await this.end();
      return null;
    }
    this.waiting = { vocabulary, mergesTarget };
    await this.flush('interrupted', reason);
    this.stopRecording();
    return this.problem ? null : id;
  }

  /** The run ended with its vocabulary kept (or with nothing to keep): its record goes. */
  async end() {
    const id = this.id;
    this.stopRecording();
    await this.writing;
    if (id) await storedFiles().remove(id).catch(() => {});
  }

  stopRecording() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = null;
    this.id = null;
    this.release?.();
    this.release = null;
  }
}

/**
 * Runs kept in the browser that are not going on now, newest first; held
 * marks one still going in another tab of the page.
 * @returns {Promise<{record: StoredRecord, held: boolean}[]>}
 */
export async function interruptedRuns() {
  const { records } = await storedFiles().list();
  const runs = records.filter((record) => record.kind === 'bpe-run');
  if (runs.length === 0) return [];
  const held = new Set(((await navigator.locks?.query().catch(() => null))?.held ?? []).map((lock) => lock.name));
  return runs.map((record) => ({ record, held: held.has(lockName(record.id)) }));
}

/**
 * The kept merges of a run as one batch for TrainedVocabulary. Throws
 * UnreadableRecord when they cannot be read back.
 * @param {StoredRecord} record
 * @returns {Promise<import('../common/trained-vocabulary.js').MergeBatch>}
 */
export async function readRun(record) {
  const payload = await storedFiles().payload(record.id);
  const { left, right, counts, tokenBytes, tokenOffsets } = payloadParts(record, payload, {
    left: Uint32Array,
    right: Uint32Array,
    counts: Float64Array,
    tokenBytes: Uint8Array,
    tokenOffsets: Uint32Array,
  });
  const count = left.length;
  const consistent =
    right.length === count &&
    counts.length === count &&
    tokenOffsets.length === count + 1 &&
    tokenOffsets[count] <= tokenBytes.length &&
    left.every((id, i) => id < 256 + i && right[i] < 256 + i && tokenOffsets[i] <= tokenOffsets[i + 1]);
  if (!consistent) throw new UnreadableRecord(record.name, 'its merges are damaged');
  const ids = Uint32Array.from({ length: count }, (_, i) => 256 + i);
  return { first: 0, merges: { left, right, ids, counts }, tokens: { bytes: tokenBytes, offsets: tokenOffsets } };
}
