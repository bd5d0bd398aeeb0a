// @ts-check
// What the reader made, kept in this browser's own storage for the page's
// origin: IndexedDB database "tokenlab", with one store of records (what a
// list shows: kind, name, settings, source files, sizes, dates) and one of
// payloads (the bytes, read only when used), one of each per id, always
// written together in one transaction. Nothing leaves the machine.
//
//   const store = storedFiles();
//   const record = await store.put({kind: 'vocabulary', name: '8,000 tokens', settings, sources}, {bytes});
//   (await store.list()).records → [{version: 1, id: 'vocabulary-lz3k…', kind: 'vocabulary', name: '8,000 tokens', …}]
//   (await store.payload(record.id)).bytes → Uint8Array
//
// Every record carries kRecordVersion, the format it was written in, so a
// later page can read or migrate it. A record this page cannot read back
// (another format, a field missing or of the wrong type, its payload gone)
// is listed under `skipped` with its name and why, never thrown on load.
//
// Storage refused (no IndexedDB, or forbidden, as in some private windows)
// or full (over the origin's quota) rejects with StorageUnavailable or
// StorageFull, whose messages say so in words; the page goes on without
// keeping. `problem` holds why the store is unavailable, once known.
//
// Other tabs of the page hear of each write (a BroadcastChannel), so a file
// deleted or renamed in one is gone or renamed in the others' lists and
// pickers too. Once something is kept, the page asks the browser to keep
// its storage even when the disk runs short (navigator.storage.persist);
// the browser may say no, and Your files says which.

/** The format records are written in. */
export const kRecordVersion = 1;

const kDatabase = 'tokenlab';
const kDatabaseVersion = 1;
const kRecords = 'records';
const kPayloads = 'payloads';

/**
 * What the page keeps, by kind:
 *   vocabulary      a tokenizer.json made in the page (trained, imported in the Train view, or built from a run's merges)
 *   tokenizer-file  a tokenizer file opened on the page (tokenizer.json, tiktoken ranks)
 *   vectors         a vector set trained or imported in the Embeddings view (meta.partial while training)
 *   bpe-run         the merges so far of a BPE training, while it runs or once it was interrupted
 *   corpus          a training text, kept only when the reader asks
 */
export const recordKinds = /** @type {const} */ (['vocabulary', 'tokenizer-file', 'vectors', 'bpe-run', 'corpus']);

/**
 * @typedef {typeof recordKinds[number]} RecordKind
 *
 * @typedef {object} StoredRecord
 * @property {number} version kRecordVersion when written
 * @property {string} id
 * @property {RecordKind} kind
 * @property {string} name as the reader sees it (and may rename it)
 * @property {Record<string, any>} settings what it was made with
 * @property {{name: string, size: number}[]} sources the files it was made from
 * @property {number} createdAt ms since 1970
 * @property {number} updatedAt ms since 1970
 * @property {number} bytes the payload's size
 * @property {Record<string, any>} meta small facts the page shows or needs to offer it again
 *
 * @typedef {object} RecordFields what a caller gives put()
 * @property {string} [id] an existing record's id to replace it (its createdAt stays)
 * @property {RecordKind} kind
 * @property {string} name
 * @property {Record<string, any>} [settings]
 * @property {{name: string, size: number}[]} [sources]
 * @property {Record<string, any>} [meta]
 *
 * @typedef {Record<string, ArrayBufferView | Blob>} Payload named parts: typed arrays, or a Blob (a corpus file)
 *
 * @typedef {object} SkippedRecord
 * @property {string} id
 * @property {string} name the record's name, or its id when it has none
 * @property {string} reason why it cannot be read, in words
 */

/** Storage cannot be used at all: no IndexedDB, or the browser forbids it. */
export class StorageUnavailable extends Error {
  /** @param {string} detail */
  constructor(detail) {
    super(`This browser does not let the page keep files (${detail}), so what you make here lasts only until the page is closed.`);
    this.name = 'StorageUnavailable';
  }
}

/** The origin's storage quota is used up. */
export class StorageFull extends Error {
  /** @param {string} what the thing that was not kept */
  constructor(what) {
    super(`${what} was not kept: this browser’s storage for the page is full. It works until the page is closed; delete something in Your files to make room.`);
    this.name = 'StorageFull';
  }
}

/** A stored record that cannot be read back. */
export class UnreadableRecord extends Error {
  /** @param {string} name @param {string} reason */
  constructor(name, reason) {
    super(`“${name}” cannot be read back: ${reason}.`);
    this.name = 'UnreadableRecord';
    this.reason = reason;
  }
}

/** @param {unknown} error */
const isQuotaError = (error) => error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED');

