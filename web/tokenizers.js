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
 * @property {string} url where the rank file is served
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

/** @param {string | null | undefined} key */
export function findTokenizer(key) {
  return tokenizers.find((entry) => entry.key === key);
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
      pending = this.client.request('loadTiktoken', { key, name: entry.name, url: entry.url }, { onProgress: progress });
      pending.then(
        (info) => this.loaded.set(key, info),
        () => this.loads.delete(key),
      ).finally(() => this.listeners.delete(key));
      this.loads.set(key, pending);
    }
    return pending;
  }

  /** What a finished load reported, or undefined. @param {string} key */
  info(key) {
    return this.loaded.get(key);
  }
}
