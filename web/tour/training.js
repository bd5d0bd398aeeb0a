// @ts-check
// The training workers of the tour's steps: one, started the first time a step
// needs it, shared by the BPE stepper (step 5) and the small vocabularies
// of step 6. It is a worker of its own (engine/train-worker.js, as in the Train
// view), so the tour's slots never replace the Train view's. Step 6's Unigram
// vocabulary has a Unigram worker of the tour's own in the same way.
//
//   const client = tourTrainClient();   // the same client on every call
//   const unigram = tourUnigramClient();

import { TrainClient } from '../engine/train-client.js';
import { UnigramClient } from '../engine/unigram-client.js';

/** @type {TrainClient | null} */
let shared = null;

export function tourTrainClient() {
  shared ??= new TrainClient();
  return shared;
}

/** @type {UnigramClient | null} */
let sharedUnigram = null;

export function tourUnigramClient() {
  sharedUnigram ??= new UnigramClient();
  return sharedUnigram;
}