/** @param {unknown} error */
const describe = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** @param {RecordKind} kind */
function newId(kind) {
  return `${kind}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** @param {Payload} payload */
function payloadBytes(payload) {
  let total = 0;
  for (const part of Object.values(payload)) total += part instanceof Blob ? part.size : part.byteLength;
  return total;
}

/**
 * Why a stored value is not a record this page reads, or null when it is one.
 * @param {any} value
 * @returns {string | null}
 */
export function recordProblem(value) {
  if (!value || typeof value !== 'object') return 'it is not a record';
  if (typeof value.version !== 'number') return 'it has no format version';
  if (value.version > kRecordVersion) return `it was written by a newer version of the page (format ${value.version}; this page reads format ${kRecordVersion})`;
  if (value.version < kRecordVersion) return `it is in an older format (${value.version}) this page no longer reads`;
  if (!/** @type {readonly string[]} */ (recordKinds).includes(value.kind)) return `it is of a kind this page does not know (${String(value.kind)})`;
  if (typeof value.id !== 'string' || typeof value.name !== 'string') return 'its id or name is missing';
  if (!Number.isFinite(value.createdAt) || !Number.isFinite(value.updatedAt) || !Number.isFinite(value.bytes)) return 'its dates or size are missing';
  if (!value.settings || typeof value.settings !== 'object' || !value.meta || typeof value.meta !== 'object') return 'its settings are missing';
  if (!Array.isArray(value.sources) || !value.sources.every((/** @type {any} */ s) => s && typeof s.name === 'string' && Number.isFinite(s.size))) return 'its list of source files is damaged';
  return null;
}

/**
 * The payload's parts a kind needs, checked: throws UnreadableRecord naming
 * the first part missing or of the wrong type.
 * @template {Record<string, new (...args: any[]) => any>} Spec
 * @param {StoredRecord} record
 * @param {Payload | undefined} payload
 * @param {Spec} spec part name → the type it must have
 * @returns {{[K in keyof Spec]: InstanceType<Spec[K]>}}
 */
export function payloadParts(record, payload, spec) {
  if (!payload) throw new UnreadableRecord(record.name, 'its contents are missing');
  for (const [name, type] of Object.entries(spec)) {
    if (!(payload[name] instanceof type)) throw new UnreadableRecord(record.name, `its ${name} is missing or damaged`);
  }
  return /** @type {any} */ (payload);
}

/** @template T @param {IDBRequest<T>} request @returns {Promise<T>} */
function requested(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** @param {IDBTransaction} transaction @returns {Promise<void>} */
function completed(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new DOMException('the write was abandoned', 'AbortError'));
  });
}

/**
 * The page's one store. Fires "change" (detail {action: 'put' | 'rename' |
 * 'remove' | 'clear', id?, kind?}) after each write.
 */
export class StoredFiles extends EventTarget {
  constructor() {
    super();
    /** @type {Promise<IDBDatabase> | null} */
    this.opening = null;
    /** @type {string | null} why storage cannot be used, once known */
    this.problem = null;
    this.askedToPersist = false;
    /** @type {BroadcastChannel | null} */
    this.tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tokenlab-stored-files') : null;
    if (this.tabs) {
      this.tabs.onmessage = (event) => {
        const detail = event.data;
        if (detail && typeof detail.action === 'string') this.dispatchEvent(new CustomEvent('change', { detail: { ...detail, otherTab: true } }));
      };
    }
  }

  /** @returns {Promise<IDBDatabase>} */
  open() {
    this.opening ??= new Promise((resolve, reject) => {
      const refuse = (/** @type {string} */ detail) => {
        const error = new StorageUnavailable(detail);
        this.problem = error.message;
        reject(error);
      };
      let request;
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) {
          refuse('it has no IndexedDB');
          return;
        }
        request = indexedDB.open(kDatabase, kDatabaseVersion);
      } catch (error) {
        refuse(describe(error));
        return;
      }
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(kRecords)) db.createObjectStore(kRecords, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(kPayloads)) db.createObjectStore(kPayloads);
      };
      request.onsuccess = () => {
        const db = request.result;
        // Another tab clearing everything deletes the database: let go of it.
        db.onversionchange = () => {
          db.close();
          this.opening = null;
        };
        resolve(db);
      };
      request.onerror = () => refuse(describe(request.error));
      request.onblocked = () => refuse('another tab of this page holds its storage open in an older format; close it and reload');
    });
    return this.opening;
  }

  /** Whether storage works here (opens it if need be). */
  async available() {
    try {
      await this.open();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Every record, newest first, with those that cannot be read named apart.
   * Never throws: without storage it lists nothing and says why in `problem`.
   * @returns {Promise<{records: StoredRecord[], skipped: SkippedRecord[], problem: string | null}>}
   */
  async list() {
    let values;
    try {
      const db = await this.open();
      values = await requested(db.transaction(kRecords).objectStore(kRecords).getAll());
    } catch (error) {
      return { records: [], skipped: [], problem: this.problem ?? `The kept files could not be read (${describe(error)}).` };
    }
    /** @type {StoredRecord[]} */
    const records = [];
    /** @type {SkippedRecord[]} */
    const skipped = [];
    for (const value of values) {
      const problem = recordProblem(value);
      if (problem) {
        const id = typeof value?.id === 'string' ? value.id : String(value?.id);
        skipped.push({ id, name: typeof value?.name === 'string' && value.name ? value.name : id, reason: problem });
      } else {
        records.push(value);
      }
    }
    records.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    return { records, skipped, problem: null };
  }

  /** @param {string} id @returns {Promise<StoredRecord | null>} null when missing or unreadable */
  async get(id) {
    const db = await this.open();
    const value = await requested(db.transaction(kRecords).objectStore(kRecords).get(id));
    return value && !recordProblem(value) ? value : null;
  }

  /** @param {string} id @returns {Promise<Payload | undefined>} */
  async payload(id) {
    const db = await this.open();
    return requested(db.transaction(kPayloads).objectStore(kPayloads).get(id));
  }

  /**
   * Writes a record and its payload at once (replacing those with the same id).
   * Rejects with StorageFull or StorageUnavailable, naming `fields.name`.
   * @param {RecordFields} fields
   * @param {Payload} payload
   * @returns {Promise<StoredRecord>}
   */
  async put(fields, payload) {
    const db = await this.open();
    const id = fields.id ?? newId(fields.kind);
    const now = Date.now();
    try {
      const transaction = db.transaction([kRecords, kPayloads], 'readwrite');
      const done = completed(transaction);
      const records = transaction.objectStore(kRecords);
      const existing = fields.id ? await requested(records.get(id)) : undefined;
      /** @type {StoredRecord} */
      const record = {
        version: kRecordVersion,
        id,
        kind: fields.kind,
        name: fields.name,
        settings: fields.settings ?? {},
        sources: (fields.sources ?? []).map(({ name, size }) => ({ name, size })),
        createdAt: existing && Number.isFinite(existing.createdAt) ? existing.createdAt : now,
        updatedAt: now,
        bytes: payloadBytes(payload),
        meta: fields.meta ?? {},
      };
      records.put(record);
      transaction.objectStore(kPayloads).put(payload, id);
      await done;
      unreadablePayloads.delete(id);
      this.changed({ action: 'put', id, kind: fields.kind });
      this.askToPersist();
      return record;
    } catch (error) {
      if (isQuotaError(error)) throw new StorageFull(`“${fields.name}”`);
      throw new StorageUnavailable(describe(error));
    }
  }

  /**
   * Gives a record a new name (its payload is untouched).
   * @param {string} id @param {string} name
   */
  async rename(id, name) {
    const db = await this.open();
    const transaction = db.transaction(kRecords, 'readwrite');
    const done = completed(transaction);
    const store = transaction.objectStore(kRecords);
    const record = await requested(store.get(id));
    if (!record || recordProblem(record)) throw new UnreadableRecord(id, 'it is no longer stored');
    store.put({ ...record, name, updatedAt: Date.now() });
    await done.catch((error) => {
      throw isQuotaError(error) ? new StorageFull(`The new name “${name}”`) : error;
    });
    this.changed({ action: 'rename', id, kind: record.kind });
  }

  /** Deletes a record and its payload (also one that cannot be read). @param {string} id */
  async remove(id) {
    const db = await this.open();
    const transaction = db.transaction([kRecords, kPayloads], 'readwrite');
    const done = completed(transaction);
    const record = await requested(transaction.objectStore(kRecords).get(id));
    transaction.objectStore(kRecords).delete(id);
    transaction.objectStore(kPayloads).delete(id);
    await done;
    unreadablePayloads.delete(id);
    this.changed({ action: 'remove', id, kind: record?.kind });
  }

  /**
   * Deletes everything the page kept. The database itself goes, so the
   * browser frees its files at once rather than when it next compacts them.
   */
  async clear() {
    const db = await this.open();
    db.close();
    this.opening = null;
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(kDatabase);
      request.onsuccess = () => resolve(undefined);
      request.onerror = () => reject(request.error);
    });
    unreadablePayloads.clear();
    this.changed({ action: 'clear' });
  }

  /** @param {{action: string, id?: string, kind?: string}} detail */
  changed(detail) {
    this.dispatchEvent(new CustomEvent('change', { detail }));
    this.tabs?.postMessage(detail);
  }

  /** Asks, once, that the browser keep the page's storage when space runs short. */
  askToPersist() {
    if (this.askedToPersist) return;
    this.askedToPersist = true;
    navigator.storage?.persist?.().catch(() => false);
  }
}

/**
 * Records whose payload turned out unreadable when the page used them, by
 * id, with why: Your files names them beside the records list() skipped.
 * @type {Map<string, string>}
 */
export const unreadablePayloads = new Map();

/** @type {StoredFiles | null} */
let store = null;

/** The page's store, made on first use. */
export function storedFiles() {
  store ??= new StoredFiles();
  return store;
}

/**
 * What the browser says the origin uses and may use (all its storage, the
 * service worker's cache included) and whether it keeps it when space runs
 * short (persisted), or null where it does not say.
 * @returns {Promise<{usage: number, quota: number, persisted: boolean | null} | null>}
 */
export async function storageEstimate() {
  try {
    const { usage, quota } = await navigator.storage.estimate();
    const persisted = navigator.storage.persisted ? await navigator.storage.persisted() : null;
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota, persisted } : null;
  } catch {
    return null;
  }
}
