// Encode throughput (MB/s) of tokenlab's wasm module and native CLI against the
// tokenizer libraries of the npm registry, in one node process, on English,
// code and multilingual text, for the tiktoken encodings cl100k_base and
// o200k_base and the Hugging Face models llama2, mistral, llama3 and
// bert-base-uncased (their tokenizer.json files). Peers:
//
//   cl100k_base, o200k_base  tiktoken (reference), js-tiktoken, gpt-tokenizer
//   llama2                   hf-tokenizers (reference), transformers.js, llama-tokenizer-js
//   mistral                  hf-tokenizers (reference), transformers.js, mistral-tokenizer-js
//   llama3                   hf-tokenizers (reference), transformers.js, llama3-tokenizer-js
//   bert-base-uncased, qwen3, deepseek_v3, gemma3, gptoss, llama3_1
//                            hf-tokenizers (reference), transformers.js
//
// hf-tokenizers is Hugging Face's Rust library itself (the `tokenizers` npm
// package: native code, one thread per text), the newer models' files those
// of their npm packages.
//
// Every row's ids are checked against the reference's. "ratio" is a row's MB/s
// over the baseline's on the same corpus and encoding: the fastest peer for the
// tiktoken encodings, transformers.js for the Hugging Face models.
//
//   node bench/encode.mjs                      default corpora (bench/corpus/encode-*.txt, 4 MB each)
//   node bench/encode.mjs --encoding llama3 --corpus a.txt --corpus b.txt --runs 5 --json
//     {"tokenizer":"tokenlab-wasm","encoding":"llama3","corpus":"a","mb":1,"mb_per_s":25.1,"mismatches":0,"ratio":9.4,...}
//
//   corpus    MB  encoding     tokenizer        MB/s    ratio  cold MB/s  cold ratio  mismatches  checked against
//   english  4.0  cl100k_base  tokenlab-wasm    27.7    3.63x       20.5       3.87x           0  tiktoken
//   english  1.0  llama3       tokenlab-wasm    16.0   12.05x       22.6      21.96x           0  transformers.js
//   ...
//
// MB is 10^6 bytes of UTF-8 input. The Hugging Face models' peers take tens of
// seconds per MB, so those rows (tokenlab's too, so ratios compare like with
// like) encode only the first --hf-slice bytes of each corpus (1 MB by default,
// cut after a line; 0 = all), shown in the MB column. "MB/s" is the best of
// --runs warm runs, "cold MB/s" the best of runs that each start with an empty
// piece cache (tokenlab, gpt-tokenizer and transformers.js cache merged pieces;
// on a text with more distinct pieces than the cache holds, the warm number
// depends on the cache size); the first cold run also warms up the JIT. An
// implementation stops repeating once its runs took kSlowRunSeconds, so the slow
// peers get one or two runs. Times are wall clock or, with --clock cpu, the CPU
// time used (steadier on a busy machine). The native row times `tokenlab encode
// FILE` (TOKENLAB_CLI overrides build/src/cli/tokenlab) and subtracts the time of
// the same command on an empty file (process start and vocabulary load), on the
// input repeated until the encoding outweighs the load; every CLI run starts
// cold, so both its columns say the same.
//
// All sides encode the text alone: no BOS, EOS, [CLS] or [SEP] (tiktoken
// encodings add none; llama3-tokenizer-js would add both BOS and EOS by
// default, the others BOS). Special tokens spelled in the text are text for the
// tiktoken encodings and are matched for the Hugging Face models, as
// transformers.js and llama3-tokenizer-js always do; llama-tokenizer-js and
// mistral-tokenizer-js know no special tokens, so where a text spells one they
// are checked against tokenlab-wasm reading it as text ("checked against"
// says so). "mismatches" counts the ids in the stretch where a row's ids differ
// from the reference's: 0 means identical. (The JS ports give [] for an empty
// text, as the others do without added special tokens.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

import { kDefaultEncodings, kHuggingFaceModels, kTiktokenEncodings, loadImplementation, suiteFor, vocabPath } from './encode/implementations.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const cliPath = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const wasmPath = path.join(repoRoot, 'web', 'dist', 'tokenlab.wasm');
const vocabDir = process.env.TOKENLAB_VOCAB_DIR || path.join(repoRoot, 'web', 'dist', 'vocab');
const corpusDir = path.join(here, 'corpus');
const kDefaultHfSlice = 1_000_000; // bytes of each corpus for the Hugging Face models
const kSlowRunSeconds = 8; // stop repeating an implementation after this much timed work
const kSettleMs = 100; // after a collection, before a timed run
const settleCell = new Int32Array(new SharedArrayBuffer(4));
const kTargets = { tiktoken: 3, 'tokenizer.json': 5 }; // tokenlab-wasm over the baseline, from the issues

