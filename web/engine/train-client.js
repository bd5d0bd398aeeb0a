// @ts-check
// The page's side of the training worker's protocol (see train-worker.js and
// worker-client.js): one promise per request, events on the way, and a
// restart that ends a worker stuck in a long step without touching the page.
// A worker that stops on its own is noticed and replaced by WorkerClient.
//
//   const client = new TrainClient();
//   await client.request('train', {slot, sources, options}, {onEvent: (event) => ...});
//   client.restart();   // pending requests reject with a TrainerRestarted error

import { WorkerClient } from './worker-client.js';

export class TrainerRestarted extends Error {
  constructor() {
    super('the training worker was restarted');
    this.name = 'TrainerRestarted';
  }
}

export class TrainClient extends WorkerClient {
  constructor(workerUrl = new URL('./train-worker.js', import.meta.url)) {
    super(workerUrl, 'training worker');
  }

  /** Ends the worker at once and starts a fresh one (generation counts up: slots in the old worker are gone). */
  restart() {
    super.restart(new TrainerRestarted());
  }

  /** @param {any} message */
  isUpdate(message) {
    return Boolean(message.event);
  }

  /**
   * @param {string} type
   * @param {object} [args]
   * @param {{onEvent?: (event: any) => void, transfer?: Transferable[]}} [options]
   * @returns {Promise<any>}
   */
  request(type, args = {}, options = {}) {
    const { onEvent, transfer } = options;
    const onUpdate = onEvent && ((/** @type {any} */ message) => onEvent(message.event));
    return this.send(type, args, { onUpdate, transfer });
  }
}
