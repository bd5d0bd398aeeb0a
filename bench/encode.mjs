// Encode throughput (MB/s) of tokenlab's wasm module and native CLI against the
// tokenizer libraries of the npm registry, in one node process, for cl100k_base
// and o200k_base on English, code and multilingual text. Every row's ids are
// checked against tiktoken's; "ratio" is a row's MB/s over the fastest peer's
// (tiktoken, js-tiktoken, gpt-tokenizer) on the same corpus and encoding.
//
//   node bench/encode.mjs                      default corpora (bench/corpus/encode-*.txt, 4 MB each)
//   node bench/encode.mjs --corpus a.txt --corpus b.txt --runs 5 --json
//     {"tokenizer":"tokenlab-wasm","encoding":"cl100k_base","corpus":"a","mb_per_s":25.1,"mismatches":0,"ratio":3.4}
//
//   corpus   encoding     tokenizer      MB/s  ratio  cold MB/s  cold ratio  mismatches
//   english  cl100k_base  tokenlab-wasm  22.9  2.89x       20.8       3.30x           0
//   ...
//
// MB is 10^6 bytes of UTF-8 input. "MB/s" is one warm-up run, then the best
// of --runs timed runs (fewer when one run is slow); "cold MB/s" is the best of
// runs that each start with an empty piece cache (tokenlab and gpt-tokenizer
// cache merged pieces; on a text with more distinct pieces than the cache
// holds, the warm number depends on the cache size). Times are wall clock or,
// with --clock cpu, the CPU time used (steadier on a busy machine). The native row
// times `tokenlab encode FILE` (TOKENLAB_CLI overrides build/src/cli/tokenlab)
// and subtracts the time of the same command on an empty file (process start
// and vocabulary load); every CLI run starts cold, so both its columns say the same. "mismatches" counts the ids in the stretch where a
// row's ids differ from tiktoken's: 0 means identical.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const cliPath = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const wasmPath = path.join(repoRoot, 'web', 'dist', 'tokenlab.wasm');
const vocabDir = process.env.TOKENLAB_VOCAB_DIR || path.join(repoRoot, 'web', 'dist', 'vocab');
const corpusDir = path.join(here, 'corpus');
const kEncodings = ['cl100k_base', 'o200k_base'];
const kPeers = ['tiktoken', 'js-tiktoken', 'gpt-tokenizer'];
const kImplementations = ['tokenlab-wasm', ...kPeers];
const kSlowRunSeconds = 8; // stop repeating an implementation after this much timed work

v8.setFlagsFromString('--expose_gc');
const collectGarbage = vm.runInNewContext('gc');

function parseOptions(argv) {
  const options = { corpora: [], json: false, runs: 5, clock: 'wall', probe: null };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--corpus') options.corpora.push(path.resolve(value()));
    else if (arg === '--json') options.json = true;
    else if (arg === '--runs') options.runs = Math.max(1, Number.parseInt(value(), 10) || 1);
    else if (arg === '--clock') {
      options.clock = value();
      if (!['wall', 'cpu'].includes(options.clock)) throw new Error('--clock is wall or cpu');
    } else if (arg === '--probe-load') options.probe = { implementation: value(), encoding: value() };
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/encode.mjs [--corpus FILE]... [--runs N] [--clock wall|cpu] [--json]');
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return options;
}

// ---------------------------------------------------------------------------
// Setting up: peers, builds, corpora

function log(message) {
  process.stderr.write(`${message}\n`);
}

