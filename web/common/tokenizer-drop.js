// @ts-check
// Tokenizer files dropped on a view (or opened with its file button): a
// Hugging Face tokenizer.json, a tiktoken rank file or a SentencePiece
// .model (Unigram: T5, ALBERT) joins the tokenizer choice, and is kept in the browser (kept-tokenizers.js) so it is there
// again after a reload. A rank file does not say how to split text into
// pieces, so the reader picks the split pattern (cl100k unless told
// otherwise).
//
//   kindOf(bytes of '{"version": "1.0", ...')   → 'tokenizer.json'
//   kindOf(bytes of 'IQ== 0\n Ig== 1\n...')     → 'tiktoken'
//   kindOf(bytes of spiece.model)              → 'sentencepiece' (a protobuf: its first field a piece)
//   kindOf(bytes of a PNG)                      → null
//
// A file that is no tokenizer, or that the engine refuses (an unsupported
// component, which its message names along with what is supported; a file
// cut short), leaves the catalog as it was and reports why.

import { formatBytes } from './format.js';
import { keepTokenizerFile } from './kept-tokenizers.js';
import { nextDroppedKey, removeCustomTokenizer, setCustomTokenizer } from './tokenizers.js';

/** Larger files are refused before reading; the largest built-in vocabulary is about 6 MB. */
export const maxTokenizerFileBytes = 100e6;

/** Split patterns a rank file can be paired with, as the engine names them; the first is the default. */
export const rankFilePatterns = [
  { value: 'cl100k', label: 'cl100k: GPT-4, GPT-3.5, LLaMA 3' },
  { value: 'o200k', label: 'o200k: GPT-4o' },
  { value: 'gpt2', label: 'GPT-2: r50k, p50k' },
  { value: 'whitespace', label: 'whitespace only' },
  { value: 'none', label: 'none: the whole text is one piece' },
];

const utf8 = new TextDecoder();
// A token in padded base64 (whole groups of four), a space, a rank. The
// padding rule keeps a .vec header ("2 3") or other "word number" text out.
const rankLine = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=) [0-9]+\r?$/;

/**
 * Whether bytes start as a SentencePiece ModelProto does: field 1 (a piece,
 * length-delimited: tag 0x0a), its length as a varint, then the piece's own
 * field 1 (its text, tag 0x0a).
 * @param {Uint8Array} bytes
 */
function looksLikeSentencePiece(bytes) {
  if (bytes[0] !== 0x0a) return false;
  let at = 1;
  while (at < 6 && at < bytes.length && bytes[at] & 0x80) at++;
  return at < 6 && bytes[at + 1] === 0x0a;
}

/**
 * What a file holds, judged from its start: a SentencePiece model (protobuf),
 * a JSON object (tokenizer.json), "base64 rank" lines (tiktoken), or none of
 * them (null). A UTF-8 byte order mark and leading whitespace are skipped.
 * @param {Uint8Array} bytes
 * @returns {'tokenizer.json' | 'tiktoken' | 'sentencepiece' | null}
 */
export function kindOf(bytes) {
  if (looksLikeSentencePiece(bytes)) return 'sentencepiece';
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (at < bytes.length && (bytes[at] === 0x20 || bytes[at] === 0x09 || bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
  if (bytes[at] === 0x7b) return 'tokenizer.json';
  const lineEnd = bytes.subarray(at, at + 4096).indexOf(0x0a);
  const firstLine = utf8.decode(bytes.subarray(at, lineEnd < 0 ? Math.min(bytes.length, at + 4096) : at + lineEnd));
  return rankLine.test(firstLine) ? 'tiktoken' : null;
}

/**
 * The engine's message, with a plain hint when a JSON file stops early.
 * @param {string} message
 */
function explainLoadError(message) {
  const cutShort = /unexpected end of input|missing closing quote|expected "<base64 token> <rank>"/.test(message);
  return cutShort ? `${message}. The file seems to be cut short.` : `${message}.`;
}

/**
 * @typedef {object} DropOptions
 * @property {HTMLElement} root where files may be dropped; a file input inside it marked data-tokenizer-file opens files too
 * @property {import('./tokenizers.js').TokenizerLoader} loader
 * @property {(key: string) => void} onAdded a file loaded and joined the catalog under key
 * @property {(message: string) => void} onError
 * @property {(message: string | null) => void} [onBusy] what is happening while a file loads; null when done
 * @property {(message: string) => void} [onNote] a file loaded but could not be kept (storage refused or full)
 */

export class TokenizerDrop {
  /** @param {DropOptions} options */
  constructor(options) {
    this.options = options;
    const { root } = options;
    /** dragenter/dragleave pairs seen, to know when the pointer really left */
    let depth = 0;
    const carriesFiles = (/** @type {DragEvent} */ event) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    root.addEventListener('dragenter', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth++;
      root.classList.add('file-over');
    });
    root.addEventListener('dragover', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    });
    root.addEventListener('dragleave', (event) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) root.classList.remove('file-over');
    });
    root.addEventListener('drop', (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      root.classList.remove('file-over');
      for (const file of Array.from(event.dataTransfer?.files ?? [])) this.add(file);
    });
    for (const input of root.querySelectorAll('input[type="file"][data-tokenizer-file]')) {
      const fileInput = /** @type {HTMLInputElement} */ (input);
      fileInput.addEventListener('change', () => {
        for (const file of Array.from(fileInput.files ?? [])) this.add(file);
        fileInput.value = '';
      });
    }
  }

  /**
   * Reads a file, asks for a split pattern if it is a rank file, loads it
   * and adds it to the catalog; reports a file that is none of these.
   * @param {File} file
   */
  async add(file) {
    const { onAdded, onError, onBusy, onNote } = this.options;
    if (file.size > maxTokenizerFileBytes) {
      onError(`“${file.name}” is ${formatBytes(file.size)}, more than the ${formatBytes(maxTokenizerFileBytes)} a tokenizer file may have here.`);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const kind = kindOf(bytes);
    if (!kind) {
      onError(
        `“${file.name}” is not a tokenizer file. Drop a Hugging Face tokenizer.json (a JSON object with a "model"), ` +
          'a tiktoken rank file (lines of “base64-token rank”) or a SentencePiece .model.',
      );
      return;
    }
    const pattern = kind === 'tiktoken' ? await askPattern(file.name) : undefined;
    if (pattern === null) return;
    onBusy?.(`Loading “${file.name}”…`);
    try {
      const { key, vocabSize } = await this.register(file.name, kind, bytes, pattern);
      onBusy?.(null);
      onAdded(key);
      const { problem } = await keepTokenizerFile(key, { fileName: file.name, format: kind, bytes, pattern, vocabSize });
      if (problem) onNote?.(problem);
    } catch (error) {
      onBusy?.(null);
      onError(`Could not load “${file.name}” as a tokenizer: ${explainLoadError(error instanceof Error ? error.message : String(error))}`);
    }
  }

  /**
   * Adds the file to the catalog and loads it; takes it out again if it does not load.
   * @param {string} fileName
   * @param {'tokenizer.json' | 'tiktoken' | 'sentencepiece'} kind
   * @param {Uint8Array} bytes
   * @param {string} [pattern] for a rank file
   * @returns {Promise<{key: string, vocabSize: number}>} the new key
   */
  async register(fileName, kind, bytes, pattern) {
    const { loader } = this.options;
    const key = nextDroppedKey();
    const files = kind === 'tokenizer.json' ? { tokenizerJson: bytes } : kind === 'sentencepiece' ? { sentencepieceModel: bytes } : { tiktoken: bytes, pattern };
    const note = kind === 'tokenizer.json' ? 'dropped tokenizer.json' : kind === 'sentencepiece' ? 'dropped SentencePiece .model' : `dropped tiktoken · ${pattern}`;
    setCustomTokenizer({ key, model: fileName, name: fileName, note, files, group: 'page' });
    try {
      const info = await loader.load(key);
      if (info.vocabSize === 0) throw new Error('its vocabulary is empty');
      return { key, vocabSize: info.vocabSize };
    } catch (error) {
      loader.forget(key);
      removeCustomTokenizer(key);
      throw error;
    }
  }
}

