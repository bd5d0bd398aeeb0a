// @ts-check
// The page's side of the embeddings worker protocol (see embedding-worker.js
// and worker-client.js): one promise per request, and any progress the
// worker posts before answering.
//
//   const client = new EmbeddingClient();
//   await client.request('neighbors', {key: 'default', word: 'king', k: 10})
//     → {row, ids: Int32Array, scores: Float32Array, vector: Float32Array, ...}

import { WorkerClient } from './worker-client.js';

export class EmbeddingClient extends WorkerClient {
  constructor(workerUrl = new URL('./embedding-worker.js', import.meta.url)) {
    super(workerUrl, 'embeddings worker');
  }

  /**
   * @param {string} type
   * @param {object} [args]
   * @param {{onProgress?: (progress: any) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  request(type, args = {}, options = {}) {
    const { onProgress, transfer } = options;
    const onUpdate = onProgress && ((/** @type {any} */ message) => onProgress(message.progress));
    return this.send(type, args, { onUpdate, transfer });
  }
}
