// @ts-check
// Vocabulary files in the page: download links for the exports, and reading
// the merges back out of an imported tokenizer.json for the merge table.
//
// tokenizer.json spells token bytes in GPT-2's byte-level alphabet: printable
// Latin-1 bytes stand for themselves, the other 68 bytes for U+0100 onwards.
//
//   byteLevelToBytes("Ġthe") → [0x20, 0x74, 0x68, 0x65]
//   mergesFromTokenizerJson(bytes of an exported file) → {first: 0, merges: {...}, tokens: {...}}

/** Byte-level character → byte. */
const byteOfChar = (() => {
  /** @type {Map<number, number>} */
  const map = new Map();
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    map.set(printable ? byte : next++, byte);
  }
  return map;
})();

/**
 * @param {string} text a token in the byte-level alphabet
 * @returns {Uint8Array | null} null when a character is outside the alphabet
 */
export function byteLevelToBytes(text) {
  const bytes = [];
  for (const character of text) {
    const byte = byteOfChar.get(/** @type {number} */ (character.codePointAt(0)));
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

/**
 * Points a download link at bytes, releasing the URL it had before.
 * @param {HTMLAnchorElement} link
 * @param {Uint8Array} bytes
 * @param {string} type
 */
export function setDownload(link, bytes, type) {
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([/** @type {BlobPart} */ (bytes)], { type }));
  link.dataset.bytes = String(bytes.length);
}

/**
 * The merges of a byte-level BPE tokenizer.json laid out as this page trains
 * them (ids 0–255 the bytes in order, merge i making id 256 + i), as one
 * batch for TrainedVocabulary; null for any other layout. Counts are unknown
 * (NaN). Throws an Error when the file is not JSON.
 * @param {Uint8Array} fileBytes
 * Also its split pattern's name and the same vocabulary as tiktoken ranks
 * (without its special tokens), for an engine that cannot load the file.
 * @returns {{batch: import('../common/trained-vocabulary.js').MergeBatch, specialTokens: number, pattern: string, tiktoken: Uint8Array} | null}
 */
export function mergesFromTokenizerJson(fileBytes) {
  let json;
  try {
    json = JSON.parse(new TextDecoder().decode(fileBytes));
  } catch (error) {
    throw new Error(`it is not valid JSON (${error instanceof Error ? error.message : error})`);
  }
  const model = json?.model;
  if (!model || model.type !== 'BPE' || typeof model.vocab !== 'object' || !Array.isArray(model.merges)) return null;
  /** @type {Map<string, number>} */
  const vocab = new Map(Object.entries(model.vocab));
  for (let byte = 0; byte < 256; byte++) {
    const spelled = [...byteOfChar.entries()].find(([, value]) => value === byte)?.[0];
    if (spelled === undefined || vocab.get(String.fromCodePoint(spelled)) !== byte) return null;
  }
  const count = model.merges.length;
  const left = new Uint32Array(count);
  const right = new Uint32Array(count);
  const ids = new Uint32Array(count);
  /** @type {Uint8Array[]} */
  const tokenBytes = [];
  for (let i = 0; i < count; i++) {
    const merge = model.merges[i];
    const [a, b] = typeof merge === 'string' ? merge.split(' ') : merge;
    const leftId = vocab.get(a);
    const rightId = vocab.get(b);
    const id = vocab.get(`${a}${b}`);
    const bytes = byteLevelToBytes(`${a}${b}`);
    if (leftId === undefined || rightId === undefined || id !== 256 + i || !bytes) return null;
    left[i] = leftId;
    right[i] = rightId;
    ids[i] = id;
    tokenBytes.push(bytes);
  }
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i] + tokenBytes[i].length;
  const bytes = new Uint8Array(offsets[count]);
  tokenBytes.forEach((token, i) => bytes.set(token, offsets[i]));
  const counts = new Float64Array(count).fill(NaN);
  const specialTokens = Array.isArray(json.added_tokens) ? json.added_tokens.filter((/** @type {any} */ t) => t?.special).length : 0;
  const batch = { first: 0, merges: { left, right, ids, counts }, tokens: { bytes, offsets } };
  return { batch, specialTokens, pattern: splitPatternOf(json.pre_tokenizer), tiktoken: tiktokenRanks(batch) };
}

/**
 * The split pattern of a pre_tokenizer as the engine names it: the Split
 * expression itself (the engine accepts the GPT-2, cl100k and o200k ones
 * verbatim), "whitespace", "none", or "gpt2" for ByteLevel's own expression.
 * @param {any} preTokenizer
 * @returns {string}
 */
function splitPatternOf(preTokenizer) {
  const steps = preTokenizer?.type === 'Sequence' ? preTokenizer.pretokenizers ?? [] : preTokenizer ? [preTokenizer] : [];
  for (const step of steps) {
    if (step?.type === 'Split' && typeof step.pattern?.Regex === 'string') return step.pattern.Regex;
    if (step?.type === 'WhitespaceSplit') return 'whitespace';
    if (step?.type === 'ByteLevel' && step.use_regex !== false) return 'gpt2';
  }
  return 'none';
}

/**
 * tiktoken's rank file for the bytes and the merged tokens of a batch:
 * "base64 id" per line, ids 0 .. 255 + merges.
 * @param {import('../common/trained-vocabulary.js').MergeBatch} batch
 */
function tiktokenRanks({ tokens }) {
  const lines = [];
  const base64 = (/** @type {Uint8Array} */ bytes) => btoa(String.fromCharCode(...bytes));
  for (let byte = 0; byte < 256; byte++) lines.push(`${base64(Uint8Array.of(byte))} ${byte}`);
  for (let i = 0; i + 1 < tokens.offsets.length; i++) lines.push(`${base64(tokens.bytes.subarray(tokens.offsets[i], tokens.offsets[i + 1]))} ${256 + i}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
