// @ts-check
// The worker's side of the protocol the page speaks through worker-client.js:
// the page posts {id, type, ...args}; handlers[type](args, update, id) runs
// and its {result, transfer} becomes {id, ok: true, result}, with the
// transfer list moved rather than copied; a throw becomes
// {id, ok: false, error}. update posts messages for the same id before the
// answer (progress, training events); makeUpdate(id) builds it. An error
// thrown by a crashed WebAssembly module (a RuntimeError: an abort, running
// out of memory, a trap) is marked crashed: true, since the module is of no
// further use.
//
// One request every worker answers: {type: "lifeline", lock} takes that Web
// Lock and holds it for as long as the worker lives, then answers
// {held: true}; the page learns the worker is gone when the lock is freed
// (worker-client.js).
//
//   serveRequests({ async heap() { return { result: { heapBytes: 1024 } }; } },
//                 (id) => (progress) => self.postMessage({ id, progress }));
//   page posts {id: 7, type: 'heap'} → worker posts {id: 7, ok: true, result: {heapBytes: 1024}}

/** @param {unknown} error */
export function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The training workers' error text: the engine's out-of-memory message said as such.
 * @param {unknown} error
 */
export function trainingErrorMessage(error) {
  const message = errorMessage(error);
  return /bad_alloc|out of memory/i.test(message) ? `the training ran out of memory (${message})` : message;
}

/**
 * @template Update
 * @param {Record<string, (args: any, update: Update, id: number) => Promise<{result: any, transfer?: Transferable[]}>>} handlers
 * @param {(id: number) => Update} makeUpdate
 * @param {(error: unknown) => string} [describeError] the error text the page sees
 */
export function serveRequests(handlers, makeUpdate, describeError = errorMessage) {
  self.addEventListener('message', async (event) => {
    const { id, type, ...args } = /** @type {MessageEvent} */ (event).data;
    if (type === 'lifeline') {
      self.postMessage({ id, ok: true, result: { held: await holdForLife(args.lock) } });
      return;
    }
    const handler = handlers[type];
    try {
      if (!handler) throw new Error(`unknown request ${type}`);
      const { result, transfer = [] } = await handler(args, makeUpdate(id), id);
      self.postMessage({ id, ok: true, result }, { transfer });
    } catch (error) {
      self.postMessage({ id, ok: false, error: describeError(error), crashed: error instanceof WebAssembly.RuntimeError });
    }
  });
}

/**
 * Takes the lock and never gives it back: the browser frees it when the worker ends.
 * @param {string} lock
 * @returns {Promise<boolean>} false where there are no Web Locks
 */
function holdForLife(lock) {
  if (!navigator.locks || typeof lock !== 'string') return Promise.resolve(false);
  return new Promise((held) => {
    navigator.locks.request(lock, () => {
      held(true);
      return new Promise(() => {});
    });
  });
}
