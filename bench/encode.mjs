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
// time used (steadier on a busy machine). The native row is timed inside the
// process by `tokenlab encode --timing --repeat N FILE` (TOKENLAB_CLI overrides
// build/src/cli/tokenlab; steady clock, so wall time whatever --clock says):
// cold is the first pass of a fresh process, warm the best later pass, and the
// vocabulary load is reported apart in the load table; --native-threads N runs
// it on N threads. A figure whose timed interval is shorter than its clock's
// resolution (the smallest step seen between two readings: clock.mjs, or the
// one the CLI or a peer reports) is refused: "below clock resolution", no
// figure, no ratio.
//
// --peer-command NAME=COMMAND (repeatable) adds a locally built peer, such as
// quicktok's driver (bench/peers/build-quicktok.sh); encode/peer-command.mjs
// gives the protocol. Its rows are checked and shown like the others, and a
// second table gives tokenlab over each: tokenlab-native over NAME-native,
// tokenlab-wasm over NAME-wasm, warm and cold.
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

import { cpuResolution, mbPerSecond, wallResolution } from './encode/clock.mjs';
import { kDefaultEncodings, kHuggingFaceModels, kTiktokenEncodings, loadImplementation, suiteFor, vocabPath } from './encode/implementations.mjs';
import { readIds, runTimed } from './encode/native-cli.mjs';
import { counterpartOf, parsePeerCommand, runPeer } from './encode/peer-command.mjs';

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
const kPeerTarget = 1.2; // tokenlab over a --peer-command peer (quicktok), native and wasm alike

v8.setFlagsFromString('--expose_gc');
const collectGarbage = vm.runInNewContext('gc');

function parseOptions(argv) {
  const options = { corpora: [], encodings: [], json: false, runs: 5, clock: 'wall', hfSlice: kDefaultHfSlice, probe: null,
    peers: [], nativeThreads: 1 };
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
    else if (arg === '--peer-command') options.peers.push(parsePeerCommand(value()));
    else if (arg === '--native-threads') options.nativeThreads = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (arg === '--hf-slice') options.hfSlice = Math.max(0, Number.parseInt(value(), 10) || 0);
    else if (arg === '--clock') {
      options.clock = value();
      if (!['wall', 'cpu'].includes(options.clock)) throw new Error('--clock is wall or cpu');
    } else if (arg === '--probe-load') options.probe = { implementation: value(), encoding: value() };
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/encode.mjs [--encoding NAME]... [--corpus FILE]... [--runs N] [--hf-slice BYTES] ' +
        '[--clock wall|cpu] [--native-threads N] [--peer-command NAME=COMMAND]... [--json]\n' +
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
let resolution = 0; // seconds: the chosen clock's smallest step (clock.mjs)

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

const cliArgs = (encoding, threads) => [
  'encode', ...(suiteFor(encoding).kind === 'tokenizer.json' ? ['--tokenizer-file', vocabPath(encoding, vocabDir)] : ['--tokenizer', encoding, '--vocab-dir', vocabDir]),
  ...suiteFor(encoding).cliOptions, ...(threads > 1 ? ['--threads', String(threads)] : [])];

// Fresh processes, each encoding the input once cold and `runs` times warm
// (`tokenlab encode --timing --repeat`), until kSlowRunSeconds of work: cold
// is the best first pass, warm the best later one, load the best load; all on
// the CLI's steady clock (its --timing is wall time whatever --clock says).
function measureNative(encoding, input, reference, options, scratch) {
  const args = cliArgs(encoding, options.nativeThreads);
  const idsFile = path.join(scratch, 'native-ids.txt');
  const processes = Math.min(3, options.runs);
  let best = null;
  let spent = 0;
  for (let i = 0; i < processes && (i === 0 || spent < kSlowRunSeconds); ++i) {
    const timing = runTimed(cliPath, args, input.file, options.runs + 1, i === 0 ? idsFile : null);
    spent += timing.coldSeconds + timing.warmSeconds * options.runs;
    best = best === null ? timing : { ...timing, loadSeconds: Math.min(best.loadSeconds, timing.loadSeconds),
      coldSeconds: Math.min(best.coldSeconds, timing.coldSeconds), warmSeconds: Math.min(best.warmSeconds, timing.warmSeconds) };
  }
  const ids = readIds(idsFile);
  return { mb_per_s: mbPerSecond(input.bytes, best.warmSeconds, best.resolution), mb_per_s_cold: mbPerSecond(input.bytes, best.coldSeconds, best.resolution),
    load_ms: best.loadSeconds * 1000, mismatches: mismatchCount(reference, ids) };
}

// The CLI's load (its --timing figure, best of five) and the peak RSS of a
// whole `tokenlab encode` of an empty file.
function nativeLoad(encoding, emptyFile) {
  const args = cliArgs(encoding, 1);
  let loadSeconds = Infinity;
  for (let i = 0; i < 5; ++i) loadSeconds = Math.min(loadSeconds, runTimed(cliPath, args, emptyFile, 1, null).loadSeconds);
  let rssMb = null;
  if (existsSync('/usr/bin/time')) {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', cliPath, ...args, emptyFile], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    rssMb = Number(result.stderr.trim().split('\n').pop()) * 1024 / 1e6; // %M is in KiB
  }
  return { load_ms: loadSeconds * 1000, rss_mb: rssMb };
}

// The rows of the --peer-command peers on one input (none fails the run: a
// peer that cannot do an encoding is left out with a note).
function measurePeers(encoding, input, reference, options, scratch) {
  const rows = [];
  for (const peer of options.peers) {
    const measured = runPeer(peer, { corpus: input.file, encoding, runs: options.runs, idsFile: path.join(scratch, `${peer.name}.u32`) });
    if ('error' in measured) {
      log(`  ${input.corpus} ${encoding} ${peer.name}: left out (${measured.error})`);
      continue;
    }
    rows.push({ tokenizer: peer.name, encoding, corpus: input.corpus, mb: input.bytes / 1e6,
      mb_per_s: mbPerSecond(input.bytes, measured.warmSeconds, measured.resolution),
      mb_per_s_cold: mbPerSecond(input.bytes, measured.coldSeconds, measured.resolution),
      mismatches: mismatchCount(reference, measured.ids), checked_against: suiteFor(encoding).reference, peer: true,
      load_ms: measured.loadSeconds === null ? null : measured.loadSeconds * 1000 });
    log(`  ${input.corpus} ${encoding} ${peer.name}: ${formatRate(rows.at(-1).mb_per_s)} MB/s`);
  }
  return rows;
}

const formatRate = (value) => (value === null ? 'below clock resolution' : value.toFixed(2));

// The rows of one encoding on one input: the reference first (its ids check
// the others), rows listed in the suite's order, then the native CLI.
async function measureInput(encoding, suite, implementations, input, options, scratch) {
  const order = [suite.reference, ...suite.implementations.filter((name) => name !== suite.reference)];
  const measured = {};
  for (const name of order) {
    measured[name] = await measureImplementation(implementations[name], input.text, options.runs);
    log(`  ${input.corpus} ${encoding} ${name}: ${formatRate(mbPerSecond(input.bytes, measured[name].seconds, resolution))} MB/s`);
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
    return { tokenizer: name, encoding, corpus: input.corpus, mb: input.bytes / 1e6, mb_per_s: mbPerSecond(input.bytes, seconds, resolution),
      mb_per_s_cold: mbPerSecond(input.bytes, coldSeconds, resolution), mismatches: mismatchCount(asText ? textReference : reference, ids),
      checked_against: asText ? 'tokenlab-wasm, specials as text' : suite.reference };
  });
  const native = measureNative(encoding, input, reference, options, scratch);
  log(`  ${input.corpus} ${encoding} tokenlab-native: ${formatRate(native.mb_per_s)} MB/s (cold ${formatRate(native.mb_per_s_cold)})`);
  rows.push({ tokenizer: 'tokenlab-native', encoding, corpus: input.corpus, mb: input.bytes / 1e6, mb_per_s: native.mb_per_s,
    mb_per_s_cold: native.mb_per_s_cold, mismatches: native.mismatches, checked_against: suite.reference,
    ...(options.nativeThreads > 1 ? { threads: options.nativeThreads } : {}) });
  rows.push(...measurePeers(encoding, input, reference, options, scratch));
  return rows;
}

