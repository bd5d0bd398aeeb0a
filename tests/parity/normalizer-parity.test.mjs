// The tokenizer.json normalizers NFC, NFD, NFKC, NFKD, Strip and StripAccents give the text
// of Hugging Face's own Rust library (the `tokenizers` npm package), byte for
// byte, on every codepoint alone and on sequences built to reorder and compose:
//
//   node --test tests/parity/normalizer-parity.test.mjs
//   NFC: 1112064 codepoints + 161371 sequences, 0 mismatches | NFD: ... | NFKD: ...
//   Strip: 5 x 2440 texts, 0 mismatches
//   StripAccents: 3 x 1112064 texts, 0 mismatches
//
// Sequences (from Debian's UnicodeData.txt, the engine tables' source): every
// canonical decomposition spelled out, with its marks reversed and with marks
// of other classes put between or after; every two-codepoint decomposition
// with a mark of each of several classes between its parts; Hangul jamo and
// syllables in every composing combination and some that must not compose;
// compatibility characters before marks; random runs of bases, marks and
// characters assigned after Unicode 9.0 (which the Rust crate, with its 9.0
// tables, treats as starters without mappings, and so must the engine).
//
// The native side is tests/tools/normalize_tool ($TOKENLAB_NORMALIZE_TOOL);
// both sides get the same normalizer JSON. Strings travel joined by a space
// into records of kPerRecord: a space is a starter that nothing composes with
// or reorders across, so a string's output never depends on its neighbours.
// A record that differs is run again string by string to name the strings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from '../wasm/load-engine.mjs';
import { makeRng } from './make-corpus.mjs';
import { checkFailures, everyCodepoint, toRecords } from './normalize-tool.mjs';

const { Tokenizer } = createRequire(import.meta.url)(path.join(repoRoot, 'node_modules', 'tokenizers'));

const toolPath = process.env.TOKENLAB_NORMALIZE_TOOL || path.join(repoRoot, 'build', 'tests', 'tools', 'normalize_tool');
const ucdDir = process.env.TOKENLAB_UCD_DIR ?? '/usr/share/unicode';
const kPerRecord = 2048;
const kRandomSequences = 40000;
const kShownFailures = 5;
const kForms = ['NFC', 'NFD', 'NFKC', 'NFKD'];

