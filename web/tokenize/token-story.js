// @ts-check
// Why a token is what it is: the merges that build it from bytes (BPE), or
// the longest matches that cut its word (WordPiece). No DOM here, so node can
// import it too.
//
//   mergeTree(cl100k, id of " Kuznetsov") → " K" + "uz" → … → " Kuznetsov", each merge with its rank
//   wordPieceSteps(bert, "unaffable")    → [{piece: "una", id}, {piece: "##ffa", id}, {piece: "##ble", id}]
//
// The merge tree replays BPE as tiktoken runs it on the token's own bytes:
// every byte is a symbol; of the adjacent pairs whose joined bytes are a
// token, the one with the lowest rank merges; repeat until no pair joins.
// A rank file's rank is its id, so this is exact for OpenAI's encodings,
// for vocabularies trained in the page (a merge's id is 256 + its place)
// and for tokenizer.json files converted from rank files (LLaMA 3, Llama
// 3.1, GPT-OSS), whose merge lists hold every split of a token in the order
// of its id (tests/e2e/tokenize-story.test.mjs checks both). Other
// tokenizer.json files merge by a list that does not follow their ids
// (Gemma 3's, or Qwen 3's, which lists one split per token), so their cards
// show no tree.
//
// Tie-break: two pairs with the same rank can only be the same bytes at two
// places; the leftmost merges first, as in tiktoken.

/**
 * @typedef {object} MergeNode
 * @property {Uint8Array} bytes
 * @property {number} id the token these bytes are (-1 for a byte that is no token)
 * @property {MergeNode[]} parts none for a starting byte; two for a merge
 * @property {number} step which merge made it, 1 first (0 for a byte)
 */

/**
 * @typedef {object} StoryVocabulary what the stories need of tokenizers.js's Vocabulary
 * @property {number} size
 * @property {(id: number) => Uint8Array} entry
 * @property {(id: number) => boolean} isSpecial
 * @property {(id: number) => string} text
 */

/** Each vocabulary's bytes → id map, made the first time a card needs it. */
const indexes = new WeakMap();

/** Bytes as a string of one char per byte, a Map key. @param {Uint8Array} bytes */
function keyOf(bytes) {
  let key = '';
  for (const byte of bytes) key += String.fromCharCode(byte);
  return key;
}

/**
 * @param {StoryVocabulary} vocabulary
 * @returns {Map<string, number>} bytes → the lowest id with those bytes (special tokens left out)
 */
export function bytesIndex(vocabulary) {
  let index = indexes.get(vocabulary);
  if (!index) {
    index = new Map();
    for (let id = 0; id < vocabulary.size; id++) {
      if (vocabulary.isSpecial(id)) continue;
      const entry = vocabulary.entry(id);
      if (entry.length === 0) continue;
      const key = keyOf(entry);
      if (!index.has(key)) index.set(key, id);
    }
    indexes.set(vocabulary, index);
  }
  return index;
}

/**
 * The merges that build these bytes, as a forest: one root when the bytes
 * are one token (the usual case), more when BPE stops short of it.
 * @param {StoryVocabulary} vocabulary
 * @param {Uint8Array} bytes
 * @returns {{roots: MergeNode[], merges: MergeNode[]}} merges in the order they happen
 */
export function mergeTree(vocabulary, bytes) {
  const index = bytesIndex(vocabulary);
  /** @type {MergeNode[]} */
  let symbols = Array.from(bytes, (byte) => {
    const one = Uint8Array.of(byte);
    return { bytes: one, id: index.get(keyOf(one)) ?? -1, parts: [], step: 0 };
  });
  /** @type {MergeNode[]} */
  const merges = [];
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let at = 0; at + 1 < symbols.length; at++) {
      const joined = new Uint8Array(symbols[at].bytes.length + symbols[at + 1].bytes.length);
      joined.set(symbols[at].bytes);
      joined.set(symbols[at + 1].bytes, symbols[at].bytes.length);
      const rank = index.get(keyOf(joined));
      // Strictly lower: of equal ranks the leftmost stays.
      if (rank !== undefined && rank < bestRank) {
        best = at;
        bestRank = rank;
      }
    }
    if (best < 0) break;
    const left = symbols[best];
    const right = symbols[best + 1];
    const joined = new Uint8Array(left.bytes.length + right.bytes.length);
    joined.set(left.bytes);
    joined.set(right.bytes, left.bytes.length);
    const node = { bytes: joined, id: bestRank, parts: [left, right], step: merges.length + 1 };
    merges.push(node);
    symbols = [...symbols.slice(0, best), node, ...symbols.slice(best + 2)];
  }
  return { roots: symbols, merges };
}

/** Tokenizers whose ids are their merge ranks (see the header). */
const rankOrdered = new Set(['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base', 'o200k_harmony', 'gpt-oss', 'llama3', 'llama3.1']);

/**
 * Which story a tokenizer's tokens have: 'bpe' (the merge tree),
 * 'wordpiece' (longest match), or 'none' with the reason.
 * @param {{key: string, files?: object}} entry the catalog's entry
 * @param {StoryVocabulary} vocabulary
 * @returns {{kind: 'bpe' | 'wordpiece' | 'none', reason?: string}}
 */
export function storyKind(entry, vocabulary) {
  if (rankOrdered.has(entry.key)) return { kind: 'bpe' };
  if (entry.key === 'bert-base-uncased') return { kind: 'wordpiece' };
  // A vocabulary trained in the page: its merges made its ids in order.
  if (entry.key === 'mine') return { kind: 'bpe' };
  if (vocabulary.size > 0 && bytesIndex(vocabulary).has('##a') && bytesIndex(vocabulary).has('[CLS]')) return { kind: 'wordpiece' };
  return { kind: 'none', reason: 'This tokenizer merges by a list whose order is not its ids’ order (a SentencePiece or tokenizer.json merge list), which the page does not hold; the card shows no merge tree for it.' };
}

/**
 * @typedef {object} WordPieceStep
 * @property {string} piece the vocabulary entry matched ("##" for a piece inside the word), or "[UNK]"
 * @property {number} id
 * @property {string} longer the one-character-longer candidate that is not in the vocabulary ('' at the word's end)
 */

/**
 * WordPiece's greedy longest match over one word: from the start, the
 * longest prefix in the vocabulary, then from there the longest "##" piece,
 * and so on; a word some part of which matches nothing is one [UNK].
 * @param {StoryVocabulary} vocabulary
 * @param {string} word as the normalizer leaves it (lower case for BERT uncased)
 * @returns {WordPieceStep[]}
 */
export function wordPieceSteps(vocabulary, word) {
  const index = bytesIndex(vocabulary);
  const utf8 = new TextEncoder();
  const idOf = (/** @type {string} */ piece) => index.get(keyOf(utf8.encode(piece)));
  const chars = [...word];
  /** @type {WordPieceStep[]} */
  const steps = [];
  let start = 0;
  while (start < chars.length) {
    let end = chars.length;
    /** @type {number | undefined} */
    let id;
    let piece = '';
    for (; end > start; end--) {
      piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
      id = idOf(piece);
      if (id !== undefined) break;
    }
    if (id === undefined) return [{ piece: '[UNK]', id: idOf('[UNK]') ?? -1, longer: '' }];
    const longer = end < chars.length ? (start > 0 ? '##' : '') + chars.slice(start, end + 1).join('') : '';
    steps.push({ piece, id, longer });
    start = end;
  }
  return steps;
}
