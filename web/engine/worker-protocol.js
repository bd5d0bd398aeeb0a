// @ts-check
// The worker's side of the protocol the page speaks through worker-client.js:
// the page posts {id, type, ...args}; handlers[type](args, update, id) runs
// and its {result, transfer} becomes {id, ok: true, result}, with the
// transfer list moved rather than copied; a throw becomes
// {id, ok: false, error}. update posts messages for the same id before the
// answer (progress, training events); makeUpdate(id) builds it.
//
//   serveRequests({ async heap() { return { result: { heapBytes: 1024 } }; } },
//                 (id) => (progress) => self.postMessage({ id, progress }));
//   page posts {id: 7, type: 'heap'} → worker posts {id: 7, ok: true, result: {heapBytes: 1024}}

/** @param {unknown} error */
export function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
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
    const handler = handlers[type];
    try {
      if (!handler) throw new Error(`unknown request ${type}`);
      const { result, transfer = [] } = await handler(args, makeUpdate(id), id);
      self.postMessage({ id, ok: true, result }, { transfer });
    } catch (error) {
      self.postMessage({ id, ok: false, error: describeError(error) });
    }
  });
}
