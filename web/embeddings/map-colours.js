// @ts-check
// Colours for the word map: one per k-means cluster, or a ramp for
// similarity to a searched word.
//
//   clusterPalette(3, 'light') → ['hsl(200 70% 38%)', 'hsl(337.5 70% 38%)', 'hsl(115 70% 38%)']
//   similarityBins(Float32Array.of(1, 0.5, -0.3)) → Uint8Array [7, 4, 0]
//
// Cluster hues step by the golden angle (137.5°) from 200°, so neighbouring
// cluster numbers get far-apart hues and any k gets distinct-looking
// colours; lightness follows the colour scheme so the points stay visible on
// its surface. Similarity goes from the page's muted grey (0 or less) to a
// saturated blue (1) in kSimilaritySteps steps.

export const kSimilaritySteps = 8;

/** @param {number} count @param {'light' | 'dark' | string} scheme @returns {string[]} */
export function clusterPalette(count, scheme) {
  const lightness = scheme === 'dark' ? 66 : 38;
  return Array.from({ length: count }, (_, i) => `hsl(${(200 + i * 137.5) % 360} 70% ${lightness}%)`);
}

/** @param {'light' | 'dark' | string} scheme @returns {string[]} */
export function similarityPalette(scheme) {
  return Array.from({ length: kSimilaritySteps }, (_, i) => {
    const t = i / (kSimilaritySteps - 1);
    const lightness = scheme === 'dark' ? 45 + 30 * t : 70 - 40 * t;
    return `hsl(215 ${Math.round(10 + 75 * t)}% ${Math.round(lightness)}%)`;
  });
}

/**
 * Each similarity's step: 0 for 0 or less, kSimilaritySteps − 1 for 1.
 * @param {Float32Array} scores @returns {Uint8Array}
 */
export function similarityBins(scores) {
  const bins = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    bins[i] = Math.round(Math.min(1, Math.max(0, scores[i])) * (kSimilaritySteps - 1));
  }
  return bins;
}
