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
//   fetch     the page and its files → cache first; vocabularies and vectors
//             → cache first, kept once fetched; other origins and non-GET →
//             not touched; every answer it gives carries the isolation headers
//
// Why it adds Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp: they make the page
// cross-origin isolated, which gives it SharedArrayBuffer and so training on
// several threads. build-scripts/serve.mjs sends them itself; a static host
// that cannot gets them from here, once this worker controls the page
// (web/common/offline.js reloads the page once for that). Everything the
// page loads is its own origin's, so require-corp blocks nothing.
//
// Why the version is a hash of the files: the page is served from the
// cache, so without a new version a changed file would never reach it. A new
// build changes dist/precache.js, which makes a new worker with a new cache;
// the old cache goes only once the new one is complete.
//
// Why index.html comes from the cache too, not the network first: then a
// visit gets all of one build. A newer index.html over the cached modules of
// the build before could name elements those modules do not know. Each visit
// asks for a new worker (web/common/offline.js), so a new build is kept during one
// visit and shown from the next. A page left open across that change loads
// any module it has not loaded yet from the new build.

/** @type {any} */
const worker = self;
worker.importScripts('./dist/precache.js');

/** @type {{version: string, shell: string[], data: string[]}} */
const manifest = worker.tokenlabPrecache;
const cachePrefix = 'tokenlab-';
const cacheName = `${cachePrefix}${manifest.version}`;
const scope = new URL(worker.registration.scope);
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
  event.respondWith(cacheFirst(request, url, (/** @type {Promise<unknown>} */ work) => event.waitUntil(work)).then(isolated));
});

/**
 * The response with the isolation headers added; its body streams through
 * unread. A redirect or an opaque answer (status 0) cannot be rebuilt and
 * goes as it is.
 * @param {Response} response
 */
function isolated(response) {
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  if (response.headers.get('Cross-Origin-Embedder-Policy') === 'require-corp' && response.headers.get('Cross-Origin-Opener-Policy') === 'same-origin') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A kept copy if there is one; else the network, keeping vocabularies and
 * vectors. Queries are ignored: the page asks for its files without them, and
 * a visit's "?…" (the fragment never reaches here) is the same index.html.
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
