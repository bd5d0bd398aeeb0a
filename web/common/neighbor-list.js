// @ts-check
// A ranked list of words with their cosine similarities, as an <ol> of rows:
// the word (as text, never HTML), the score, and a bar whose length is the
// score. Clicking a word asks for its own neighbours.
//
//   renderNeighbors(list, {ids, scores}, set, (word) => lookUp(word))

/**
 * @param {HTMLOListElement} list
 * @param {{ids: Int32Array, scores: Float32Array}} result
 * @param {import('./vector-sets.js').VectorSet} set
 * @param {((typed: string) => void) | null} [onPick]
 */
export function renderNeighbors(list, { ids, scores }, set, onPick = null) {
  const items = [];
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i];
    const item = document.createElement('li');
    item.className = 'emb-item';
    const word = document.createElement(onPick ? 'button' : 'span');
    word.className = 'emb-word';
    word.textContent = set.display[row] ?? `#${row}`;
    if (onPick && word instanceof HTMLButtonElement) {
      word.type = 'button';
      word.title = `Neighbours of ${set.display[row]}`;
      word.addEventListener('click', () => onPick(set.typed[row]));
    }
    const score = document.createElement('span');
    score.className = 'emb-score';
    score.textContent = scores[i].toFixed(3);
    const bar = document.createElement('span');
    bar.className = 'emb-bar-track';
    bar.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('span');
    fill.className = 'emb-bar-fill';
    fill.style.width = `${Math.max(0, Math.min(1, scores[i])) * 100}%`;
    bar.append(fill);
    item.append(word, bar, score);
    items.push(item);
  }
  list.replaceChildren(...items);
}
