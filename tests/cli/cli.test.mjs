// The native CLI's contract: ids on one line, exact bytes back, clear one-line
// errors with exit code 2 for bad input; with --jsonl, one result per line.
//
//   node --test tests/cli/cli.test.mjs    (TOKENLAB_CLI=path/to/tokenlab for another build)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');

function run(args, input = '') {
  const result = spawnSync(cli, args, { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

test('encode prints ids separated by single spaces on one line', () => {
  const { status, stdout } = run(['encode', '--tokenizer', 'cl100k_base'], 'Hello world');
  assert.equal(status, 0);
  assert.equal(stdout.toString(), '9906 1917\n');
});

test('count and decode agree with encode', () => {
  const text = 'tokens, counted: 1234567 🙂';
  const ids = run(['encode', '--tokenizer', 'o200k_base'], text).stdout.toString().trim();
  assert.equal(run(['count', '--tokenizer', 'o200k_base'], text).stdout.toString(), `${ids.split(' ').length}\n`);
  assert.equal(run(['decode', '--tokenizer', 'o200k_base'], ids).stdout.toString(), text);
});

test('empty input gives no ids', () => {
  assert.equal(run(['encode', '--tokenizer', 'r50k_base'], '').stdout.toString(), '\n');
  assert.equal(run(['count', '--tokenizer', 'r50k_base'], '').stdout.toString(), '0\n');
});

test('binary input and invalid UTF-8 round-trip byte for byte', () => {
  const bytes = Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0xe2, 0x82, 0x00, 0x0a, 0xf0, 0x9f, 0x98, 0x80, 0x80]);
  for (const name of ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base']) {
    const ids = run(['encode', '--tokenizer', name], bytes).stdout.toString();
    assert.deepEqual(run(['decode', '--tokenizer', name], ids).stdout, bytes, name);
  }
});

test('special tokens are ordinary text unless allowed', () => {
  const text = 'a<|endoftext|>b';
  assert.equal(run(['count', '--tokenizer', 'cl100k_base'], text).stdout.toString(), '9\n');
  assert.equal(run(['encode', '--tokenizer', 'cl100k_base', '--allow-special'], text).stdout.toString(), '64 100257 65\n');
});

test('bad input gets a one-line error and exit code 2', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-cli-'));
  writeFileSync(path.join(dir, 'cl100k_base.tiktoken'), 'IQ== 0\nthis is not a rank file\n');
  const cases = [
    ['unknown tokenizer', ['encode', '--tokenizer', 'gpt5'], /unknown tokenizer "gpt5"; known: r50k_base, p50k_base, cl100k_base, o200k_base/],
    ['missing rank files', ['encode', '--tokenizer', 'cl100k_base', '--vocab-dir', '/nonexistent'], /cannot read rank file \/nonexistent\/cl100k_base.tiktoken/],
    ['corrupt rank file', ['encode', '--tokenizer', 'cl100k_base', '--vocab-dir', dir], /tiktoken file line 2: rank "is not a rank file" is not a number/],
    ['id out of range', ['decode', '--tokenizer', 'r50k_base'], /token id 99999999 is not in r50k_base/, '1 99999999'],
    ['not an id', ['decode', '--tokenizer', 'r50k_base'], /"abc" is not a token id/, '1 abc'],
    ['unknown option', ['encode', '--tokenizer', 'r50k_base', '--frobnicate'], /unknown option --frobnicate/],
    ['missing file', ['encode', '--tokenizer', 'r50k_base', path.join(dir, 'absent.txt')], /cannot open/],
    ['unknown command', ['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [name, args, message, input] of cases) {
    await t.test(name, () => {
      const result = run(args, input ?? 'text');
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n')[0].length > 0, true);
    });
  }
});

test('the vocabulary directory can come from the environment', () => {
  const result = spawnSync(cli, ['count', '--tokenizer', 'r50k_base'], {
    input: 'x',
    env: { ...process.env, TOKENLAB_VOCAB_DIR: '/nonexistent-env-dir' },
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr.toString(), /nonexistent-env-dir/);
});

// Texts as JSON Lines, one JSON string per line.
const jsonLines = (texts) => texts.map((text) => `${JSON.stringify(text)}\n`).join('');
const idsOf = (stdout) => stdout.toString().trim().split(' ').filter(Boolean).map(Number);

test('encode --jsonl gives each line the ids encode gives that text alone', () => {
  const texts = ['Hello world', '', 'café 🙂 naïve', '  two\nlines\tand "quotes" \\ ', '日本語のテキスト', '<|endoftext|>'];
  const { status, stdout, stderr } = run(['encode', '--tokenizer', 'cl100k_base', '--jsonl'], jsonLines(texts));
  assert.equal(status, 0, stderr);
  const lines = stdout.toString().split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines[0], '[9906,1917]');
  assert.equal(lines[1], '[]');
  assert.deepEqual(lines.map((line) => JSON.parse(line)),
    texts.map((text) => idsOf(run(['encode', '--tokenizer', 'cl100k_base'], text).stdout)));
});

test('count --jsonl prints one number per line, from stdin or a file', () => {
  const texts = ['Hello world', 'tokens, counted: 1234567 🙂', ''];
  const expected = texts.map((text) => run(['count', '--tokenizer', 'o200k_base'], text).stdout.toString()).join('');
  assert.match(expected, /^2\n\d+\n0\n$/);
  assert.equal(run(['count', '--tokenizer', 'o200k_base', '--jsonl'], jsonLines(texts)).stdout.toString(), expected);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'tokenlab-cli-')), 'texts.jsonl');
  writeFileSync(file, jsonLines(texts));
  assert.equal(run(['count', '--tokenizer', 'o200k_base', '--jsonl', file]).stdout.toString(), expected);
});