v8.setFlagsFromString('--expose_gc');
const collectGarbage = vm.runInNewContext('gc');

function parseOptions(argv) {
  const options = { corpora: [], encodings: [], json: false, runs: 5, clock: 'wall', hfSlice: kDefaultHfSlice, probe: null };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--corpus') options.corpora.push(path.resolve(value()));
    else if (arg === '--encoding') {
      const encoding = value();
      suiteFor(encoding); // throws for an unknown name
      if (!options.encodings.includes(encoding)) options.encodings.push(encoding);
    } else if (arg === '--json') options.json = true;
    else if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (arg === '--hf-slice') options.hfSlice = Math.max(0, Number.parseInt(value(), 10) || 0);
    else if (arg === '--clock') {
      options.clock = value();
      if (!['wall', 'cpu'].includes(options.clock)) throw new Error('--clock is wall or cpu');
    } else if (arg === '--probe-load') options.probe = { implementation: value(), encoding: value() };
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/encode.mjs [--encoding NAME]... [--corpus FILE]... [--runs N] [--hf-slice BYTES] ' +
        '[--clock wall|cpu] [--json]\n' +
        `encodings: ${[...kTiktokenEncodings, ...kHuggingFaceModels].join(', ')} (default: ${kDefaultEncodings.join(', ')})`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  if (options.encodings.length === 0) options.encodings = kDefaultEncodings;
  return options;
}

// ---------------------------------------------------------------------------
// Setting up: peers, builds, corpora

function log(message) {
  process.stderr.write(`${message}\n`);
}

// npm ci in bench/ when node_modules is missing or older than the lock file.
// transformers.js comes from the repository's own node_modules (installed by
// build-scripts with --ignore-scripts), as in the parity tests.
function ensurePeers() {
  const installed = path.join(here, 'node_modules', '.package-lock.json');
  const lock = path.join(here, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing the benchmark peers (npm ci in bench/)');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: here, stdio: ['ignore', 2, 'inherit'] });
}

function ensureBuilt(encodings) {
  const vocabReady = encodings.every((encoding) => existsSync(vocabPath(encoding, vocabDir)));
  const transformersReady = existsSync(path.join(repoRoot, 'node_modules', '@huggingface', 'transformers', 'package.json'));
  if (existsSync(cliPath) && existsSync(wasmPath) && vocabReady && transformersReady) return;
  log('building tokenlab (build-scripts/common.sh prepare_all)');
  execFileSync('bash', ['-c', 'source build-scripts/common.sh && prepare_all'], { cwd: repoRoot, stdio: ['ignore', 2, 'inherit'] });
}

async function defaultCorpora() {
  const names = ['english', 'code', 'multilingual'];
  const files = names.map((name) => path.join(corpusDir, `encode-${name}.txt`));
  if (files.every((file) => existsSync(file))) return files;
  log('building the benchmark corpora (4 MB each) in bench/corpus/');
  const { makeBenchCorpus } = await import('../tests/parity/make-corpus.mjs');
  const built = makeBenchCorpus(corpusDir, 4_000_000, 'encode-');
  return names.map((name) => built[name]);
}

// The first `limit` bytes of a corpus, cut after its last newline there (or,
// lacking one, before a UTF-8 continuation byte); limit 0 keeps everything.
function sliceBytes(bytes, limit) {
  if (limit <= 0 || bytes.length <= limit) return bytes;
  let end = bytes.lastIndexOf(0x0a, limit - 1) + 1;
  if (end === 0) {
    end = limit;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) --end;
  }
  return bytes.subarray(0, end);
}

// The input one encoding reads from a corpus file: the whole file, or its
// slice for the Hugging Face models, written to `scratch` for the CLI.
function inputFor(file, suite, hfSlice, scratch) {
  const corpus = path.basename(file).replace(/^encode-/, '').replace(/\.[^.]*$/, '');
  const whole = readFileSync(file);
  const bytes = suite.kind === 'tokenizer.json' ? sliceBytes(whole, hfSlice) : whole;
  let sliceFile = file;
  if (bytes.length < whole.length) {
    sliceFile = path.join(scratch, `${corpus}-${bytes.length}.txt`);
    if (!existsSync(sliceFile)) writeFileSync(sliceFile, bytes);
  }
  return { corpus, file: sliceFile, bytes: bytes.length, text: new TextDecoder().decode(bytes) };
}

