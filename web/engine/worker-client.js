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
//
// A worker that stops (ended by the browser, out of memory, an uncaught
// error, its WebAssembly module crashed) is noticed at once: every pending
// request rejects with a WorkerStopped error that says what happened, the
// client fires "stopped", and the next request starts a fresh worker (firing
// "restarted"; `generation` counts the workers, so slots and vocabularies a
// caller put in the old one are known to be gone).
//
// Why a lock rather than a heartbeat: a terminated worker fires no event, and
// a worker busy in a long step of the engine (indexing 100 MB, parsing a
// large tokenizer.json) cannot answer a ping, so a missed ping cannot tell
// busy from dead. Each worker instead holds a Web Lock of its own for as long
// as it lives ("lifeline", see worker-protocol.js); the page queues for the
// same lock, and the browser grants it the moment the worker is gone,
// however busy it was. Without navigator.locks (an insecure context) only the
// error events tell.

export class WorkerStopped extends Error {
  /** @param {string} label @param {string} reason what happened, in words */
  constructor(label, reason) {
    super(`the ${label} stopped: ${reason}`);
    this.name = 'WorkerStopped';
    this.reason = reason;
  }
}

/** What a worker that ended without a word most likely met. */
const kEndedReason = 'it was ended, most likely by the browser for lack of memory';

/** @type {number} names each worker's lock apart from every other's */
let lifelines = 0;

export class WorkerClient extends EventTarget {
  /**
   * @param {URL} workerUrl
   * @param {string} label names the worker in the error when it fails ("engine worker")
   */
  constructor(workerUrl, label) {
    super();
    this.workerUrl = workerUrl;
    this.label = label;
    this.nextId = 1;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onUpdate?: (message: any) => void}>} */
    this.pending = new Map();
    /** @type {Error | null} set when the worker could not start at all; later requests reject with it */
    this.failure = null;
    /** Workers started so far, less one: bumped by every restart. */
    this.generation = 0;
    /** @type {WorkerStopped | null} why the last worker stopped, until a fresh one starts */
    this.stopped = null;
    /** @type {Worker | null} null once stopped, until the next request */
    this.worker = null;
    this.worker = this.start();
  }

  /** Starts a worker, listens to it and takes its lifeline. */
  start() {
    const worker = new Worker(this.workerUrl, { type: 'module' });
    let answered = false;
    worker.addEventListener('message', (event) => {
      answered = true;
      if (worker === this.worker) this.receive(event.data);
    });
    worker.addEventListener('error', (event) => {
      if (worker !== this.worker) return;
      if (!answered) {
        // It never answered: the script or the module did not load, and trying again would fail again.
        const error = new Error(`${this.label} failed: ${event.message || 'could not start'}`);
        this.failure = error;
        this.rejectAll(error);
        return;
      }
      event.preventDefault();
      this.stop(worker, `it failed with an error (${event.message || 'no message'})`);
    });
    worker.addEventListener('messageerror', () => {
      if (worker === this.worker) this.stop(worker, 'a message from it could not be read');
    });
    this.watch(worker);
    return worker;
  }

  /**
   * Asks the worker to hold a lock for its life and queues for the same lock:
   * the page is granted it once the worker is gone.
   * @param {Worker} worker
   */
  watch(worker) {
    if (!navigator.locks) return;
    // Unique across tabs too: two workers sharing a name would wait for each other's lock.
    const lock = `tokenlab-worker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${++lifelines}`;
    const id = this.nextId++;
    this.pending.set(id, {
      resolve: ({ held }) => {
        if (!held) return;
        navigator.locks.request(lock, () => {
          if (worker === this.worker) this.stop(worker, kEndedReason);
        });
      },
      // The worker stopped or failed to start before it took the lock: that is reported by the request that saw it.
      reject: () => {},
    });
    worker.postMessage({ id, type: 'lifeline', lock });
  }

  /**
   * The worker is gone or no longer usable: end it, reject what it owed, and
   * tell the listeners. The next request starts a fresh one.
   * @param {Worker} worker
   * @param {string} reason
   */
  stop(worker, reason) {
    if (worker !== this.worker) return;
    this.worker = null;
    worker.terminate();
    const error = new WorkerStopped(this.label, reason);
    this.stopped = error;
    this.rejectAll(error);
    this.dispatchEvent(new CustomEvent('stopped', { detail: error }));
  }

  /**
   * Ends the worker at once, rejecting its pending requests with `error`,
   * and starts a fresh one.
   * @param {Error} error
   */
  restart(error) {
    const old = this.worker;
    this.worker = null;
    old?.terminate();
    this.rejectAll(error);
    this.failure = null;
    this.respawn();
  }

  /** Starts the next worker. */
  respawn() {
    this.stopped = null;
    this.generation++;
    this.worker = this.start();
    this.dispatchEvent(new CustomEvent('restarted', { detail: this.generation }));
    return this.worker;
  }

  /** @param {Error} error */
  rejectAll(error) {
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const request of requests) request.reject(error);
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
    if (message.ok) {
      request.resolve(message.result);
    } else if (message.crashed && this.worker) {
      // The module aborted: every later call into it would fail, so this worker is done.
      this.pending.set(message.id, request);
      this.stop(this.worker, `its WebAssembly module crashed (${message.error})`);
    } else {
      request.reject(new Error(message.error));
    }
  }

  /**
   * @param {string} type
   * @param {object} args
   * @param {{onUpdate?: (message: any) => void, transfer?: Transferable[]}} options
   * @returns {Promise<any>}
   */
  send(type, args, options) {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.worker ?? this.respawn();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onUpdate: options.onUpdate });
      worker.postMessage({ id, type, ...args }, { transfer: options.transfer ?? [] });
    });
  }
}
