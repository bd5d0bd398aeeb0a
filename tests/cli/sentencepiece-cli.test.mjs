// The CLI with SentencePiece .model files: --tokenizer-file, --tokenizer given
// a path, encode and decode as sentencepiece 0.1.97 (its Python module gave the
// ids below for tests/data/tiny-unigram.model, an identity normalizer, pieces
// of every type), and one-line errors (exit code 2) for bad files.
//
//   node --test tests/cli/sentencepiece-cli.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const model = path.join(repoRoot, 'tests', 'data', 'tiny-unigram.model');

function run(args, input = '') {
  const result = spawnSync(cli, args, { input });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

test('a .model file encodes and decodes as SentencePiece, by --tokenizer-file or as --tokenizer', () => {
  for (const option of ['--tokenizer-file', '--tokenizer']) {
    assert.equal(run(['encode', option, model], 'the a ab  b').stdout, '4 5 3 12 11\n', option);
    // "x" is UNUSED and "<s>" a CONTROL piece: neither matches; "<sep>" is USER_DEFINED and does.
    assert.equal(run(['encode', option, model], 'x the').stdout, '3 0 4\n', option);
    assert.equal(run(['encode', option, model], '<s>the</s>').stdout, '3 0 14 8 0\n', option);
    assert.equal(run(['encode', option, model], 'ab<sep>b').stdout, '3 12 13 10\n', option);
    assert.equal(run(['decode', option, model], '1 3 4 2').stdout, 'the', option);
    assert.equal(run(['decode', option, model], '0 9 0').stdout, ' \u2047 a \u2047 ', option);
  }
  const lines = ['"the a"', '"  the"', '""'].join('\n') + '\n';
  assert.equal(run(['encode', '--jsonl', '--tokenizer', model], lines).stdout, '[4,5]\n[4]\n[]\n');
});

test('bad .model files get a one-line error and exit code 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-sentencepiece-cli-'));
  const good = readFileSync(model);
  const cases = [
    ['truncated', good.subarray(0, good.length - 3), /SentencePiece model: ModelProto at byte \d+: a length of/],
    ['empty', Buffer.alloc(0), /SentencePiece model: it has no pieces/],
  ];
  for (const [label, content, message] of cases) {
    const file = path.join(dir, `${label}.model`);
    writeFileSync(file, content);
    const { status, stderr } = run(['encode', '--tokenizer', file], 'ab');
    assert.equal(status, 2, label);
    assert.match(stderr, message, label);
    assert.equal(stderr.trim().split('\n').length, 1, label);
  }
  const missing = run(['encode', '--tokenizer', path.join(dir, 'absent.model')], 'ab');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read tokenizer file/);
});
