// @ts-check
// The page's side of the embeddings worker protocol (see embedding-worker.js):
// one promise per request, and any progress the worker posts before answering.
//
//   const client = new EmbeddingClient();
//   await client.request('neighbors', {key: 'default', word: 'king', k: 10})
//     → {row, ids: Int32Array, scores: Float32Array, vector: Float32Array, ...}

export class EmbeddingClient {
  constructor(workerUrl = new URL('./embedding-worker.js', import.meta.url)) {
    this.worker = new Worker(workerUrl, { type: 'module' });
    this.nextId = 1;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onProgress?: (progress: any) => void}>} */
    this.pending = new Map();
    /** @type {Error | null} set once the worker has failed; later requests reject with it */
    this.failure = null;
    this.worker.addEventListener('message', (event) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      const error = new Error(`embeddings worker failed: ${event.message || 'could not start'}`);
      this.failure = error;
      for (const request of this.pending.values()) request.reject(error);
      this.pending.clear();
    });
  }

  /** @param {any} message */
  receive(message) {
    const request = this.pending.get(message.id);
    if (!request) return;
    if ('progress' in message) {
      request.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(new Error(message.error));
  }

  /**
   * @param {string} type
   * @param {object} [args]
   * @param {{onProgress?: (progress: any) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  request(type, args = {}, options = {}) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: options.onProgress });
      this.worker.postMessage({ id, type, ...args }, { transfer: options.transfer ?? [] });
    });
  }
}
