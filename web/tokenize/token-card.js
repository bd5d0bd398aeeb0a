// @ts-check
// A token's card, opened by clicking a chip or pressing Enter on it: its id,
// bytes, text with whitespace shown, how the model came to it (the engine's
// replay, engine.js trace: the merges that build the chip's word with each
// merge's rank or merge-list place, WordPiece's longest matches, or Unigram's
// best segmentation with its score and the pieces it passed over), and how
// the same characters split under two other tokenizers.
//
//   cl100k_base " Kuznetsov" → chips " K" "uz" "net" "sov"; the card of "uz":
//   id 5308 · 2 bytes 75 7A · "uz" · merges of "·Kuznetsov": e + t → et (rank 295), s + o → so (708),
//   · + K → ·K (735), n + et → net (4816), u + z → uz (5308, builds this token), so + v → sov (85393)
//   GPT-4o: " Kuznetsov" as …, LLaMA 3: …  (the token's word, in two other tokenizers)
//
// Escape or Close shuts it and gives focus back to the chip. All token text
// goes in with textContent.

import { part } from '../common/dom.js';
import { formatInteger } from '../common/format.js';
import { describeText, hexOf, textOf } from '../common/token-layout.js';
import { describeTokenizer, findTokenizer } from '../common/tokenizers.js';
import { alternativesOf, mergeForest, wordRun } from './token-story.js';

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
    this.story.replaceChildren(paragraph('Replaying the model…'));
    const opened = this.opened;
    this.storyOf(subject).then((parts) => {
      if (opened === this.opened) this.story.replaceChildren(...parts);
    });
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
   * The story, told by the engine (engine.js trace): the merges that build
   * the chip's word, WordPiece's longest matches or Unigram's best path.
   * @param {CardSubject} subject
   * @returns {Promise<HTMLElement[]>}
   */
  async storyOf({ encoding, index, vocabulary, key }) {
    const id = encoding.ids[index];
    if (vocabulary.isSpecial(id) || encoding.starts[index] === encoding.ends[index]) {
      return [paragraph('A special token: the tokenizer puts it in whole (or adds it around the text); no merges build it.')];
    }
    const { first, last } = wordRun(encoding, index, (other) => vocabulary.text(other));
    /** @param {number[]} ids @returns {Promise<import('../engine/engine.js').TokenTrace>} */
    const trace = (ids) => this.services.client.request('trace', { key, ids });
    let ids = Array.from(encoding.ids.subarray(first, last + 1));
    let place = index - first;
    if (ids.some((other) => vocabulary.isSpecial(other))) {
      ids = [id];
      place = 0;
    }
    let story;
    try {
      story = await trace(ids);
      if (!story.matches && ids.length > 1) {
        // The word's tokens came from more than one pre-token: tell the token's own story.
        ids = [id];
        place = 0;
        story = await trace(ids);
      }
    } catch (error) {
      return [paragraph(`No story for this token: ${error instanceof Error ? error.message : String(error)}`)];
    }
    const parts = story.kind === 'wordpiece' ? wordPieceStory(story, vocabulary)
      : story.kind === 'unigram' ? unigramStory(story, place)
        : mergeStory(story, place);
    const card = /** @type {HTMLElement} */ (this.story);
    card.dataset.kind = story.kind;
    card.dataset.matches = String(story.matches);
    card.dataset.ids = ids.join(' ');
    if (!story.matches) parts.push(paragraph(`Replayed alone, these characters give ${Array.from(story.replayed).join(' ')}: the tokenizer chose ${ids.join(' ')} in context.`));
    return parts;
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
 * The merges of a BPE story, those that build the chip's token marked.
 * @param {import('../engine/engine.js').TokenTrace} story
 * @param {number} place the chip's token among the story's tokens
 * @returns {HTMLElement[]}
 */
function mergeStory(story, place) {
  const { roots, merges } = mergeForest(story);
  const piece = story.piece;
  const token = roots[Math.min(place, roots.length - 1)];
  const byRank = story.kind === 'rank-bpe';
  const heading = document.createElement('h3');
  heading.textContent = merges.length === 0 ? `${shownBytes(piece)}: no merges` : `${shownBytes(piece)}: built from ${formatInteger(story.initialIds.length)} ${byRank ? 'bytes' : 'symbols'} by ${formatInteger(merges.length)} merge${merges.length === 1 ? '' : 's'}`;
  const steps = document.createElement('ol');
  steps.className = 'merge-steps';
  for (const merge of merges) {
    const step = document.createElement('li');
    step.dataset.rank = String(merge.rank);
    step.dataset.left = String(merge.parts[0].id);
    step.dataset.right = String(merge.parts[1].id);
    step.dataset.result = String(merge.id);
    const inToken = merge.begin >= token.begin && merge.end <= token.end;
    if (inToken) step.classList.add('in-token');
    step.append(
      code(shownBytes(piece.subarray(merge.parts[0].begin, merge.parts[0].end))),
      ' + ',
      code(shownBytes(piece.subarray(merge.parts[1].begin, merge.parts[1].end))),
      ' → ',
      code(shownBytes(piece.subarray(merge.begin, merge.end))),
      byRank ? ` rank ${formatInteger(merge.rank)}` : ` place ${formatInteger(merge.rank)} in the merge list (from 0), id ${formatInteger(merge.id)}`,
      inToken ? ' (builds this token)' : '',
    );
    steps.append(step);
  }
  const tree = document.createElement('ul');
  tree.className = 'merge-tree';
  tree.setAttribute('aria-label', 'Merge tree');
  for (const root of roots) tree.append(treeItem(root, piece, byRank));
  const parts = [heading, steps, tree];
  if (story.wholeToken) parts.push(paragraph('The tokenizer looks a whole pre-token up first and takes it when it is a token; the merges show how that token was made.'));
  parts.push(paragraph(byRank
    ? 'Each merge joins the pair whose joined bytes have the lowest rank, leftmost first, as tiktoken does; the rank is the id.'
    : 'Each merge joins the pair that comes first in the tokenizer’s merge list, leftmost first, as Hugging Face’s tokenizers does.'));
  return parts;
}

/**
 * @param {import('../engine/engine.js').TokenTrace} story
 * @param {import('../common/tokenizers.js').Vocabulary} vocabulary
 * @returns {HTMLElement[]}
 */
function wordPieceStory(story, vocabulary) {
  const word = utf8.decode(story.piece);
  const heading = document.createElement('h3');
  heading.textContent = `WordPiece: the longest match, left to right, in “${word}”`;
  const list = document.createElement('ol');
  list.className = 'merge-steps';
  for (let at = 0; at < story.pieceIds.length; at++) {
    const id = story.pieceIds[at];
    const end = story.pieceEnds[at];
    const next = end < story.piece.length ? [...utf8.decode(story.piece.subarray(end))][0] : '';
    const item = document.createElement('li');
    item.dataset.id = String(id);
    item.append(code(vocabulary.text(id)), ` id ${id}`, next ? `; “${vocabulary.text(id)}${next}” is not in the vocabulary` : '');
    list.append(item);
  }
  if (story.pieceIds.length === 0) list.append(paragraph('Some part of the word matches nothing: it is one unknown token.'));
  return [heading, list, paragraph('At each place the model takes the longest vocabulary entry that matches (“##” marks a piece inside a word); there are no merges.')];
}

/**
 * @param {import('../engine/engine.js').TokenTrace} story
 * @param {number} place the chip's token among the story's pieces
 * @returns {HTMLElement[]}
 */
function unigramStory(story, place) {
  const heading = document.createElement('h3');
  heading.textContent = `Unigram: the best of all segmentations of ${shownBytes(story.piece)}, score ${score(story.totalScore)}`;
  heading.dataset.total = String(story.totalScore);
  const list = document.createElement('ol');
  list.className = 'merge-steps';
  for (let at = 0; at < story.pieceIds.length; at++) {
    const id = story.pieceIds[at];
    const item = document.createElement('li');
    item.dataset.id = String(id);
    item.dataset.score = String(story.pieceScores[at]);
    if (at === place) item.classList.add('in-token');
    item.append(code(shownBytes(story.piece.subarray(story.pieceBegins[at], story.pieceEnds[at]))), ` id ${id}, score ${score(story.pieceScores[at])}`);
    const others = alternativesOf(story, at).slice(0, 3);
    if (others.length) {
      const passed = document.createElement('ul');
      passed.setAttribute('aria-label', 'Pieces passed over here');
      for (const other of others) {
        const line = document.createElement('li');
        line.dataset.id = String(other.id);
        line.dataset.total = String(other.total);
        line.append('instead ', code(shownBytes(story.piece.subarray(story.pieceBegins[at], other.end))), ` (score ${score(other.score)}): best total ${score(other.total)}`);
        passed.append(line);
      }
      item.append(passed);
    }
    list.append(item);
  }
  return [heading, list, paragraph('Every piece has a score (a log probability); the model takes the segmentation whose scores sum highest (Viterbi), the longer last piece on a tie.')];
}

/** @param {number} value */
function score(value) {
  return value.toFixed(3).replace('-', '−');
}

/**
 * A tree item: the node's text and rank, its two parts below it.
 * @param {import('./token-story.js').MergeNode} node
 * @param {Uint8Array} piece
 * @param {boolean} byRank
 * @returns {HTMLElement}
 */
function treeItem(node, piece, byRank) {
  const item = document.createElement('li');
  item.dataset.id = String(node.id);
  item.append(code(shownBytes(piece.subarray(node.begin, node.end))), node.parts.length ? ` ${byRank ? 'rank' : 'merge-list place'} ${formatInteger(node.rank)}` : `, id ${node.id}`);
  if (node.parts.length) {
    const parts = document.createElement('ul');
    parts.append(...node.parts.map((part) => treeItem(part, piece, byRank)));
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