function ensurePeers() {
  if (existsSync(path.join(here, 'node_modules', '.package-lock.json'))) return;
  log('installing the benchmark peers (npm ci in bench/)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: ['ignore', 2, 'inherit'] });
}

function ensureBuilt() {
  const vocabReady = kEncodings.every((name) => existsSync(path.join(vocabDir, `${name}.tiktoken`)));
  if (existsSync(cliPath) && existsSync(wasmPath) && vocabReady) return;
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

// ---------------------------------------------------------------------------
// The implementations: each loads an encoding and returns encode(text) -> ids,
// and forget() that empties its cache of merged pieces (tiktoken and
// js-tiktoken keep none), so a run can start cold.

async function loadTokenlabWasm(encoding) {
  const { loadEngine, readVocab } = await import('../tests/wasm/load-engine.mjs');
  const engine = await loadEngine();
  const rankFile = await readVocab(encoding);
  let tokenizer = engine.loadTiktoken(encoding, rankFile);
  return {
    encode: (text) => tokenizer.encode(text).ids,
    forget: () => {
      tokenizer.delete();
      tokenizer = engine.loadTiktoken(encoding, rankFile);
    },
    details: () => ({ wasm_memory_mb: engine.heapBytes() / 1e6, vocab_mb: tokenizer.memoryBytes() / 1e6 }),
  };
}

async function loadTiktokenWasm(encoding) {
  const { get_encoding } = await import('tiktoken');
  const enc = get_encoding(encoding);
  return { encode: (text) => enc.encode(text, [], []), forget: () => {} };
}

async function loadJsTiktoken(encoding) {
  const { Tiktoken } = await import('js-tiktoken/lite');
  const { default: ranks } = await import(`js-tiktoken/ranks/${encoding}`);
  const enc = new Tiktoken(ranks);
  return { encode: (text) => enc.encode(text, [], []), forget: () => {} };
}

async function loadGptTokenizer(encoding) {
  const { encode, clearMergeCache } = await import(`gpt-tokenizer/encoding/${encoding}`);
  const options = { disallowedSpecial: new Set() };
  return { encode: (text) => encode(text, options), forget: clearMergeCache };
}

const loaders = {
  'tokenlab-wasm': loadTokenlabWasm,
  tiktoken: loadTiktokenWasm,
  'js-tiktoken': loadJsTiktoken,
  'gpt-tokenizer': loadGptTokenizer,
};

// In a fresh process: time to import the library and load the vocabulary, and the memory it took.
async function probeLoad({ implementation, encoding }) {
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const loaded = await loaders[implementation](encoding);
  loaded.encode('warm up the first call');
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
function timed(work) {
  if (clock === 'cpu') {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1e6;
  }
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

// Best of up to `runs` measurements (seconds), stopping early past kSlowRunSeconds.
function bestTime(measureOnce, runs) {
  let best = Infinity;
  let spent = 0;
  for (let i = 0; i < runs && (i === 0 || spent < kSlowRunSeconds); ++i) {
    collectGarbage();
    const seconds = measureOnce();
    best = Math.min(best, seconds);
    spent += seconds;
  }
  return best;
}

// Seconds of one CLI run on the chosen clock, as bash's `time` reports them
// (wall, or user + system of the child).
function timedCli(args) {
  const script = 'TIMEFORMAT="%3R %3U %3S"; time "$@" >/dev/null';
  const result = spawnSync('bash', ['-c', script, 'bash', cliPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`tokenlab ${args.join(' ')}: ${result.stderr}`);
  const [real, user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return clock === 'cpu' ? user + system : real;
}

function measureNative(encoding, file, bytes, reference, runs, emptyFile) {
  const args = (input) => ['encode', '--tokenizer', encoding, '--vocab-dir', vocabDir, input];
  const result = spawnSync(cliPath, args(file), { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`tokenlab ${args(file).join(' ')}: ${result.stderr}`);
  const ids = result.stdout.toString().trim().split(' ').filter(Boolean).map(Number);
  const startup = bestTime(() => timedCli(args(emptyFile)), runs);
  const total = bestTime(() => timedCli(args(file)), runs);
  return { mb_per_s: bytes / 1e6 / Math.max(total - startup, 1e-6), mismatches: mismatchCount(reference, ids) };
}

function nativeLoad(encoding, emptyFile) {
  const args = ['encode', '--tokenizer', encoding, '--vocab-dir', vocabDir, emptyFile];
  const loadMs = bestTime(() => timedCli(args), 5) * 1000;
  let rssMb = null;
  if (existsSync('/usr/bin/time')) {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', cliPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    rssMb = Number(result.stderr.trim().split('\n').pop()) * 1024 / 1e6; // %M is in KiB
  }
  return { load_ms: loadMs, rss_mb: rssMb };
}

// ---------------------------------------------------------------------------
// Output

function printTable(rows) {
  const header = ['corpus', 'encoding', 'tokenizer', 'MB/s', 'ratio', 'cold MB/s', 'cold ratio', 'mismatches'];
  const cells = rows.map((row) => [row.corpus, row.encoding, row.tokenizer, row.mb_per_s.toFixed(1), `${row.ratio.toFixed(2)}x`,
    row.mb_per_s_cold === undefined ? '-' : row.mb_per_s_cold.toFixed(1),
    row.ratio_cold === undefined ? '-' : `${row.ratio_cold.toFixed(2)}x`, String(row.mismatches)]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
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

// ---------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  clock = options.clock;
  if (options.probe) return probeLoad(options.probe);

  ensurePeers();
  ensureBuilt();
  const corpora = options.corpora.length > 0 ? options.corpora : await defaultCorpora();
  const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-bench-'));
  const emptyFile = path.join(scratch, 'empty.txt');
  writeFileSync(emptyFile, '');

  const rows = [];
  const emit = (row) => {
    rows.push(row);
    log(`  ${row.corpus} ${row.encoding} ${row.tokenizer}: ${row.mb_per_s.toFixed(2)} MB/s, ${row.mismatches} mismatches`);
  };
  try {
    for (const encoding of kEncodings) {
      const implementations = {};
      for (const name of kImplementations) implementations[name] = await loaders[name](encoding);
      for (const file of corpora) {
        const corpus = path.basename(file).replace(/^encode-/, '').replace(/\.[^.]*$/, '');
        const bytes = readFileSync(file);
        const text = new TextDecoder().decode(bytes);
        const reference = Array.from(implementations.tiktoken.encode(text));
        for (const name of kImplementations) {
          const { encode, forget } = implementations[name];
          // Cold: the first run after the piece cache is emptied, as when a text is pasted once.
          const coldSeconds = bestTime(() => {
            forget();
            return timed(() => encode(text));
          }, options.runs);
          const ids = encode(text); // the ids to check; also warms the cache
          const seconds = bestTime(() => timed(() => encode(text)), options.runs);
          emit({ tokenizer: name, encoding, corpus, mb_per_s: bytes.length / 1e6 / seconds,
            mb_per_s_cold: bytes.length / 1e6 / coldSeconds, mismatches: mismatchCount(reference, ids) });
        }
        const native = measureNative(encoding, file, bytes.length, reference, options.runs, emptyFile);
        emit({ tokenizer: 'tokenlab-native', encoding, corpus, mb_per_s: native.mb_per_s, mb_per_s_cold: native.mb_per_s,
          mismatches: native.mismatches });
      }
    }
    for (const row of rows) {
      const peers = rows.filter((other) => other.corpus === row.corpus && other.encoding === row.encoding && kPeers.includes(other.tokenizer));
      row.ratio = row.mb_per_s / Math.max(...peers.map((peer) => peer.mb_per_s));
      if (row.mb_per_s_cold !== undefined) row.ratio_cold = row.mb_per_s_cold / Math.max(...peers.map((peer) => peer.mb_per_s_cold));
    }
    if (options.json) {
      const rounded = (value) => Math.round(value * 1000) / 1000;
      for (const row of rows) {
        console.log(JSON.stringify(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' && key !== 'mismatches' ? rounded(value) : value]))));
      }
      return;
    }

    const loads = [];
    for (const encoding of kEncodings) {
      for (const name of kImplementations) loads.push({ encoding, tokenizer: name, ...measureLoad(name, encoding) });
      loads.push({ encoding, tokenizer: 'tokenlab-native', ...nativeLoad(encoding, emptyFile) });
    }
    console.log('');
    printTable(rows);
    printLoads(loads);
    const [oneMinute] = loadavg();
    console.log(`\n${clock === 'cpu' ? 'CPU' : 'wall'} clock; node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${oneMinute.toFixed(1)} at the end${oneMinute > availableParallelism() && clock === 'wall' ? ' (busy machine: wall-clock numbers are low and noisy; try --clock cpu)' : ''}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
