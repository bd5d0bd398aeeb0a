// @ts-check
// The page's side of the embeddings worker protocol (see embedding-worker.js
// and worker-client.js): one promise per request, and any progress the
// worker posts before answering.
//
//   const client = new EmbeddingClient();
//   await client.request('neighbors', {key: 'default', word: 'king', k: 10})
//     → {row, ids: Int32Array, scores: Float32Array, vector: Float32Array, ...}
//
// The vector sets live in the worker, so a worker that stops takes them with
// it. The client remembers which worker holds each set, and how to put a set
// back (setSource: the default vectors from their file, a kept set from the
// browser's storage): a request about a set the current worker does not hold
// puts it back first. A set with no way back is named in the error.

import { WorkerClient } from './worker-client.js';

/** Requests that put a set in the worker, answering {key, info, words}. */
const placing = new Set(['loadDefault', 'importVec', 'train', 'restore']);

export class EmbeddingClient extends WorkerClient {
  constructor(workerUrl = new URL('./embedding-worker.js', import.meta.url)) {
    super(workerUrl, 'embeddings worker');
    /** The worker generation that holds each set, by key. @type {Map<string, number>} */
    this.placed = new Map();
    /** How to put each set back in a fresh worker, by key. @type {Map<string, () => Promise<unknown>>} */
    this.sources = new Map();
    /** Sets being put back, by key. @type {Map<string, Promise<unknown>>} */
    this.replacing = new Map();
  }

  /**
   * Says how to put a set back in a fresh worker (a function that sends the
   * placing request); null forgets it.
   * @param {string} key @param {(() => Promise<unknown>) | null} source
   */
  setSource(key, source) {
    if (source) this.sources.set(key, source);
    else this.sources.delete(key);
  }

  /**
   * A set the page knows that no worker holds (vectors kept from a worker
   * that stopped): the next request about it puts it back from its source.
   * @param {string} key
   */
  expectPutBack(key) {
    this.placed.set(key, -1);
  }

  /** Whether the current worker holds the set. @param {string} key */
  holds(key) {
    return this.placed.get(key) === this.generation && this.worker !== null;
  }

  /**
   * @param {string} type
   * @param {Record<string, any>} [args]
   * @param {{onProgress?: (progress: any) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  async request(type, args = {}, options = {}) {
    const key = args.key;
    if (!placing.has(type) && typeof key === 'string' && this.placed.has(key) && !this.holds(key)) await this.putBack(key);
    const { onProgress, transfer } = options;
    const onUpdate = onProgress && ((/** @type {any} */ message) => onProgress(message.progress));
    const generation = this.worker ? this.generation : this.generation + 1;
    const result = await this.send(type, args, { onUpdate, transfer });
    if (placing.has(type) && typeof result?.key === 'string') this.placed.set(result.key, generation);
    return result;
  }

  /** @param {string} key */
  putBack(key) {
    let pending = this.replacing.get(key);
    if (!pending) {
      const source = this.sources.get(key);
      if (!source) {
        return Promise.reject(new Error(`the vectors “${key}” were held by an embeddings worker that stopped, and are not kept in this browser; train or import them again`));
      }
      pending = source().finally(() => this.replacing.delete(key));
      this.replacing.set(key, pending);
    }
    return pending;
  }
}
