// @ts-check
// The explainer's word examples, checked: it gives splits and ids for a few
// words without naming a tokenizer. For each tokenizer of the Compare view
// this encodes each word alone (as at the start of a text) and after a
// space (as inside a sentence), and marks where the split, or the split and
// the ids, are the ones the explainer states.
//
//   "Comcast": explainer Com|cast [1568 4384]
//              GPT-4 alone Com|cast [1110 3914] (same split) · after a space ·Comcast [58104]

import { textOf, visibleWhitespaceRuns } from './token-layout.js';
import { findTokenizer } from './tokenizers.js';

/**
 * @typedef {object} ExplainerWord what the explainer states for a word
 * @property {string} word
 * @property {string[]} pieces
 * @property {number[] | null} ids null where it gives none
 * @property {string} [when] the condition it states ("a 32,000-token vocabulary")
 */

/** @type {ExplainerWord[]} */
export const explainerWords = [
  { word: 'the', pieces: ['the'], ids: [279] },
  { word: 'customer', pieces: ['customer'], ids: [12043] },
  { word: 'John', pieces: ['John'], ids: [2782] },
  { word: 'Comcast', pieces: ['Com', 'cast'], ids: [1568, 4384] },
  { word: 'Teradata', pieces: ['Ter', 'adata'], ids: [7321, 18294] },
  { word: 'Kuznetsov', pieces: ['K', 'uz', 'nets', 'ov'], ids: [42, 3712, 17843, 869] },
  { word: 'embeddings', pieces: ['embed', 'dings'], ids: null, when: 'in a 32,000-token vocabulary; one token in a 128,000-token one' },
  { word: 'transformer', pieces: ['trans', 'former'], ids: null, when: 'in a 32,000-token vocabulary; one token in a 128,000-token one' },
];

/**
 * @typedef {object} Split one encoding of a word
 * @property {string[]} pieces each token's text (its spelling when it holds none)
 * @property {number[]} ids
 */

/**
 * @param {import('./token-layout.js').Encoding} encoding
 * @param {import('./tokenizers.js').Vocabulary} vocabulary
 * @returns {Split}
 */
function splitOf(encoding, vocabulary) {
  const ids = Array.from(encoding.ids);
  const pieces = ids.map((id, index) =>
    encoding.starts[index] === encoding.ends[index] ? vocabulary.text(id) : textOf(encoding.bytes, encoding.starts[index], encoding.ends[index]),
  );
  return { pieces, ids };
}

/** @param {string[]} a @param {string[]} b */
const samePieces = (a, b) => a.length === b.length && a.every((piece, index) => piece.trim() === b[index]);

export class ExplainerCheck {
  /**
   * @param {{table: HTMLTableElement}} elements
   * @param {{client: import('../engine/tokenizer-client.js').EngineClient, loader: import('./tokenizers.js').TokenizerLoader}} services
   */
  constructor(elements, services) {
    this.elements = elements;
    this.services = services;
    this.revision = 0;
  }

  /**
   * Encodes the words with these (loaded) tokenizers and fills the table.
   * @param {string[]} keys
   */
  async show(keys) {
    const revision = ++this.revision;
    const { client, loader } = this.services;
    /** @type {{key: string, splits: {alone: Split, spaced: Split}[]}[]} */
    const columns = [];
    for (const key of keys) {
      if (!loader.info(key)) continue;
      try {
        const vocabulary = await loader.vocabulary(key);
        const splits = [];
        for (const { word } of explainerWords) {
          const [alone, spaced] = await Promise.all(
            [word, ` ${word}`].map((text) => client.request('encode', { key, text, allowSpecial: false, addSpecialTokens: false })),
          );
          splits.push({ alone: splitOf(alone, vocabulary), spaced: splitOf(spaced, vocabulary) });
        }
        columns.push({ key, splits });
      } catch {
        // A tokenizer that fails here has its message in the summary above.
      }
      if (revision !== this.revision) return;
    }
    this.render(columns);
  }

  /** @param {{key: string, splits: {alone: Split, spaced: Split}[]}[]} columns */
  render(columns) {
    const { table } = this.elements;
    const head = document.createElement('tr');
    head.append(headerCell('Word'), headerCell('The explainer says'));
    for (const { key } of columns) head.append(headerCell(findTokenizer(key)?.model ?? key));
    const body = explainerWords.map((stated, index) => {
      const row = document.createElement('tr');
      row.dataset.word = stated.word;
      const word = document.createElement('th');
      word.scope = 'row';
      word.textContent = stated.word;
      const claim = document.createElement('td');
      claim.append(splitLine({ pieces: stated.pieces, ids: stated.ids ?? [] }));
      if (stated.when) {
        const when = document.createElement('span');
        when.className = 'check-when';
        when.textContent = stated.when;
        claim.append(when);
      }
      row.append(word, claim);
      for (const { key, splits } of columns) {
        const cell = document.createElement('td');
        cell.dataset.key = key;
        const { alone, spaced } = splits[index];
        for (const split of [alone, spaced]) {
          const line = splitLine(split);
          if (samePieces(split.pieces, stated.pieces)) {
            line.classList.add('same-split');
            if (stated.ids && stated.ids.every((id, at) => split.ids[at] === id) && split.ids.length === stated.ids.length) line.classList.add('same-ids');
          } else if (stated.ids && split.ids.length === stated.ids.length && stated.ids.every((id, at) => split.ids[at] === id)) {
            line.classList.add('same-ids');
          }
          cell.append(line);
        }
        row.append(cell);
      }
      return row;
    });
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    tbody.append(...body);
    table.replaceChildren(thead, tbody);
  }
}

/** @param {string} text */
function headerCell(text) {
  const cell = document.createElement('th');
  cell.scope = 'col';
  cell.textContent = text;
  return cell;
}

/**
 * One split: its pieces as small boxes (a space shown as ·), then its ids.
 * @param {Split} split
 */
function splitLine(split) {
  const line = document.createElement('div');
  line.className = 'check-split';
  const pieces = document.createElement('span');
  pieces.className = 'check-pieces';
  for (const piece of split.pieces) {
    const box = document.createElement('span');
    box.className = 'check-piece';
    for (const run of visibleWhitespaceRuns(piece)) {
      if (!run.whitespace) {
        box.append(run.text);
        continue;
      }
      const glyph = document.createElement('span');
      glyph.className = 'ws';
      glyph.textContent = run.text.replaceAll('\n', '');
      box.append(glyph);
    }
    pieces.append(box);
  }
  line.append(pieces);
  if (split.ids.length > 0) {
    const ids = document.createElement('span');
    ids.className = 'check-ids';
    ids.textContent = split.ids.join(' ');
    line.append(ids);
  }
  return line;
}
