// SentencePiece's precompiled charsmaps, run natively the two ways tokenlab
// runs them, against the two references, on real charsmaps:
//
//   node --test tests/parity/precompiled-parity.test.mjs
//   Precompiled nmt_nfkc: 2891 parity texts + 3336192 code point texts + 60000 mixes, 0 mismatches | nfkc_cf: ...
//   Precompiled grapheme probe: 3336192 code point texts + 120000 mixes + 1093 GraphemeBreakTest cases, 0 mismatches
//   SentencePiece nmt_nfkc defaults: 2484788 lines, 0 mismatches | ... (3 switch settings x 2 charsmaps)
//   SentencePiece suffix and user-defined symbols: 264595 lines, 0 mismatches
//
// Hugging Face's Precompiled normalizer (precompiled_normalizer.h) against the
// tokenizers npm package's precompiled(bytes).normalizeString; SentencePiece's
// own normalizer (sentencepiece_normalizer.h) against Debian's spm_normalize
// (line by line, with each of its switch settings) and, for
// treat_whitespace_as_suffix and user-defined symbols, which spm_normalize
// leaves out, against spm_encode's pieces put back together.
//
// Charsmaps: spm_train compiles them (its rules are built in; the text it
// trains on does not change them): nmt_nfkc, T5's and XLM-R's, and nfkc_cf;
// and the grapheme probe, a rule file mapping every character of the Basic
// Multilingual Plane and the emoji and regional indicators to itself. The
// probe changes no character, but Hugging Face replaces a cluster under 6
// bytes by its first character's rule, so whatever the reference counts in
// the cluster after that character disappears: its output shows its grapheme
// cuts, and random runs of every Grapheme_Cluster_Break class (Unicode 17.0)
// and of GB9c and GB11 material pin them.
//
// Texts: the parity corpus (parityTexts), every code point alone, before
// U+0301 and after "a", and random mixes of the charsmap's own keys (read back
// with spm_normalize --decompile), marks, ZWJ, variation selectors and
// whitespace. The native side is tests/tools/normalize_tool
// ($TOKENLAB_NORMALIZE_TOOL). Precompiled texts travel joined by NUL into
// records: NUL is a control, a cluster alone, and the reference's trie walk
// stops at it, so it neither changes nor joins anything. A record that
// differs is run again text by text to name the texts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { repoRoot } from '../wasm/load-engine.mjs';
import { makeRng, parityTexts } from './make-corpus.mjs';
import { checkFailures, everyCodepoint, toRecords } from './normalize-tool.mjs';

const { precompiled } = createRequire(import.meta.url)(path.join(repoRoot, 'node_modules', 'tokenizers'));

const toolPath = process.env.TOKENLAB_NORMALIZE_TOOL || path.join(repoRoot, 'build', 'tests', 'tools', 'normalize_tool');
const python = '/usr/bin/python3';
const kPerRecord = 1000;
const kMixes = 60000;
const kShownFailures = 5;

