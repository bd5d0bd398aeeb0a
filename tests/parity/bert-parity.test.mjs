// BERT's normalizer and pre-tokenizer give the text and the pieces of Hugging
// Face's own Rust library (the `tokenizers` npm package), byte for byte, on
// every codepoint alone, on every codepoint between marks, and on random mixes:
//
//   node --test tests/parity/bert-parity.test.mjs
//   BertNormalizer steps: 4 x 1112064 codepoints, 0 mismatches
//   bert-base-uncased pipeline: 1112064 codepoints + 1112064 between marks + 60000 mixes, 0 mismatches |
//   BertPreTokenizer alone: 1112064 codepoints, 0 mismatches
//
// Each step alone pins one rule and its Unicode version (hf_rust_tables.h):
// clean_text (Cc, Cf, Co of 8.0 go, White_Space becomes " "), handle_chinese_chars
// (BERT's CJK blocks), strip_accents (NFD of 9.0, then Mn of 8.0 go), lowercase
// (Rust's char::to_lowercase, 17.0). The bert-base-uncased pipeline, all steps
// then BertPreTokenizer (White_Space, ASCII punctuation and P* of 8.0), runs on
// every codepoint alone and as "A\u0301" + codepoint + "\u0323b", where the
// marks reorder around it and the word splits at it, and on random runs of
// capitals, marks of every kind and age, decomposing letters, controls,
// unassigned and private-use characters, whitespace, punctuation and CJK at
// the edges of its blocks. BertPreTokenizer also runs alone on every codepoint,
// so the controls clean_text removes reach it.
//
// The native side is tests/tools/normalize_tool ($TOKENLAB_NORMALIZE_TOOL).
// Texts travel joined by a space into records of kPerRecord: no step joins or
// reorders anything across a space, and the pre-tokenizer splits there. A
// record that differs is run again text by text to name the texts.
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
const kMixes = 60000;
const kShownFailures = 5;

const kBertBaseUncased = { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true };
const kSteps = ['clean_text', 'handle_chinese_chars', 'strip_accents', 'lowercase'];
const kPreTokenizer = { type: 'BertPreTokenizer' };

