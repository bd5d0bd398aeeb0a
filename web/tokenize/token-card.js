// @ts-check
// A token's card, opened by clicking a chip or pressing Enter on it: its id,
// bytes, text with whitespace shown, how the model came to it (token-story.js:
// the merge tree with each merge's rank, or WordPiece's longest matches), and
// how the same characters split under two other tokenizers.
//
//   cl100k_base " Kuznetsov" → chips " K" "uz" "net" "sov"; the card of "net":
//   id 4816 · 3 bytes 6E 65 74 · "net" · e + t → et (rank 295), n + et → net (rank 4816)
//   GPT-4o: " Kuznetsov" as …, LLaMA 3: …  (the token's word, in two other tokenizers)
//
// Escape or Close shuts it and gives focus back to the chip. All token text
// goes in with textContent.

import { part } from '../common/dom.js';
import { formatInteger } from '../common/format.js';
import { describeText, hexOf, textOf } from '../common/token-layout.js';
import { describeTokenizer, findTokenizer } from '../common/tokenizers.js';
import { mergeTree, storyKind, wordPieceSteps } from './token-story.js';

/** The tokenizers a card compares with, the first two that are not the card's own. */
const comparedKeys = ['o200k_base', 'cl100k_base', 'llama3', 'r50k_base'];

const utf8 = new TextDecoder();

/** Words longer than this (bytes) are not compared whole; the token's own text is. */
const maxComparedBytes = 200;

/**
 * @typedef {object} CardSubject
 * @property {import('../common/token-layout.js').Encoding} encoding
 * @property {number} index the token's place in the encoding
 * @property {import('../common/tokenizers.js').Vocabulary} vocabulary
 * @property {string} key the tokenizer
 * @property {HTMLElement} chip focus returns there
 */

export class TokenCard {
  /**
   * @param {HTMLElement} root the view's section
   * @param {{loader: import('../common/tokenizers.js').TokenizerLoader, client: {request: (type: string, args?: object) => Promise<any>}}} services
   */
  constructor(root, services) {
    this.services = services;
    this.card = part(root, '#token-card', HTMLElement);
    this.title = part(root, '#token-card-title', HTMLElement);
    this.facts = part(root, '#token-card-facts', HTMLElement);
    this.story = part(root, '#token-card-story', HTMLElement);
    this.others = part(root, '#token-card-others', HTMLElement);
    this.closeButton = part(root, '#token-card-close', HTMLButtonElement);
    /** @type {HTMLElement | null} */
    this.chip = null;
    /** Counts openings, so a late answer for an older card is dropped. */
    this.opened = 0;
    this.closeButton.addEventListener('click', () => this.close());
    this.card.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
  }

  /** @param {CardSubject} subject */
  open(subject) {
    const { encoding, index, vocabulary, key, chip } = subject;
    this.opened += 1;
    this.chip = chip;
    const id = encoding.ids[index];
    const start = encoding.starts[index];
    const end = encoding.ends[index];
    const added = start === end;
    const bytes = added ? vocabulary.entry(id) : encoding.bytes.subarray(start, end);
    const text = added ? vocabulary.text(id) : textOf(encoding.bytes, start, end);
    this.card.dataset.id = String(id);
    this.title.textContent = `Token ${id}`;
    const rows = [
      fact('Id', `${id}, token ${formatInteger(index + 1)} of ${formatInteger(encoding.ids.length)}`),
      fact('Bytes', `${hexOf(bytes, 0, bytes.length)} (${bytes.length} byte${bytes.length === 1 ? '' : 's'})`),
      fact('Text', describeText(text)),
    ];
    const spelling = vocabulary.text(id);
    if (!added && spelling !== text) rows.push(fact('In the vocabulary', describeText(spelling)));
    this.facts.replaceChildren(...rows);
    this.story.replaceChildren(...this.storyOf(subject, bytes));
    this.card.hidden = false;
    this.card.focus();
    this.showOthers(key, added || vocabulary.isSpecial(id) ? '' : this.wordText(subject));
  }