const utf8 = new TextEncoder();
const hex = (text) => Array.from(text, (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

let workDir;
let trainingText;
/** name -> {model, charsmap: Buffer, keys: string[]} */
const charsmaps = new Map();

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { maxBuffer: 1 << 30, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return result.stdout;
}

// Trains a small Unigram model with spm_train; returns its path.
function train(name, flags) {
  const prefix = path.join(workDir, name);
  run('spm_train', [`--input=${trainingText}`, `--model_prefix=${prefix}`, '--model_type=unigram', '--vocab_size=400',
    '--hard_vocab_limit=false', '--num_threads=1', '--minloglevel=2', ...flags]);
  return `${prefix}.model`;
}

// The normalizer_spec.precompiled_charsmap of a .model file.
function charsmapOf(model) {
  return run(python, ['-c', 'import sys\nfrom sentencepiece import sentencepiece_model_pb2 as pb\n' +
    'm = pb.ModelProto()\nm.ParseFromString(open(sys.argv[1], "rb").read())\n' +
    'sys.stdout.buffer.write(m.normalizer_spec.precompiled_charsmap)', model]);
}

// The keys of a model's rules (spm_normalize --decompile writes them as TSV: "41 301\tE1").
function keysOf(model) {
  const tsv = path.join(workDir, `${path.basename(model)}.tsv`);
  run('spm_normalize', [`--model=${model}`, '--decompile', `--output=${tsv}`]);
  return readFileSync(tsv, 'utf8').split('\n').filter(Boolean)
    .map((line) => String.fromCodePoint(...line.split('\t')[0].split(' ').map((code) => parseInt(code, 16))));
}

// The grapheme probe's rules: every character of the BMP but NUL and the
// surrogates, the emoji blocks and the regional indicators, each to itself.
function probeRules() {
  const lines = [];
  const add = (first, last) => {
    for (let c = first; c <= last; ++c) if (c < 0xd800 || c > 0xdfff) lines.push(`${c.toString(16)}\t${c.toString(16)}`);
  };
  add(0x1, 0xffff);
  add(0x1f000, 0x1faff);
  return lines.join('\n') + '\n';
}

before(() => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tokenlab-precompiled-'));
  trainingText = path.join(workDir, 'train.txt');
  let text = '';
  for (const { text: piece } of parityTexts()) {
    if (text.length > 300000) break;
    text += piece.replace(/\0/g, '') + '\n';
  }
  writeFileSync(trainingText, text);
  const probe = path.join(workDir, 'probe.tsv');
  writeFileSync(probe, probeRules());
  for (const [name, flags] of [['nmt_nfkc', ['--normalization_rule_name=nmt_nfkc']],
    ['nfkc_cf', ['--normalization_rule_name=nfkc_cf']], ['probe', [`--normalization_rule_tsv=${probe}`]]]) {
    const model = train(name, flags);
    charsmaps.set(name, { model, charsmap: charsmapOf(model), keys: name === 'probe' ? [] : keysOf(model) });
  }
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// normalize_tool over texts, one record each; its outputs as Buffers.
function runTool(args, texts) {
  const stdout = run(toolPath, args, { input: Buffer.isBuffer(texts) ? texts : toRecords(texts) });
  const outputs = [];
  for (let at = 0; at < stdout.length;) {
    const length = stdout.readUInt32LE(at);
    outputs.push(stdout.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return outputs;
}

// Precompiled, native and reference, on texts joined by NUL into records;
// returns the texts that differ, described.
function comparePrecompiled(name, texts) {
  const { charsmap } = charsmaps.get(name);
  const reference = precompiled([...charsmap]);
  const config = path.join(workDir, `${name}.json`);
  writeFileSync(config, JSON.stringify({ type: 'Precompiled', precompiled_charsmap: charsmap.toString('base64') }));
  const records = [];
  for (let i = 0; i < texts.length; i += kPerRecord) records.push(texts.slice(i, i + kPerRecord));
  const joined = records.map((record) => record.join('\0'));
  const native = runTool([`@${config}`], joined);
  assert.equal(native.length, joined.length, 'normalize_tool gave a record per text');
  const failures = [];
  joined.forEach((record, i) => {
    if (native[i].equals(Buffer.from(utf8.encode(reference.normalizeString(record))))) return;
    const alone = runTool([`@${config}`], records[i]);
    records[i].forEach((input, j) => {
      const expected = reference.normalizeString(input);
      if (!alone[j].equals(Buffer.from(utf8.encode(expected)))) {
        failures.push(`${name} ${hex(input)}: expected ${hex(expected)}, got ${hex(alone[j].toString())}`);
      }
    });
    if (failures.length === 0) failures.push(`${name}: record ${i} differs, but none of its texts alone`);
  });
  return failures;
}

/** Every code point alone, before U+0301 and after "a". */
function codepointTexts() {
  const alone = everyCodepoint();
  return [...alone, ...alone.map((c) => `${c}\u0301`), ...alone.map((c) => `a${c}`)];
}

const ranges = async (property) =>
  (await import(pathToFileURL(path.join(repoRoot, 'node_modules', '@unicode', 'unicode-17.0.0', property, 'ranges.mjs')).href)).default;

// Code points of each Grapheme_Cluster_Break class and of InCB and Extended_Pictographic.
async function graphemePools() {
  const pools = [];
  for (const name of ['CR', 'LF', 'Control', 'Extend', 'ZWJ', 'Regional_Indicator', 'Prepend', 'SpacingMark', 'L', 'V',
    'T', 'LV', 'LVT']) pools.push(await ranges(`Grapheme_Cluster_Break/${name}`));
  for (const name of ['Linker', 'Consonant', 'Extend']) pools.push(await ranges(`Indic_Conjunct_Break/${name}`));
  pools.push(await ranges('Binary_Property/Extended_Pictographic'));
  // Every range's code points, surrogates left out.
  return pools.map((list) => list.flatMap((range) => Array.from({ length: range.end - range.begin }, (_, i) => range.begin + i))
    .filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)));
}

// Random runs of 1..8 items drawn from pools.
function mixes(pools, count, seed) {
  const rng = makeRng(seed);
  const pick = (items) => items[Math.floor(rng() * items.length)];
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(rng() * 8) }, () => pick(pick(pools))).join(''));
}

