// @ts-check
// The module Web Worker that owns the engine: loads vocabularies (streamed,
// with progress) and encodes, so the page never blocks on either.
//
// Protocol: the page posts {id, type, ...args}; the worker answers
// {id, ok: true, result} or {id, ok: false, error}, and may post
// {id, progress: {loaded, total}} before answering. Typed arrays in results
// are transferred, not copied.
//
// Loads answer {name, vocabSize, memoryBytes, added: {prefix, suffix}}, plus
// fileBytes, fetchMs and parseMs when the worker fetched the file itself (and
// packedBytes and unpackMs when it came gzip-compressed); added lists the ids
// encode puts around the text (BOS, [CLS] ... [SEP]).

import createTokenlabModule from '../dist/tokenlab.js';
import { createEngine } from './engine.js';
import { fetchWithProgress } from './fetch-progress.js';
import { gunzip, isGzip } from './gunzip.js';
import { serveRequests } from './worker-protocol.js';
import { cutText } from './text-cut.js';

/** @type {Promise<import('./engine.js').Engine>} */
const enginePromise = createEngine(createTokenlabModule, {
  locateFile: (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url).href,
});

/** @type {Map<string, import('./engine.js').Tokenizer>} */
const tokenizers = new Map();

/** @param {string} key */
function tokenizerFor(key) {
  const tokenizer = tokenizers.get(key);
  if (!tokenizer) throw new Error(`tokenizer ${key} is not loaded`);
  return tokenizer;
}

/**
 * Makes a freshly loaded tokenizer the one known by key (freeing the one it
 * replaces) and describes it.
 * @param {string} key
 * @param {import('./engine.js').Tokenizer} tokenizer
 */
function install(key, tokenizer) {
  tokenizers.get(key)?.delete();
  tokenizers.set(key, tokenizer);
  const added = tokenizer.addedSpecialTokens();
  return {
    name: tokenizer.name,
    vocabSize: tokenizer.vocabSize,
    memoryBytes: tokenizer.memoryBytes(),
    added: { prefix: Array.from(added.prefix), suffix: Array.from(added.suffix) },
  };
}

/**
 * Fetches a vocabulary file with progress (over the bytes as sent, so
 * compressed ones for a .gz), unpacks it if it is gzip, then parses it with `parse`.
 * @param {string} key
 * @param {string} url
 * @param {(loaded: number, total: number) => void} progress
 * @param {(bytes: Uint8Array) => import('./engine.js').Tokenizer} parse
 */
async function loadFetched(key, url, progress, parse) {
  const started = performance.now();
  const fetchedBytes = await fetchWithProgress(url, progress);
  const fetched = performance.now();
  const packed = isGzip(fetchedBytes);
  const bytes = packed ? await gunzip(fetchedBytes) : fetchedBytes;
  const unpacked = performance.now();
  const info = install(key, parse(bytes));
  const timing = { fileBytes: bytes.length, fetchMs: fetched - started, parseMs: performance.now() - unpacked };
  const packing = packed ? { packedBytes: fetchedBytes.length, unpackMs: unpacked - fetched } : {};
  return { result: { ...info, ...timing, ...packing } };
}

