// What the persistence tests share: the page's IndexedDB read and written
// directly (not through the page's own module, so a test sees what is really
// stored), the Train view's form, the Your files dialog, the Tokenize view's
// ids, and the sample's held-out cut, so node can train on exactly the bytes
// the page trained on.
//
//   const records = await storedRecords(page);   → [{version: 1, kind: 'vocabulary', name: …}, …]
//   await putStored(page, [{record, payload}]);  → written as they are, damaged or not
//   const ids = await tokenizeIds(page, 'Call me Ishmael.');

/** @typedef {import('playwright-core').Page} Page */

/** The stored records, as IndexedDB holds them (database "tokenlab", store "records"). @param {Page} page */
export function storedRecords(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tokenlab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('records')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('records').objectStore('records').getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/**
 * Writes records and payloads as given, creating the stores as the page
 * does when they are missing.
 * @param {Page} page
 * @param {{record: any, payload?: any}[]} entries
 */
export function putStored(page, entries) {
  return page.evaluate(
    (entries) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tokenlab', 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('records', { keyPath: 'id' });
          open.result.createObjectStore('payloads');
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction(['records', 'payloads'], 'readwrite');
          for (const { record, payload } of entries) {
            transaction.objectStore('records').put(record);
            if (payload !== undefined) transaction.objectStore('payloads').put(payload, record.id);
          }
          transaction.oncomplete = () => {
            db.close();
            resolve(undefined);
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    entries,
  );
}

/** Sets the Train view's form and presses Train. @param {Page} page */
export async function train(page, { vocabSize = 1500, pretokenizer = 'cl100k', minFrequency = 2, specials = '<|endoftext|>' } = {}) {
  await page.fill('#vocab-size', String(vocabSize));
  await page.selectOption('#pretokenizer', pretokenizer);
  await page.fill('#min-frequency', String(minFrequency));
  await page.fill('#special-tokens', specials);
  await page.click('#train-start');
}

/** @param {Page} page */
export async function waitForTrained(page, timeout = 60_000) {
  await page.waitForFunction(() => !document.querySelector('#train-result')?.hidden && document.querySelector('.train-run')?.getAttribute('aria-busy') === 'false', null, { timeout });
}

/** Waits until the page has loaded after a reload. @param {Page} page */
export async function reloaded(page) {
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', null, { timeout: 60_000 });
}

/**
 * Types text in the Tokenize view (which must be showing) and reads the ids of its chips.
 * @param {Page} page @param {string} text
 */
export async function tokenizeIds(page, text) {
  await page.fill('#tokenize-text', text);
  await page.waitForFunction(
    (bytes) => document.querySelector('#count-bytes')?.getAttribute('data-value') === String(bytes) && !document.querySelector('#token-output')?.hasAttribute('aria-busy'),
    Buffer.byteLength(text),
    { timeout: 30_000 },
  );
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/** Opens Your files and waits for its list. @param {Page} page */
export async function openYourFiles(page) {
  await page.click('.your-files-button');
  await page.waitForSelector('#your-files[open][data-drawn]');
}

/**
 * The items Your files lists (those that cannot be read back aside), as the reader sees them.
 * @param {Page} page
 * @returns {Promise<{id: string, kind: string, name: string, facts: string, problem: string}[]>}
 */
export function listedFiles(page) {
  return page.$$eval('#your-files ul[aria-label="Kept files"] > .kept-item', (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-id') ?? '',
      kind: item.getAttribute('data-kind') ?? '',
      name: item.querySelector('.kept-name')?.textContent ?? '',
      facts: item.querySelector('.kept-facts')?.textContent ?? '',
      problem: item.querySelector('.kept-problem')?.textContent ?? '',
    })),
  );
}

/** The origin's storage use, as the browser reports it. @param {Page} page */
export function storageUsage(page) {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * Where the Train view cuts the last file to hold its end out of training
 * (train-worker.js: a line start in its last 10 %, at most 64 kB; files
 * under 4 kB are not cut).
 * @param {Uint8Array} bytes
 */
export function heldOutCut(bytes) {
  if (bytes.length < 4000) return bytes.length;
  const wanted = Math.min(64_000, Math.floor(bytes.length / 10));
  const tail = bytes.subarray(bytes.length - wanted);
  const newline = tail.indexOf(10);
  return newline >= 0 && newline + 1 < tail.length ? bytes.length - wanted + newline + 1 : bytes.length - wanted;
}

/**
 * Puts one record of each kind the page keeps (and one it cannot read) in
 * the browser, for the tests of Your files' looks, keys and hostile names;
 * `name` is given to each, after its kind.
 * @param {Page} page
 * @param {{vocabulary: Uint8Array, tiktoken: Uint8Array, name?: string}} files a tokenizer.json and a rank file
 */
export function seedKept(page, { vocabulary, tiktoken, name = '' }) {
  const now = Date.now();
  const record = (/** @type {string} */ id, /** @type {string} */ kind, /** @type {number} */ bytes, extra = {}) => ({
    version: 1, id, kind, name: `${kind} ${name}`.trim(), settings: {}, sources: [{ name: `${kind}.txt ${name}`.trim(), size: 1234 }],
    createdAt: now - 1000 * id.length, updatedAt: now, bytes, meta: {}, ...extra,
  });
  const words = new TextEncoder().encode('alphabetagamma');
  return putStored(page, [
    { record: record('seed-vocabulary', 'vocabulary', vocabulary.length, { settings: { model: 'bpe', vocabSize: 30522, pretokenizer: 'gpt2' }, meta: { vocabSize: 30522 } }), payload: { bytes: vocabulary } },
    { record: record('seed-tiktoken', 'tokenizer-file', tiktoken.length, { settings: { format: 'tiktoken', pattern: 'gpt2' } }), payload: { bytes: tiktoken } },
    {
      record: record('seed-vectors', 'vectors', 64, { settings: { origin: 'imported', text: null, seed: null, tokenizer: null }, meta: { size: 3, dim: 2, unit: 'words', info: { label: 'Imported', name: `vectors ${name}`.trim(), unit: 'words', size: 3, dim: 2, hasDayZero: false, fileBytes: 64 } } }),
      payload: { words, offsets: new Uint32Array([0, 5, 9, 14]), values: new Float32Array([1, 0, 0.8, 0.6, 0, 1]) },
    },
    {
      record: record('seed-run', 'bpe-run', 20, { settings: { model: 'bpe', vocabSize: 300, pretokenizer: 'gpt2', minFrequency: 2, specialTokens: [] }, meta: { mergesDone: 1, mergesTarget: 44, state: 'interrupted', reason: `it was ended ${name}`.trim() } }),
      payload: { left: new Uint32Array([104]), right: new Uint32Array([105]), counts: new Float64Array([7]), tokenBytes: new Uint8Array([104, 105]), tokenOffsets: new Uint32Array([0, 2]) },
    },
    { record: record('seed-future', 'vocabulary', 10, { version: 2 }) },
  ]);
}
