// @ts-check
// The page's side of the worker protocol (see worker.js and
// worker-client.js): one promise per request, optional progress callback.

import { WorkerClient } from './worker-client.js';

export class EngineClient extends WorkerClient {
  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    super(workerUrl, 'engine worker');
  }

  /** @param {any} message */
  isUpdate(message) {
    return Boolean(message.progress);
  }

  /**
   * @param {string} type
   * @param {object} args
   * @param {{onProgress?: (loaded: number, total: number) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  request(type, args = {}, options = {}) {
    const { onProgress, transfer } = options;
    const onUpdate = onProgress && ((/** @type {any} */ message) => onProgress(message.progress.loaded, message.progress.total));
    return this.send(type, args, { onUpdate, transfer });
  }
}