// Pools for charsmap texts: its keys, marks, joiners, whitespace and plain letters.
function charsmapPools(keys) {
  const marks = ['\u0301', '\u0308', '\u0323', '\u0327', '\u093c', '\u094d', '\u3099', '\u309a', '\uff9e', '\u20dd'];
  const joiners = ['\u200d', '\u200c', '\ufe0f', '\ufe0e', '\u034f'];
  const spaces = [' ', '  ', '\t', '\u3000', '\u00a0', '\u2009', '\u200b', '\r', '\u0085'];
  const letters = ['a', 'A', 'e', 'x', '\u00e9', '\u3042', '\u0915', '\ud83d\ude00', '\ud83c\uddeb'];
  return [keys, keys, marks, joiners, spaces, letters];
}

test('Precompiled gives the Rust library\'s text for nmt_nfkc and nfkc_cf', () => {
  const parity = parityTexts().map(({ text }) => text);
  const codepoints = codepointTexts();
  const report = [];
  const failures = [];
  for (const name of ['nmt_nfkc', 'nfkc_cf']) {
    const mixed = mixes(charsmapPools(charsmaps.get(name).keys), kMixes, 11);
    const found = [...comparePrecompiled(name, parity), ...comparePrecompiled(name, codepoints),
      ...comparePrecompiled(name, mixed)];
    report.push(`Precompiled ${name}: ${parity.length} parity texts + ${codepoints.length} code point texts + ` +
      `${mixed.length} mixes, ${found.length} mismatches`);
    failures.push(...found);
  }
  console.log(report.join(' | '));
  checkFailures(failures, kShownFailures);
});

test('Precompiled cuts grapheme clusters where the Rust library does (the probe charsmap)', async () => {
  const pools = await graphemePools();
  const letters = ['a', 'b', ' ', '\u00e9', '\u0928', '\ud83d\ude00'];
  const mixed = mixes([...pools, letters], kMixes * 2, 23);
  // Unicode's conformance cases, as sequences.
  const cases = readFileSync(path.join(repoRoot, 'tests', 'data', 'grapheme-break-test-17.0.txt'), 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => String.fromCodePoint(...line.split(/\s+/).filter((field) => /^[0-9A-F]+$/.test(field)).map((code) => parseInt(code, 16))));
  const failures = [...comparePrecompiled('probe', codepointTexts()), ...comparePrecompiled('probe', mixed),
    ...comparePrecompiled('probe', cases)];
  console.log(`Precompiled grapheme probe: ${3 * everyCodepoint().length} code point texts + ${mixed.length} mixes + ` +
    `${cases.length} GraphemeBreakTest cases, ${failures.length} mismatches`);
  checkFailures(failures, kShownFailures);
});

// Lines for SentencePiece: texts cut at "\n" (spm_normalize reads lines).
function asLines(texts) {
  return texts.flatMap((text) => text.split('\n'));
}

// Bytes that are not UTF-8, in lines of their own, for SentencePiece's U+FFFD.
function malformedLines() {
  const samples = ['\xff', '\xc3', '\xe2\x82', '\xed\xa0\x80', '\xf4\x90\x80\x80', '\xc0\xaf', 'a\xffb', '\xe3\x81\xe3\x81\x82',
    '\xef\xbf\xbd', ' \xff ', '\xf0\x9f\x98'];
  return samples.map((sample) => Buffer.from(sample, 'latin1'));
}

// Lines as bytes, once for every run over them: spm_normalize's input file
// and normalize_tool's records.
const newline = Buffer.from('\n');
function encodeLines(lines) {
  const bytes = lines.map((line) => (Buffer.isBuffer(line) ? line : Buffer.from(utf8.encode(line))));
  const inputFile = path.join(workDir, `lines-${bytes.length}.txt`);
  writeFileSync(inputFile, Buffer.concat(bytes.flatMap((line) => [line, newline])));
  const records = Buffer.alloc(bytes.reduce((total, line) => total + 4 + line.length, 0));
  let at = 0;
  for (const line of bytes) {
    records.writeUInt32LE(line.length, at);
    line.copy(records, at + 4);
    at += 4 + line.length;
  }
  return { lines, bytes, inputFile, records };
}

