// @ts-check
// The Embeddings view's side of the vector sets kept in the browser
// (kept-vectors.js): trained and imported sets are kept as soon as they
// exist; sets kept on earlier visits are choices of their own in the
// vector-set picker (kept-<record id>), loaded into the worker when chosen;
// a training run's vectors are kept at each finished epoch (RunKeeper); and
// every kept set can go back into a fresh worker after one stopped.
//
//   const kept = new KeptSets({picker, client, store, adopt, loading, failed});
//   await kept.keepSet('trained', setInfo, how, sources);   → kept now, and after a reload as a choice
//   kept.open('kept-vectors-lz3k…')                        → loaded from the browser and chosen
//
// A set of this visit ("trained", "imported") is not listed twice: its
// record shows as a kept choice only once a newer set has taken its key, or
// after a reload.

import { formatInteger } from '../common/format.js';
import { keptVectorRecords, keepVectors, restoreVectors } from '../common/kept-vectors.js';
import { storedFiles, unreadablePayloads, UnreadableRecord } from '../common/stored-files.js';

/** @typedef {import('../common/stored-files.js').StoredRecord} StoredRecord */
/** @typedef {import('../common/kept-vectors.js').SetSource} SetSource */
/** @typedef {import('../common/kept-vectors.js').Snapshot} Snapshot */
/** @typedef {import('../common/vector-sets.js').SetInfo} SetInfo */

const keptPrefix = 'kept-';
/** A run's vectors are written at most this often. */
const kWriteEveryMs = 2000;

/**
 * @typedef {object} KeptSetsOptions
 * @property {HTMLFieldSetElement} picker the vector-set choice
 * @property {import('../engine/embedding-client.js').EmbeddingClient} client
 * @property {import('../common/vector-sets.js').VectorSetStore} store
 * @property {(key: string, info: SetInfo, words: {bytes: Uint8Array, offsets: Uint32Array}) => void} adopt lists a set the worker now holds and chooses it
 * @property {(message: string | null) => void} loading what is loading (null once done)
 * @property {(message: string) => void} failed a kept set could not be loaded
 */

export class KeptSets {
  /** @param {KeptSetsOptions} options */
  constructor(options) {
    this.options = options;
    /** Record id of each set of this visit, by key. @type {Map<string, string>} */
    this.ids = new Map();
    /** @type {StoredRecord[]} kept sets offered as choices */
    this.records = [];
    storedFiles().addEventListener('change', (event) => this.follow(/** @type {CustomEvent} */ (event).detail));
    this.refresh();
  }

  /** Lists the kept sets as choices (those of this visit aside). */
  async refresh() {
    this.records = await keptVectorRecords();
    const taken = new Set(this.ids.values());
    const { picker, client } = this.options;
    for (const label of picker.querySelectorAll('[data-kept]')) label.remove();
    for (const record of this.records) {
      const key = `${keptPrefix}${record.id}`;
      client.setSource(key, () => restoreVectors(client, record, key));
      if (taken.has(record.id)) continue;
      picker.append(this.choice(record, key));
    }
    this.checkCurrent();
  }

  /** @param {StoredRecord} record @param {string} key */
  choice(record, key) {
    const label = document.createElement('label');
    label.className = 'segment segment-kept';
    label.dataset.kept = record.id;
    label.title = record.name;
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'emb-set';
    input.value = key;
    const title = document.createElement('span');
    title.className = 'segment-title';
    title.textContent = record.name;
    const note = document.createElement('span');
    note.className = 'segment-note';
    const partial = record.meta.partial ? `, epoch ${record.meta.epochsDone} of ${record.meta.epochs}` : '';
    note.textContent = `kept · ${formatInteger(record.meta.size ?? 0)} × ${record.meta.dim}${partial}`;
    label.append(input, title, note);
    return label;
  }

  checkCurrent() {
    const current = this.options.store.currentKey;
    for (const input of this.options.picker.querySelectorAll('input[name="emb-set"]')) {
      const radio = /** @type {HTMLInputElement} */ (input);
      radio.checked = radio.value === current;
    }
  }