// ratio and ratio_cold: over the fastest baseline row of the same corpus and encoding.
// A figure refused as below clock resolution gives no ratio (null) either.
function addRatios(rows) {
  const over = (value, others) => {
    const known = others.filter((other) => other !== null);
    return value === null || known.length === 0 ? null : value / Math.max(...known);
  };
  for (const row of rows) {
    const { baseline } = suiteFor(row.encoding);
    const peers = rows.filter((other) => other.corpus === row.corpus && other.encoding === row.encoding && baseline.includes(other.tokenizer));
    row.ratio = over(row.mb_per_s, peers.map((peer) => peer.mb_per_s));
    row.ratio_cold = over(row.mb_per_s_cold, peers.map((peer) => peer.mb_per_s_cold));
  }
}

// tokenlab over each --peer-command peer, cell by cell: tokenlab-native over
// NAME-native, tokenlab-wasm over NAME-wasm, warm and cold.
function peerRatios(rows) {
  const ratios = [];
  for (const peer of rows.filter((row) => row.peer)) {
    const own = rows.find((row) => row.tokenizer === counterpartOf(peer.tokenizer) && row.corpus === peer.corpus && row.encoding === peer.encoding);
    if (!own) continue;
    const ratio = (a, b) => (a === null || b === null ? null : a / b);
    ratios.push({ corpus: peer.corpus, encoding: peer.encoding, tokenlab: own.tokenizer, peer: peer.tokenizer,
      ratio: ratio(own.mb_per_s, peer.mb_per_s), ratio_cold: ratio(own.mb_per_s_cold, peer.mb_per_s_cold) });
  }
  return ratios;
}

// ---------------------------------------------------------------------------
// Output

