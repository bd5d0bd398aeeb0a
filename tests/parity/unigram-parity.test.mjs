// The native CLI on the SentencePiece Unigram fixtures of
// build-scripts/make-unigram-fixtures.mjs gives the ids of both references,
// each on its own file, on the parity corpus:
//
//   NAME.json   Hugging Face's Rust library (the tokenizers npm package) on the
//               same tokenizer.json: post-processor tokens added, added tokens matched
//   NAME.model  SentencePiece (Debian's library, unigram-sentencepiece.py): no BOS
//               or EOS, control pieces never matched in text, user-defined ones always
//
// and decodes the references' ids of a sample of texts to the text each
// reference decodes them to. The texts are hf-rust-parity.test.mjs's: every
// corpus file whole, every fourth also in pieces cut at random UTF-16
// positions, the strings with lone surrogates made well-formed, and the
// characters Unicode 16.0 adds to the engine's tables. The CLI reads them all
// in one run of `encode --jsonl` per file. The two references disagree with
// each other on some texts (unigram-reference-disagreement.mjs says where),
// so each file is held to its own.
//
// On a mismatch the report names the first texts, and the smallest cases found
// (the line, then the fewest words, that still differ) go to
// $TMPDIR/unigram-mismatches/NAME.json.jsonl and NAME.model.jsonl as
// {"label", "text", "expected", "got"} lines.
//
//   node --test tests/parity/unigram-parity.test.mjs
//   t5-bytes.model: 3722 texts, 0 mismatches, 8.06 MB
//   t5-bytes.json: 3722 texts, 0 mismatches, 8.06 MB
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { cliPath, parseIds, runCli } from './cli-runner.mjs';
import { newerCharacterTexts, parityTexts } from './make-corpus.mjs';
import { rustIds } from './reference-disagreement.mjs';
import { kFixtures } from '../../build-scripts/make-unigram-fixtures.mjs';
import { rustTexts, sentencePieceIds, sentencePieceTexts, unigramFixtures, writeJsonLines } from './unigram-references.mjs';

const fixtureNames = Object.keys(kFixtures);

const kShownFailures = 5;
const kShrunkCases = 10;
const kDecodeSample = 12;
const mismatchDir = path.join(tmpdir(), 'unigram-mismatches');

// Texts every decode check includes, beside its sample of the corpus.
const kDecodeTexts = ['', ' ', 'Hello world', '  two  spaces  ', '😀', '中文 text', 'a\tb\nc', 'ﬁ①', '<0x41>', '\u0301x'];

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);
const megabytes = (texts) => `${(texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6).toFixed(2)} MB`;

let items;
let fixtures;
let scratch;

before(async () => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing: build first (build-scripts/test does)`);
  items = [...parityTexts({ pieceEvery: 4 }), ...(await newerCharacterTexts())];
  fixtures = await unigramFixtures();
  scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-parity-'));
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

// How the CLI and each reference read a fixture's file.
const kSides = {
  json: {
    reference: 'the Rust library',
    cliArgs: (fixture) => ['--tokenizer-file', fixture.json, '--allow-special'],
    encode: (fixture, texts) => rustIds(fixture.json, texts),
    decode: (fixture, idLists) => rustTexts(fixture.json, idLists),
  },
  model: {
    reference: 'SentencePiece',
    cliArgs: (fixture) => ['--tokenizer-file', fixture.model],
    encode: (fixture, texts) => sentencePieceIds(fixture.model, texts, scratch),
    decode: (fixture, idLists) => sentencePieceTexts(fixture.model, idLists, scratch),
  },
};

/** The CLI's ids for each text, in one run of `encode --jsonl`. */
async function cliIds(args, texts, name) {
  const input = path.join(scratch, `${name}.jsonl`);
  writeJsonLines(input, texts);
  const output = await runCli(['encode', ...args, '--jsonl', input], path.join(scratch, `${name}.ids`));
  return output.toString().trim().split('\n').map((line) => JSON.parse(line));
}

/** Both sides' ids of the texts, and which texts differ. */
async function differing(fixture, side, texts) {
  const [expected, got] = await Promise.all([kSides[side].encode(fixture, texts), cliIds(kSides[side].cliArgs(fixture), texts, `shrink-${side}`)]);
  return texts.map((text, i) => ({ text, expected: expected[i], got: got[i] })).filter(({ expected: e, got: g }) => !sameIds(e, g));
}

// Windows of one to three words of a line (a word and the spaces before it), at most `limit`.
function wordWindows(line, limit = 4000) {
  const words = line.match(/\s*\S+|\s+$/g) ?? [line];
  const windows = [];
  for (let width = 1; width <= 3; ++width) {
    for (let start = 0; start + width <= words.length && windows.length < limit; ++start) windows.push(words.slice(start, start + width).join(''));
  }
  return windows;
}

/**
 * The smallest texts that still differ, for the first kShrunkCases failures:
 * the first differing line of each text, then the shortest differing window of
 * its words; a failure that needs its newlines stays whole.
 */
async function shrink(fixture, side, failures) {
  const cases = [];
  for (const failure of failures.slice(0, kShrunkCases)) {
    let smallest = failure;
    const lines = [...new Set(failure.text.split('\n'))].filter((line) => line !== '' && line !== failure.text);
    const line = lines.length > 0 ? (await differing(fixture, side, lines))[0] : null;
    if (line) smallest = line;
    const windows = wordWindows(smallest.text).filter((window) => window !== smallest.text);
    const words = windows.length > 0 ? await differing(fixture, side, windows) : [];
    for (const window of words) if (window.text.length < smallest.text.length) smallest = window;
    cases.push({ label: failure.label, ...smallest });
  }
  mkdirSync(mismatchDir, { recursive: true });
  const file = path.join(mismatchDir, `${fixture.name}.${side}.jsonl`);
  writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  return file;
}

// One side's comparison on every text; the failure report, or null.
async function compareSide(fixture, side, texts) {
  const [expected, got] = await Promise.all([kSides[side].encode(fixture, texts), cliIds(kSides[side].cliArgs(fixture), texts, `texts-${side}`)]);
  assert.equal(got.length, texts.length, `${fixture.name}.${side}: the CLI wrote ${got.length} lines for ${texts.length} texts`);
  const failures = [];
  items.forEach(({ label, text }, i) => {
    if (!sameIds(expected[i], got[i])) failures.push({ label, text, expected: expected[i], got: got[i] });
  });
  const line = `${fixture.name}.${side}: ${texts.length} texts, ${failures.length} mismatches, ${megabytes(texts)}`;
  console.log(line);
  if (failures.length === 0) return null;
  const file = await shrink(fixture, side, failures);
  const shown = failures.slice(0, kShownFailures).map(({ label, expected: e, got: g }) => {
    let at = 0;
    while (at < e.length && e[at] === g[at]) ++at;
    return `${label}: differs at token ${at}: expected ${e.slice(at, at + 6).join(' ')} … got ${g.slice(at, at + 6).join(' ')}`;
  });
  return `${line}\n${shown.join('\n')}\nsmallest cases: ${file}`;
}

// Why both sides at once: the Rust library encodes in this process while the
// CLI and SentencePiece run in theirs, so the two cores stay busy.
for (const name of fixtureNames) {
  test(`${name}: the native CLI gives the Rust library's ids on ${name}.json and SentencePiece's on ${name}.model, on the parity corpus`, async () => {
    const fixture = fixtures.find((entry) => entry.name === name);
    assert.ok(fixture, `${name} is not in the fixtures' manifest: run build-scripts/make-unigram-fixtures.mjs`);
    const texts = items.map(({ text }) => text);
    const reports = (await Promise.all(Object.keys(kSides).map((side) => compareSide(fixture, side, texts)))).filter(Boolean);
    if (reports.length > 0) assert.fail(reports.join('\n'));
  });
}

