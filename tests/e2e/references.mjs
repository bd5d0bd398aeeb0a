// The reference tokenizers the end-to-end tests compare the page with:
// OpenAI's tiktoken package for the four GPT encodings, transformers.js for
// the tokenizer.json files the build extracts (LLaMA 2 and 3, Mistral, BERT).
//
//   referenceIds('cl100k_base', 'hello world')                          → [15339, 1917]
//   referenceIds('llama2', 'hi', { addSpecialTokens: false })           → [7251]
//   referenceVocabSize('p50k_base')                                     → 50281
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PreTrainedTokenizer } from '@huggingface/transformers';
import { get_encoding } from 'tiktoken';

import { webRoot } from './harness.mjs';

export const vocabDir = path.join(webRoot, 'dist', 'vocab');
const registry = createRequire(import.meta.url)('tiktoken/registry.json');

export const tiktokenNames = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
export const huggingFaceNames = ['llama2', 'llama3', 'mistral', 'bert-base-uncased'];

/** @type {Map<string, PreTrainedTokenizer>} by file */
const huggingFace = new Map();

/**
 * transformers.js's tokenizer for a built vocabulary, or for any tokenizer.json file; made once.
 * @param {string} name
 * @param {string} [file]
 */
export function huggingFaceTokenizer(name, file = path.join(vocabDir, `${name}.json`)) {
  let tokenizer = huggingFace.get(file);
  if (!tokenizer) {
    tokenizer = new PreTrainedTokenizer(JSON.parse(readFileSync(file, 'utf8')), {});
    huggingFace.set(file, tokenizer);
  }
  return tokenizer;
}

/**
 * The reference's ids for text: tiktoken with special-looking text as text;
 * transformers.js with or without the tokens its post-processor adds.
 * @param {string} name
 * @param {string} text
 * @param {{addSpecialTokens?: boolean}} [options]
 * @returns {number[]}
 */
export function referenceIds(name, text, { addSpecialTokens = true } = {}) {
  if (tiktokenNames.includes(name)) {
    const encoding = get_encoding(/** @type {any} */ (name));
    try {
      return Array.from(encoding.encode(text, [], []));
    } finally {
      encoding.free();
    }
  }
  return Array.from(huggingFaceTokenizer(name).encode(text, { add_special_tokens: addSpecialTokens }), Number);
}

/**
 * The vocabulary size each reference defines: tiktoken's explicit size or one
 * past its largest id; for a tokenizer.json, one past the largest id of its
 * vocabulary and added tokens.
 * @param {string} name
 */
export function referenceVocabSize(name) {
  if (tiktokenNames.includes(name)) {
    const entry = registry[name];
    if (entry.explicit_n_vocab) return entry.explicit_n_vocab;
    let largest = -1;
    for (const line of readFileSync(path.join(vocabDir, `${name}.tiktoken`), 'latin1').split('\n'))
      if (line) largest = Math.max(largest, Number(line.split(' ')[1]));
    return Math.max(largest, ...Object.values(entry.special_tokens)) + 1;
  }
  const json = JSON.parse(readFileSync(path.join(vocabDir, `${name}.json`), 'utf8'));
  let largest = -1;
  for (const id of Object.values(json.model.vocab)) largest = Math.max(largest, Number(id));
  for (const token of json.added_tokens) largest = Math.max(largest, token.id);
  return largest + 1;
}
