// @ts-check
// A classic Web Worker that lays words out in 2D with UMAP (the umap-js
// library; it ships no ES module, so its bundle is loaded with importScripts).
// The nearest neighbours come in already found, exactly, by the engine, which
// spares umap-js its approximate search; the layout then runs epoch by epoch,
// posting the points every few epochs so the map settles visibly. The page
// stops a run by terminating the worker.
//
//   post {rows: Float32Array (count × dim, unit length), count, dim,
//         knnIndices: Int32Array (count × k), knnDistances: Float32Array, k, seed, epochs}
//   ← {phase: 'layout', epoch, epochs, x, y} …  ← {phase: 'done', x, y}
//   ← {phase: 'error', message}

/** @type {any} */ (self).importScripts('../dist/lib/umap-js/umap-js.min.js');

/** @type {any} */
const library = /** @type {any} */ (self).UMAP;

/** mulberry32: a small seeded generator, so a layout can be made again. @param {number} seed */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {number[][]} embedding */
function coordinates(embedding) {
  const x = new Float32Array(embedding.length);
  const y = new Float32Array(embedding.length);
  embedding.forEach((point, i) => {
    x[i] = point[0];
    y[i] = point[1];
  });
  return { x, y };
}

self.addEventListener('message', (event) => {
  const { rows, count, dim, knnIndices, knnDistances, k, seed, epochs } = /** @type {MessageEvent} */ (event).data;
  try {
    /** @type {number[][]} */
    const data = [];
    for (let i = 0; i < count; i++) data.push(Array.from(rows.subarray(i * dim, (i + 1) * dim)));
    /** @type {number[][]} */
    const indices = [];
    /** @type {number[][]} */
    const distances = [];
    for (let i = 0; i < count; i++) {
      indices.push(Array.from(knnIndices.subarray(i * k, (i + 1) * k)));
      distances.push(Array.from(knnDistances.subarray(i * k, (i + 1) * k)));
    }
    const umap = new library.UMAP({ nComponents: 2, nNeighbors: k, minDist: 0.1, nEpochs: epochs, random: seededRandom(seed) });
    umap.setPrecomputedKNN(indices, distances);
    self.postMessage({ phase: 'graph' });
    const total = umap.initializeFit(data);
    for (let epoch = 0; epoch < total; epoch++) {
      umap.step();
      if (epoch % 10 === 9 || epoch === total - 1) {
        const { x, y } = coordinates(umap.getEmbedding());
        self.postMessage({ phase: 'layout', epoch: epoch + 1, epochs: total, x, y }, { transfer: [x.buffer, y.buffer] });
      }
    }
    const { x, y } = coordinates(umap.getEmbedding());
    self.postMessage({ phase: 'done', x, y }, { transfer: [x.buffer, y.buffer] });
  } catch (error) {
    self.postMessage({ phase: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
