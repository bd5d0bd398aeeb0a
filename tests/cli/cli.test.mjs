// The native CLI's contract: ids on one line, exact bytes back, clear one-line
// errors with exit code 2 for bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';

const cli = path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');

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
