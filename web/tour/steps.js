// @ts-check
// The tour's six steps, in order (see view.js for what a step is).

import { step as embedding } from './step-embedding.js';
import { step as learning } from './step-learning.js';
import { step as names } from './step-names.js';
import { step as sizes } from './step-sizes.js';
import { step as bpe } from './step-bpe.js';
import { step as vocabularies } from './step-vocabularies.js';

/** @type {import('./view.js').TourStep[]} */
export const tourSteps = [embedding, learning, names, sizes, bpe, vocabularies];