  /** Whether key names a kept set of an earlier visit. @param {string} key */
  isKept(key) {
    return key.startsWith(keptPrefix);
  }

  /**
   * Loads a kept set into the worker and chooses it.
   * @param {string} key
   */
  async open(key) {
    const record = this.records.find((candidate) => `${keptPrefix}${candidate.id}` === key);
    if (!record) return;
    const { client, adopt, loading, failed } = this.options;
    loading(`Loading “${record.name}” from this browser…`);
    try {
      const { info, words } = await restoreVectors(client, record, key);
      loading(null);
      adopt(key, info, words);
    } catch (error) {
      loading(null);
      const reason = error instanceof UnreadableRecord ? error.reason : error instanceof Error ? error.message : String(error);
      if (error instanceof UnreadableRecord) unreadablePayloads.set(record.id, reason);
      failed(`“${record.name}” could not be loaded: ${reason}${reason.endsWith('.') ? '' : '.'}`);
      this.checkCurrent();
    }
  }

  /**
   * Keeps a set the worker holds under key (trained or imported this visit),
   * replacing the record of the same run when id is given.
   * @param {string} key
   * @param {SetInfo} info
   * @param {SetSource} how
   * @param {{name: string, size: number}[]} sources
   * @param {string} [id]
   * @returns {Promise<string | null>} what went wrong, or null once kept
   */
  async keepSet(key, info, how, sources, id) {
    const { client } = this.options;
    try {
      const snapshot = await client.request('snapshot', { key });
      const record = await keepVectors({ id, name: recordName(info, how), info, snapshot, how, sources });
      this.ids.set(key, record.id);
      client.setSource(key, () => restoreVectors(client, record, key));
      await this.refresh();
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /**
   * A set of this visit whose record is id (a run's checkpoints), so it is not listed twice.
   * @param {string} key @param {string} id
   */
  claim(key, id) {
    this.ids.set(key, id);
  }

  /**
   * Follows a change made in Your files.
   * @param {{action: string, id?: string}} change
   */
  async follow({ action, id }) {
    if (action === 'put') return;
    if (action === 'clear' || action === 'remove') {
      for (const [key, kept] of this.ids) {
        if (action === 'clear' || kept === id) {
          this.ids.delete(key);
          // The set stays for this visit, but cannot come back once its worker stops.
          this.options.client.setSource(key, null);
        }
      }
      const { store } = this.options;
      const gone = action === 'clear' ? [...store.sets.keys()].filter((key) => this.isKept(key)) : [`${keptPrefix}${id}`];
      if (gone.includes(store.currentKey)) store.select('default');
      for (const key of gone) this.options.client.setSource(key, null);
    }
    await this.refresh();
  }
}

/**
 * What a kept set is called: "moby-dick.txt, skip-gram, 100 dimensions", or the imported file's name.
 * @param {SetInfo} info @param {SetSource} how
 */
export function recordName(info, how) {
  if (how.origin === 'imported') return info.name ?? 'imported vectors';
  const model = how.options?.model === 'cbow' ? 'CBOW' : 'skip-gram';
  const unit = info.unit === 'tokens' ? `${info.tokenizerName ?? 'token'} tokens` : 'words';
  return `${info.name ?? 'corpus'}, ${model} over ${unit}, ${info.dim} dimensions`;
}

/**
 * A training run's vectors kept at each finished epoch, the newest only, at
 * most once every two seconds (and always the last one when the run stops).
 *
 *   const keeper = new RunKeeper(kept, {info, how, sources});
 *   keeper.checkpoint({epoch: 1, epochs: 5, words, values, dim, size});   … each epoch end
 *   await keeper.finish();      → the finished set replaces the checkpoints in the same record
 *   await keeper.interrupt();   → the last checkpoint, kept, for the view to show
 */
export class RunKeeper {
  /**
   * @param {KeptSets} kept
   * @param {{info: SetInfo, how: SetSource, sources: {name: string, size: number}[]}} run
   */
  constructor(kept, run) {
    this.kept = kept;
    this.run = run;
    this.id = `vectors-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    /** @type {{bytes: Uint8Array, offsets: Uint32Array} | null} the words, sent with the first checkpoint */
    this.words = null;
    /** @type {{epoch: number, epochs: number, snapshot: Snapshot} | null} the newest checkpoint */
    this.latest = null;
    /** @type {{epoch: number, epochs: number, snapshot: Snapshot} | null} written or being written */
    this.written = null;
    /** @type {Promise<void> | null} */
    this.writing = null;
    this.lastWrite = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {string | null} why the vectors could not be kept */
    this.problem = null;
    this.stopped = false;
  }

  /** @param {{epoch: number, epochs: number, words: {bytes: Uint8Array, offsets: Uint32Array} | null, values: Float32Array, dim: number, size: number}} checkpoint */
  checkpoint({ epoch, epochs, words, values, dim, size }) {
    if (words) this.words = words;
    if (!this.words || this.stopped) return;
    this.latest = { epoch, epochs, snapshot: { words: this.words, values, dim, size } };
    this.schedule();
  }

  /** Writes the newest checkpoint now, or two seconds after the last write began. */
  schedule() {
    if (this.writing || this.timer !== undefined || this.stopped) return;
    const wait = this.lastWrite + kWriteEveryMs - performance.now();
    if (wait <= 0) this.write();
    else this.timer = setTimeout(() => this.write(), wait);
  }

  /** The set as it is after the latest checkpoint, as the worker would describe it. */
  partialInfo() {
    const latest = /** @type {NonNullable<RunKeeper['latest']>} */ (this.latest);
    return {
      ...this.run.info,
      size: latest.snapshot.size,
      dim: latest.snapshot.dim,
      summary: `epoch ${latest.epoch} of ${latest.epochs} (the run did not finish)`,
    };
  }

  async write() {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
    const latest = this.latest;
    if (!latest || latest === this.written || this.problem) return;
    this.written = latest;
    this.lastWrite = performance.now();
    const info = this.partialInfo();
    this.writing = keepVectors({
      id: this.id,
      name: recordName(info, this.run.how),
      info,
      snapshot: latest.snapshot,
      how: this.run.how,
      sources: this.run.sources,
      partial: { epochsDone: latest.epoch, epochs: latest.epochs },
    })
      .then(
        // Not a choice of its own while the run goes: it becomes "trained" when the run ends.
        () => this.kept.claim('training', this.id),
        (error) => {
          this.problem = error instanceof Error ? error.message : String(error);
        },
      )
      .finally(() => {
        this.writing = null;
        if (this.latest !== this.written) this.schedule();
      });
    await this.writing;
  }

  /**
   * The run ended: its finished vectors (in the worker under "trained") replace the checkpoints.
   * @param {SetInfo} info as the worker describes the finished set
   * @returns {Promise<string | null>} what went wrong, or null once kept
   */
  async finish(info) {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
    this.kept.ids.delete('training');
    return this.kept.keepSet('trained', info, this.run.how, this.run.sources, this.id);
  }

  /** The run was cancelled: the reader keeps the vectors they had, so its checkpoints go. */
  async discard() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
    this.kept.ids.delete('training');
    if (this.written) await storedFiles().remove(this.id).catch(() => {});
  }

  /**
   * The worker stopped: no more checkpoints; the newest one, for the view to show at once.
   * @returns {{info: SetInfo, snapshot: Snapshot, epoch: number, epochs: number} | null}
   */
  last() {
    this.stopped = true;
    const latest = this.latest;
    return latest ? { info: this.partialInfo(), snapshot: latest.snapshot, epoch: latest.epoch, epochs: latest.epochs } : null;
  }

  /**
   * The worker stopped: the last checkpoint is written (if not yet) and handed back.
   * @returns {Promise<{info: SetInfo, snapshot: Snapshot, epoch: number, epochs: number, kept: boolean} | null>}
   */
  async interrupt() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.writing;
    const latest = this.latest;
    if (!latest) return null;
    if (latest !== this.written) await this.write();
    this.kept.ids.delete('training');
    if (this.written) this.kept.claim('trained', this.id);
    return { info: this.partialInfo(), snapshot: latest.snapshot, epoch: latest.epoch, epochs: latest.epochs, kept: !this.problem };
  }
}
