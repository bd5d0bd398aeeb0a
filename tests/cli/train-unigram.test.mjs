// tokenlab train-unigram: the tokenizer.json it writes loads in Hugging Face's
// Rust library (the npm `tokenizers` binding), and encoding held-out text there
// gives exactly the segmentation the trainer's own Viterbi gives
// (tests/tools/unigram_tool, UnigramSegmenter); bad input gets a one-line error.
//
//   node --test tests/cli/train-unigram.test.mjs
//   (TOKENLAB_CLI=.../tokenlab TOKENLAB_UNIGRAM_TOOL=.../unigram_tool for another build)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';
import { seededRandom } from '../seeded-random.mjs';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers');

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const tool = process.env.TOKENLAB_UNIGRAM_TOOL || path.join(repoRoot, 'build', 'tests', 'tools', 'unigram_tool');
const dir = mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-'));

// Words built from syllables (Latin, accented, Cyrillic, kana, CJK), drawn with
// Zipf-like weights, with digits and punctuation between: real pieces to find,
// several scripts, and rare characters for <unk> and byte fallback.
const syllables = ['ka', 'to', 'ri', 'ne', 'sho', 'an', 'mi', 'ver', 'la', 'qu', 'é', 'ür', 'ст', 'ро', 'か', 'な', '日本', '語', 'th', 'ing'];
function makeWords(next, count) {
  const words = [];
  for (let i = 0; i < count; i++) {
    let word = '';
    const parts = 1 + Math.floor(next() * 4);
    for (let j = 0; j < parts; j++) word += syllables[Math.floor(next() * syllables.length)];
    if (next() < 0.2) word = word[0].toUpperCase() + word.slice(1);
    words.push(word);
  }
  return words;
}
function makeLines(seed, lineCount) {
  const next = seededRandom(seed);
  const words = makeWords(seededRandom(7), 2000);
  const lines = [];
  for (let i = 0; i < lineCount; i++) {
    const parts = [];
    const length = 4 + Math.floor(next() * 12);
    for (let j = 0; j < length; j++) {
      const u = next();
      if (u < 0.05) parts.push(String(Math.floor(next() * 2000)));
      else if (u < 0.1) parts.push([',', '.', '!', '?', '—', '(x)'][Math.floor(next() * 6)]);
      else parts.push(words[Math.floor(words.length * next() ** 3)]);
    }
    lines.push(parts.join(next() < 0.1 ? '  ' : ' '));
  }
  return lines;
}

const corpusPath = path.join(dir, 'corpus.txt');
writeFileSync(corpusPath, makeLines(1, 6000).join('\n') + '\n');
const heldOut = [
  ...makeLines(2, 300),
  // Characters the corpus never has (unknown, or bytes with byte fallback), and whitespace of every kind.
  'emoji 🙂🙂 and 👍🏽 together', 'Ελληνικά γράμματα', 'tabs\tand\u00a0no-break\u3000spaces', 'a▁literal▁mark',
  '▁▁two marks', 'ｆｕｌｌｗｉｄｔｈ ＡＢＣ', 'ąčęėįšųūž', '   leading and trailing   ', '',
];

