// @ts-check
// The training text as both training workers read it (train-worker.js for
// BPE, unigram-worker.js): the chosen files, samples or pasted text streamed
// in chunks into a trainer, never whole, with the end of the last file kept
// out as held-out text when asked, and a note for each file that is empty or
// does not look like text.
//
//   const {notes, heldOut, loaded, total, readMs} = await readSources(sources, {
//     start: (total) => trainer, emit, cancelled: () => run.cancelled, holdOut: true });

/** Reading progress at most this often. */
const eventIntervalMs = 100;
/** The tail of the last file kept out of training, as held-out text: 10 % of it, up to this much. */
const maxHeldOutBytes = 64_000;
const minFileForHeldOut = 4_000;

/**
 * @typedef {object} Source
 * @property {string} name
 * @property {Blob} [blob] a dropped File, or any Blob
 * @property {string} [url] fetched in full (built-in samples)
 * @property {string} [text]
 */

/** @param {Source} source @returns {Promise<Blob>} */
async function blobOf(source) {
  if (source.blob) return source.blob;
  if (typeof source.text === 'string') return new Blob([source.text]);
  if (source.url) {
    const response = await fetch(source.url);
    if (!response.ok) throw new Error(`could not load ${source.name}: HTTP ${response.status}`);
    return response.blob();
  }
  throw new Error(`source ${source.name} has no content`);
}

/**
 * Turns a failed read into a message that names the file: a file moved,
 * changed or deleted after it was chosen fails with the browser's bare
 * "NotFoundError" or "Network error".
 * @param {string} name
 */
function unreadable(name) {
  /** @param {unknown} error @returns {never} */
  return (error) => {
    throw new Error(`could not read ${name} (${error instanceof Error ? error.message : error}); it may have been moved, changed or deleted after it was chosen`);
  };
}

/**
 * Where to cut the last file: the training text ends, and the held-out text
 * starts, at a line start in its last 10 % (up to maxHeldOutBytes).
 * @param {Blob} blob
 * @param {string} name the file's name, for messages
 */
async function heldOutCut(blob, name) {
  if (blob.size < minFileForHeldOut) return blob.size;
  const wanted = Math.min(maxHeldOutBytes, Math.floor(blob.size / 10));
  const tail = new Uint8Array(await blob.slice(blob.size - wanted).arrayBuffer().catch(unreadable(name)));
  const newline = tail.indexOf(10);
  return newline >= 0 && newline + 1 < tail.length ? blob.size - wanted + newline + 1 : blob.size - wanted;
}

/**
 * A first look at a file's bytes: NUL bytes or invalid UTF-8 mean it is not text.
 * @param {Uint8Array} head
 */
function looksBinary(head) {
  if (head.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * @param {Blob} blob
 * @param {string} name the file's name, for messages
 * @param {(chunk: Uint8Array) => void} onChunk
 * @param {() => boolean} cancelled
 */
async function streamBlob(blob, name, onChunk, cancelled) {
  const reader = blob.stream().getReader();
  for (;;) {
    if (cancelled()) {
      await reader.cancel();
      return;
    }
    const { done, value } = await reader.read().catch(unreadable(name));
    if (done) return;
    onChunk(value);
  }
}


/**
 * @typedef {object} TextSink what reading feeds: a BPE or Unigram trainer
 * @property {(chunk: Uint8Array) => void} addText
 * @property {() => void} finishText ends a document: no piece spans two files
 *
 * @typedef {object} ReadOptions
 * @property {(total: number) => TextSink} start called once the total size is known, before any text is read
 *   (it may throw, for a corpus over the limit)
 * @property {(event: object) => void} emit gets {phase: "reading", loaded, total, file}
 * @property {() => boolean} cancelled
 * @property {boolean} [holdOut] keep the end of the last file out (returned as heldOut)
 */

/**
 * Streams every source into the trainer start() gives.
 * @param {Source[]} sources
 * @param {ReadOptions} options
 */
export async function readSources(sources, { start, emit, cancelled, holdOut = false }) {
  const notes = [];
  /** @type {{name: string, blob: Blob}[]} */
  const blobs = [];
  for (const source of sources) {
    const blob = await blobOf(source);
    if (blob.size === 0) notes.push(`${source.name} is empty; it was skipped.`);
    else blobs.push({ name: source.name, blob });
  }
  const total = blobs.reduce((sum, { blob }) => sum + blob.size, 0);
  if (total === 0) {
    throw new Error(sources.length > 1 ? 'The files are all empty: there is nothing to train on.' : 'The corpus is empty: there is nothing to train on.');
  }
  const sink = start(total);

  const readStart = performance.now();
  /** @type {Uint8Array | null} */
  let heldOut = null;
  let loaded = 0;
  let lastEvent = 0;
  for (let index = 0; index < blobs.length && !cancelled(); index++) {
    const { name, blob } = blobs[index];
    let trained = blob;
    if (holdOut && index === blobs.length - 1) {
      const cut = await heldOutCut(blob, name);
      if (cut < blob.size) {
        heldOut = new Uint8Array(await blob.slice(cut).arrayBuffer().catch(unreadable(name)));
        trained = blob.slice(0, cut);
        loaded += blob.size - cut;
      }
    }
    let first = true;
    await streamBlob(
      trained,
      name,
      (chunk) => {
        if (first && looksBinary(chunk.subarray(0, 65_536))) {
          notes.push(`${name} does not look like text (it has NUL bytes or invalid UTF-8); it was trained on byte by byte like any other text.`);
        }
        first = false;
        sink.addText(chunk);
        loaded += chunk.length;
        const now = performance.now();
        if (now - lastEvent > eventIntervalMs) {
          lastEvent = now;
          emit({ phase: 'reading', loaded, total, file: name });
        }
      },
      cancelled,
    );
    sink.finishText();
  }
  emit({ phase: 'reading', loaded, total, file: '' });
  return { notes, heldOut, loaded, total, readMs: performance.now() - readStart };
}
