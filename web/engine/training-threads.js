// @ts-check
// How many threads a training run gets, and the engine that runs them: the
// threads module (web/dist/tokenlab-threads.js, Emscripten pthreads over a
// SharedArrayBuffer) trains Hogwild as the native build does, each thread a
// Web Worker of the module's pool. Browsers give a page SharedArrayBuffer only
// when it is cross-origin isolated (served with COOP same-origin and COEP
// require-corp, or given them by the service worker), so without isolation a
// run trains on one thread in the one-thread module, and says why.
//
//   trainingThreads(2, true)  → {threads: 2, note: ''}
//   trainingThreads(2, false) → {threads: 1, note: 'training on one thread: the page is not cross-origin isolated'}
//   const engine = await threadsEngine();  // loads the module once, with its pool
//
// The pool holds one Worker per thread beyond the first, started with the
// module: the trainer starts its threads in its first step and keeps them
// until it is deleted, and a Worker started then could not load while the
// step blocks waiting for them.

import { EmbeddingEngine } from './embedding-engine.js';

/** The threads module's limit (TrainingOptions::kMaxWasmThreads). */
export const kMaxTrainingThreads = 8;

export const kNotIsolatedNote = 'training on one thread: the page is not cross-origin isolated';

/**
 * The most threads this device trains on: its logical cores, at most
 * kMaxTrainingThreads (past that, threads mostly collide on the same rows).
 * @param {number | undefined} cores navigator.hardwareConcurrency
 */
export function deviceTrainingThreads(cores = globalThis.navigator?.hardwareConcurrency) {
  return Math.max(1, Math.min(kMaxTrainingThreads, Math.floor(cores || 1)));
}

/**
 * The threads a run asks for (1 when unset) made what it gets, with the
 * reason when that is fewer.
 * @param {number | undefined} asked @param {boolean} isolated crossOriginIsolated
 * @param {number} [most] deviceTrainingThreads()
 * @returns {{threads: number, note: string}}
 */
export function trainingThreads(asked, isolated, most = deviceTrainingThreads()) {
  const wanted = Math.max(1, Math.floor(asked ?? 1));
  if (wanted === 1) return { threads: 1, note: '' };
  if (!isolated) return { threads: 1, note: kNotIsolatedNote };
  if (wanted > most) return { threads: most, note: `training on ${most} threads: this device has ${most} cores for it` };
  return { threads: wanted, note: '' };
}

/** @type {Promise<EmbeddingEngine> | null} */
let enginePromise = null;

/**
 * The threads module's embedding engine, loaded on first use with a pool for
 * deviceTrainingThreads() threads. Throws when the module cannot load (no
 * SharedArrayBuffer, or no build of it).
 * @param {number} [threads] deviceTrainingThreads()
 * @returns {Promise<EmbeddingEngine>}
 */
export function threadsEngine(threads = deviceTrainingThreads()) {
  if (!enginePromise) {
    const url = new URL('../dist/tokenlab-threads.js', import.meta.url).href;
    enginePromise = import(url).then((loaded) =>
      loaded.default({
        locateFile: (/** @type {string} */ file) => new URL(`../dist/${file}`, import.meta.url).href,
        // The pool's Workers import the module from this URL.
        mainScriptUrlOrBlob: url,
        // At least one: Emscripten 3.1.6 never resolves a module whose pool
        // holds no Worker (it waits for each to load, and counts none).
        threadPoolSize: Math.max(1, threads - 1),
      }).then((/** @type {any} */ module) => new EmbeddingEngine(module)),
    );
    enginePromise.catch(() => {
      enginePromise = null;
    });
  }
  return enginePromise;
}
