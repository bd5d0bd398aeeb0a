// @ts-check
// Fetches a file whole, reporting progress as its bytes arrive, for the
// workers that load vocabularies and vector sets.
//
// Example: fetchWithProgress('vocab.json', (loaded, total) => ...) calls back
// (65536, 200000), (131072, 200000), ... and resolves to the 200000 bytes.
// total is 0 when the server sends no Content-Length.

/**
 * @param {string} url
 * @param {(loaded: number, total: number) => void} onProgress
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export async function fetchWithProgress(url, onProgress) {
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
