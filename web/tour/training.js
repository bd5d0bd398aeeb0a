// @ts-check
// The training worker of the tour's steps: one, started the first time a step
// needs it, shared by the BPE stepper (step 5) and the two small vocabularies
// of step 6. It is a worker of its own (engine/train-worker.js, as in the Train
// view), so the tour's slots never replace the Train view's.
//
//   const client = tourTrainClient();   // the same client on every call

import { TrainClient } from '../engine/train-client.js';

/** @type {TrainClient | null} */
let shared = null;

export function tourTrainClient() {
  shared ??= new TrainClient();
  return shared;
}
