// mulberry32: a tiny seeded generator of floats in [0, 1), so a generated text
// or vector set is the same on every run and a failure can be reproduced.
// (web/embeddings/umap-worker.js has its own: a classic worker cannot import it.)
//
//   const random = seededRandom(1); random();  // 0.6270739405881613, every time

/** @param {number} seed @returns {() => number} */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