/** @type {Record<string, (message: any, progress: (loaded: number, total: number) => void) => Promise<{result: any, transfer?: Transferable[]}>>} */
const handlers = {
  async loadTiktoken({ key, name, url }, progress) {
    const engine = await enginePromise;
    return loadFetched(key, url, progress, (bytes) => engine.loadTiktoken(name, bytes));
  },

  async loadCustomTiktoken({ key, name, pattern, bytes }) {
    const engine = await enginePromise;
    return { result: install(key, engine.loadCustomTiktoken(name, pattern, bytes)) };
  },

  // A Hugging Face tokenizer.json: a built-in one from url, or a file's bytes.
  async loadTokenizerJson({ key, name, url, bytes }, progress) {
    const engine = await enginePromise;
    if (url) return loadFetched(key, url, progress, (json) => engine.loadTokenizerJson(name, json));
    return { result: install(key, engine.loadTokenizerJson(name, bytes)) };
  },

  // A SentencePiece .model file's bytes (a Unigram model, encoded as spm_encode does).
  async loadSentencePieceModel({ key, name, bytes }) {
    const engine = await enginePromise;
    return { result: install(key, engine.loadSentencePieceModel(name, bytes)) };
  },

  // addSpecialTokens: BOS / [CLS] ... [SEP] as the reference adds them (default on).
  async encode({ key, text, allowSpecial, addSpecialTokens = true }) {
    await enginePromise;
    const started = performance.now();
    const encoding = tokenizerFor(key).encode(text, { allowSpecial, addSpecialTokens });
    const result = { ...encoding, encodeMs: performance.now() - started };
    return { result, transfer: [encoding.ids.buffer, encoding.starts.buffer, encoding.ends.buffer, encoding.bytes.buffer] };
  },

  async count({ key, text, allowSpecial, addSpecialTokens = true }) {
    await enginePromise;
    return { result: tokenizerFor(key).count(text, { allowSpecial, addSpecialTokens }) };
  },

  async vocabulary({ key }) {
    await enginePromise;
    const vocabulary = tokenizerFor(key).vocabulary();
    return { result: vocabulary, transfer: [vocabulary.bytes.buffer, vocabulary.offsets.buffer, vocabulary.special.buffer] };
  },

  // Diff mode: both texts encoded, and which tokens of each are outside their common subsequence.
  async diff({ key, before, after, allowSpecial, addSpecialTokens = true }) {
    const engine = await enginePromise;
    const tokenizer = tokenizerFor(key);
    const first = tokenizer.encode(before, { allowSpecial, addSpecialTokens });
    const second = tokenizer.encode(after, { allowSpecial, addSpecialTokens });
    const marks = engine.diffIds(first.ids, second.ids);
    const result = { before: first, after: second, ...marks };
    const buffers = [first, second].flatMap((encoding) => [encoding.ids.buffer, encoding.starts.buffer, encoding.ends.buffer, encoding.bytes.buffer]);
    return { result, transfer: [...buffers, marks.beforeChanged.buffer, marks.afterChanged.buffer] };
  },

  // A token's story (engine.js trace) for the ids of one word.
  async trace({ key, ids }) {
    await enginePromise;
    return { result: tokenizerFor(key).trace(ids) };
  },

  async decode({ key, ids }) {
    await enginePromise;
    const bytes = tokenizerFor(key).decode(ids);
    return { result: bytes, transfer: [bytes.buffer] };
  },

  // Cut to fit (text-cut.js): pieces of at most maxTokens each, their byte spans and own counts.
  async cut({ key, text, maxTokens, boundary }, progress) {
    await enginePromise;
    const tokenizer = tokenizerFor(key);
    const encoding = tokenizer.encode(text, { allowSpecial: false, addSpecialTokens: false });
    const count = (/** @type {number} */ start, /** @type {number} */ end) => tokenizer.count(encoding.bytes.subarray(start, end), { allowSpecial: false, addSpecialTokens: false });
    const pieces = cutText(encoding, maxTokens, boundary, count, progress);
    return { result: { ...pieces, tokens: encoding.ids.length }, transfer: [pieces.starts.buffer, pieces.ends.buffer, pieces.counts.buffer] };
  },

  async unload({ key }) {
    tokenizers.get(key)?.delete();
    tokenizers.delete(key);
    return { result: true };
  },

  async heap() {
    const engine = await enginePromise;
    return { result: { heapBytes: engine.heapBytes() } };
  },
};

serveRequests(handlers, (id) => (/** @type {number} */ loaded, /** @type {number} */ total) =>
  self.postMessage({ id, progress: { loaded, total } }),
);
