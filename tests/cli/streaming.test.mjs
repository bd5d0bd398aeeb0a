// encode and count read a file in chunks and on several threads, and give the
// ids of the whole text all the same: for every shipped tokenizer, on a text
// built so that cuts fall next to every hazard (whitespace runs after newlines,
// "\n/" for o200k, special tokens, multi-byte characters, long stretches with
// no safe cut). The whole text's ids come from encode --jsonl, which encodes
// each line's string in one call.
//
//   node --test tests/cli/streaming.test.mjs    (TOKENLAB_CLI=path/to/tokenlab for another build)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const vocabDir = path.join(repoRoot, 'web', 'dist', 'vocab');
const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-streaming-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const kTiktoken = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
const kNamed = ['llama2', 'llama3', 'mistral', 'bert-base-uncased'];
const kFiles = ['qwen3.json.gz', 'deepseek-v3.json.gz', 'gemma3.json.gz', 'gpt-oss.json.gz', 'llama3.1.json.gz'];

function run(args, input = '') {
  const result = spawnSync(cli, args, { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

function ok(args, input) {
  const result = run(args, input);
  assert.equal(result.status, 0, `tokenlab ${args.join(' ')}: ${result.stderr}`);
  return result;
}

// Fragments chosen for where a cut could go wrong, and plain words around
// them so the safe cuts are many and land beside each hazard.
const kFragments = [
  'one two', 'a b c d', ' ', '  ', '\t', '\n', '\n\n', '\n\n  x', ' \n ', '\r\n', '\n\r\nz', 'a\n/b', '.\n/', '//x',
  '\n\u00a0y', '\n\u3000z', '\u3000', '\n\u0085w', '\u2028', '\n\u200bq', 'é', 'café au lait', '日本語の文章です。', '🚀 rocket',
  "it's", "IT'S", "we'll", '\n123', '12345', ' 678', '\n\'s', '<|endoftext|>', '<|endof', 'text|>', '<|fim_prefix|>',
  'x<|endoftext|>y', ' <|endoftext|> z', '<s>', '</s>', '[CLS]', 'Привет мир', 'مرحبا بالعالم', '...', '!!\n', 'Word',
  'CAPS', 'camelCase', 'ǅemal', 'ﬁne', 'x\u0301y', '\u00e9t\u00e9 ',
];

// A fixed sequence of fragments (a linear congruential generator, seed 14),
// with stretches that hold no safe cut at all: a digit run and a CJK run.
function awkwardText(fragmentCount) {
  let state = 14;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  const parts = [];
  for (let i = 0; i < fragmentCount; ++i) {
    const pick = next() % (kFragments.length + 3);
    if (pick === kFragments.length) parts.push('7'.repeat(300));
    else if (pick === kFragments.length + 1) parts.push('漢字'.repeat(120));
    else if (pick === kFragments.length + 2) parts.push(' word');
    else parts.push(kFragments[pick]);
  }
  return parts.join('');
}

const text = awkwardText(2500);
const textFile = path.join(scratch, 'awkward.txt');
writeFileSync(textFile, text);
const jsonFile = path.join(scratch, 'awkward.jsonl');
writeFileSync(jsonFile, `${JSON.stringify(text)}\n`);

// Equal id lines, or a failure that shows where they part (not both whole lines).
function assertSameIds(actual, expected, message) {
  if (actual === expected) return;
  const [a, b] = [actual.trim().split(' '), expected.trim().split(' ')];
  let first = 0;
  while (first < a.length && a[first] === b[first]) ++first;
  assert.fail(`${message}: ${a.length} ids, expected ${b.length}; they part at id ${first}: ` +
    `${a.slice(first, first + 8).join(' ')} instead of ${b.slice(first, first + 8).join(' ')}`);
}

function tokenizerArgs(name) {
  return name.includes('.json') ? ['--tokenizer-file', path.join(vocabDir, name)] : ['--tokenizer', name];
}

// The ids of the whole text as encode prints them, from its --jsonl array.
function wholeIds(args) {
  const [line] = ok(['encode', ...args, '--jsonl', jsonFile]).stdout.split('\n');
  return JSON.parse(line).join(' ');
}

test('the awkward text is long enough for hundreds of small chunks', () => {
  assert.ok(Buffer.byteLength(text) > 40_000, `${Buffer.byteLength(text)} bytes`);
});

for (const name of [...kTiktoken, ...kNamed, ...kFiles]) {
  test(`${name}: a file read in small chunks on one and two threads gives the ids of the whole text`, () => {
    if (name.includes('.json') && !existsSync(path.join(vocabDir, name))) assert.fail(`${name} is missing from ${vocabDir}`);
    // The tiktoken encodings cut their input; the others read it whole, so
    // one run each shows only that the chunked path leaves them alone.
    const chunked = kTiktoken.includes(name);
    const variants = chunked ? [[], ['--allow-special']] : [[]];
    const runs = chunked ? [['64', '1'], ['64', '2'], ['1000', '2']] : [['64', '2']];
    for (const extra of variants) {
      const args = [...tokenizerArgs(name), ...extra];
      const expected = wholeIds(args);
      for (const [chunkBytes, threads] of runs) {
        const { stdout } = ok(['encode', ...args, '--chunk-bytes', chunkBytes, '--threads', threads, textFile]);
        assertSameIds(stdout, `${expected}\n`, `${extra.join(' ')} --chunk-bytes ${chunkBytes} --threads ${threads}`);
      }
      if (chunked) {
        const { stdout } = ok(['count', ...args, '--chunk-bytes', '64', '--threads', '2', textFile]);
        assert.equal(stdout, `${expected.split(' ').length}\n`, 'count');
      }
    }
  });
}

test('special tokens spelled across every possible cut stay whole with --allow-special', () => {
  // Every cut a 64-byte window could choose sits right before, inside or
  // after "<|endoftext|>": it comes after each letter-space-letter point.
  const spelled = Array.from({ length: 400 }, (_, i) => `ab c${'d'.repeat(i % 13)}<|endoftext|>e f`).join('\n');
  const file = path.join(scratch, 'specials.txt');
  writeFileSync(file, spelled);
  writeFileSync(`${file}.jsonl`, `${JSON.stringify(spelled)}\n`);
  for (const name of ['cl100k_base', 'o200k_base']) {
    const args = ['--tokenizer', name, '--allow-special'];
    const [line] = ok(['encode', ...args, '--jsonl', `${file}.jsonl`]).stdout.split('\n');
    const expected = JSON.parse(line);
    assert.equal(expected.filter((id) => id === (name === 'cl100k_base' ? 100257 : 199999)).length, 400, name);
    const { stdout } = ok(['encode', ...args, '--chunk-bytes', '64', '--threads', '2', file]);
    assertSameIds(stdout, `${expected.join(' ')}\n`, name);
  }
});

test('ill-formed UTF-8 read in chunks decodes back to the same bytes and the same ids', () => {
  const pieces = [];
  for (let i = 0; i < 3000; ++i) {
    pieces.push(Buffer.from(i % 3 === 0 ? 'ab cd\n' : 'x y '), Buffer.from([[0xe3], [0xc3, 0x28], [0xff], [0xf0, 0x9f]][i % 4]));
  }
  const bytes = Buffer.concat(pieces);
  const file = path.join(scratch, 'ill-formed.bin');
  writeFileSync(file, bytes);
  for (const name of ['cl100k_base', 'o200k_base', 'r50k_base']) {
    const whole = ok(['encode', '--tokenizer', name], bytes).stdout; // stdin: one chunk of 256 KiB
    assertSameIds(ok(['encode', '--tokenizer', name, '--chunk-bytes', '64', '--threads', '2', file]).stdout, whole, name);
    assert.deepEqual(spawnSync(cli, ['decode', '--tokenizer', name], { input: whole }).stdout, bytes, name);
  }
});

test('--jsonl on two threads writes the same lines, in order, as on one', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => JSON.stringify(awkwardText(1 + (i % 7)).slice(0, 200) || 'x'));
  const file = path.join(scratch, 'many.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  for (const command of ['encode', 'count']) {
    const one = ok([command, '--tokenizer', 'o200k_base', '--jsonl', '--threads', '1', file]).stdout;
    assert.equal(one.split('\n').length, 5001);
    assert.equal(ok([command, '--tokenizer', 'o200k_base', '--jsonl', '--threads', '2', file]).stdout, one, command);
  }
});

test('--jsonl on two threads still writes every line before a bad one, then names it', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify(`line ${i}`));
  lines[2500] = 'not json';
  const result = run(['count', '--tokenizer', 'cl100k_base', '--jsonl', '--threads', '2'], `${lines.join('\n')}\n`);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /line 2501/);
  assert.equal(result.stdout.split('\n').length, 2501);
});

