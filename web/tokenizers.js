// @ts-check
// The tokenizers the page offers and their lazy loading: a vocabulary is
// fetched and parsed by the worker the first time it is chosen, once.
//
//   const loader = new TokenizerLoader(client);
//   const info = await loader.load('cl100k_base', (loaded, total) => ...);
//   info.vocabSize → 100277

/**
 * @typedef {object} TokenizerEntry
 * @property {string} key the name the worker knows it by, also used in links
 * @property {string} model the models that use it, as users know them
 * @property {string} name the encoding's own name
 * @property {string} [url] where the rank file is served (the built-in tokenizers)
 * @property {CustomFiles} [files] a vocabulary trained or imported in the page
 */

/**
 * @typedef {object} CustomFiles
 * @property {Uint8Array} tokenizerJson the vocabulary as Hugging Face's tokenizer.json
 * @property {Uint8Array} [tiktoken] the same as tiktoken ranks, with pattern: a fallback for an engine worker without tokenizer.json loading
 * @property {string} [pattern] the split pattern's name (gpt2, cl100k, o200k, whitespace, none)
 */

/**
 * @typedef {object} LoadedTokenizer
 * @property {string} name
 * @property {number} vocabSize
 * @property {number} fileBytes
 * @property {number} fetchMs
 * @property {number} parseMs
 * @property {number} memoryBytes
 */

/** @param {string} name */
const rankFileUrl = (name) => new URL(`./dist/vocab/${name}.tiktoken`, import.meta.url).href;

/** @type {TokenizerEntry[]} */
export const tokenizers = [
  { key: 'r50k_base', model: 'GPT-2', name: 'r50k_base', url: rankFileUrl('r50k_base') },
  { key: 'p50k_base', model: 'GPT-3', name: 'p50k_base', url: rankFileUrl('p50k_base') },
  { key: 'cl100k_base', model: 'GPT-4', name: 'cl100k_base', url: rankFileUrl('cl100k_base') },
  { key: 'o200k_base', model: 'GPT-4o', name: 'o200k_base', url: rankFileUrl('o200k_base') },
];

export const defaultTokenizerKey = 'cl100k_base';

/** The key of the vocabulary trained (or imported) in the Train view. */
export const customTokenizerKey = 'mine';

/** Fires "change" (a CustomEvent whose detail is the key) when a page-made tokenizer is added or replaced. */
export const catalogEvents = new EventTarget();

/** @param {string | null | undefined} key */
export function findTokenizer(key) {
  return tokenizers.find((entry) => entry.key === key);
}

/**
 * Adds a tokenizer made in the page to the catalog, or replaces the one with
 * the same key; the loader must forget its old vocabulary (see forget).
 * @param {TokenizerEntry & {files: CustomFiles}} entry
 */
export function setCustomTokenizer(entry) {
  const index = tokenizers.findIndex((existing) => existing.key === entry.key);
  if (index >= 0) tokenizers[index] = entry;
  else tokenizers.push(entry);
  catalogEvents.dispatchEvent(new CustomEvent('change', { detail: entry.key }));
}

export class TokenizerLoader {
  /** @param {{request: (type: string, args?: object, options?: object) => Promise<any>}} client */
  constructor(client) {
    this.client = client;
    /** @type {Map<string, Promise<LoadedTokenizer>>} */
    this.loads = new Map();
    /** @type {Map<string, LoadedTokenizer>} */
    this.loaded = new Map();
    /** @type {Map<string, Set<(loaded: number, total: number) => void>>} */
    this.listeners = new Map();
  }

  /**
   * Loads the tokenizer once; later calls share the first load. A failed load
   * is forgotten so that choosing the tokenizer again retries.
   * @param {string} key
   * @param {(loaded: number, total: number) => void} [onProgress]
   * @returns {Promise<LoadedTokenizer>}
   */
  load(key, onProgress) {
    const entry = findTokenizer(key);
    if (!entry) return Promise.reject(new Error(`unknown tokenizer ${key}`));
    const done = this.loaded.get(key);
    if (done) return Promise.resolve(done);
    let listeners = this.listeners.get(key);
    if (!listeners) this.listeners.set(key, (listeners = new Set()));
    if (onProgress) listeners.add(onProgress);
    let pending = this.loads.get(key);
    if (!pending) {
      const progress = (/** @type {number} */ loaded, /** @type {number} */ total) => {
        for (const listener of this.listeners.get(key) ?? []) listener(loaded, total);
      };
      pending = entry.files
        ? this.loadCustom(entry.key, entry.name, entry.files)
        : this.client.request('loadTiktoken', { key, name: entry.name, url: entry.url }, { onProgress: progress });
      pending.then(
        (info) => this.loaded.set(key, info),
        () => this.loads.delete(key),
      ).finally(() => this.listeners.delete(key));
      this.loads.set(key, pending);
    }
    return pending;
  }

  /**
   * A page-made vocabulary: its tokenizer.json, or its tiktoken ranks when the
   * engine worker cannot load that tokenizer.json (no such request, or a
   * pre-tokenizer the loader does not read, as WhitespaceSplit in a Sequence).
   * @param {string} key
   * @param {string} name
   * @param {CustomFiles} files
   * @returns {Promise<LoadedTokenizer>}
   */
  async loadCustom(key, name, files) {
    const started = performance.now();
    /** @type {{name: string, vocabSize: number, memoryBytes: number}} */
    let info;
    let fileBytes = files.tokenizerJson.length;
    try {
      info = await this.client.request('loadTokenizerJson', { key, name, bytes: files.tokenizerJson });
    } catch (error) {
      if (!files.tiktoken || !files.pattern) throw error;
      info = await this.client.request('loadCustomTiktoken', { key, name, pattern: files.pattern, bytes: files.tiktoken });
      fileBytes = files.tiktoken.length;
    }
    return { name: info.name, vocabSize: info.vocabSize, memoryBytes: info.memoryBytes, fileBytes, fetchMs: 0, parseMs: performance.now() - started };
  }

  /** Drops a loaded vocabulary, so the next load starts afresh (a page-made one was replaced). @param {string} key */
  forget(key) {
    this.loaded.delete(key);
    this.loads.delete(key);
    this.client.request('unload', { key }).catch(() => {});
  }

  /** What a finished load reported, or undefined. @param {string} key */
  info(key) {
    return this.loaded.get(key);
  }
}
