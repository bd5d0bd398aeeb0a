// @ts-check
// The tokenizers the page offers and their lazy loading: a vocabulary is
// fetched and parsed by the worker the first time it is chosen, once.
//
//   const loader = new TokenizerLoader(client);
//   const info = await loader.load('cl100k_base', (loaded, total) => ...);
//   info.vocabSize → 100277
//
// Built in: OpenAI's four tiktoken encodings and the tokenizer.json files of
// nine models (dist/vocab/, made by the build; the five largest
// gzip-compressed, which the worker unpacks), listed maker by maker, as the
// pickers group them (tokenizerGroups). Tokenizers made in the page (trained
// in the Train view) or dropped on it join the catalog too, after them; the
// browser keeps them, and puts them back after a reload (kept-tokenizers.js).

/**
 * @typedef {object} TokenizerEntry
 * @property {string} key the name the worker knows it by, also used in links
 * @property {string} model the models that use it, as users know them
 * @property {string} name the encoding's own name (the file name of a dropped one)
 * @property {string} [note] what the picker shows under the model, when not the name
 * @property {'tiktoken' | 'tokenizer.json'} [format] of a built-in file
 * @property {string} [url] where the built-in file is served
 * @property {string} [maker] who made a built-in model ("OpenAI", "Meta", …): choices are grouped by it
 * @property {'page'} [group] set on a file dropped on the page (one trained in the page has neither this nor a maker)
 * @property {CustomFiles} [files] a vocabulary trained, imported or dropped in the page
 */

/**
 * @typedef {object} CustomFiles
 * @property {Uint8Array} [tokenizerJson] the vocabulary as Hugging Face's tokenizer.json
 * @property {Uint8Array} [tiktoken] tiktoken ranks, with pattern: a dropped rank file, or a
 *   fallback for a page-made tokenizer.json the engine does not read
 * @property {string} [pattern] the split pattern's name (gpt2, cl100k, o200k, whitespace, none)
 * @property {Uint8Array} [sentencepieceModel] a dropped SentencePiece .model file (a Unigram model)
 */

/**
 * @typedef {object} LoadedTokenizer
 * @property {string} name
 * @property {number} vocabSize
 * @property {number} fileBytes the tokenizer file's size (unpacked, when it was fetched gzip-compressed)
 * @property {number} fetchMs
 * @property {number} parseMs
 * @property {number} [packedBytes] the bytes fetched, when the file came gzip-compressed
 * @property {number} [unpackMs] time to unpack them
 * @property {number} memoryBytes
 * @property {{prefix: number[], suffix: number[]}} added ids that encode adds around the text
 */

/** @param {string} file */
const vocabUrl = (file) => new URL(`../dist/vocab/${file}`, import.meta.url).href;

/**
 * A model's tokenizer.json, as dist/vocab/<key>.json or, gzip-compressed, <key>.json.gz.
 * @param {string} key
 * @param {string} model
 * @param {string} note
 * @param {string} maker
 * @param {{gzip?: boolean}} [options]
 * @returns {TokenizerEntry}
 */
const openModel = (key, model, note, maker, { gzip = false } = {}) => ({
  key, model, name: key, note, maker, format: 'tokenizer.json', url: vocabUrl(gzip ? `${key}.json.gz` : `${key}.json`),
});

/**
 * A tiktoken encoding, from the rank file it reads (o200k_harmony reads o200k_base's).
 * @param {string} name
 * @param {string} model
 * @param {string} [ranks]
 * @returns {TokenizerEntry}
 */
const openAiEncoding = (name, model, ranks = name) => ({
  key: name, model, name, maker: 'OpenAI', format: 'tiktoken', url: vocabUrl(`${ranks}.tiktoken`),
});

const gzip = { gzip: true };

