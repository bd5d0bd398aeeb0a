// @ts-check
// The page's words for a post-processing choice of the embeddings worker
// (src/embedding/post_processing.h), so every view says the same.
//
//   describePostProcessing('centre')   → 'centred (the mean of all the vectors subtracted)'
//   describePostProcessing('centre+2') → 'centred, with the top 2 principal components removed'
//   describePostProcessing('none')     → 'as trained (no post-processing)'

/** @param {string} name 'none', 'centre' or 'centre+D' */
export function describePostProcessing(name) {
  if (name === 'none') return 'as trained (no post-processing)';
  const components = Number(/^centre\+(\d+)$/.exec(name)?.[1] ?? 0);
  if (components === 0) return 'centred (the mean of all the vectors subtracted)';
  return `centred, with the top ${components === 1 ? 'principal component' : `${components} principal components`} removed`;
}
