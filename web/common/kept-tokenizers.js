// @ts-check
// Tokenizers made in or opened on the page, kept in the browser
// (stored-files.js) as soon as they exist and put back in the tokenizer
// catalog after a reload. The newest vocabulary trained or imported in the
// Train view is "My tokenizer" (key mine) again; older vocabularies and
// opened tokenizer files join the page-made group as kept-<record id>.
// Renaming or deleting a record in Your files renames or removes its entry.
//
//   await restoreKeptTokenizers(loader)   → {restored: 3, skipped: [{id, name, reason}]}
//   await keepMine({name: '8,000 tokens, GPT-2 split', files: {tokenizerJson}, settings, sources})
//     → {record} once stored, or {problem: 'This browser does not let the page keep files …'}
//
// Why a new vocabulary moves the one before it to kept-<id> rather than
// dropping it: "mine" is what the Train view's buttons and links point at,
// and the one before is still the reader's, kept and listed.

import { customTokenizerKey, findTokenizer, keptKeyPrefix, removeCustomTokenizer, setCustomTokenizer } from './tokenizers.js';
import { payloadParts, storedFiles, unreadablePayloads, UnreadableRecord } from './stored-files.js';

/** @typedef {import('./stored-files.js').StoredRecord} StoredRecord */
/** @typedef {import('./tokenizers.js').CustomFiles} CustomFiles */

/** Catalog key of each kept record in the catalog, by record id. @type {Map<string, string>} */
const keys = new Map();

/** @type {import('./tokenizers.js').TokenizerLoader | null} */
let loader = null;

/** @param {string} id */
const keptKey = (id) => `${keptKeyPrefix}${id}`;

/**
 * The catalog entry of a kept record under a key.
 * @param {StoredRecord} record @param {string} key @param {Uint8Array} bytes
 * @returns {import('./tokenizers.js').TokenizerEntry & {files: CustomFiles}}
 */
function entryFor(record, key, bytes) {
  if (record.kind === 'vocabulary') return { key, model: 'My tokenizer', name: record.name, files: { tokenizerJson: bytes } };
  const format = record.settings.format;
  const tiktoken = format === 'tiktoken';
  /** @type {CustomFiles} */
  const files = tiktoken
    ? { tiktoken: bytes, pattern: String(record.settings.pattern ?? 'cl100k') }
    : format === 'sentencepiece' ? { sentencepieceModel: bytes } : { tokenizerJson: bytes };
  const note = tiktoken ? `kept tiktoken · ${files.pattern}` : format === 'sentencepiece' ? 'kept SentencePiece .model' : 'kept tokenizer.json';
  return { key, model: record.name, name: record.name, note, files, group: 'page' };
}

/** @param {string} id @param {string} key */
function link(id, key) {
  for (const [other, otherKey] of keys) if (otherKey === key && other !== id) keys.delete(other);
  keys.set(id, key);
}

/**
 * Puts the kept vocabularies and tokenizer files back in the catalog, and
 * follows renames and deletions from then on. Never throws.
 * @param {import('./tokenizers.js').TokenizerLoader} tokenizerLoader forgets what is removed
 * @returns {Promise<{restored: number, skipped: import('./stored-files.js').SkippedRecord[]}>}
 */
export async function restoreKeptTokenizers(tokenizerLoader) {
  loader = tokenizerLoader;
  const store = storedFiles();
  store.addEventListener('change', (event) => follow(/** @type {CustomEvent} */ (event).detail));
  const { records } = await store.list();
  const kept = records.filter((record) => record.kind === 'vocabulary' || record.kind === 'tokenizer-file');
  /** @type {import('./stored-files.js').SkippedRecord[]} */
  const skipped = [];
  let restored = 0;
  // Newest first (list's order): the first vocabulary is "My tokenizer".
  let mineTaken = Boolean(findTokenizer(customTokenizerKey));
  const payloads = await Promise.all(kept.map((record) => store.payload(record.id).catch(() => undefined)));
  kept.forEach((record, index) => {
    try {
      const { bytes } = payloadParts(record, payloads[index], { bytes: Uint8Array });
      const key = record.kind === 'vocabulary' && !mineTaken ? customTokenizerKey : keptKey(record.id);
      if (key === customTokenizerKey) mineTaken = true;
      link(record.id, key);
      setCustomTokenizer(entryFor(record, key, bytes));
      restored++;
    } catch (error) {
      const reason = error instanceof UnreadableRecord ? error.reason : String(error);
      unreadablePayloads.set(record.id, reason);
      skipped.push({ id: record.id, name: record.name, reason });
    }
  });
  return { restored, skipped };
}