/** @type {TokenizerEntry[]} */
export const tokenizers = [
  openAiEncoding('r50k_base', 'GPT-2'),
  openAiEncoding('p50k_base', 'GPT-3'),
  openAiEncoding('cl100k_base', 'GPT-4'),
  openAiEncoding('o200k_base', 'GPT-4o'),
  // GPT-OSS twice: as tiktoken's encoding and as the model's own tokenizer.json (the same ids).
  openAiEncoding('o200k_harmony', 'GPT-OSS', 'o200k_base'),
  openModel('gpt-oss', 'GPT-OSS', 'tokenizer.json', 'OpenAI', gzip),
  openModel('llama2', 'LLaMA 2', 'SentencePiece', 'Meta'),
  openModel('llama3', 'LLaMA 3', 'byte-level BPE', 'Meta'),
  openModel('llama3.1', 'Llama 3.1', 'byte-level BPE', 'Meta', gzip),
  openModel('mistral', 'Mistral 7B', 'SentencePiece', 'Mistral AI'),
  openModel('bert-base-uncased', 'BERT base', 'WordPiece, uncased', 'Google'),
  openModel('gemma3', 'Gemma 3', 'SentencePiece', 'Google', gzip),
  openModel('qwen3', 'Qwen 3', 'byte-level BPE', 'Alibaba', gzip),
  openModel('deepseek-v3', 'DeepSeek V3', 'byte-level BPE', 'DeepSeek', gzip),
];

/** The group of tokenizers trained in or dropped on the page, after the makers'. */
const pageMadeGroup = 'Made or dropped in this page';

/**
 * The catalog as the pickers show it, in its order: one group per maker, then
 * the page-made tokenizers.
 *
 *   tokenizerGroups() → [{label: 'OpenAI', entries: [GPT-2, GPT-3, GPT-4, GPT-4o, GPT-OSS]}, {label: 'Meta', …}, …]
 * @returns {{label: string, entries: TokenizerEntry[]}[]}
 */
export function tokenizerGroups() {
  /** @type {Map<string, TokenizerEntry[]>} */
  const groups = new Map();
  for (const entry of tokenizers) {
    const label = entry.maker ?? pageMadeGroup;
    let entries = groups.get(label);
    if (!entries) groups.set(label, (entries = []));
    entries.push(entry);
  }
  return [...groups].map(([label, entries]) => ({ label, entries }));
}

export const defaultTokenizerKey = 'cl100k_base';

/** The key of the vocabulary trained (or imported) in the Train view. */
export const customTokenizerKey = 'mine';

/** Fires "change" (a CustomEvent whose detail is the key) when a page-made tokenizer is added or replaced. */
export const catalogEvents = new EventTarget();

/** @param {string | null | undefined} key */
export function findTokenizer(key) {
  return tokenizers.find((entry) => entry.key === key);
}

/** "GPT-4 (cl100k_base)", "LLaMA 2 (llama2)", a dropped file's name, or the key of an unknown one. @param {string} key */
export function describeTokenizer(key) {
  const entry = findTokenizer(key);
  if (!entry) return key;
  return entry.model === entry.name ? entry.model : `${entry.model} (${entry.name})`;
}

/**
 * True for keys of tokenizers made in the page, which a link brings back only
 * in a browser that kept them (kept-tokenizers.js). @param {string} key
 */
export function isPageMadeKey(key) {
  return key === customTokenizerKey || key.startsWith(droppedKeyPrefix) || key.startsWith(keptKeyPrefix);
}

/** Tokenizers kept in the browser from an earlier visit get keys kept-<record id>. */
export const keptKeyPrefix = 'kept-';

/** Dropped files get keys file-1, file-2, … in the order they arrive. */
const droppedKeyPrefix = 'file-';
let droppedCount = 0;

/** A key for the next dropped file. */
export function nextDroppedKey() {
  droppedCount += 1;
  return `${droppedKeyPrefix}${droppedCount}`;
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
  removedNames.delete(entry.key);
  catalogEvents.dispatchEvent(new CustomEvent('change', { detail: entry.key }));
}

/** Names of page-made tokenizers taken out of the catalog, by key, for the error of a view still showing one. */
const removedNames = new Map();

/**
 * Takes a page-made tokenizer out of the catalog (a dropped file that did not
 * load); the loader must forget it too.
 * @param {string} key
 */
