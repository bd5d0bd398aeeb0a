// @ts-check
// The page's side of the training worker's protocol (see train-worker.js):
// one promise per request, events on the way, and a restart that ends a
// worker stuck in a long step (or one whose module has failed) without
// touching the page.
//
//   const client = new TrainClient();
//   await client.request('train', {slot, sources, options}, {onEvent: (event) => ...});
//   client.restart();   // pending requests reject with a TrainerRestarted error

export class TrainerRestarted extends Error {
  constructor() {
    super('the training worker was restarted');
    this.name = 'TrainerRestarted';
  }
}

export class TrainClient {
  constructor(workerUrl = new URL('./train-worker.js', import.meta.url)) {
    this.workerUrl = workerUrl;
    this.nextId = 1;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onEvent?: (event: any) => void}>} */
    this.pending = new Map();
    /** @type {Error | null} set when the worker could not start; later requests reject with it */
    this.failure = null;
    /** Bumped by every restart: slots in the old worker are gone. */
    this.generation = 0;
    /** @type {Worker} */
    this.worker = this.start();
  }

  start() {
    const worker = new Worker(this.workerUrl, { type: 'module' });
    worker.addEventListener('message', (event) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      const error = new Error(`training worker failed: ${event.message || 'could not start'}`);
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

  /** Ends the worker at once and starts a fresh one. */
  restart() {
    this.worker.terminate();
    this.rejectAll(new TrainerRestarted());
    this.failure = null;
    this.generation++;
    this.worker = this.start();
  }

  /** @param {any} message */
  receive(message) {
    const request = this.pending.get(message.id);
    if (!request) return;
    if (message.event) {
      request.onEvent?.(message.event);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) request.resolve(message.result);
    else request.reject(new Error(message.error));
  }

  /**
   * @param {string} type
   * @param {object} [args]
   * @param {{onEvent?: (event: any) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  request(type, args = {}, options = {}) {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onEvent: options.onEvent });
      this.worker.postMessage({ id, type, ...args }, { transfer: options.transfer ?? [] });
    });
  }
}
