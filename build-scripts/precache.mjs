#!/usr/bin/env node
// Lists the files web/service-worker.js keeps for offline use, so nobody has
// to: the page itself (index.html, every module and stylesheet of web/ and
// its view, engine and common folders, the samples), the engine (dist/tokenlab.js + .wasm, and the
// threads module dist/tokenlab-threads.js + .wasm + .worker.js when it is built) and the libraries
// under dist/lib. Vocabularies and vector sets are large and only some are
// ever used, so they are listed apart: the worker keeps each once fetched.
// The version is a hash of the listed files' bytes, so any change to them is
// a new version, a new service worker and a new cache.
//
//   node build-scripts/precache.mjs            → writes web/dist/precache.js
//   precacheScript(webRoot) → 'self.tokenlabPrecache = {"version":"3f9c…","shell":["./","index.html",…],"data":[…]};'
//
// build-scripts/serve.mjs answers dist/precache.js with this script made
// afresh, so edited files reach the page without a build.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const precachePath = 'dist/precache.js';

/** Folders of web/ that are not the page's own modules: built files, type declarations, the samples (listed apart). */
const notPage = new Set(['dist', 'types', 'samples']);

/** The threads module, for training on several threads; a build may lack it (the page then trains on one). */
const threadsModule = ['dist/tokenlab-threads.js', 'dist/tokenlab-threads.wasm', 'dist/tokenlab-threads.worker.js'];

/** The worker and its list are fetched fresh by the browser, never from the cache. */
const notCached = new Set(['service-worker.js', precachePath]);

/**
 * Files under dir (relative to root, with "/"), recursively, sorted.
 * @param {string} root @param {string} dir
 * @returns {string[]}
 */
function filesUnder(root, dir) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(root, path.posix.join(dir, entry.name)) : [path.posix.join(dir, entry.name)]))
    .sort();
}

/**
 * @param {string} webRoot the served directory
 * @returns {{version: string, shell: string[], data: string[]}}
 */
export function precacheManifest(webRoot) {
  // index.html, app.js and style.css at the top, each view's folder, engine/ and common/.
  const pageFolders = readdirSync(webRoot, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !notPage.has(entry.name));
  const pageFiles = [...readdirSync(webRoot).filter((name) => statSync(path.join(webRoot, name)).isFile()), ...pageFolders.flatMap((entry) => filesUnder(webRoot, entry.name))].filter((file) => /\.(html|js|css)$/.test(file));
  const shellFiles = [...pageFiles, ...filesUnder(webRoot, 'samples'), 'dist/tokenlab.js', 'dist/tokenlab.wasm', ...threadsModule.filter((file) => existsSync(path.join(webRoot, file))), ...filesUnder(webRoot, 'dist/lib')]
    .filter((file) => !notCached.has(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of shellFiles) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(webRoot, file)));
  }
  const data = [...filesUnder(webRoot, 'dist/vocab'), ...filesUnder(webRoot, 'dist/vectors')];
  // "./" is how a visit asks for index.html.
  return { version: hash.digest('hex').slice(0, 16), shell: ['./', ...shellFiles], data };
}

/** The classic script the service worker imports. @param {string} webRoot */
export function precacheScript(webRoot) {
  return `// Written by build-scripts/precache.mjs: what web/service-worker.js keeps for offline use.\nself.tokenlabPrecache = ${JSON.stringify(precacheManifest(webRoot))};\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
  writeFileSync(path.join(webRoot, precachePath), precacheScript(webRoot));
  const { version, shell, data } = precacheManifest(webRoot);
  console.log(`${precachePath}: version ${version}, ${shell.length} files kept at once, ${data.length} once fetched`);
}
