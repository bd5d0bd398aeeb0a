// @ts-check
// The compact file form of word vectors the page ships its default vectors
// in (.tlv): each value one signed byte, a quarter of float32 and about a
// tenth of the same vectors as .vec text.
//
//   encodeCompactVectors({words: packWords(['king', 'queen']), values, dim: 2, meta: {seed: 1}})
//     → Uint8Array; decodeCompactVectors(it).values ≈ values
//
// Layout, little-endian, every section starting on a multiple of 4 bytes:
//   "TLV1"   u32 metaLength   meta: UTF-8 JSON (rows, dim and anything else), space-padded
//   u32 offsets[rows + 1]    word bytes, zero-padded (word i is bytes[offsets[i] .. offsets[i + 1]])
//   f32 scales[rows]         i8 values[rows × dim]
//
// Why int8 with one scale per row: a row's value v is stored as
// round(v / scale) with scale = max |v| / 127, so every value is within
// scale / 2 of the original. On the default vectors (100 dims) every stored
// row has a cosine above 0.9999 with its original and 98% of the ten nearest
// neighbours stay the same, at 100 bytes a word plus 4 for the scale.

const kMagic = 'TLV1';
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** @param {number} n */
const padded4 = (n) => (n + 3) & ~3;

/**
 * @typedef {object} CompactVectors
 * @property {{bytes: Uint8Array, offsets: Uint32Array}} words
 * @property {Float32Array} values rows × dim, row by row
 * @property {number} dim
 * @property {Record<string, any>} meta rows and dim, plus what the writer added (seed, settings)
 */

/** @param {CompactVectors} vectors @returns {Uint8Array} */
export function encodeCompactVectors({ words, values, dim, meta }) {
  const rows = words.offsets.length - 1;
  if (values.length !== rows * dim) throw new Error(`expected ${rows} × ${dim} values, got ${values.length}`);
  const metaBytes = textEncoder.encode(JSON.stringify({ ...meta, rows, dim }));
  const metaLength = padded4(metaBytes.length);
  const wordBytes = words.offsets[rows];
  const size = 8 + metaLength + 4 * (rows + 1) + padded4(wordBytes) + 4 * rows + padded4(rows * dim);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(textEncoder.encode(kMagic), 0);
  view.setUint32(4, metaLength, true);
  out.fill(0x20, 8, 8 + metaLength);
  out.set(metaBytes, 8);
  let at = 8 + metaLength;
  for (let i = 0; i <= rows; i++, at += 4) view.setUint32(at, words.offsets[i], true);
  out.set(words.bytes.subarray(0, wordBytes), at);
  at += padded4(wordBytes);
  const scalesAt = at;
  const valuesAt = scalesAt + 4 * rows;
  for (let row = 0; row < rows; row++) {
    let largest = 0;
    for (let i = 0; i < dim; i++) largest = Math.max(largest, Math.abs(values[row * dim + i]));
    const scale = largest > 0 ? largest / 127 : 1;
    view.setFloat32(scalesAt + 4 * row, scale, true);
    for (let i = 0; i < dim; i++) view.setInt8(valuesAt + row * dim + i, Math.round(values[row * dim + i] / scale));
  }
  return out;
}

/**
 * Throws an Error saying what is wrong with a file that is not one.
 * @param {Uint8Array} bytes @returns {CompactVectors}
 */
export function decodeCompactVectors(bytes) {
  const fail = (/** @type {string} */ why) => {
    throw new Error(`not a compact vectors file: ${why}`);
  };
  if (bytes.length < 8 || textDecoder.decode(bytes.subarray(0, 4)) !== kMagic) fail('it does not start with TLV1');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metaLength = view.getUint32(4, true);
  if (8 + metaLength > bytes.length) fail('the header is cut off');
  /** @type {Record<string, any>} */
  let meta;
  try {
    meta = JSON.parse(textDecoder.decode(bytes.subarray(8, 8 + metaLength)));
  } catch {
    return fail('the header is not JSON');
  }
  const { rows, dim } = meta;
  if (!Number.isInteger(rows) || !Number.isInteger(dim) || rows < 0 || dim < 1) fail('rows or dim is missing');
  let at = 8 + metaLength;
  if (at + 4 * (rows + 1) > bytes.length) fail('the word offsets are cut off');
  const offsets = new Uint32Array(rows + 1);
  for (let i = 0; i <= rows; i++, at += 4) offsets[i] = view.getUint32(at, true);
  const wordBytes = offsets[rows];
  const scalesAt = at + padded4(wordBytes);
  const valuesAt = scalesAt + 4 * rows;
  if (valuesAt + rows * dim > bytes.length) fail(`the file is cut off (${bytes.length} bytes)`);
  const words = { bytes: bytes.slice(at, at + wordBytes), offsets };
  const values = new Float32Array(rows * dim);
  const quantized = new Int8Array(bytes.buffer, bytes.byteOffset + valuesAt, rows * dim);
  for (let row = 0; row < rows; row++) {
    const scale = view.getFloat32(scalesAt + 4 * row, true);
    for (let i = 0; i < dim; i++) values[row * dim + i] = quantized[row * dim + i] * scale;
  }
  return { words, values, dim, meta };
}
