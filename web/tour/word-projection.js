// @ts-check
// A handful of word vectors on a flat map: each scaled to length 1 (so
// distance follows cosine), centred, and projected onto their two main
// directions (PCA by power iteration on the small Gram matrix). A map of the
// same words at another moment can be turned to line up with an earlier one
// (orthogonal Procrustes in 2D: a rotation, or a rotation and a mirror), so
// that what moves between the two maps is the words, not the axes.
//
//   const first = projectWords(values, 3, 100);     // {x: [..3], y: [..3]}
//   const next = alignTo(projectWords(later, 3, 100), first);
//
// Tie-break: the power iteration starts from a fixed vector, so the same
// vectors always give the same map; a direction's sign is chosen so that the
// first word has a non-negative coordinate on it.

const kIterations = 200;

/**
 * @typedef {{x: number[], y: number[]}} Layout one point per word, in the words' order
 */

/**
 * @param {Float32Array} values count × dim, row by row
 * @param {number} count @param {number} dim
 * @returns {Layout} centred, with a root-mean-square distance of 1 from the centre
 */
export function projectWords(values, count, dim) {
  if (count === 0) return { x: [], y: [] };
  const rows = [];
  for (let i = 0; i < count; i++) {
    const row = Float64Array.from(values.subarray(i * dim, (i + 1) * dim));
    const length = Math.hypot(...row) || 1;
    rows.push(row.map((v) => v / length));
  }
  const mean = new Float64Array(dim);
  for (const row of rows) row.forEach((v, j) => (mean[j] += v / count));
  for (const row of rows) row.forEach((v, j) => (row[j] = v - mean[j]));
  // Gram matrix G = R Rᵀ (count × count): its top eigenvectors scaled by
  // sqrt(eigenvalue) are the points' coordinates on the main directions.
  const gram = rows.map((a) => rows.map((b) => a.reduce((sum, v, j) => sum + v * b[j], 0)));
  const coordinates = [];
  /** @type {Float64Array[]} */
  const found = [];
  for (let component = 0; component < 2; component++) {
    let vector = Float64Array.from({ length: count }, (_, i) => 1 + i / count + component * ((i % 2) - 0.5));
    let value = 0;
    for (let iteration = 0; iteration < kIterations; iteration++) {
      const next = new Float64Array(count);
      for (let i = 0; i < count; i++) for (let j = 0; j < count; j++) next[i] += gram[i][j] * vector[j];
      for (const earlier of found) {
        const dot = next.reduce((sum, v, i) => sum + v * earlier[i], 0);
        next.forEach((v, i) => (next[i] = v - dot * earlier[i]));
      }
      value = Math.hypot(...next);
      if (value < 1e-12) break;
      vector = next.map((v) => v / value);
    }
    if (value < 1e-12) vector = new Float64Array(count);
    if (vector[0] < 0) vector = vector.map((v) => -v);
    found.push(vector);
    coordinates.push(Array.from(vector, (v) => v * Math.sqrt(value)));
  }
  return normalise({ x: coordinates[0], y: coordinates[1] });
}

/** @param {Layout} layout */
function normalise({ x, y }) {
  const count = x.length;
  const cx = x.reduce((a, b) => a + b, 0) / count;
  const cy = y.reduce((a, b) => a + b, 0) / count;
  const spread = Math.sqrt(x.reduce((sum, v, i) => sum + (v - cx) ** 2 + (y[i] - cy) ** 2, 0) / count) || 1;
  return { x: x.map((v) => (v - cx) / spread), y: y.map((v) => (v - cy) / spread) };
}

/**
 * The layout turned (and mirrored, when that fits better) to lie as close as
 * possible to a reference layout of the same words; both must be centred.
 * @param {Layout} layout @param {Layout} reference
 * @returns {Layout}
 */
export function alignTo(layout, reference) {
  // Maximise Σ ref·(R p) over rotations R, with and without a mirror of y:
  // the best angle of a rotation is atan2(Σ (p × ref), Σ (p · ref)).
  const best = [1, -1]
    .map((mirror) => {
      let dot = 0;
      let cross = 0;
      for (let i = 0; i < layout.x.length; i++) {
        const px = layout.x[i];
        const py = mirror * layout.y[i];
        dot += px * reference.x[i] + py * reference.y[i];
        cross += px * reference.y[i] - py * reference.x[i];
      }
      return { mirror, angle: Math.atan2(cross, dot), fit: Math.hypot(dot, cross) };
    })
    .sort((a, b) => b.fit - a.fit)[0];
  const cos = Math.cos(best.angle);
  const sin = Math.sin(best.angle);
  return {
    x: layout.x.map((px, i) => px * cos - best.mirror * layout.y[i] * sin),
    y: layout.x.map((px, i) => px * sin + best.mirror * layout.y[i] * cos),
  };
}

/** Cosine similarity of rows a and b of count × dim values. @param {Float32Array} values @param {number} dim @param {number} a @param {number} b */
export function cosineOfRows(values, dim, a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < dim; j++) {
    const va = values[a * dim + j];
    const vb = values[b * dim + j];
    dot += va * vb;
    na += va * va;
    nb += vb * vb;
  }
  return dot / (Math.sqrt(na * nb) || 1);
}