test('--timing reports load, encode, bytes and tokens; --repeat adds the warm pass', () => {
  const result = ok(['count', '--tokenizer', 'cl100k_base', '--timing', '--repeat', '3', '--threads', '2', textFile]);
  const match = result.stderr.match(
    /^timing: load ([0-9.]+) s, encode ([0-9.]+) s, warm ([0-9.]+) s, bytes (\d+), tokens (\d+), threads 2, resolution ([0-9.e+-]+) s$/m);
  assert.ok(match, result.stderr);
  assert.equal(Number(match[4]), Buffer.byteLength(text));
  assert.equal(`${match[5]}\n`, result.stdout);
  assert.ok(Number(match[6]) > 0 && Number(match[6]) < 0.01, match[6]);
  const usage = run(['count', '--tokenizer', 'cl100k_base', '--repeat', '2'], 'stdin');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--repeat needs a FILE/);
  assert.match(run(['encode', '--tokenizer', 'cl100k_base', '--threads', '0'], 'x').stderr, /--threads must be from 1 to 256/);
});

test('a file far larger than a chunk is encoded in bounded memory', () => {
  // 48 MB of text: read whole it would add at least 48 MB to the peak RSS.
  const big = path.join(scratch, 'big.txt');
  writeFileSync(big, 'The quick brown fox jumps over the lazy dog.\n'.repeat(1_100_000));
  const small = path.join(scratch, 'small.txt');
  writeFileSync(small, 'The quick brown fox jumps over the lazy dog.\n'.repeat(20_000));
  const peakKb = (file) => {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', cli, 'count', '--tokenizer', 'cl100k_base', file], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return Number(result.stderr.trim().split('\n').pop());
  };
  const grown = peakKb(big) - peakKb(small);
  assert.ok(grown < 16 * 1024, `peak RSS grew by ${grown} KiB for 48 MB more input`);
});