/**
 * Makes a vocabulary "My tokenizer" and keeps it. The kept vocabulary that
 * was "My tokenizer" stays in the catalog under its own key.
 * @param {{name: string, files: CustomFiles & {tokenizerJson: Uint8Array}, settings?: Record<string, any>,
 *   sources?: {name: string, size: number}[], meta?: Record<string, any>}} vocabulary
 * @returns {Promise<{record: StoredRecord, problem?: undefined} | {record?: undefined, problem: string}>}
 */
export async function keepMine({ name, files, settings, sources, meta }) {
  const previous = findTokenizer(customTokenizerKey);
  const previousId = [...keys].find(([, key]) => key === customTokenizerKey)?.[0];
  setCustomTokenizer({ key: customTokenizerKey, model: 'My tokenizer', name, files });
  if (previous?.files?.tokenizerJson && previousId) {
    const key = keptKey(previousId);
    link(previousId, key);
    setCustomTokenizer({ ...previous, key, files: previous.files });
  }
  try {
    const record = await storedFiles().put({ kind: 'vocabulary', name, settings, sources, meta }, { bytes: files.tokenizerJson });
    // A newer vocabulary may have become "My tokenizer" while this one was written.
    if (findTokenizer(customTokenizerKey)?.files === files) link(record.id, customTokenizerKey);
    return { record };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Keeps a tokenizer file opened on the page, already in the catalog under key.
 * @param {string} key
 * @param {{fileName: string, format: 'tokenizer.json' | 'tiktoken' | 'sentencepiece', bytes: Uint8Array, pattern?: string, vocabSize?: number}} file
 * @returns {Promise<{record: StoredRecord, problem?: undefined} | {record?: undefined, problem: string}>}
 */
export async function keepTokenizerFile(key, { fileName, format, bytes, pattern, vocabSize }) {
  try {
    const record = await storedFiles().put(
      {
        kind: 'tokenizer-file',
        name: fileName,
        settings: format === 'tiktoken' ? { format, pattern } : { format },
        sources: [{ name: fileName, size: bytes.length }],
        meta: vocabSize === undefined ? {} : { vocabSize },
      },
      { bytes },
    );
    if (findTokenizer(key)) link(record.id, key);
    return { record };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The catalog key of a kept record, if it is in the catalog. @param {string} id */
export function keyOfRecord(id) {
  return keys.get(id);
}

/**
 * Follows a change made in Your files.
 * @param {{action: string, id?: string}} change
 */
async function follow({ action, id }) {
  if (action === 'clear') {
    for (const key of keys.values()) drop(key);
    keys.clear();
    return;
  }
  if (!id) return;
  if (action === 'remove') {
    const key = keys.get(id);
    keys.delete(id);
    if (key) drop(key);
  } else if (action === 'rename') {
    const key = keys.get(id);
    const entry = key ? findTokenizer(key) : undefined;
    const record = await storedFiles().get(id).catch(() => null);
    if (!entry?.files || !record || keys.get(id) !== key) return;
    const renamed = { ...entry, name: record.name, files: entry.files };
    if (entry.group === 'page') renamed.model = record.name;
    setCustomTokenizer(renamed);
  }
}

/** @param {string} key */
function drop(key) {
  loader?.forget(key);
  removeCustomTokenizer(key);
}