// In a fresh process: time to import the library and load the vocabulary, and the memory it took.
async function probeLoad({ implementation, encoding }) {
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const loaded = await loadImplementation(implementation, encoding, vocabDir);
  await loaded.encode('warm up the first call');
  const cpuUsed = process.cpuUsage(cpuBefore);
  const loadMs = clock === 'cpu' ? (cpuUsed.user + cpuUsed.system) / 1000 : performance.now() - started;
  collectGarbage();
  const after = process.memoryUsage();
  const mb = (key) => (after[key] - before[key]) / 1e6;
  console.log(JSON.stringify({ load_ms: loadMs, rss_mb: mb('rss'), js_heap_mb: mb('heapUsed'), ...loaded.details?.() }));
}

function measureLoad(implementation, encoding) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--clock', clock, '--probe-load', implementation, encoding],
    { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`loading ${implementation} ${encoding} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

// ---------------------------------------------------------------------------
// Measuring

// The number of ids in the stretch where two id sequences differ (0 when equal).
function mismatchCount(expected, actual) {
  let prefix = 0;
  const shorter = Math.min(expected.length, actual.length);
  while (prefix < shorter && expected[prefix] === actual[prefix]) ++prefix;
  if (prefix === expected.length && prefix === actual.length) return 0;
  let suffix = 0;
  while (suffix < shorter - prefix && expected[expected.length - 1 - suffix] === actual[actual.length - 1 - suffix]) ++suffix;
  return Math.max(expected.length, actual.length) - prefix - suffix;
}

let clock = 'wall';

// Seconds that work() takes on the chosen clock: wall time, or the CPU time of
// this process (steadier on a machine busy with other work).
// work may return a promise (Hugging Face's Rust library encodes asynchronously).
// On the CPU clock the time of its libuv thread counts: the process's total.
async function timed(work) {
  if (clock === 'cpu') {
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  }
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

// A full collection, then a pause while V8 sweeps the freed heap on its helper
// threads: a run started at once competes with that sweeping, which after
// transformers.js (a heap of 100 MB and more) made tokenlab's next runs about
// twice as slow on both clocks.
function collectGarbageAndSettle() {
  collectGarbage();
  Atomics.wait(settleCell, 0, 0, kSettleMs);
}

// Best of up to `runs` measurements (seconds), stopping early past kSlowRunSeconds.
async function bestTime(measureOnce, runs) {
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < runs && (i === 0 || spent < kSlowRunSeconds); ++i) {
    collectGarbageAndSettle();
    const seconds = await measureOnce();
    best = Math.min(best, seconds);
    spent += seconds;
  }
  return best;
}

// Cold: runs that each start after the piece cache is emptied, as when a text
// is pasted once; the ids checked are those of the last of them, which also
// leaves the cache warm for the warm runs.
async function measureImplementation({ encode, forget }, text, runs) {
  let ids;
  const coldSeconds = await bestTime(() => {
    forget();
    return timed(async () => { ids = await encode(text); });
  }, runs);
  const seconds = await bestTime(() => timed(() => encode(text)), runs);
  return { ids, seconds, coldSeconds };
}

// Seconds of one CLI run on the chosen clock, as bash's `time` reports them
// (wall, or user + system of the child).
function timedCliSync(args) {
  const script = 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null';
  const result = spawnSync('bash', ['-c', script, 'bash', cliPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`tokenlab ${args.join(' ')}: ${result.stderr}`);
  const [real, user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return clock === 'cpu' ? user + system : real;
}
const timedCli = async (args) => timedCliSync(args);

const cliArgs = (encoding, input) => [
  'encode', ...(suiteFor(encoding).kind === 'tokenizer.json' ? ['--tokenizer-file', vocabPath(encoding, vocabDir)] : ['--tokenizer', encoding, '--vocab-dir', vocabDir]),
  ...suiteFor(encoding).cliOptions, input];

async function measureNative(encoding, file, bytes, reference, runs, emptyFile) {
  const result = spawnSync(cliPath, cliArgs(encoding, file), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`tokenlab ${cliArgs(encoding, file).join(' ')}: ${result.stderr}`);
  const ids = result.stdout.toString().trim().split(' ').filter(Boolean).map(Number);
  // The ids come from the input itself; the speed from the input repeated
  // until encoding it takes longer than loading the vocabulary (Gemma 3's
  // takes seconds), so the load subtracted does not swamp the difference.
  const startup = await bestTime(() => timedCli(cliArgs(encoding, emptyFile)), runs);
  const once = await bestTime(() => timedCli(cliArgs(encoding, file)), 1);
  const copies = Math.min(64, Math.max(1, Math.ceil((4 * startup) / Math.max(once - startup, 0.01))));
  let timedFile = file;
  if (copies > 1) {
    timedFile = `${file}.x${copies}`;
    if (!existsSync(timedFile)) writeFileSync(timedFile, Buffer.concat(Array(copies).fill(readFileSync(file))));
  }
  const total = await bestTime(() => timedCli(cliArgs(encoding, timedFile)), runs);
  return { mb_per_s: (bytes * copies) / 1e6 / Math.max(total - startup, 1e-6), mismatches: mismatchCount(reference, ids) };
}

async function nativeLoad(encoding, emptyFile) {
  const args = cliArgs(encoding, emptyFile);
  const loadMs = (await bestTime(() => timedCli(args), 5)) * 1000;
  let rssMb = null;
  if (existsSync('/usr/bin/time')) {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', cliPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    rssMb = Number(result.stderr.trim().split('\n').pop()) * 1024 / 1e6; // %M is in KiB
  }
  return { load_ms: loadMs, rss_mb: rssMb };
}

// The rows of one encoding on one input: the reference first (its ids check
// the others), rows listed in the suite's order, then the native CLI.
async function measureInput(encoding, suite, implementations, input, options, emptyFile) {
  const order = [suite.reference, ...suite.implementations.filter((name) => name !== suite.reference)];
  const measured = {};
  for (const name of order) {
    measured[name] = await measureImplementation(implementations[name], input.text, options.runs);
    log(`  ${input.corpus} ${encoding} ${name}: ${(input.bytes / 1e6 / measured[name].seconds).toFixed(2)} MB/s`);
  }
  const reference = measured[suite.reference].ids;
  // Where the text spells a special token, readers that know none are checked
  // against tokenlab reading it as text.
  let textReference = null;
  if (suite.implementations.some((name) => implementations[name].specialsAsText)) {
    const asText = implementations['tokenlab-wasm'].encodeSpecialsAsText(input.text);
    if (mismatchCount(reference, asText) > 0) textReference = asText;
  }
  const rows = suite.implementations.map((name) => {
    const { ids, seconds, coldSeconds } = measured[name];
    const asText = textReference && implementations[name].specialsAsText;
    return { tokenizer: name, encoding, corpus: input.corpus, mb: input.bytes / 1e6, mb_per_s: input.bytes / 1e6 / seconds,
      mb_per_s_cold: input.bytes / 1e6 / coldSeconds, mismatches: mismatchCount(asText ? textReference : reference, ids),
      checked_against: asText ? 'tokenlab-wasm, specials as text' : suite.reference };
  });
  const native = await measureNative(encoding, input.file, input.bytes, reference, options.runs, emptyFile);
  log(`  ${input.corpus} ${encoding} tokenlab-native: ${native.mb_per_s.toFixed(2)} MB/s`);
  rows.push({ tokenizer: 'tokenlab-native', encoding, corpus: input.corpus, mb: input.bytes / 1e6, mb_per_s: native.mb_per_s,
    mb_per_s_cold: native.mb_per_s, mismatches: native.mismatches, checked_against: suite.reference });
  return rows;
}

// ratio and ratio_cold: over the fastest baseline row of the same corpus and encoding.
function addRatios(rows) {
  for (const row of rows) {
    const { baseline } = suiteFor(row.encoding);
    const peers = rows.filter((other) => other.corpus === row.corpus && other.encoding === row.encoding && baseline.includes(other.tokenizer));
    row.ratio = row.mb_per_s / Math.max(...peers.map((peer) => peer.mb_per_s));
    row.ratio_cold = row.mb_per_s_cold / Math.max(...peers.map((peer) => peer.mb_per_s_cold));
  }
}

// ---------------------------------------------------------------------------
// Output

function printTable(rows) {
  const header = ['corpus', 'MB', 'encoding', 'tokenizer', 'MB/s', 'ratio', 'cold MB/s', 'cold ratio', 'mismatches', 'checked against'];
  const rightAligned = new Set(['MB', 'MB/s', 'ratio', 'cold MB/s', 'cold ratio', 'mismatches']);
  const cells = rows.map((row) => [row.corpus, row.mb.toFixed(1), row.encoding, row.tokenizer, row.mb_per_s.toFixed(1),
    `${row.ratio.toFixed(2)}x`, row.mb_per_s_cold.toFixed(1), `${row.ratio_cold.toFixed(2)}x`, String(row.mismatches), row.checked_against]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (rightAligned.has(header[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ').trimEnd();
  console.log(format(header));
  for (const line of cells) console.log(format(line));
}

function printLoads(loads) {
  const number = (value, digits = 1) => (value === null || value === undefined ? '-' : value.toFixed(digits));
  const header = ['encoding', 'tokenizer', 'load ms', '+RSS MB', '+JS heap MB', 'wasm memory MB', 'vocab MB'];
  const cells = loads.map((load) => [load.encoding, load.tokenizer, number(load.load_ms, 0), number(load.rss_mb),
    number(load.js_heap_mb), number(load.wasm_memory_mb), number(load.vocab_mb)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log('\nvocabulary load in a fresh process (import, load, first call) and the memory it added;');
  console.log('native: a whole `tokenlab encode` of an empty file, and its peak RSS');
  console.log(format(header));
  for (const line of cells) console.log(format(line));
}

// One line per kind of encoding: tokenlab-wasm's lowest ratios against the target.
function printTargets(rows) {
  for (const [kind, target] of Object.entries(kTargets)) {
    const own = rows.filter((row) => row.tokenizer === 'tokenlab-wasm' && suiteFor(row.encoding).kind === kind);
    if (own.length === 0) continue;
    const lowest = (key) => own.reduce((low, row) => (row[key] < low[key] ? row : low));
    const [warm, cold] = [lowest('ratio'), lowest('ratio_cold')];
    const baseline = kind === 'tiktoken' ? 'the fastest peer' : 'transformers.js';
    console.log(`tokenlab-wasm over ${baseline}: lowest ${warm.ratio.toFixed(2)}x warm (${warm.encoding} ${warm.corpus}), ` +
      `${cold.ratio_cold.toFixed(2)}x cold (${cold.encoding} ${cold.corpus}); target ${target}x on every corpus`);
  }
  // Against Hugging Face's Rust library: the target is at least its speed.
  const versusRust = rows.filter((row) => row.tokenizer === 'tokenlab-wasm' && suiteFor(row.encoding).kind === 'tokenizer.json')
    .map((row) => {
      const rust = rows.find((other) => other.tokenizer === 'hf-tokenizers' && other.encoding === row.encoding && other.corpus === row.corpus);
      return rust ? { ...row, over: row.mb_per_s / rust.mb_per_s } : null;
    }).filter(Boolean);
  if (versusRust.length > 0) {
    const low = versusRust.reduce((a, b) => (b.over < a.over ? b : a));
    console.log(`tokenlab-wasm over hf-tokenizers (Rust, native): lowest ${low.over.toFixed(2)}x warm (${low.encoding} ${low.corpus}); target 1x on every corpus`);
  }
}

// ---------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  clock = options.clock;
  if (options.probe) return probeLoad(options.probe);

  ensurePeers();
  ensureBuilt(options.encodings);
  const corpora = options.corpora.length > 0 ? options.corpora : await defaultCorpora();
  const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-bench-'));
  const emptyFile = path.join(scratch, 'empty.txt');
  writeFileSync(emptyFile, '');

  const rows = [];
  try {
    for (const encoding of options.encodings) {
      const suite = suiteFor(encoding);
      const implementations = {};
      for (const name of suite.implementations) implementations[name] = await loadImplementation(name, encoding, vocabDir);
      for (const file of corpora) {
        const input = inputFor(file, suite, options.hfSlice, scratch);
        rows.push(...await measureInput(encoding, suite, implementations, input, options, emptyFile));
      }
    }
    addRatios(rows);
    if (options.json) {
      const rounded = (value) => Math.round(value * 1000) / 1000;
      for (const row of rows) {
        console.log(JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' && key !== 'mismatches' ? rounded(value) : value]))));
      }
      return;
    }

    const loads = [];
    for (const encoding of options.encodings) {
      for (const name of suiteFor(encoding).implementations) loads.push({ encoding, tokenizer: name, ...measureLoad(name, encoding) });
      loads.push({ encoding, tokenizer: 'tokenlab-native', ...(await nativeLoad(encoding, emptyFile)) });
    }
    console.log('');
    printTable(rows);
    printLoads(loads);
    console.log('');
    printTargets(rows);
    const [oneMinute] = loadavg();
    console.log(`${clock === 'cpu' ? 'CPU' : 'wall'} clock; node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${oneMinute.toFixed(1)} at the end${oneMinute > availableParallelism() && clock === 'wall' ? ' (busy machine: wall-clock numbers are low and noisy; try --clock cpu)' : ''}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
