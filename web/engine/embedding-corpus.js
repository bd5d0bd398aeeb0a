// @ts-check
// Reading a training corpus into the engine, for the embeddings worker: the
// sample (fetched) or dropped files, streamed in 1 MB chunks under a size
// limit, prepared (lower-cased, punctuation removed) when asked, and split
// into words (on whitespace, as word2vec does) or into the ids of a
// tokenizer, one sentence per line.
//
//   const {corpus} = await readCorpus(engine, {source: {files}, unit: 'words', text, options}, progress, hooks);
//   corpus.vocabularySize() → words seen at least min count times

import { packWords } from './embedding-engine.js';
import { formatMiB, kMaxCorpusBytes } from './embedding-limits.js';
import { tokenName } from '../common/token-names.js';

/** @typedef {import('./engine.js').Tokenizer} Tokenizer */

/**
 * @typedef {object} TextOptions how text is prepared before it is split
 * @property {boolean} lowercase
 * @property {boolean} stripPunctuation keep letters, digits and apostrophes inside words
 */

const kReadChunkBytes = 1 << 20;

/** @param {TextOptions} options @returns {(text: string) => string} */
export function textPreparer({ lowercase, stripPunctuation }) {
  return (text) => {
    let out = lowercase ? text.toLowerCase() : text;
    if (stripPunctuation) {
      // Everything but letters, digits, apostrophes and line ends becomes a
      // space; then apostrophes not inside a word ('tis, quotes) go too.
      out = out.replace(/[^\p{L}\p{N}\p{M}'’\n]+/gu, ' ').replace(/(?<![\p{L}\p{N}])['’]+|['’]+(?![\p{L}\p{N}])/gu, ' ');
    }
    return out;
  };
}

/**
 * The training text as byte chunks: the sample (fetched) or the dropped files, one after another.
 * @param {{sampleUrl?: string, files?: File[]}} source
 * @param {(read: number, total: number) => void} onRead
 * @returns {AsyncGenerator<Uint8Array | null>} null between files (a sentence end)
 */
export async function* textChunks(source, onRead) {
  /** @type {{name: string, stream: ReadableStream<Uint8Array>}[]} */
  const streams = [];
  let total = 0;
  if (source.files?.length) {
    total = source.files.reduce((sum, file) => sum + file.size, 0);
    if (total > kMaxCorpusBytes) {
      throw new Error(`the files hold ${formatMiB(total)} of text; the page trains on at most ${formatMiB(kMaxCorpusBytes)}`);
    }
    for (const file of source.files) streams.push({ name: file.name, stream: file.stream() });
  } else if (source.sampleUrl) {
    const response = await fetch(source.sampleUrl);
    if (!response.ok || !response.body) throw new Error(`could not load the sample corpus: HTTP ${response.status}`);
    total = Number(response.headers.get('content-length')) || 0;
    streams.push({ name: 'the sample corpus', stream: response.body });
  } else {
    throw new Error('choose a corpus: the sample or your files');
  }
  let read = 0;
  for (const { name, stream } of streams) {
    const reader = stream.getReader();
    for (;;) {
      // A file moved, changed or deleted after it was chosen fails here with a bare "Network error".
      const { done, value } = await reader.read().catch((error) => {
        throw new Error(`could not read ${name} (${error instanceof Error ? error.message : error}); it may have been moved, changed or deleted after it was chosen`);
      });
      if (done) break;
      for (let at = 0; at < value.length; at += kReadChunkBytes) {
        const chunk = value.subarray(at, at + kReadChunkBytes);
        read += chunk.length;
        if (read > kMaxCorpusBytes) throw new Error(`the text is larger than ${formatMiB(kMaxCorpusBytes)}, the most the page trains on`);
        onRead(read, total);
        yield chunk;
      }
    }
    yield null;
  }
}

/**
 * Reads the corpus into the engine: words (split on whitespace, as word2vec
 * does) or the ids of a tokenizer, one sentence per line.
 * @param {import('./embedding-engine.js').EmbeddingEngine} engine @param {any} args @param {(p: object) => void} progress
 * @param {{checkpoint: () => Promise<void>, tokenizerFor: (source: any) => Promise<Tokenizer>}} hooks
 *   checkpoint: awaited between chunks (pause, cancel); tokenizerFor: loads the unit's tokenizer
 */
export async function readCorpus(engine, args, progress, { checkpoint, tokenizerFor }) {
  const text = /** @type {TextOptions} */ (args.text);
  const prepare = text.lowercase || text.stripPunctuation ? textPreparer(text) : null;
  const tokenizer = args.unit === 'tokens' ? await tokenizerFor(args.tokenizer) : null;
  const corpus = tokenizer ? engine.idCorpus() : engine.wordCorpus('line');
  const encoder = new TextEncoder();
  let decoder = new TextDecoder();
  /** @type {number[]} */
  let ids = [];
  let pendingLine = '';
  /** @type {string[] | null} */
  let idNames = null;
  const flushIds = () => {
    corpus.addIds(Int32Array.from(ids));
    ids = [];
  };
  /** @param {string} line */
  const addLine = (line) => {
    if (!tokenizer) return;
    const encoded = tokenizer.encode(line, { addSpecialTokens: false }).ids;
    for (const id of encoded) ids.push(id);
    ids.push(-1);
  };
  try {
    for await (const chunk of textChunks(args.source, (read, total) => progress({ phase: 'reading', read, total, entries: corpus.entriesRead() }))) {
      if (chunk === null) {
        // A file ends: finish its last line.
        const rest = decoder.decode();
        decoder = new TextDecoder();
        if (tokenizer) {
          addLine(pendingLine + (prepare ? prepare(rest) : rest));
          pendingLine = '';
          flushIds();
        } else {
          corpus.addText(encoder.encode((prepare ? prepare(rest) : rest) + '\n'));
        }
        continue;
      }
      if (!tokenizer) {
        corpus.addText(prepare ? encoder.encode(prepare(decoder.decode(chunk, { stream: true }))) : chunk);
      } else {
        const lines = (pendingLine + (prepare ? prepare(decoder.decode(chunk, { stream: true })) : decoder.decode(chunk, { stream: true }))).split('\n');
        pendingLine = lines.pop() ?? '';
        for (const line of lines) addLine(line);
        if (ids.length > 1 << 20) flushIds();
      }
      await checkpoint();
    }
    if (tokenizer) {
      idNames = tokenNames(tokenizer);
      corpus.finishIds(packWords(idNames), args.options.minCount);
    } else {
      corpus.finishWords(args.options.minCount);
    }
  } catch (error) {
    corpus.delete();
    throw error;
  }
  return { corpus, tokenizer, idNames };
}

/**
 * Every id's vector name, from its bytes as the CLI names them; ids that are
 * not tokens never occur, and a distinct name keeps them apart.
 * @param {Tokenizer} tokenizer
 */
export function tokenNames(tokenizer) {
  const { bytes, offsets } = tokenizer.vocabulary();
  const names = new Array(offsets.length - 1);
  for (let id = 0; id + 1 < offsets.length; id++) {
    const token = bytes.subarray(offsets[id], offsets[id + 1]);
    names[id] = token.length ? tokenName(token) : `<id${id}>`;
  }
  return names;
}