const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const hex = (text) => Array.from(text, (char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

// Pools of codepoints by what the steps do with them, from Debian's Unicode data.
function readPools() {
  const pools = { capitals: [], marks: [], decomposing: [], other: [], punctuation: [], letters: [] };
  for (const line of readFileSync(path.join(ucdDir, 'UnicodeData.txt'), 'utf8').split('\n')) {
    const fields = line.split(';');
    if (fields.length < 14 || fields[1].endsWith('First>') || fields[1].endsWith('Last>')) continue;
    const codepoint = parseInt(fields[0], 16);
    const category = fields[2];
    if (fields[13]) pools.capitals.push(codepoint);
    if (category.startsWith('M')) pools.marks.push(codepoint);
    if (fields[5] && !fields[5].startsWith('<')) pools.decomposing.push(codepoint);
    if (['Cc', 'Cf', 'Zs', 'Zl', 'Zp'].includes(category)) pools.other.push(codepoint);
    if (category.startsWith('P') || category.startsWith('S')) pools.punctuation.push(codepoint);
    if (category === 'Ll' || category === 'Lo') pools.letters.push(codepoint);
  }
  // Unassigned, private use, U+FFFD, NUL, and the capitals Unicode added after Debian's data.
  pools.other.push(0x0378, 0x0d04, 0x1fffe, 0xe0080, 0xe000, 0xf0000, 0x10fffd, 0xfffd, 0, 0xa7cb, 0x10d50, 0x16ea0);
  // BERT's CJK blocks at their edges, and the gap in Extension E it leaves out.
  pools.cjk = [0x33ff, 0x3400, 0x4dbf, 0x4dc0, 0x4dff, 0x4e00, 0x9fff, 0xa000, 0xf8ff, 0xf900, 0xfaff, 0xfb00, 0x1ffff,
    0x20000, 0x2a6df, 0x2a6e0, 0x2a700, 0x2b73f, 0x2b740, 0x2b81f, 0x2b820, 0x2b91f, 0x2b920, 0x2ceaf, 0x2ceb0,
    0x2f7ff, 0x2f800, 0x2fa1f, 0x2fa20, 0x30000];
  pools.ascii = Array.from('Aa Zz09.,!$+_`~\t\n\r\v', (char) => char.codePointAt(0));
  pools.greek = [0x03a3, 0x03c3, 0x03c2, 0x0391, 0x039f, 0x0386, 0x0130, 0x0049, 0x0307, 0x0345, 0x1fbc];
  return pools;
}

function mixes(pools) {
  const rng = makeRng(11);
  const pick = (items) => items[Math.floor(rng() * items.length)];
  const kinds = Object.values(pools);
  const texts = [];
  for (let i = 0; i < kMixes; ++i) {
    const length = 1 + Math.floor(rng() * 8);
    texts.push(String.fromCodePoint(...Array.from({ length }, () => pick(pick(kinds)))));
  }
  return texts;
}

// A tokenizer.json around a normalizer and a pre-tokenizer, for the reference.
function reference(normalizer, preTokenizer) {
  const json = { version: '1.0', truncation: null, padding: null, added_tokens: [], normalizer, pre_tokenizer: preTokenizer,
    post_processor: null, decoder: null, model: { type: 'WordLevel', vocab: { '[UNK]': 0 }, unk_token: '[UNK]' } };
  const tokenizer = Tokenizer.fromString(JSON.stringify(json));
  const normalize = normalizer ? (text) => tokenizer.getNormalizer().normalizeString(text) : (text) => text;
  const preTokenize = preTokenizer ? (text) => tokenizer.getPreTokenizer().preTokenizeString(text).map(([piece]) => piece) : null;
  // The normalized text, or its pieces as a JSON array: what runTool gives too.
  return preTokenize ? (text) => JSON.stringify(preTokenize(normalize(text))) : normalize;
}

// The native side over texts, one record each, in the same form as reference().
function runTool(normalizer, preTokenizer, texts) {
  const args = [JSON.stringify(normalizer), ...(preTokenizer ? [JSON.stringify(preTokenizer)] : [])];
  const run = spawnSync(toolPath, args, { input: toRecords(texts), maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`normalize_tool exited with ${run.status}: ${run.stderr}`);
  const outputs = [];
  const read = (at) => {
    const length = run.stdout.readUInt32LE(at);
    return { text: lenientUtf8.decode(run.stdout.subarray(at + 4, at + 4 + length)), next: at + 4 + length };
  };
  for (let at = 0; at < run.stdout.length;) {
    if (!preTokenizer) {
      const { text, next } = read(at);
      outputs.push(text);
      at = next;
      continue;
    }
    const count = run.stdout.readUInt32LE(at);
    at += 4;
    const pieces = [];
    for (let i = 0; i < count; ++i) {
      const { text, next } = read(at);
      pieces.push(text);
      at = next;
    }
    outputs.push(JSON.stringify(pieces));
  }
  assert.equal(outputs.length, texts.length, 'normalize_tool gave a record per text');
  return outputs;
}

// Compares the native side with the reference on texts joined into records;
// returns the texts that differ, described.
function compare(normalizer, preTokenizer, texts) {
  const expected = reference(normalizer, preTokenizer);
  const records = [];
  for (let i = 0; i < texts.length; i += kPerRecord) records.push(texts.slice(i, i + kPerRecord));
  const joined = records.map((record) => record.join(' '));
  const native = runTool(normalizer, preTokenizer, joined);
  const label = JSON.stringify(normalizer) + (preTokenizer ? ' + BertPreTokenizer' : '');
  const show = (output) => (preTokenizer ? JSON.parse(output).map((piece) => `[${hex(piece)}]`).join(' ') : hex(output));
  const failures = [];
  joined.forEach((record, i) => {
    if (native[i] === expected(record)) return;
    const alone = runTool(normalizer, preTokenizer, records[i]);
    records[i].forEach((input, j) => {
      const want = expected(input);
      if (alone[j] !== want) failures.push(`${label} ${hex(input)}: expected ${show(want)}, got ${show(alone[j])}`);
    });
    if (failures.length === 0) failures.push(`${label}: record ${i} differs, but none of its texts alone`);
  });
  return failures;
}

test('each BertNormalizer step alone gives the Rust library\'s text on every codepoint', () => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  const codepoints = everyCodepoint();
  const failures = [];
  for (const step of kSteps) {
    const config = { type: 'BertNormalizer', ...Object.fromEntries(kSteps.map((name) => [name, name === step])) };
    failures.push(...compare(config, null, codepoints));
  }
  console.log(`BertNormalizer steps: ${kSteps.length} x ${codepoints.length} codepoints, ${failures.length} mismatches`);
  checkFailures(failures, kShownFailures);
});

test('bert-base-uncased\'s normalizer and BertPreTokenizer give the Rust library\'s pieces on every codepoint and on mixes', () => {
  assert.ok(existsSync(toolPath), `${toolPath} is missing: build first (build-scripts/test does)`);
  const codepoints = everyCodepoint();
  const betweenMarks = codepoints.map((text) => `A\u0301${text}\u0323b`);
  const mixed = mixes(readPools());
  const failures = [
    ...compare(kBertBaseUncased, kPreTokenizer, codepoints),
    ...compare(kBertBaseUncased, kPreTokenizer, betweenMarks),
    ...compare(kBertBaseUncased, kPreTokenizer, mixed),
  ];
  const alone = compare(null, kPreTokenizer, codepoints);
  console.log(`bert-base-uncased pipeline: ${codepoints.length} codepoints + ${betweenMarks.length} between marks + ` +
    `${mixed.length} mixes, ${failures.length} mismatches | BertPreTokenizer alone: ${codepoints.length} codepoints, ` +
    `${alone.length} mismatches`);
  checkFailures([...failures, ...alone], kShownFailures);
});
