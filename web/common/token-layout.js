// @ts-check
// From an encoding (UTF-8 bytes of the text plus each token's byte span) to
// what the page draws: display units, their text, counts. No DOM here, so
// node can import it too.
//
// A unit is the shortest run of consecutive tokens that starts and ends on
// character boundaries. Most units are one token. A token that ends inside a
// multi-byte character joins the next ones until the character is complete:
//
//   "a👍" = 61 F0 9F 91 8D, tokens [61 F0 9F] [91 8D]
//   → one unit, tokens 0..2, text "a👍" (decoded once, no U+FFFD)
//
// Why units and not per-token text: decoding half a character gives U+FFFD,
// which would hide what the token really holds. The unit's text is decoded
// once with TextDecoder; each member token is shown by its bytes.

const decoder = new TextDecoder();

/**
 * @typedef {object} Encoding
 * @property {Uint32Array} ids
 * @property {Uint32Array} starts byte offset of each token in bytes
 * @property {Uint32Array} ends byte offset one past each token
 * @property {Uint8Array} bytes the UTF-8 text that was encoded
 */

/**
 * True when a character starts at byte offset `offset` (or the text ends
 * there): the byte there is not a UTF-8 continuation byte 10xxxxxx.
 * @param {Uint8Array} bytes
 * @param {number} offset
 */
export function isCharBoundary(bytes, offset) {
  return offset >= bytes.length || (bytes[offset] & 0xc0) !== 0x80;
}

/**
 * One past the last token of the unit that starts at token `first`.
 * @param {Encoding} encoding
 * @param {number} first
 */
export function unitEnd(encoding, first) {
  const { ends, bytes } = encoding;
  const count = ends.length;
  let last = first;
  while (last + 1 < count && !isCharBoundary(bytes, ends[last])) last++;
  return last + 1;
}

/**
 * Text of bytes[start, end), decoded once.
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 */
export function textOf(bytes, start, end) {
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * Bytes as upper-case hex pairs: [0xF0, 0x9F] → "F0 9F".
 * @param {Uint8Array} bytes
 * @param {number} start
 * @param {number} end
 */
export function hexOf(bytes, start, end) {
  const pairs = [];
  for (let i = start; i < end; i++) pairs.push(bytes[i].toString(16).toUpperCase().padStart(2, '0'));
  return pairs.join(' ');
}

/**
 * Number of Unicode code points in valid UTF-8 (what JS's [...text].length
 * gives): one per byte that is not a continuation byte.
 * @param {Uint8Array} bytes
 */
export function countCodePoints(bytes) {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) count++;
  return count;
}

/**
 * Counts shown above the tokens. charactersPerToken is 0 for empty text.
 * @param {Encoding} encoding
 */
export function countsOf(encoding) {
  const tokens = encoding.ids.length;
  const characters = countCodePoints(encoding.bytes);
  return {
    tokens,
    characters,
    bytes: encoding.bytes.length,
    charactersPerToken: tokens === 0 ? 0 : characters / tokens,
  };
}

// Carriage return, vertical tab and form feed are spelled as in C strings:
// the control pictures (U+240D…) are missing from most fonts.
/** @type {Record<string, string>} */
const whitespaceGlyphs = {
  ' ': '·',
  '\t': '→',
  '\n': '↵\n',
  '\r': '\\r',
  '\u00a0': '⍽',
  '\u000b': '\\v',
  '\u000c': '\\f',
};

const whitespacePattern = /[ \t\n\r\u00a0\u000b\u000c]/g;

/**
 * Splits text into runs for drawing with visible whitespace: each run is
 * either plain text or a whitespace glyph (newlines keep a real line break).
 * "a b\n" → [{text:"a"}, {text:"·", whitespace:true}, {text:"b"}, {text:"↵\n", whitespace:true}]
 * @param {string} text
 * @returns {{text: string, whitespace?: boolean}[]}
 */
export function visibleWhitespaceRuns(text) {
  /** @type {{text: string, whitespace?: boolean}[]} */
  const runs = [];
  let plainStart = 0;
  for (const match of text.matchAll(whitespacePattern)) {
    const index = /** @type {number} */ (match.index);
    if (index > plainStart) runs.push({ text: text.slice(plainStart, index) });
    const glyph = whitespaceGlyphs[match[0]];
    const previous = runs[runs.length - 1];
    if (previous?.whitespace) previous.text += glyph;
    else runs.push({ text: glyph, whitespace: true });
    plainStart = index + 1;
  }
  if (plainStart < text.length) runs.push({ text: text.slice(plainStart) });
  return runs;
}

/** Short names for characters that draw nothing on their own. */
const invisibleNames = new Map([
  [0x200b, 'ZWSP'],
  [0x200c, 'ZWNJ'],
  [0x200d, 'ZWJ'],
  [0x200e, 'LRM'],
  [0x200f, 'RLM'],
  [0x2060, 'WJ'],
  [0xfeff, 'BOM'],
  [0xfe0e, 'VS15'],
  [0xfe0f, 'VS16'],
]);

// Format characters (Cf) and variation selectors.
const invisiblePattern = /[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const allInvisiblePattern = /^[\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]+$/u;

/** "\u200d" → "ZWJ", "\u{E0067}" → "U+E0067" @param {string} character */
function invisibleName(character) {
  const code = /** @type {number} */ (character.codePointAt(0));
  return invisibleNames.get(code) ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * For text made only of characters that draw nothing (a token holding just a
 * zero-width joiner or a variation selector), their names: "\u200d\ufe0f" →
 * "ZWJ VS16". Null when something in the text is visible.
 * @param {string} text
 */
export function invisibleLabel(text) {
  if (!allInvisiblePattern.test(text)) return null;
  return Array.from(text, invisibleName).join(' ');
}

/**
 * The text a tooltip shows for a piece: quoted, whitespace and invisible
 * characters made visible, on one line. " a\u200d" → “·a⟨ZWJ⟩”
 * @param {string} text
 */
export function describeText(text) {
  const shown = text
    .replace(whitespacePattern, (c) => whitespaceGlyphs[c].replace('\n', ''))
    .replace(invisiblePattern, (c) => `⟨${invisibleName(c)}⟩`);
  return `“${shown}”`;
}

/**
 * A token that is a special token spelled out in full, like <|endoftext|>.
 * Ordinary BPE never yields these as one token: the pre-tokenizer splits
 * "<|" from the word, so this marks the special ids without the vocabulary.
 * @param {string} text
 */
export function looksSpecial(text) {
  return /^<\|[^|<>\s]+\|>$/.test(text);
}
