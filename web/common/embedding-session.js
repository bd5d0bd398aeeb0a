// @ts-check
// The page's one embeddings worker and the vector sets it holds, shared by
// the Embeddings view and the tour: vectors trained or imported in the view
// can be looked at in the tour, and the default vectors load once.
//
//   const { client, store } = embeddingSession();
//   await loadDefaultVectors();  store.sets.get('default').rowOf('king') → 154

import { EmbeddingClient } from '../engine/embedding-client.js';
import { VectorSetStore } from './vector-sets.js';

export const defaultVectorsUrl = new URL('../dist/vectors/default.tlv', import.meta.url).href;

/** @type {{client: EmbeddingClient, store: VectorSetStore} | null} */
let session = null;
/** @type {Promise<import('./vector-sets.js').VectorSet> | null} */
let defaultLoad = null;

/** Starts the worker on first use. */
export function embeddingSession() {
  if (!session) {
    const client = new EmbeddingClient();
    // A worker that stopped took the default vectors with it: the next question fetches them again.
    client.setSource('default', () => client.request('loadDefault', { url: defaultVectorsUrl }));
    session = { client, store: new VectorSetStore() };
  }
  return session;
}

/**
 * The default vectors, loaded once and added to the store (not selected);
 * a failed load is forgotten so the next call retries.
 * @param {(loaded: number, total: number) => void} [onProgress]
 */
export function loadDefaultVectors(onProgress) {
  const { client, store } = embeddingSession();
  defaultLoad ??= (async () => {
    const existing = store.sets.get('default');
    if (existing) return existing;
    const { key, info, words } = await client.request('loadDefault', { url: defaultVectorsUrl }, {
      onProgress: ({ loaded, total }) => onProgress?.(loaded, total),
    });
    return store.sets.get(key) ?? store.add(key, info, words);
  })();
  defaultLoad.catch(() => {
    defaultLoad = null;
  });
  return defaultLoad;
}
