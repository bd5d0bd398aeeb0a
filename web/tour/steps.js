// @ts-check
// The tour's six steps, in order (see tour-view.js for what a step is).

import { step as embedding } from './tour-step-embedding.js';
import { step as learning } from './tour-step-learning.js';
import { step as names } from './tour-step-names.js';
import { step as sizes } from './tour-step-sizes.js';
import { step as bpe } from './tour-step-bpe.js';
import { step as vocabularies } from './tour-step-vocabularies.js';

/** @type {import('./tour-view.js').TourStep[]} */
export const tourSteps = [embedding, learning, names, sizes, bpe, vocabularies];