/** @type {HTMLDialogElement | null} */
let patternDialog = null;

/**
 * Asks which split pattern goes with a rank file.
 * @param {string} fileName
 * @returns {Promise<string | null>} the pattern, or null when cancelled
 */
function askPattern(fileName) {
  const dialog = (patternDialog ??= buildPatternDialog());
  const title = /** @type {HTMLElement} */ (dialog.querySelector('.pattern-file'));
  const select = /** @type {HTMLSelectElement} */ (dialog.querySelector('select'));
  title.textContent = fileName;
  select.value = rankFilePatterns[0].value;
  dialog.returnValue = '';
  dialog.showModal();
  select.focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'load' ? select.value : null), { once: true });
  });
}

function buildPatternDialog() {
  const dialog = document.createElement('dialog');
  dialog.className = 'pattern-dialog';
  dialog.setAttribute('aria-labelledby', 'pattern-dialog-title');
  const form = document.createElement('form');
  form.method = 'dialog';
  const heading = document.createElement('h2');
  heading.id = 'pattern-dialog-title';
  heading.append('Split pattern for ');
  const file = document.createElement('span');
  file.className = 'pattern-file';
  heading.append(file);
  const explain = document.createElement('p');
  explain.textContent =
    'A tiktoken file lists tokens and their ranks but not how text is cut into pieces before merging. ' +
    'Choose the pattern its tokenizer was made with; special tokens are not in the file, so none are known.';
  const label = document.createElement('label');
  label.htmlFor = 'pattern-dialog-select';
  label.textContent = 'Pattern';
  const select = document.createElement('select');
  select.id = 'pattern-dialog-select';
  for (const pattern of rankFilePatterns) select.append(new Option(pattern.label, pattern.value));
  const field = document.createElement('div');
  field.className = 'pattern-field';
  field.append(label, select);
  const actions = document.createElement('div');
  actions.className = 'pattern-actions';
  const cancel = document.createElement('button');
  cancel.className = 'button';
  cancel.value = 'cancel';
  cancel.textContent = 'Cancel';
  const load = document.createElement('button');
  load.className = 'button primary';
  load.value = 'load';
  load.textContent = 'Load';
  actions.append(cancel, load);
  form.append(heading, explain, field, actions);
  dialog.append(form);
  document.body.append(dialog);
  return dialog;
}

/**
 * A view's tokenizer drop, as the Tokenize and Compare views wire it: a file
 * that loads clears the view's error before the view takes the new key, and
 * what is happening meanwhile shows in the view's status line.
 * @param {{root: HTMLElement, loader: import('./tokenizers.js').TokenizerLoader, status: HTMLElement,
 *   hideError: () => void, showError: (message: string) => void, onAdded: (key: string) => void}} view
 */
export function viewTokenizerDrop({ root, loader, status, hideError, showError, onAdded }) {
  return new TokenizerDrop({
    root,
    loader,
    onAdded: (key) => {
      hideError();
      onAdded(key);
    },
    onError: showError,
    onBusy: (message) => {
      if (message) hideError();
      status.textContent = message ?? '';
    },
    onNote: (message) => {
      status.textContent = message;
    },
  });
}