function run(command, args, input) {
  const result = spawnSync(command, args, { input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

function train(name, extra) {
  const output = path.join(dir, `${name}.json`);
  const result = run(cli, ['train-unigram', ...extra, '--output', output, corpusPath]);
  assert.equal(result.status, 0, result.stderr);
  return { output, stderr: result.stderr };
}

// The trainer's segmentation of each text, through unigram_tool's records.
function ownSegmentation(tokenizerJson, texts) {
  const records = [];
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(bytes.length);
    records.push(header, bytes);
  }
  const result = run(tool, ['segment', tokenizerJson], Buffer.concat(records));
  assert.equal(result.status, 0, result.stderr);
  const out = result.stdout;
  const segmentations = [];
  let offset = 0;
  for (let i = 0; i < texts.length; i++) {
    const count = out.readUInt32LE(offset);
    offset += 4;
    const ids = [];
    for (let j = 0; j < count; j++, offset += 4) ids.push(out.readUInt32LE(offset));
    segmentations.push(ids);
  }
  assert.equal(offset, out.length, 'one record per text');
  return segmentations;
}

for (const [name, flags, size] of [
  ['small', [], 400],
  ['byte-fallback', ['--byte-fallback'], 700],
  ['no-markers', ['--no-sentence-markers', '--character-coverage', '0.98'], 1500],
]) {
  test(`the Rust library loads the ${name} tokenizer.json and splits held-out text as the trainer's Viterbi does`, async () => {
    const { output, stderr } = train(name, ['--vocab-size', String(size), ...flags]);
    assert.match(stderr, /round 1 EM 1: \d+ pieces/, 'progress on stderr');
    assert.match(stderr, new RegExp(`vocabulary of ${size} pieces \\(vocabulary size reached\\)`));
    const json = JSON.parse(readFileSync(output, 'utf8'));
    assert.equal(json.model.type, 'Unigram');
    assert.equal(json.model.vocab.length, size);
    assert.equal(json.model.byte_fallback, flags.includes('--byte-fallback'));

    const tokenizer = Tokenizer.fromFile(output);
    assert.equal(tokenizer.getVocabSize(), size);
    const own = ownSegmentation(output, heldOut);
    let unknown = 0;
    for (let i = 0; i < heldOut.length; i++) {
      const encoding = await tokenizer.encode(heldOut[i]);
      const ids = Array.from(encoding.getIds());
      assert.deepEqual(own[i], ids, `text ${i}: ${JSON.stringify(heldOut[i])}`);
      unknown += ids.filter((id) => id === json.model.unk_id).length;
    }
    // Byte fallback spells every unknown character in bytes; without it they are <unk>.
    if (flags.includes('--byte-fallback')) assert.equal(unknown, 0);
    else assert.ok(unknown > 0, 'the held-out text has characters the vocabulary lacks');
  });
}

test('decoding with byte fallback gives the words back, joined by single spaces', async () => {
  const { output } = train('decode', ['--vocab-size', '800', '--byte-fallback']);
  const tokenizer = Tokenizer.fromFile(output);
  // (A literal ▁ decodes as a space, as Metaspace decodes it.)
  for (const text of heldOut.filter((line) => !line.includes('▁'))) {
    const encoding = await tokenizer.encode(text);
    const decoded = await tokenizer.decode(Array.from(encoding.getIds()), false);
    assert.equal(decoded, text.split(/\s+/u).filter(Boolean).join(' '), JSON.stringify(text));
  }
});

test('the same corpus read from stdin gives the same file', () => {
  const { output } = train('from-file', ['--vocab-size', '500']);
  const result = run(cli, ['train-unigram', '--vocab-size', '500'], readFileSync(corpusPath));
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.toString(), readFileSync(output, 'utf8'));
});

test('bad input gets a one-line error and exit code 2', () => {
  const cases = [
    ['no size', ['train-unigram', corpusPath], /--vocab-size is required/],
    ['size too small for the characters', ['train-unigram', '--vocab-size', '20', corpusPath], /vocabulary size 20 is too small: the text needs \d+ characters/],
    ['size below the special pieces', ['train-unigram', '--vocab-size', '3', corpusPath], /vocabulary size 3 is out of range/],
    ['coverage out of range', ['train-unigram', '--vocab-size', '500', '--character-coverage', '2', corpusPath], /character coverage must be from 0.5 to 1/],
    ['missing file', ['train-unigram', '--vocab-size', '500', path.join(dir, 'missing.txt')], /cannot open/],
  ];
  for (const [label, args, message] of cases) {
    const result = run(cli, args);
    assert.equal(result.status, 2, label);
    assert.match(result.stderr, message, label);
    assert.equal(result.stderr.trim().split('\n').length, 1, `${label}: one line`);
  }
});