  close() {
    if (this.card.hidden) return;
    this.card.hidden = true;
    this.opened += 1;
    this.chip?.focus();
  }

  /**
   * @param {CardSubject} subject
   * @param {Uint8Array} bytes
   * @returns {HTMLElement[]}
   */
  storyOf({ encoding, index, vocabulary, key }, bytes) {
    const id = encoding.ids[index];
    const entry = findTokenizer(key) ?? { key };
    if (vocabulary.isSpecial(id) || encoding.starts[index] === encoding.ends[index]) {
      return [paragraph('A special token: the tokenizer puts it in whole (or adds it around the text); no merges build it.')];
    }
    const kind = storyKind(entry, vocabulary);
    if (kind.kind === 'wordpiece') return this.wordPieceStory(encoding, index, vocabulary);
    if (kind.kind === 'none') return [paragraph(kind.reason ?? '')];
    const { roots, merges } = mergeTree(vocabulary, vocabulary.entry(id).length > 0 ? vocabulary.entry(id) : bytes);
    const heading = document.createElement('h3');
    heading.textContent = merges.length === 0 ? 'One byte: no merges' : `Built from ${bytes.length} bytes by ${merges.length} merge${merges.length === 1 ? '' : 's'}`;
    const steps = document.createElement('ol');
    steps.className = 'merge-steps';
    for (const merge of merges) {
      const step = document.createElement('li');
      step.dataset.rank = String(merge.id);
      step.append(
        code(shownBytes(merge.parts[0].bytes)),
        ' + ',
        code(shownBytes(merge.parts[1].bytes)),
        ' → ',
        code(shownBytes(merge.bytes)),
        ` rank ${formatInteger(merge.id)}`,
      );
      steps.append(step);
    }
    const tree = document.createElement('ul');
    tree.className = 'merge-tree';
    tree.setAttribute('aria-label', 'Merge tree');
    for (const root of roots) tree.append(treeItem(root));
    const parts = [heading, steps, tree];
    if (roots.length !== 1 || roots[0].id !== id) parts.push(paragraph('These bytes alone merge into other tokens: the tokenizer chose this one in context.'));
    parts.push(paragraph('Each merge joins the pair whose joined bytes have the lowest rank, as tiktoken does; the rank is the id.'));
    return parts;
  }