export function removeCustomTokenizer(key) {
  const index = tokenizers.findIndex((existing) => existing.key === key && existing.files);
  if (index < 0) return;
  removedNames.set(key, describeTokenizer(key));
  tokenizers.splice(index, 1);
  catalogEvents.dispatchEvent(new CustomEvent('change', { detail: key }));
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
    /** @type {Map<string, Promise<Vocabulary>>} */
    this.vocabularies = new Map();
    // A worker that stopped took its vocabularies with it: each loads again, in a fresh worker, when next used.
    if (client instanceof EventTarget) {
      const forgetAll = () => {
        this.loaded.clear();
        this.loads.clear();
        this.vocabularies.clear();
      };
      client.addEventListener('stopped', forgetAll);
      client.addEventListener('restarted', forgetAll);
    }
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
    const removed = removedNames.get(key);
    if (!entry && removed) return Promise.reject(new Error(`${removed} was deleted; choose another tokenizer`));
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
        : this.client.request(entry.format === 'tokenizer.json' ? 'loadTokenizerJson' : 'loadTiktoken', { key, name: entry.name, url: entry.url }, { onProgress: progress });
      pending.then(
        (info) => this.loaded.set(key, info),
        () => this.loads.delete(key),
      ).finally(() => this.listeners.delete(key));
      this.loads.set(key, pending);
    }
    return pending;
  }

  /**
   * A page-made vocabulary: its tokenizer.json, or its tiktoken ranks when
   * there is no tokenizer.json (a dropped rank file) or the engine cannot
   * load it (a pre-tokenizer the loader does not read, as WhitespaceSplit in
   * a Sequence).
   * @param {string} key
   * @param {string} name
   * @param {CustomFiles} files
   * @returns {Promise<LoadedTokenizer>}
   */
  async loadCustom(key, name, files) {
    const started = performance.now();
    const { info, fileBytes } = await this.loadCustomFile(key, name, files);
    return { ...info, fileBytes, fetchMs: 0, parseMs: performance.now() - started };
  }

  /**
   * @param {string} key
   * @param {string} name
   * @param {CustomFiles} files
   * @returns {Promise<{info: Omit<LoadedTokenizer, 'fileBytes' | 'fetchMs' | 'parseMs'>, fileBytes: number}>}
   */
  async loadCustomFile(key, name, { tokenizerJson, tiktoken, pattern, sentencepieceModel }) {
    if (sentencepieceModel) {
      const info = await this.client.request('loadSentencePieceModel', { key, name, bytes: sentencepieceModel });
      return { info, fileBytes: sentencepieceModel.length };
    }
    if (tokenizerJson) {
      try {
        const info = await this.client.request('loadTokenizerJson', { key, name, bytes: tokenizerJson });
        return { info, fileBytes: tokenizerJson.length };
      } catch (error) {
        if (!tiktoken || !pattern) throw error;
      }
    }
    if (!tiktoken || !pattern) throw new Error(`${name} has no vocabulary file`);
    const info = await this.client.request('loadCustomTiktoken', { key, name, pattern, bytes: tiktoken });
    return { info, fileBytes: tiktoken.length };
  }

  /** Drops a loaded vocabulary, so the next load starts afresh (a page-made one was replaced). @param {string} key */
  forget(key) {
    this.loaded.delete(key);
    this.loads.delete(key);
    this.vocabularies.delete(key);
    this.client.request('unload', { key }).catch(() => {});
  }

  /** What a finished load reported, or undefined. @param {string} key */
  info(key) {
    return this.loaded.get(key);
  }

  /**
   * The loaded tokenizer's vocabulary, fetched from the worker once (the
   * vocabulary crosses once; chips look their special tokens up in it).
   * @param {string} key
   * @returns {Promise<Vocabulary>}
   */
  vocabulary(key) {
    let pending = this.vocabularies.get(key);
    if (!pending) {
      pending = this.load(key)
        .then(() => this.client.request('vocabulary', { key }))
        .then((raw) => new Vocabulary(raw));
      pending.catch(() => this.vocabularies.delete(key));
      this.vocabularies.set(key, pending);
    }
    return pending;
  }
}

const utf8 = new TextDecoder();

/**
 * A tokenizer's vocabulary as the engine lists it: each id's bytes (a
 * SentencePiece "▁" as a space, "<0x0A>" as its byte; WordPiece's "##ing" as
 * written) and whether it is a special token.
 */
export class Vocabulary {
  /** @param {{bytes: Uint8Array, offsets: Uint32Array, special: Uint8Array}} raw */
  constructor({ bytes, offsets, special }) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.special = special;
    this.size = offsets.length - 1;
  }

  /** @param {number} id */
  isSpecial(id) {
    return id < this.size && this.special[id] === 1;
  }

  /** The id's bytes. @param {number} id */
  entry(id) {
    return id < this.size ? this.bytes.subarray(this.offsets[id], this.offsets[id + 1]) : new Uint8Array(0);
  }

  /** The id's bytes as text ("<s>", "[CLS]", " "). @param {number} id */
  text(id) {
    return utf8.decode(this.entry(id));
  }
}