const utf8 = new TextEncoder();
const hex = (text) => Array.from(text, (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

// Combining classes, decompositions and ages of Debian's Unicode data.
function readUnicodeData() {
  const combining = new Map();
  const canonical = new Map(); // codepoint -> [parts]
  const compatibility = new Set();
  for (const line of readFileSync(path.join(ucdDir, 'UnicodeData.txt'), 'utf8').split('\n')) {
    const fields = line.split(';');
    if (fields.length < 6) continue;
    const codepoint = parseInt(fields[0], 16);
    if (fields[3] !== '0') combining.set(codepoint, Number(fields[3]));
    if (fields[5].startsWith('<')) compatibility.add(codepoint);
    else if (fields[5]) canonical.set(codepoint, fields[5].split(' ').map((part) => parseInt(part, 16)));
  }
  const newer = [];
  for (const line of readFileSync(path.join(ucdDir, 'DerivedAge.txt'), 'utf8').split('\n')) {
    const match = line.match(/^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\d+)\.(\d+)/);
    if (!match || Number(match[3]) < 10) continue;
    for (let codepoint = parseInt(match[1], 16); codepoint <= parseInt(match[2] ?? match[1], 16); ++codepoint) {
      if (combining.has(codepoint) || canonical.has(codepoint) || compatibility.has(codepoint)) newer.push(codepoint);
    }
  }
  return { combining, canonical, compatibility: [...compatibility], newer };
}

function sequences({ combining, canonical, compatibility, newer }) {
  const text = (...codepoints) => String.fromCodePoint(...codepoints.flat());
  const marks = [...combining.keys()];
  // One mark of each of several classes: 1, 7, 9, 10, 202, 216, 220, 230, 232, 240, and 220 since 10.0.
  const probes = [0x0334, 0x093c, 0x094d, 0x05b0, 0x0327, 0x031b, 0x0323, 0x0301, 0x0315, 0x0345, 0x1df9];
  const result = [];
  const full = (codepoint) => (canonical.get(codepoint) ?? [codepoint]).flatMap((part) => (part === codepoint ? [part] : full(part)));
  for (const [codepoint, parts] of canonical) {
    const spelled = full(codepoint);
    result.push(text(spelled), text(spelled[0], spelled.slice(1).reverse()));
    for (const probe of probes) result.push(text(spelled, probe), text(spelled[0], probe, spelled.slice(1)));
    if (parts.length === 2) for (const probe of probes) result.push(text(parts[0], probe, parts[1]), text(codepoint, probe));
  }
  // Hangul: leading consonants, vowels and trailing consonants, composing and not.
  const leading = [...Array(19).keys()].map((i) => 0x1100 + i).concat(0x1113, 0xa960);
  const vowels = [...Array(21).keys()].map((i) => 0x1161 + i).concat(0x1176, 0xd7b0);
  const trailing = [...Array(28).keys()].map((i) => 0x11a7 + i).concat(0x11c3, 0xd7cb);
  for (const l of leading) {
    for (const v of vowels) {
      result.push(text(l, v), text(l, v, 0x0301), text(l, 0x0301, v));
      for (const t of trailing) result.push(text(l, v, t));
    }
  }
  for (let syllable = 0xac00; syllable <= 0xd7a3; syllable += 13) {
    for (const t of trailing) result.push(text(syllable, t));
  }
  for (const codepoint of compatibility) result.push(text(codepoint, 0x0301), text(codepoint, 0x0323, 0x0300));
  result.push(text(0x1e9b, 0x0323), text(0x0073, 0x0323, 0x0307), text(0xfb01, 0x0301), text(0x2460, 0x20dd));
  // Random runs: mostly starters that compose and marks, with newer characters mixed in.
  const starters = [...new Set([...canonical.values()].map((parts) => parts[0]))];
  const seconds = [...new Set([...canonical.values()].filter((parts) => parts.length === 2).map((parts) => parts[1]))];
  const pools = [starters, marks, seconds, marks, newer, compatibility, [...canonical.keys()]];
  const rng = makeRng(9);
  const pick = (items) => items[Math.floor(rng() * items.length)];
  for (let i = 0; i < kRandomSequences; ++i) {
    const length = 1 + Math.floor(rng() * 7);
    result.push(text(Array.from({ length }, () => pick(pick(pools)))));
  }
  return result;
}

function stripTexts() {
  const spaces = ['\t', '\n', '\v', '\f', '\r', ' ', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029',
    '\u202f', '\u205f', '\u3000', '\u200b', '\ufeff', '\u180e', '\u0301'];
  const middles = ['', 'a', 'a b', 'é\u0301', '中\u3000文', '\u0000'];
  const result = [];
  for (const left of spaces) for (const right of spaces) for (const middle of middles) result.push(`${left}${middle}${right}`);
  for (const space of spaces) result.push(space.repeat(3), `${space}x${space}${space}y${space}`);
  return result;
}

// A tokenizer.json around one normalizer, for the reference.
function referenceNormalizer(config) {
  const json = { version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer: config,
    pre_tokenizer: null, post_processor: null, decoder: null,
    model: { type: 'WordLevel', vocab: { '[UNK]': 0 }, unk_token: '[UNK]' } };
  return Tokenizer.fromString(JSON.stringify(json)).getNormalizer();
}

// The native normalizer over texts, one record each; its outputs as Buffers.
function runTool(config, texts) {
  const run = spawnSync(toolPath, [JSON.stringify(config)], { input: toRecords(texts), maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`normalize_tool exited with ${run.status}: ${run.stderr}`);
  const outputs = [];
  for (let at = 0; at < run.stdout.length;) {
    const length = run.stdout.readUInt32LE(at);
    outputs.push(run.stdout.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  assert.equal(outputs.length, texts.length, 'normalize_tool gave a record per text');
  return outputs;
}

// Compares the native normalizer with the reference on texts, joined into
// records of `perRecord`; returns the texts that differ, described.
function compare(config, texts, perRecord) {
  const reference = referenceNormalizer(config);
  const records = [];
  for (let i = 0; i < texts.length; i += perRecord) records.push(texts.slice(i, i + perRecord));
  const joined = records.map((record) => record.join(' '));
  const native = runTool(config, joined);
  const failures = [];
  joined.forEach((record, i) => {
    if (native[i].equals(Buffer.from(utf8.encode(reference.normalizeString(record))))) return;
    const alone = runTool(config, records[i]);
    records[i].forEach((input, j) => {
      const expected = reference.normalizeString(input);
      if (!alone[j].equals(Buffer.from(utf8.encode(expected)))) {
        failures.push(`${JSON.stringify(config)} ${hex(input)}: expected ${hex(expected)}, got ${hex(alone[j].toString())}`);
      }
    });
    if (failures.length === 0) failures.push(`${JSON.stringify(config)}: record ${i} differs, but none of its texts alone`);
  });
  return failures;
}

test('NFC, NFD, NFKC and NFKD give the Rust library\'s text on every codepoint and on built sequences', () => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  const codepoints = everyCodepoint();
  const built = sequences(readUnicodeData());
  const failures = [];
  const report = [];
  for (const form of kForms) {
    const found = [...compare({ type: form }, codepoints, kPerRecord), ...compare({ type: form }, built, kPerRecord)];
    report.push(`${form}: ${codepoints.length} codepoints + ${built.length} sequences, ${found.length} mismatches`);
    failures.push(...found);
  }
  console.log(report.join(' | '));
  checkFailures(failures, kShownFailures);
});

test('Strip, alone and around NFKC, gives the Rust library\'s text', () => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  const texts = stripTexts();
  const configs = [
    { type: 'Strip', strip_left: true, strip_right: true },
    { type: 'Strip', strip_left: true, strip_right: false },
    { type: 'Strip', strip_left: false, strip_right: true },
    { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Strip', strip_left: true, strip_right: true }] },
    { type: 'Sequence', normalizers: [{ type: 'Strip', strip_left: false, strip_right: true }, { type: 'NFC' }] },
  ];
  const failures = configs.flatMap((config) => compare(config, texts, 1));
  console.log(`Strip: ${configs.length} x ${texts.length} texts, ${failures.length} mismatches`);
  checkFailures(failures, kShownFailures);
});

test('StripAccents, alone and after NFD and NFKD as ALBERT\'s files put it, gives the Rust library\'s text on every codepoint', () => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  // Each code point after a base letter, so a removed mark leaves "a".
  const texts = everyCodepoint().map((text) => `a${text}`);
  const configs = [
    { type: 'StripAccents' },
    { type: 'Sequence', normalizers: [{ type: 'NFD' }, { type: 'StripAccents' }] },
    { type: 'Sequence', normalizers: [{ type: 'NFKD' }, { type: 'StripAccents' }, { type: 'Lowercase' }] },
  ];
  const failures = configs.flatMap((config) => compare(config, texts, kPerRecord));
  console.log(`StripAccents: ${configs.length} x ${texts.length} texts, ${failures.length} mismatches`);
  checkFailures(failures, kShownFailures);
});