  /**
   * The word the token is part of, cut by longest match.
   * @param {import('../common/token-layout.js').Encoding} encoding
   * @param {number} index
   * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
   */
  wordPieceStory(encoding, index, vocabulary) {
    const { first, last } = wordAround(encoding, index, vocabulary);
    const word = Array.from({ length: last - first + 1 }, (_, offset) => vocabulary.text(encoding.ids[first + offset]).replace(/^##/, '')).join('');
    const steps = wordPieceSteps(vocabulary, word);
    const heading = document.createElement('h3');
    heading.textContent = `WordPiece: the longest match, left to right, in “${word}”`;
    const list = document.createElement('ol');
    list.className = 'merge-steps';
    for (const step of steps) {
      const item = document.createElement('li');
      item.dataset.id = String(step.id);
      item.append(code(step.piece), ` id ${step.id}`, step.longer ? `; “${step.longer}” is not in the vocabulary` : '');
      list.append(item);
    }
    return [heading, list, paragraph('At each place the model takes the longest vocabulary entry that matches (“##” marks a piece inside a word); there are no merges.')];
  }

  /**
   * The text a card compares: the word the token is in, from the space
   * before it (tokenizers keep a word's leading space) to the next
   * whitespace; the token's own text when that word is long.
   * @param {CardSubject} subject
   */
  wordText({ encoding, index }) {
    const { bytes, starts, ends } = encoding;
    const isSpace = (/** @type {number} */ byte) => byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
    let start = starts[index];
    let end = ends[index];
    while (start > 0 && !isSpace(bytes[start - 1])) start--;
    if (start > 0 && bytes[start - 1] === 0x20) start--;
    while (end < bytes.length && !isSpace(bytes[end])) end++;
    if (end - start > maxComparedBytes) return textOf(bytes, starts[index], ends[index]);
    return textOf(bytes, start, end);
  }

  /**
   * One line per compared tokenizer: how it splits the same characters.
   * @param {string} key
   * @param {string} text
   */
  async showOthers(key, text) {
    this.others.replaceChildren();
    if (!text) return;
    const opened = this.opened;
    const keys = comparedKeys.filter((other) => other !== key && findTokenizer(other)).slice(0, 2);
    const heading = document.createElement('h3');
    heading.textContent = `The same characters, ${describeText(text)}, in other tokenizers`;
    const list = document.createElement('ul');
    list.className = 'other-splits';
    const lines = keys.map((other) => {
      const line = document.createElement('li');
      line.dataset.tokenizer = other;
      line.textContent = `${describeTokenizer(other)}: loading…`;
      return line;
    });
    list.append(...lines);
    this.others.replaceChildren(heading, list);
    await Promise.all(
      keys.map(async (other, place) => {
        try {
          await this.services.loader.load(other);
          const encoding = await this.services.client.request('encode', { key: other, text, allowSpecial: false, addSpecialTokens: false });
          if (opened !== this.opened) return;
          const pieces = Array.from(encoding.ids, (/** @type {number} */ _, /** @type {number} */ token) => utf8.decode(encoding.bytes.subarray(encoding.starts[token], encoding.ends[token])));
          lines[place].textContent = `${describeTokenizer(other)}: ${pieces.map((piece) => describeText(piece)).join(' / ')} (${pieces.length} token${pieces.length === 1 ? '' : 's'})`;
          lines[place].dataset.count = String(pieces.length);
        } catch (error) {
          if (opened === this.opened) lines[place].textContent = `${describeTokenizer(other)}: not loaded (${error instanceof Error ? error.message : error})`;
        }
      }),
    );
  }
}

/**
 * The tokens of one WordPiece word around a token: back to the piece
 * without "##", on through the pieces with it.
 * @param {import('../common/token-layout.js').Encoding} encoding
 * @param {number} index
 * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
 */
function wordAround(encoding, index, vocabulary) {
  const inside = (/** @type {number} */ at) => vocabulary.text(encoding.ids[at]).startsWith('##');
  let first = index;
  while (first > 0 && inside(first)) first--;
  let last = index;
  while (last + 1 < encoding.ids.length && inside(last + 1)) last++;
  return { first, last };
}

/** A tree item: the node's bytes and rank, its two parts below it. @param {import('./token-story.js').MergeNode} node */
function treeItem(node) {
  const item = document.createElement('li');
  item.append(code(shownBytes(node.bytes)), node.parts.length ? ` rank ${formatInteger(node.id)}` : node.id >= 0 ? ` byte, id ${node.id}` : ' byte');
  if (node.parts.length) {
    const parts = document.createElement('ul');
    parts.append(...node.parts.map(treeItem));
    item.append(parts);
  }
  return item;
}

/** Bytes as text with whitespace shown ("·K"), or as hex when they are not whole characters. @param {Uint8Array} bytes */
function shownBytes(bytes) {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD')) return hexOf(bytes, 0, bytes.length);
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→');
}

/** @param {string} label @param {string} value */
function fact(label, value) {
  const row = document.createElement('div');
  const term = document.createElement('dt');
  term.textContent = label;
  const detail = document.createElement('dd');
  detail.textContent = value;
  row.append(term, detail);
  return row;
}

/** @param {string} text */
function paragraph(text) {
  const element = document.createElement('p');
  element.className = 'note';
  element.textContent = text;
  return element;
}

/** @param {string} text */
function code(text) {
  const element = document.createElement('code');
  element.textContent = text;
  return element;
}
