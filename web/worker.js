// @ts-check
// The module Web Worker that owns the engine: loads vocabularies (streamed,
// with progress) and encodes, so the page never blocks on either.
//
// Protocol: the page posts {id, type, ...args}; the worker answers
// {id, ok: true, result} or {id, ok: false, error}, and may post
// {id, progress: {loaded, total}} before answering. Typed arrays in results
// are transferred, not copied.

import createTokenlabModule from './dist/tokenlab.js';
import { createEngine } from './engine.js';

/** @type {Promise<import('./engine.js').Engine>} */
const enginePromise = createEngine(createTokenlabModule, {
  locateFile: (/** @type {string} */ file) => new URL(`./dist/${file}`, import.meta.url).href,
});

/** @type {Map<string, import('./engine.js').Tokenizer>} */
const tokenizers = new Map();

/**
 * Fetches a file, reporting progress as bytes arrive.
 * @param {string} url
 * @param {(loaded: number, total: number) => void} onProgress
 */
async function fetchWithProgress(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || 0;
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** @param {string} key */
function tokenizerFor(key) {
  const tokenizer = tokenizers.get(key);
  if (!tokenizer) throw new Error(`tokenizer ${key} is not loaded`);
  return tokenizer;
}

/** @type {Record<string, (message: any, progress: (loaded: number, total: number) => void) => Promise<{result: any, transfer?: Transferable[]}>>} */
const handlers = {
  async loadTiktoken({ key, name, url }, progress) {
    const engine = await enginePromise;
    const started = performance.now();
    const bytes = await fetchWithProgress(url, progress);
    const fetched = performance.now();
    tokenizers.get(key)?.delete();
    const tokenizer = engine.loadTiktoken(name, bytes);
    tokenizers.set(key, tokenizer);
    return {
      result: {
        name: tokenizer.name,
        vocabSize: tokenizer.vocabSize,
        fileBytes: bytes.length,
        fetchMs: fetched - started,
        parseMs: performance.now() - fetched,
        memoryBytes: tokenizer.memoryBytes(),
      },
    };
  },

  async loadCustomTiktoken({ key, name, pattern, bytes }) {
    const engine = await enginePromise;
    const tokenizer = engine.loadCustomTiktoken(name, pattern, bytes);
    tokenizers.get(key)?.delete();
    tokenizers.set(key, tokenizer);
    return { result: { name: tokenizer.name, vocabSize: tokenizer.vocabSize, memoryBytes: tokenizer.memoryBytes() } };
  },

  async encode({ key, text, allowSpecial }) {
    await enginePromise;
    const started = performance.now();
    const encoding = tokenizerFor(key).encode(text, { allowSpecial });
    const result = { ...encoding, encodeMs: performance.now() - started };
    return { result, transfer: [encoding.ids.buffer, encoding.starts.buffer, encoding.ends.buffer, encoding.bytes.buffer] };
  },

  async vocabulary({ key }) {
    await enginePromise;
    const vocabulary = tokenizerFor(key).vocabulary();
    return { result: vocabulary, transfer: [vocabulary.bytes.buffer, vocabulary.offsets.buffer, vocabulary.special.buffer] };
  },

  async decode({ key, ids }) {
    await enginePromise;
    const bytes = tokenizerFor(key).decode(ids);
    return { result: bytes, transfer: [bytes.buffer] };
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

self.addEventListener('message', async (event) => {
  const { id, type, ...args } = event.data;
  const handler = handlers[type];
  try {
    if (!handler) throw new Error(`unknown request ${type}`);
    const progress = (/** @type {number} */ loaded, /** @type {number} */ total) =>
      self.postMessage({ id, progress: { loaded, total } });
    const { result, transfer = [] } = await handler(args, progress);
    self.postMessage({ id, ok: true, result }, { transfer });
  } catch (error) {
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
