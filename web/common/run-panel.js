// @ts-check
// The head of a training run's panel, shared by the Train view and the
// Embeddings view's trainer: an error box, the progress bar with the phase
// under it, and a row of counts. Markup only; each view fills the parts by id.

/**
 * @param {string} prefix put before every id: "train-" gives #train-progress, #train-phase, #train-error
 * @param {{id: string, label: string}[]} counts one <dd> each, with the full id given
 */
export function runPanelHead(prefix, counts) {
  const cells = counts.map(({ id, label }) => `<div class="count"><dt>${label}</dt><dd id="${id}">–</dd></div>`).join('\n    ');
  return /* html */ `
  <div id="${prefix}error" class="error-box" role="alert" hidden><p id="${prefix}error-text"></p></div>
  <div class="train-progress">
    <div class="train-progress-bar"><progress id="${prefix}progress" max="1" value="0" aria-labelledby="${prefix}phase"></progress></div>
    <p id="${prefix}phase" class="train-phase" aria-live="polite">Choose a corpus and press Train.</p>
  </div>
  <dl class="counts train-counts">
    ${cells}
  </dl>`;
}
