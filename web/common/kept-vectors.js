// @ts-check
// Vector sets kept in the browser (stored-files.js): a set trained or
// imported in the Embeddings view is written once it exists, and a training
// run's vectors at each finished epoch while it goes, so a reload or a
// stopped worker keeps the last finished epoch. A kept set goes back into
// the embeddings worker with everything its questions need: how queries are
// prepared, the seed its Day 0 is made from, and for token vectors the
// tokenizer (a page-made tokenizer.json is kept with the set).
//
//   const record = await keepVectors({name: 'sample, skip-gram', setInfo, snapshot, how, sources});
//   await restoreVectors(client, record, 'kept-' + record.id)   → {key, info, words} as any set the worker made
//
// Payload: words (UTF-8, back to back) and offsets, values (rows × dim,
// float32, exactly as trained), and tokenizerJson when the tokenizer was
// made in the page.

import { payloadParts, storedFiles } from './stored-files.js';

/** @typedef {import('./stored-files.js').StoredRecord} StoredRecord */

/**
 * @typedef {object} SetSource how a set was made, all the worker needs to take it back
 * @property {'trained' | 'imported'} origin
 * @property {{lowercase: boolean, stripPunctuation: boolean} | null} text how queries are prepared
 * @property {number | null} seed the training seed (Day 0), null for imported vectors
 * @property {{key: string, name: string, url?: string, tokenizerJson?: Uint8Array} | null} tokenizer for token vectors
 * @property {Record<string, any>} [options] the training settings
 *
 * @typedef {{words: {bytes: Uint8Array, offsets: Uint32Array}, values: Float32Array, dim: number, size: number}} Snapshot
 */

/**
 * Writes a set (a new record, or the one with id). Rejects with
 * StorageFull or StorageUnavailable.
 * @param {{id?: string, name: string, info: import('./vector-sets.js').SetInfo, snapshot: Snapshot, how: SetSource,
 *   sources: {name: string, size: number}[], partial?: {epochsDone: number, epochs: number} | null}} set
 * @returns {Promise<StoredRecord>}
 */
export function keepVectors({ id, name, info, snapshot, how, sources, partial = null }) {
  const { tokenizer } = how;
  /** @type {import('./stored-files.js').Payload} */
  const payload = { words: snapshot.words.bytes, offsets: snapshot.words.offsets, values: snapshot.values };
  if (tokenizer?.tokenizerJson) payload.tokenizerJson = tokenizer.tokenizerJson;
  return storedFiles().put(
    {
      id,
      kind: 'vectors',
      name,
      settings: {
        origin: how.origin,
        text: how.text,
        seed: how.seed,
        options: how.options ?? null,
        tokenizer: tokenizer ? { key: tokenizer.key, name: tokenizer.name, url: tokenizer.url ?? null } : null,
      },
      sources,
      meta: {
        size: snapshot.size,
        dim: snapshot.dim,
        unit: info.unit,
        info,
        partial: Boolean(partial),
        ...(partial ? { epochsDone: partial.epochsDone, epochs: partial.epochs } : {}),
      },
    },
    payload,
  );
}

/**
 * Puts a kept set in the worker under key. Throws UnreadableRecord when the
 * record's contents cannot be read back.
 * @param {import('../engine/embedding-client.js').EmbeddingClient} client
 * @param {StoredRecord} record
 * @param {string} key
 * @returns {Promise<{key: string, info: import('./vector-sets.js').SetInfo, words: {bytes: Uint8Array, offsets: Uint32Array}}>}
 */
export async function restoreVectors(client, record, key) {
  const payload = await storedFiles().payload(record.id);
  const { words, offsets, values } = payloadParts(record, payload, { words: Uint8Array, offsets: Uint32Array, values: Float32Array });
  const { settings, meta } = record;
  const tokenizerJson = payload?.tokenizerJson instanceof Uint8Array ? payload.tokenizerJson : undefined;
  const tokenizer = settings.tokenizer ? { key: settings.tokenizer.key, name: settings.tokenizer.name, url: settings.tokenizer.url ?? undefined, tokenizerJson } : null;
  return client.request(
    'restore',
    {
      key,
      words: { bytes: words, offsets },
      values,
      dim: meta.dim,
      info: { ...meta.info, name: meta.info?.name ?? record.name },
      text: settings.text ?? null,
      seed: settings.seed ?? null,
      tokenizer,
    },
    { transfer: [words.buffer, offsets.buffer, values.buffer] },
  );
}

/** Kept vector sets, newest first. */
export async function keptVectorRecords() {
  const { records } = await storedFiles().list();
  return records.filter((record) => record.kind === 'vectors');
}
