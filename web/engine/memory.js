// @ts-check
// The WebAssembly module's memory: the most it may grow to (the link's
// MAXIMUM_MEMORY in src/bindings/CMakeLists.txt, stated here so the page's
// limits can name it), and what it holds now.
//
// WebAssembly memory only grows: once a run has pushed the module to 900 MB,
// the worker keeps 900 MB until it ends. What the engine still uses inside
// it is usedBytes (malloc's bytes in use), the figure that shows a leak.
//
//   engineMemory(module) → {sizeBytes: 33554432, maxBytes: 2147483648, usedBytes: 1234567}

export const kMiB = 1024 * 1024;

/** The module's maximum memory: 2048 MiB (2 GiB). */
export const kEngineMaxMemoryBytes = 2048 * kMiB;

/**
 * Whole MiB, written "MB" as the rest of the page writes them: 2048 MiB → "2,048 MB".
 * @param {number} bytes
 */
export function formatEngineMiB(bytes) {
  return `${Math.ceil(bytes / kMiB).toLocaleString('en-US')} MB`;
}

/**
 * @typedef {{sizeBytes: number, maxBytes: number, usedBytes: number}} EngineMemory
 *   sizeBytes: the memory now; maxBytes: the most it can grow to; usedBytes: allocated and not freed
 */

/** @param {any} module the instantiated module @returns {EngineMemory} */
export function engineMemory(module) {
  return {
    sizeBytes: module.HEAPU8.length,
    maxBytes: module._heapMaxBytes(),
    usedBytes: module._heapUsedBytes(),
  };
}