// A sample of the texts: every n-th of those under 3000 UTF-16 units, then kDecodeTexts.
function decodeSample() {
  const short = items.map(({ text }) => text).filter((text) => text.length < 3000);
  const step = Math.max(1, Math.floor(short.length / kDecodeSample));
  return [...short.filter((_, i) => i % step === 0).slice(0, kDecodeSample), ...kDecodeTexts];
}

// The CLI's text for one list of ids (a run each: `decode` reads one list).
async function cliText(args, ids) {
  const idFile = path.join(scratch, 'decode.ids');
  writeFileSync(idFile, ids.join(' ') + '\n');
  return (await runCli(['decode', ...args, idFile], path.join(scratch, 'decoded.txt'))).toString('utf8');
}

for (const name of fixtureNames) {
  test(`${name}: the native CLI decodes each reference's ids of a sample of texts to that reference's text`, async () => {
    const fixture = fixtures.find((entry) => entry.name === name);
    assert.ok(fixture, `${name} is not in the fixtures' manifest: run build-scripts/make-unigram-fixtures.mjs`);
    const texts = decodeSample();
    const failures = [];
    const lines = [];
    for (const side of Object.keys(kSides)) {
      const idLists = await kSides[side].encode(fixture, texts);
      const expected = await kSides[side].decode(fixture, idLists);
      let mismatches = 0;
      for (const [i, ids] of idLists.entries()) {
        const got = await cliText(kSides[side].cliArgs(fixture), ids);
        if (got === expected[i]) continue;
        mismatches += 1;
        failures.push(`${name}.${side}: ${JSON.stringify(texts[i].slice(0, 60))} as ids ${ids.slice(0, 12).join(' ')}…: expected ` +
          `${JSON.stringify(expected[i].slice(0, 60))}, got ${JSON.stringify(got.slice(0, 60))}`);
      }
      lines.push(`${name}.${side} decode: ${texts.length} texts, ${mismatches} mismatches`);
    }
    console.log(lines.join(' | '));
    assert.deepEqual(failures.slice(0, kShownFailures), [], lines.join(' | '));
  });
}

// The plain (not JSON Lines) path: one text from a file, no special tokens added.
test('Unigram fixtures: the native CLI encodes a plain sentence from a file as both references do', async () => {
  const text = 'Hello world, this is a simple sentence.';
  const input = path.join(scratch, 'plain.txt');
  writeFileSync(input, text);
  for (const fixture of fixtures) {
    const fromJson = parseIds(await runCli(['encode', '--tokenizer-file', fixture.json, '--no-add-special-tokens', input],
      path.join(scratch, 'plain.ids')));
    assert.deepEqual(fromJson, (await rustIds(fixture.json, [text], { addSpecialTokens: false }))[0], `${fixture.name}.json`);
    const fromModel = parseIds(await runCli(['encode', '--tokenizer-file', fixture.model, input], path.join(scratch, 'plain.ids')));
    assert.deepEqual(fromModel, (await sentencePieceIds(fixture.model, [text], scratch))[0], `${fixture.name}.model`);
  }
});
