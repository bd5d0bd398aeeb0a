// @ts-check
// The page's side of the worker protocol (see tokenizer-worker.js and
// worker-client.js): one promise per request, optional progress callback.

import { WorkerClient } from './worker-client.js';

export class EngineClient extends WorkerClient {
  constructor(workerUrl = new URL('./tokenizer-worker.js', import.meta.url)) {
    super(workerUrl, 'engine worker');
  }

  /** What to tell the reader when the engine did not start; null while it works. */
  get startFailure() {
    if (!this.failure) return null;
    return `The tokenizer engine could not start (${this.failure.message}). The WebAssembly build may be missing: build-scripts/run builds it into web/dist/.`;
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
