// @ts-check
// The page's side of the workers' shared protocol: the page posts
// {id, type, ...args}; the worker answers {id, ok: true, result} or
// {id, ok: false, error}, and may post updates for the same id before it
// answers (progress, training events). One promise per request.
//
//   class EngineClient extends WorkerClient { ... isUpdate(m) { return Boolean(m.progress); } }
//   await client.send('encode', {key, text}, {onUpdate: (message) => ...})
//
// Subclasses say which messages are updates and hand their payload on, so
// each keeps the option names its callers use (onProgress, onEvent).

export class WorkerClient {
  /**
   * @param {URL} workerUrl
   * @param {string} label names the worker in the error when it fails ("engine worker")
   */
  constructor(workerUrl, label) {
    this.workerUrl = workerUrl;
    this.label = label;
    this.nextId = 1;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onUpdate?: (message: any) => void}>} */
    this.pending = new Map();
    /** @type {Error | null} set once the worker has failed; later requests reject with it */
    this.failure = null;
    /** @type {Worker} */
    this.worker = this.start();
  }

  /** Starts a worker and listens to it. */
  start() {
    const worker = new Worker(this.workerUrl, { type: 'module' });
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const error = new Error(`${this.label} failed: ${event.message || 'could not start'}`);
      this.failure = error;
      this.rejectAll(error);
    });
    return worker;
  }

  /** @param {Error} error */
  rejectAll(error) {
    for (const request of this.pending.values()) request.reject(error);
    this.pending.clear();
  }

  /**
   * Whether a message is an update on the way rather than the answer.
   * @param {any} message
   * @returns {boolean}
   */
  isUpdate(message) {
    return 'progress' in message;
  }

  /** @param {any} message */
  receive(message) {
    const request = this.pending.get(message.id);
    if (!request) return;
    if (this.isUpdate(message)) {
      request.onUpdate?.(message);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(new Error(message.error));
  }

  /**
   * @param {string} type
   * @param {object} args
   * @param {{onUpdate?: (message: any) => void, transfer?: Transferable[]}} options
   * @returns {Promise<any>}
   */
  send(type, args, options) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onUpdate: options.onUpdate });
      this.worker.postMessage({ id, type, ...args }, { transfer: options.transfer ?? [] });
    });
  }
}
