// @ts-check
// Unpacks a gzip-compressed file the worker fetched (the build compresses the
// largest vocabularies) with the browser's own DecompressionStream.
//
//   isGzip(bytes)        → true for the bytes of qwen3.json.gz (they start 1f 8b)
//   await gunzip(bytes)  → the 5.4 MB tokenizer.json inside its 1.8 MB
//
// Why look at the bytes rather than the name: a server that sends a .gz file
// with "Content-Encoding: gzip" has the browser unpack it on the way, and the
// worker then gets the tokenizer.json itself.

/** @param {Uint8Array} bytes */
export function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * @param {Uint8Array<ArrayBuffer>} bytes
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export async function gunzip(bytes) {
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}
