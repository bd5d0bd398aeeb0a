// Token ids of the native CLI and of the wasm module equal those of the
// reference `tiktoken` npm package (OpenAI's Rust core compiled to wasm) on the
// whole parity corpus, for r50k_base, p50k_base, cl100k_base and o200k_base.
//
//   node --test tests/parity/tiktoken-parity.test.mjs
//   cl100k_base: cli 290 texts, 0 mismatches, 6.50 MB | wasm 11525 texts, 0 mismatches, 13.00 MB | ...
//
// The CLI runs once per corpus file (its vocabulary load dominates small
// inputs); the wasm module also gets every file cut into pieces at random
// UTF-16 positions, which puts text boundaries (and lone surrogates, where a
// cut splits a pair) everywhere. Files that are not UTF-8 have no reference:
// they are compared CLI against wasm and must round-trip through the CLI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import { get_encoding } from 'tiktoken';

import { loadEngine, readVocab, vocabDir } from '../wasm/load-engine.mjs';
import { cliPath, parseIds, runCli } from './cli-runner.mjs';
import { defaultCorpusDir, ensureParityCorpus, makeRng } from './make-corpus.mjs';

const kEncodings = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
const kCliJobs = 2;
const kMaxChunk = 4000; // UTF-16 code units
const kShownFailures = 5;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8 = new TextEncoder();
const execFileAsync = promisify(execFile);
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));

function loadCorpus(dir) {
  const manifest = ensureParityCorpus(dir);
  const texts = [];
  const binaries = [];
  const jsStrings = [];
  for (const { name, kind } of manifest.files) {
    const file = path.join(dir, name);
    const bytes = new Uint8Array(readFileSync(file));
    if (kind === 'text') texts.push({ name, file, bytes, text: strictUtf8.decode(bytes) });
    if (kind === 'bytes') binaries.push({ name, file, bytes });
    if (kind === 'js-strings') JSON.parse(lenientUtf8.decode(bytes)).forEach((text, i) => jsStrings.push({ name: `${name}[${i}]`, text }));
  }
  return { texts, binaries, jsStrings };
}

// Cuts text at random UTF-16 positions into pieces of 1..kMaxChunk code units.
function chunks(text, seed) {
  const rng = makeRng(seed);
  const pieces = [];
  for (let start = 0; start < text.length;) {
    const length = Math.max(1, Math.round(Math.exp(rng() * Math.log(kMaxChunk))));
    pieces.push({ offset: start, text: text.slice(start, start + length) });
    start += length;
  }
  return pieces;
}

