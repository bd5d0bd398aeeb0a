// @ts-check
// How much text the page trains on at once, and why: the WebAssembly module
// can grow to 2 GB of memory, and training needs room beyond the text itself.
//
// With a pre-tokenizer the trainer keeps each distinct piece once: English
// prose of 100 MB has about 650 000 distinct pieces and trains in about 330 MB,
// so 512 MB of text leaves a wide margin. Without one ("none"), each file is a
// single piece and every byte costs about 23 bytes of state (its symbol, pair
// positions and counts): 32 MB of text already takes about 750 MB.
//
//   corpusLimit('gpt2') → 512 000 000;  corpusLimit('none') → 32 000 000

import { kEngineMaxMemoryBytes } from './memory.js';

export const maxCorpusBytes = 512_000_000;
export const maxCorpusBytesWithoutPretokenizer = 32_000_000;

export const minVocabSize = 256;
export const maxVocabSize = 100_000;

/** @param {string} pretokenizer */
export function corpusLimit(pretokenizer) {
  return pretokenizer === 'none' ? maxCorpusBytesWithoutPretokenizer : maxCorpusBytes;
}

/**
 * The message for a corpus over the limit, or null when it fits.
 * @param {number} totalBytes
 * @param {string} pretokenizer
 */
export function corpusLimitProblem(totalBytes, pretokenizer) {
  const limit = corpusLimit(pretokenizer);
  if (totalBytes <= limit) return null;
  const mb = (/** @type {number} */ bytes) => `${Math.ceil(bytes / 1e6).toLocaleString('en-US')} MB`;
  const engineMax = `${kEngineMaxMemoryBytes / 2 ** 30} GB`;
  const why =
    pretokenizer === 'none'
      ? `Without a pre-tokenizer each file is one long piece, and training keeps about 23 bytes of state per byte of text; the page’s engine can use at most ${engineMax} of memory.`
      : `Training keeps the text’s distinct pieces and their pair counts in memory, and the page’s engine can use at most ${engineMax}, so the page leaves a wide margin.`;
  return (
    `The files hold ${mb(totalBytes)}, more than the ${mb(limit)} the page trains on at once with ` +
    `${pretokenizer === 'none' ? 'no pre-tokenizer' : 'a pre-tokenizer'}. ${why} ` +
    'Choose fewer or smaller files, or train on the command line (tokenlab train-bpe), which has no such limit.'
  );
}