function printTable(rows) {
  const header = ['corpus', 'MB', 'encoding', 'tokenizer', 'MB/s', 'ratio', 'cold MB/s', 'cold ratio', 'mismatches', 'checked against'];
  const rightAligned = new Set(['MB', 'MB/s', 'ratio', 'cold MB/s', 'cold ratio', 'mismatches']);
  const rate = (value) => (value === null ? 'below clock resolution' : value.toFixed(1));
  const times = (value) => (value === null ? '-' : `${value.toFixed(2)}x`);
  const name = (row) => (row.threads ? `${row.tokenizer} (${row.threads} threads)` : row.tokenizer);
  const cells = rows.map((row) => [row.corpus, row.mb.toFixed(1), row.encoding, name(row), rate(row.mb_per_s),
    times(row.ratio), rate(row.mb_per_s_cold), times(row.ratio_cold), String(row.mismatches), row.checked_against]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (rightAligned.has(header[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
    .join('  ').trimEnd();
  console.log(format(header));
  for (const line of cells) console.log(format(line));
}

function printPeerRatios(ratios) {
  if (ratios.length === 0) return;
  const times = (value) => (value === null ? '-' : `${value.toFixed(2)}x`);
  const header = ['corpus', 'encoding', 'tokenlab over', 'warm', 'cold'];
  const cells = ratios.map((r) => [r.corpus, r.encoding, `${r.tokenlab} / ${r.peer}`, times(r.ratio), times(r.ratio_cold)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log('\ntokenlab over the --peer-command peers (MB/s over MB/s, native vs native, wasm vs wasm)');
  console.log(format(header));
  for (const line of cells) console.log(format(line));
  for (const peer of [...new Set(ratios.map((r) => r.peer))]) {
    const own = ratios.filter((r) => r.peer === peer && r.ratio !== null && r.ratio_cold !== null);
    if (own.length === 0) continue;
    const lowest = (key) => own.reduce((low, r) => (r[key] < low[key] ? r : low));
    const [warm, cold] = [lowest('ratio'), lowest('ratio_cold')];
    console.log(`${own[0].tokenlab} over ${peer}: lowest ${warm.ratio.toFixed(2)}x warm (${warm.encoding} ${warm.corpus}), ` +
      `${cold.ratio_cold.toFixed(2)}x cold (${cold.encoding} ${cold.corpus}); target ${kPeerTarget}x on every corpus`);
  }
}

function printLoads(loads) {
  const number = (value, digits = 1) => (value === null || value === undefined ? '-' : value.toFixed(digits));
  const header = ['encoding', 'tokenizer', 'load ms', '+RSS MB', '+JS heap MB', 'wasm memory MB', 'vocab MB'];
  const cells = loads.map((load) => [load.encoding, load.tokenizer, number(load.load_ms, 0), number(load.rss_mb),
    number(load.js_heap_mb), number(load.wasm_memory_mb), number(load.vocab_mb)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log('\nvocabulary load in a fresh process (import, load, first call) and the memory it added;');
  console.log('native: `tokenlab encode --timing` load, and the peak RSS of a whole `tokenlab encode` of an empty file;');
  console.log('--peer-command peers: the load they report');
  console.log(format(header));
  for (const line of cells) console.log(format(line));
}

// One line per kind of encoding: tokenlab-wasm's lowest ratios against the target.
function printTargets(rows) {
  for (const [kind, target] of Object.entries(kTargets)) {
    const own = rows.filter((row) => row.tokenizer === 'tokenlab-wasm' && suiteFor(row.encoding).kind === kind &&
      row.ratio !== null && row.ratio_cold !== null);
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
      return rust && row.mb_per_s !== null && rust.mb_per_s !== null ? { ...row, over: row.mb_per_s / rust.mb_per_s } : null;
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
  resolution = clock === 'cpu' ? cpuResolution() : wallResolution();
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
        rows.push(...await measureInput(encoding, suite, implementations, input, options, scratch));
      }
    }
    addRatios(rows);
    if (options.json) {
      const rounded = (value) => Math.round(value * 1000) / 1000;
      for (const row of rows) {
        console.log(JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' && key !== 'mismatches' ? rounded(value) : value]))));
      }
      for (const ratio of peerRatios(rows)) console.log(JSON.stringify({ kind: 'peer-ratio', ...ratio }));
      return;
    }

    const loads = [];
    for (const encoding of options.encodings) {
      for (const name of suiteFor(encoding).implementations) loads.push({ encoding, tokenizer: name, ...measureLoad(name, encoding) });
      loads.push({ encoding, tokenizer: 'tokenlab-native', ...nativeLoad(encoding, emptyFile) });
      for (const row of rows.filter((r) => r.peer && r.encoding === encoding && r.load_ms !== null)) {
        if (!loads.some((load) => load.encoding === encoding && load.tokenizer === row.tokenizer)) {
          loads.push({ encoding, tokenizer: row.tokenizer, load_ms: row.load_ms });
        }
      }
    }
    console.log('');
    printTable(rows);
    printPeerRatios(peerRatios(rows));
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
