// @ts-check
// The page's side of the Unigram training worker (unigram-worker.js): the
// training client's protocol, and cancel as the end of that worker, since
// its one long training call cannot read a message until it returns.
//
//   const client = new UnigramClient();
//   await client.request('train', {slot, sources, options}, {onEvent: (event) => ...});
//   client.cancel();   // the pending train rejects with a TrainerRestarted error; the next request starts afresh

import { TrainClient } from './train-client.js';

export class UnigramClient extends TrainClient {
  constructor(workerUrl = new URL('./unigram-worker.js', import.meta.url)) {
    super(workerUrl);
  }

  /** Ends the training now; the vocabularies of earlier runs (the slots) go with the worker. */
  cancel() {
    this.restart();
  }
}
