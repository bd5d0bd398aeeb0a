// @ts-check
// One tokenizer's split of a short text as a labelled row of chips, for
// side-by-side comparisons ("My tokenizer" beside GPT-4, prose beside code).
// Token text is inserted as text; bytes that are not whole UTF-8 characters
// show as hex (see token-bytes.js).

import { formatInteger } from './format.js';
import { appendTokenRuns } from './token-bytes.js';

/**
 * @param {string} label
 * @param {{ids: Uint32Array, starts: Uint32Array, ends: Uint32Array, bytes: Uint8Array}} encoding
 */
export function splitRow(label, encoding) {
  const row = document.createElement('div');
  row.className = 'split-row';
  const head = document.createElement('div');
  head.className = 'split-label';
  const name = document.createElement('span');
  name.textContent = label;
  const count = document.createElement('span');
  count.className = 'split-count';
  count.textContent = `${formatInteger(encoding.ids.length)} ${encoding.ids.length === 1 ? 'token' : 'tokens'}`;
  head.append(name, count);
  const chips = document.createElement('div');
  chips.className = 'split-chips';
  for (let i = 0; i < encoding.ids.length; i++) {
    const chip = document.createElement('span');
    chip.className = `chip c${i % 5}`;
    chip.title = `id ${encoding.ids[i]}`;
    appendTokenRuns(chip, encoding.bytes, encoding.starts[i], encoding.ends[i]);
    chips.append(chip);
  }
  row.append(head, chips);
  row.dataset.tokens = String(encoding.ids.length);
  return row;
}