test('--jsonl takes JSON escapes, CRLF line ends, a last line without newline, and the special-token options', () => {
  const escaped = '"caf\\u00e9 \\ud83d\\ude42"\r\n"Hello world"';
  const plain = idsOf(run(['encode', '--tokenizer', 'cl100k_base'], 'café 🙂').stdout);
  assert.equal(run(['encode', '--tokenizer', 'cl100k_base', '--jsonl'], escaped).stdout.toString(),
    `${JSON.stringify(plain)}\n[9906,1917]\n`);
  const special = jsonLines(['a<|endoftext|>b']);
  assert.equal(run(['count', '--tokenizer', 'cl100k_base', '--jsonl'], special).stdout.toString(), '9\n');
  assert.equal(run(['encode', '--tokenizer', 'cl100k_base', '--jsonl', '--allow-special'], special).stdout.toString(), '[64,100257,65]\n');
  assert.equal(run(['encode', '--tokenizer', 'llama3', '--jsonl'], jsonLines(['Hello world'])).stdout.toString(), '[128000,9906,1917]\n');
  assert.equal(run(['encode', '--tokenizer', 'llama3', '--jsonl', '--no-add-special-tokens'], jsonLines(['Hello world'])).stdout.toString(), '[9906,1917]\n');
});

test('--jsonl output stays in order across many lines', () => {
  const texts = Array.from({ length: 30000 }, (_, i) => (i % 2 ? 'Hello world' : `line ${i}`));
  const { status, stdout } = run(['encode', '--tokenizer', 'cl100k_base', '--jsonl'], jsonLines(texts));
  assert.equal(status, 0);
  const lines = stdout.toString().split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, texts.length);
  assert.equal(lines.filter((line, i) => i % 2 && line !== '[9906,1917]').length, 0);
  for (const i of [0, 9998, 20000, 29998]) {
    assert.deepEqual(JSON.parse(lines[i]), idsOf(run(['encode', '--tokenizer', 'cl100k_base'], `line ${i}`).stdout), `line ${i}`);
  }
});

test('a bad --jsonl line is an error naming it, after the lines before it', async (t) => {
  // [name, input, stderr, stdout: the ids of the lines before the bad one]
  const cases = [
    ['not JSON', '"a"\n"b\n"c"\n', /^tokenlab encode: line 2: not valid JSON: .*invalid string/, '[64]\n'],
    ['not a string', '"a"\n"b"\n42\n"c"\n', /^tokenlab encode: line 3: expected a JSON string, got a number$/, '[64]\n[65]\n'],
    ['an object', '"a"\n{"text": "b"}\n', /^tokenlab encode: line 2: expected a JSON string, got an object$/, '[64]\n'],
    ['two values', '"a"\n"b" "c"\n', /^tokenlab encode: line 2: not valid JSON: .*expected end of input/, '[64]\n'],
    ['an empty line', '"a"\n\n"b"\n', /^tokenlab encode: line 2: empty line, expected a JSON string$/, '[64]\n'],
    ['a lone surrogate', '"a"\n"\\ud800"\n', /^tokenlab encode: line 2: not valid JSON: .*surrogate U\+D800\.\.U\+DBFF must be followed by U\+DC00\.\.U\+DFFF/, '[64]\n'],
    ['a lone low surrogate', '"x\\udc00y"\n', /^tokenlab encode: line 1: not valid JSON: .*surrogate U\+DC00\.\.U\+DFFF must follow/, ''],
    ['ill-formed UTF-8', Buffer.from([0x22, 0x61, 0x22, 0x0a, 0x22, 0xff, 0x22, 0x0a]), /^tokenlab encode: line 2: not valid JSON: .*ill-formed UTF-8/, '[64]\n'],
  ];
  for (const [name, input, message, before] of cases) {
    await t.test(name, () => {
      const result = run(['encode', '--tokenizer', 'cl100k_base', '--jsonl'], input);
      assert.equal(result.status, 2);
      assert.match(result.stderr.trimEnd(), message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1);
      assert.equal(result.stdout.toString(), before);
    });
  }
  const count = run(['count', '--tokenizer', 'cl100k_base', '--jsonl'], '"a"\n"b"\n[1]\n');
  assert.equal(count.status, 2);
  assert.match(count.stderr.trimEnd(), /^tokenlab count: line 3: expected a JSON string, got an array$/);
  assert.equal(count.stdout.toString(), '1\n1\n');
});

test('empty --jsonl input gives empty output', () => {
  for (const command of ['encode', 'count']) {
    const { status, stdout, stderr } = run([command, '--tokenizer', 'cl100k_base', '--jsonl'], '');
    assert.equal(status, 0, stderr);
    assert.equal(stdout.length, 0, command);
  }
});
