// @ts-check
// Keeps the page working offline once it has been loaded. A classic service
// worker: its list of files, dist/precache.js (written by
// build-scripts/precache.mjs), is loaded with importScripts, and the browser
// compares imported scripts byte for byte when it checks for an update.
//
//   install   all of the page ("shell": index.html, modules, styles, the
//             engine, libraries) into the cache "tokenlab-<version>", at once
//             or not at all; then take over without waiting
//   activate  drop the caches of other versions; keep any vocabulary or
//             vector set the first visit already fetched (from the HTTP cache)
//   fetch     shell → cache first; a visit (index.html) → network first, the
//             cache when offline; vocabularies and vectors → cache first,
//             kept once fetched; other origins and non-GET → not touched
//
// Why the version is a hash of the files: the shell is served from the
// cache, so without a new version a changed file would never reach the page.
// A new build changes dist/precache.js, which makes a new worker with a new
// cache; the old cache goes only once the new one is complete, so a page
// never gets half of one build and half of another from the cache.
//
// Why a visit goes to the network first: a page opened online is the newest
// index.html, the one a new worker (installing at that moment) will serve.
// Its modules may still come from the old cache for that one visit; the two
// builds' pages and modules differ only together with a new worker, which the
// visit itself triggers.

/** @type {any} */
const worker = self;
worker.importScripts('./dist/precache.js');

/** @type {{version: string, shell: string[], data: string[]}} */
const manifest = worker.tokenlabPrecache;
const cachePrefix = 'tokenlab-';
const cacheName = `${cachePrefix}${manifest.version}`;
const scope = new URL(worker.registration.scope);
const indexUrl = new URL('index.html', scope).href;
/** Absolute URLs of the files kept once fetched. */
const dataUrls = new Set(manifest.data.map((file) => new URL(file, scope).href));

worker.addEventListener('install', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(cacheName);
      // "no-cache": revalidate with the server rather than copy a stale HTTP-cache entry.
      await cache.addAll(manifest.shell.map((file) => new Request(new URL(file, scope), { cache: 'no-cache' })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (/** @type {any} */ event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(cachePrefix) && name !== cacheName) await caches.delete(name);
      await worker.clients.claim();
      await keepFetchedData();
    })(),
  );
});

/**
 * The vocabulary and vectors the first visit loaded were fetched before this
 * worker existed; copy those the browser's HTTP cache still holds, without
 * going to the network.
 */
async function keepFetchedData() {
  const cache = await caches.open(cacheName);
  for (const url of dataUrls) {
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { cache: 'only-if-cached', mode: 'same-origin' });
      if (response.ok) await cache.put(url, response);
    } catch {
      // Not in the HTTP cache: it is kept when first fetched through this worker.
    }
  }
}

worker.addEventListener('fetch', (/** @type {any} */ event) => {
  /** @type {Request} */
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  /** @param {Promise<unknown>} work */
  const keep = (work) => event.waitUntil(work);
  if (request.mode === 'navigate') event.respondWith(networkFirst(request, keep));
  else event.respondWith(cacheFirst(request, url, keep));
});

/**
 * index.html from the network, kept for offline use; the kept copy when the
 * network fails. The fragment (#view=…) never reaches the server.
 * @param {Request} request
 * @param {(work: Promise<unknown>) => void} keep lets the worker finish storing after the answer
 */
async function networkFirst(request, keep) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    const path = new URL(request.url).pathname;
    if (response.status === 200 && (path === scope.pathname || path === new URL(indexUrl).pathname)) keep(cache.put(indexUrl, response.clone()));
    return response;
  } catch (error) {
    const kept = (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(indexUrl));
    if (kept) return kept;
    throw error;
  }
}

/**
 * A kept copy if there is one; else the network, keeping vocabularies and
 * vectors. Queries are ignored: the page asks for its files without them.
 * The answer goes out as it arrives (the page shows a vocabulary's progress)
 * while its copy is stored.
 * @param {Request} request @param {URL} url
 * @param {(work: Promise<unknown>) => void} keep
 */
async function cacheFirst(request, url, keep) {
  const cache = await caches.open(cacheName);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  const response = await fetch(request);
  const plain = url.origin + url.pathname;
  if (response.status === 200 && dataUrls.has(plain)) keep(cache.put(plain, response.clone()));
  return response;
}
