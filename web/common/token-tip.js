// @ts-check
// The parts a token tooltip is made of, shared by the Tokenize view's chips
// and the Compare view's grid: labelled rows, and placement inside the window.
//
//   tooltip.replaceChildren(tipRow('Token id', '9906', '1 of 3'));
//   → <div class="tip-row"><span class="tip-label">Token id</span>
//       <span class="tip-value">9906</span><span class="tip-note">1 of 3</span></div>

/**
 * @param {string} label
 * @param {string} value
 * @param {string} note left out when empty
 */
export function tipRow(label, value, note) {
  const row = document.createElement('div');
  row.className = 'tip-row';
  const labelElement = document.createElement('span');
  labelElement.className = 'tip-label';
  labelElement.textContent = label;
  const valueElement = document.createElement('span');
  valueElement.className = 'tip-value';
  valueElement.textContent = value;
  row.append(labelElement, valueElement);
  if (note) {
    const noteElement = document.createElement('span');
    noteElement.className = 'tip-note';
    noteElement.textContent = note;
    row.append(noteElement);
  }
  return row;
}

/**
 * Puts a shown tooltip below a box, or above it when there is no room below,
 * starting at left but kept 8 px inside the window.
 * @param {HTMLElement} tooltip
 * @param {DOMRect} anchorBox
 * @param {number} left
 */
export function placeTooltip(tooltip, anchorBox, left) {
  const tipBox = tooltip.getBoundingClientRect();
  const margin = 8;
  let top = anchorBox.bottom + 6;
  if (top + tipBox.height > window.innerHeight - margin) top = Math.max(margin, anchorBox.top - tipBox.height - 6);
  tooltip.style.top = `${top}px`;
  tooltip.style.left = `${Math.max(margin, Math.min(left, window.innerWidth - tipBox.width - margin))}px`;
}