// SentencePiece's normalizer, native and spm_normalize, over encoded lines.
function compareSentencePiece(name, label, spmArgs, options, encoded) {
  const { model, charsmap } = charsmaps.get(name);
  const expected = run('spm_normalize', [`--model=${model}`, ...spmArgs, encoded.inputFile]);
  const expectedLines = [];
  for (let at = 0; at < expected.length;) {
    const end = expected.indexOf(0x0a, at);
    expectedLines.push(expected.subarray(at, end));
    at = end + 1;
  }
  assert.equal(expectedLines.length, encoded.lines.length, `spm_normalize gave a line per line (${label})`);
  const charsmapFile = path.join(workDir, `${name}.bin`);
  writeFileSync(charsmapFile, charsmap);
  const native = runTool(['--sentencepiece', charsmapFile, JSON.stringify(options)], encoded.records);
  assert.equal(native.length, encoded.lines.length);
  const failures = [];
  encoded.lines.forEach((line, i) => {
    if (native[i].equals(expectedLines[i])) return;
    const shown = Buffer.isBuffer(line) ? line.toString('hex') : hex(line);
    failures.push(`${name} ${label} ${shown}: expected ${hex(expectedLines[i].toString())}, got ${hex(native[i].toString())}`);
  });
  return failures;
}

test('SentencePiece\'s normalizer gives spm_normalize\'s text with each of its switch settings', () => {
  const lines = [...asLines(parityTexts().map(({ text }) => text)), ...asLines(everyCodepoint()),
    ...asLines(everyCodepoint().map((c) => `  ${c}\u0301 `)), ...malformedLines()];
  const settings = [
    ['defaults', ['--use_internal_normalization=true'], {}],
    ['no prefix, no escaping', [], { add_dummy_prefix: false, escape_whitespaces: false }],
    ['nothing but the rules', ['--remove_extra_whitespaces=false'],
      { add_dummy_prefix: false, escape_whitespaces: false, remove_extra_whitespaces: false }],
  ];
  const report = [];
  const failures = [];
  for (const name of ['nmt_nfkc', 'nfkc_cf']) {
    const encoded = encodeLines([...lines, ...asLines(mixes(charsmapPools(charsmaps.get(name).keys), kMixes, 31))]);
    for (const [label, spmArgs, options] of settings) {
      const found = compareSentencePiece(name, label, spmArgs, options, encoded);
      report.push(`SentencePiece ${name} ${label}: ${encoded.lines.length} lines, ${found.length} mismatches`);
      failures.push(...found);
    }
  }
  console.log(report.join(' | '));
  checkFailures(failures, kShownFailures);
});

test('treat_whitespace_as_suffix and user-defined symbols give spm_encode\'s text', () => {
  const symbols = ['Ａ', 'ab', 'ｱｲ', '\u2581x', 'e\u0301'];
  const model = train('suffix', ['--normalization_rule_name=nmt_nfkc', '--treat_whitespace_as_suffix=true',
    `--user_defined_symbols=${symbols.join(',')}`]);
  const charsmapFile = path.join(workDir, 'suffix.bin');
  writeFileSync(charsmapFile, charsmapOf(model));
  const lines = [...asLines(parityTexts().map(({ text }) => text)),
    ...mixes([symbols, ...charsmapPools(charsmaps.get('nmt_nfkc').keys)], kMixes, 41).flatMap((text) => text.split(/[\n\r]/))]
    .filter((line) => !/[\0\n]/.test(line));
  const inputFile = path.join(workDir, 'suffix-lines.txt');
  writeFileSync(inputFile, lines.join('\n') + '\n');
  // Pieces are separated by spaces and hold none (spaces are escaped): joined, they are the normalized text.
  const pieces = run('spm_encode', [`--model=${model}`, '--output_format=piece', `--input=${inputFile}`]).toString('utf8')
    .split('\n').slice(0, -1).map((line) => line.split(' ').join(''));
  assert.equal(pieces.length, lines.length);
  const native = runTool(['--sentencepiece', charsmapFile,
    JSON.stringify({ treat_whitespace_as_suffix: true, user_defined_symbols: symbols })], lines);
  const failures = [];
  lines.forEach((line, i) => {
    if (native[i].toString() !== pieces[i]) failures.push(`${hex(line)}: expected ${hex(pieces[i])}, got ${hex(native[i].toString())}`);
  });
  console.log(`SentencePiece suffix and user-defined symbols: ${lines.length} lines, ${failures.length} mismatches`);
  checkFailures(failures, kShownFailures);
});