function hashName(name) {
  let hash = 2166136261;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

// Where two id sequences first differ, with the tokens on both sides shown as
// text and the surrounding input, for a message a person can act on.
function describeMismatch({ encoding, path: where, label, input, expected, actual, enc }) {
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) ++index;
  const tokenBytes = (id) => {
    try {
      return enc.decode_single_token_bytes(id);
    } catch {
      return new Uint8Array();
    }
  };
  let offset = 0;
  for (let i = 0; i < index; ++i) offset += tokenBytes(expected[i]).length;
  const show = (ids) => Array.from(ids.slice(index, index + 6), (id) => `${id}=${JSON.stringify(lenientUtf8.decode(tokenBytes(id)))}`).join(' ');
  const bytes = typeof input === 'string' ? utf8.encode(input) : input;
  const context = lenientUtf8.decode(bytes.subarray(Math.max(0, offset - 24), offset + 48));
  const codepoints = Array.from(lenientUtf8.decode(bytes.subarray(offset, offset + 32))).slice(0, 8)
    .map((char) => `U+${char.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return `${encoding} ${where}: ${label} differs from tiktoken at token ${index} (byte ${offset}) ` +
    `of ${expected.length} expected / ${actual.length} actual\n` +
    `  input near there: ${JSON.stringify(context)}\n` +
    `  codepoints from there: ${codepoints.join(' ')}\n` +
    `  expected: ${show(expected)}\n  actual:   ${show(actual)}`;
}


// A pool of at most `limit` concurrent CLI runs.
function makePool(limit) {
  let running = 0;
  const queue = [];
  const next = () => {
    if (running >= limit || queue.length === 0) return;
    const { job, resolve, reject } = queue.shift();
    ++running;
    job().then(resolve, reject).finally(() => { --running; next(); });
  };
  return (job) => new Promise((resolve, reject) => { queue.push({ job, resolve, reject }); next(); });
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

let corpus;
let engine;
let scratch;
let pool;
const reportFile = process.env.TOKENLAB_PARITY_REPORT; // when set, every mismatch is described there

before(async () => {
  assert.ok(existsSync(cliPath), `${cliPath} is missing: build first (build-scripts/test does)`);
  corpus = loadCorpus(defaultCorpusDir);
  engine = await loadEngine();
  scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-parity-'));
  pool = makePool(kCliJobs);
  if (reportFile) writeFileSync(reportFile, '');
});

after(() => rmSync(scratch, { recursive: true, force: true }));

for (const encoding of kEncodings) {
  test(`${encoding}: native CLI and wasm module give the ids of the tiktoken package on the parity corpus`, async () => {
    const enc = get_encoding(encoding);
    const tokenizer = engine.loadTiktoken(encoding, await readVocab(encoding));
    const failures = []; // the first few described in full while the reference is loaded, then labels
    const stats = {};
    // Counts one comparison of `kind`; on a mismatch, remembers where.
    const compare = (kind, where, label, input, expected, actual) => {
      const entry = (stats[kind] ??= { texts: 0, mismatches: 0, bytes: 0 });
      entry.texts += 1;
      entry.bytes += typeof input === 'string' ? utf8.encode(input).length : input.length;
      if (sameIds(expected, actual)) return;
      entry.mismatches += 1;
      const full = failures.length < kShownFailures || reportFile;
      const description = full ? describeMismatch({ encoding, path: where, label, input, expected, actual, enc }) : `${where}: ${label}`;
      failures.push(description);
      if (reportFile) appendFileSync(reportFile, `${description}\n\n`);
    };

    try {
      // Start every CLI run now; they proceed while the reference encodes below.
      let outIndex = 0;
      const cliArgs = (file, extra = []) => ['encode', '--tokenizer', encoding, '--vocab-dir', vocabDir, ...extra, file];
      const cliRun = (args) => pool(() => runCli(args, path.join(scratch, `${encoding}-${outIndex++}.ids`)).then(parseIds));
      const withSpecials = corpus.texts.filter(({ text }) => text.includes('<|'));
      const cliOrdinary = corpus.texts.map(({ file }) => cliRun(cliArgs(file)));
      const cliSpecial = withSpecials.map(({ file }) => cliRun(cliArgs(file, ['--allow-special'])));
      const cliBinary = corpus.binaries.map(({ file }) => cliRun(cliArgs(file)));

      // (b) wasm: whole files, random pieces of them, and strings with lone surrogates.
      const expectedWhole = [];
      for (const { name, text } of corpus.texts) {
        const expected = enc.encode(text, [], []);
        expectedWhole.push(expected);
        compare('wasm', 'wasm', name, text, expected, tokenizer.encode(text).ids);
        for (const piece of chunks(text, hashName(name))) {
          compare('wasm', 'wasm', `${name} piece at UTF-16 offset ${piece.offset}`, piece.text,
            enc.encode(piece.text, [], []), tokenizer.encode(piece.text).ids);
        }
        await yieldToEventLoop();
      }
      for (const { name, text } of corpus.jsStrings) {
        compare('wasm', 'wasm', name, text, enc.encode(text, [], []), tokenizer.encode(text).ids);
        compare('special', 'wasm allowSpecial', name, text, enc.encode(text, 'all'), tokenizer.encode(text, { allowSpecial: true }).ids);
      }

      // Special tokens allowed, against encode(text, 'all').
      const expectedSpecial = withSpecials.map(({ text }) => enc.encode(text, 'all'));
      withSpecials.forEach(({ name, text }, i) => {
        compare('special', 'wasm allowSpecial', name, text, expectedSpecial[i], tokenizer.encode(text, { allowSpecial: true }).ids);
      });

      // (a) the CLI, whole files.
      const cliIds = await Promise.all(cliOrdinary);
      corpus.texts.forEach(({ name, text }, i) => compare('cli', 'cli', name, text, expectedWhole[i], cliIds[i]));
      (await Promise.all(cliSpecial)).forEach((actual, i) => {
        const { name, text } = withSpecials[i];
        compare('special', 'cli --allow-special', name, text, expectedSpecial[i], actual);
      });

      // Bytes that are not UTF-8 have no reference: the CLI and the wasm module must agree.
      const binaryIds = await Promise.all(cliBinary);
      corpus.binaries.forEach(({ name, bytes }, i) => {
        compare('binary', 'cli vs wasm', name, bytes, tokenizer.encode(bytes).ids, binaryIds[i]);
      });

      // Round trip through the CLI: decoding all ids at once gives all files back, byte for byte.
      const inputs = [...corpus.texts, ...corpus.binaries];
      const allIds = [...cliIds, ...binaryIds].map((ids) => ids.join(' ')).filter((line) => line !== '').join('\n');
      const idsFile = path.join(scratch, `${encoding}-all.ids`);
      writeFileSync(idsFile, allIds);
      const { stdout: decoded } = await execFileAsync(cliPath, ['decode', '--tokenizer', encoding, '--vocab-dir', vocabDir, idsFile],
        { encoding: 'buffer', maxBuffer: 1 << 30 });
      const original = Buffer.concat(inputs.map(({ bytes }) => bytes));
      let roundTrip = 'ok';
      if (!decoded.equals(original)) {
        let at = 0;
        while (at < decoded.length && decoded[at] === original[at]) ++at;
        let fileEnd = 0;
        const culprit = inputs.find(({ bytes }) => (fileEnd += bytes.length) > at);
        roundTrip = 'FAILED';
        failures.push(`${encoding} cli round trip: decode(encode(x)) differs at byte ${at} of ${original.length}` +
          ` (in ${culprit?.name ?? 'past the end'}; decoded ${decoded.length} bytes)`);
      }
      // And through wasm, file by file.
      for (const { name, bytes } of inputs) {
        if (!Buffer.from(tokenizer.decode(tokenizer.encode(bytes).ids)).equals(Buffer.from(bytes))) {
          roundTrip = 'FAILED';
          failures.push(`${encoding} wasm round trip: decode(encode(x)) differs for ${name}`);
        }
      }

      const part = (label, kind) => {
        const { texts = 0, mismatches = 0, bytes = 0 } = stats[kind] ?? {};
        return `${label} ${texts} texts, ${mismatches} mismatches, ${megabytes(bytes)}`;
      };
      console.log(`${encoding}: ${part('cli', 'cli')} | ${part('wasm', 'wasm')} | ${part('allow-special', 'special')} | ` +
        `${part('non-UTF-8 cli vs wasm', 'binary')} | round trip ${inputs.length} files ${megabytes(original.length)} ${roundTrip}`);
    } finally {
      tokenizer.delete();
      enc.free();
    }

    if (failures.length > 0) {
      const more = failures.length > kShownFailures ? `\nalso: ${failures.slice(kShownFailures, 40).join('; ')}` : '';
      assert.fail(`${failures.length} mismatches; the first ${Math.min(kShownFailures, failures.length)}:\n` +
        `${failures.slice(0, kShownFailures).join('\n')}${more}`);
    }
  });
}
