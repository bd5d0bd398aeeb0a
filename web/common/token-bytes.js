// @ts-check
// A trained token's bytes as the page shows them: UTF-8 text with visible
// whitespace, and bytes that are not (complete) UTF-8 as hex escapes. A
// byte-level vocabulary has many such tokens (half an emoji, a lone 0xFF), and
// decoding them would print U+FFFD and hide what the token holds.
//
//   tokenRuns([0x20, 0x74, 0x68, 0x65]) → [{kind: 'ws', text: '·'}, {kind: 'text', text: 'the'}]
//   tokenRuns([0xE2, 0x80])             → [{kind: 'hex', text: '\xE2\x80'}]
//   tokenPlain([0x20, 0x0A, 0xFF])      → "·↵\xFF"
// No DOM here, so node can import it too.

/** @typedef {{kind: 'text' | 'ws' | 'hex', text: string}} Run */

/** @type {Record<string, string>} the glyphs of the Tokenize view, newline without its line break */
const whitespaceGlyphs = { ' ': '·', '\t': '→', '\n': '↵', '\r': '\\r', '\u00a0': '⍽', '\u000b': '\\v', '\u000c': '\\f' };

/**
 * Length of the valid UTF-8 sequence starting at bytes[at], or 0 when the
 * byte there does not start one (continuation byte, overlong form, surrogate,
 * above U+10FFFF, or cut off).
 * @param {Uint8Array} bytes
 * @param {number} at
 * @param {number} end
 */
function sequenceLength(bytes, at, end) {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  /** @type {number} */ let length;
  /** @type {number} */ let min;
  if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
  else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
  else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
  else return 0;
  if (at + length > end) return 0;
  let code = lead & (0xff >> (length + 1));
  for (let i = 1; i < length; i++) {
    const next = bytes[at + i];
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return 0;
  return length;
}

/** @param {number} byte */
const hexByte = (byte) => `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

const decoder = new TextDecoder();

/**
 * @param {Uint8Array} bytes
 * @param {number} [start]
 * @param {number} [end]
 * @returns {Run[]}
 */
export function tokenRuns(bytes, start = 0, end = bytes.length) {
  /** @type {Run[]} */
  const runs = [];
  /** @param {Run['kind']} kind @param {string} text */
  const push = (kind, text) => {
    const last = runs[runs.length - 1];
    if (last?.kind === kind) last.text += text;
    else runs.push({ kind, text });
  };
  let at = start;
  while (at < end) {
    const length = sequenceLength(bytes, at, end);
    if (length === 0) {
      push('hex', hexByte(bytes[at]));
      at += 1;
      continue;
    }
    const character = length === 1 ? String.fromCharCode(bytes[at]) : decoder.decode(bytes.subarray(at, at + length));
    const glyph = whitespaceGlyphs[character];
    if (glyph) push('ws', glyph);
    else if (length === 1 && (bytes[at] < 0x20 || bytes[at] === 0x7f)) push('hex', hexByte(bytes[at]));
    else push('text', character);
    at += length;
  }
  return runs;
}

/** The runs as one string, for search and tests. @param {Uint8Array} bytes @param {number} [start] @param {number} [end] */
export function tokenPlain(bytes, start = 0, end = bytes.length) {
  return tokenRuns(bytes, start, end)
    .map((run) => run.text)
    .join('');
}

/**
 * Appends spans for a token's runs to parent (text, never HTML).
 * @param {HTMLElement} parent
 * @param {Uint8Array} bytes
 * @param {number} [start]
 * @param {number} [end]
 */
export function appendTokenRuns(parent, bytes, start = 0, end = bytes.length) {
  for (const run of tokenRuns(bytes, start, end)) {
    if (run.kind === 'text') {
      parent.append(run.text);
    } else {
      const span = document.createElement('span');
      span.className = run.kind === 'ws' ? 'ws' : 'hex';
      span.textContent = run.text;
      parent.append(span);
    }
  }
}
