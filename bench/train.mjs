#!/usr/bin/env node
// BPE training speed and memory: tokenlab's trainer natively (the CLI) and in
// WebAssembly under node, beside Hugging Face tokenizers' trainer (Rust,
// through @anush008/tokenizers, one thread) and Debian's spm_train (BPE, one
// thread), on the bench corpora. Every run is its own process under
// /usr/bin/time -v, for wall time and peak resident memory; the WebAssembly
// run also reports its module's heap. MB are 10^6 bytes.
//
// Unigram: tokenlab's trainer (the CLI's train-unigram, one thread) beside
// spm_train --model_type=unigram --num_threads=1, both on the same 19 of every
// 20 lines of the corpus, both without normalization (spm_train's identity
// rule; its whitespace handling, one ▁ per word, is the trainer's), and spm_train
// with no line-length limit so that it sees every line too. Each run of
// whitespace in a line becomes one space first, so both see the same words:
// spm_train keeps a tab or a no-break space as a character (a tab never in a
// piece), where the trainer's pre-tokenizer splits at every White_Space
// character. Besides time and memory: tokens per word on the held-out 20th
// lines, spm_encode for spm_train's model and the CLI's count on the
// tokenizer.json for tokenlab's.
//
//   node bench/train.mjs                       english.txt (~26 MB) and mix.txt (~100 MB)
//   node bench/train.mjs --corpus FILE         any file (repeatable)
//   node bench/train.mjs --only tokenlab-native,hf --sizes 30000
//   node bench/train.mjs --only tokenlab-unigram,spm-unigram --sizes 8000
//   node bench/train.mjs --json                one JSON object per line, per run
//
// Sizes: HF's binding trains only at its default 30 000, so it is compared
// there; spm_train at 8 000 and 32 000 (BPE and Unigram). tokenlab's BPE runs
// at all three, with the GPT-2 pre-tokenizer (HF's ByteLevel uses the same
// expression) and minimum pair frequency 2; its Unigram at 8 000 and 32 000.
//
// Installs its peers (bench/train/package.json), builds the corpora
// (bench/corpora/make-corpora.mjs), the CLI (build/) and the WebAssembly
// module (web/dist/) when they are missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const peersDir = path.join(here, 'train');

const options = { corpora: /** @type {string[]} */ ([]), json: false, only: /** @type {string[] | null} */ (null), sizes: /** @type {number[] | null} */ (null) };
for (let i = 2; i < process.argv.length; i++) {
  const [flag, inline] = process.argv[i].split('=', 2);
  const value = () => inline ?? process.argv[++i];
  if (flag === '--corpus') options.corpora.push(path.resolve(value()));
  else if (flag === '--json') options.json = true;
  else if (flag === '--only') options.only = value().split(',');
  else if (flag === '--sizes') options.sizes = value().split(',').map(Number);
  else {
    console.error('usage: node bench/train.mjs [--corpus FILE]... [--only tokenlab-native,tokenlab-wasm,hf,spm,tokenlab-unigram,spm-unigram] [--sizes 8000,30000,32000] [--json]');
    process.exit(2);
  }
}

const cli = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');

function log(message) {
  if (!options.json) console.error(message);
}

function ensurePrerequisites() {
  if (options.corpora.length === 0) {
    const corpusDir = path.join(here, 'corpus');
    if (!existsSync(path.join(corpusDir, 'mix.txt'))) execFileSync('node', [path.join(here, 'corpora', 'make-corpora.mjs')], { stdio: 'inherit' });
    options.corpora = ['english.txt', 'mix.txt'].map((name) => path.join(corpusDir, name));
  }
  const wanted = (name) => !options.only || options.only.includes(name);
  if (wanted('hf') && !existsSync(path.join(peersDir, 'node_modules', '@anush008', 'tokenizers'))) {
    log('installing the bench peers (bench/train)');
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: peersDir, stdio: 'inherit' });
  }
  if (!existsSync(cli)) {
    log('building the CLI (build/)');
    execFileSync('cmake', ['-S', repoRoot, '-B', path.join(repoRoot, 'build'), '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release'], { stdio: 'inherit' });
    execFileSync('cmake', ['--build', path.join(repoRoot, 'build'), '-j2', '--target', 'tokenlab'], { stdio: 'inherit' });
  }
  if (wanted('tokenlab-wasm') && !existsSync(path.join(repoRoot, 'web', 'dist', 'tokenlab.wasm'))) {
    log('building the WebAssembly module (web/dist/)');
    execFileSync(path.join(repoRoot, 'build-scripts', 'build-wasm.sh'), { stdio: 'inherit', env: { ...process.env, JOBS: '2' } });
  }
  if (!existsSync('/usr/bin/time') || !existsSync('/usr/bin/spm_train')) {
    console.error('bench/train.mjs needs /usr/bin/time and spm_train: apt-get install time sentencepiece');
    process.exit(2);
  }
}

/**
 * Runs a command under /usr/bin/time -v.
 * @returns {{wallSeconds: number, cpuSeconds: number, peakMb: number, stdout: string}}
 */
function measure(command, args, { cwd = repoRoot, env = {} } = {}) {
  const timing = path.join(scratch, 'time.txt');
  const result = spawnSync('/usr/bin/time', ['-v', '-o', timing, command, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const report = readFileSync(timing, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(report);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
  const user = /User time \(seconds\): ([\d.]+)/.exec(report);
  const system = /System time \(seconds\): ([\d.]+)/.exec(report);
  if (!wall || !rss) throw new Error(`unexpected /usr/bin/time output:\n${report}`);
  return {
    wallSeconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]),
    // CPU time as well: on a busy machine it moves less than the wall clock.
    cpuSeconds: Number(user?.[1] ?? 0) + Number(system?.[1] ?? 0),
    peakMb: (Number(rss[1]) * 1024) / 1e6,
    stdout: result.stdout,
  };
}

/** @type {Record<string, {sizes: number[], run: (corpus: string, size: number) => {wallSeconds: number, cpuSeconds?: number, peakMb: number, learned: number, heapMb?: number, tokensPerWord?: number}}>} */
const trainers = {
  'tokenlab-native': {
    sizes: [8000, 30000, 32000],
    run(corpus, size) {
      const output = path.join(scratch, 'native.json');
      const run = measure(cli, ['train-bpe', '--vocab-size', String(size), '--pretokenizer', 'gpt2', '--output', output, corpus]);
      return { ...run, learned: Object.keys(JSON.parse(readFileSync(output, 'utf8')).model.vocab).length };
    },
  },
  'tokenlab-wasm': {
    sizes: [8000, 30000, 32000],
    run(corpus, size) {
      const output = path.join(scratch, 'wasm.json');
      const run = measure('node', [path.join(peersDir, 'wasm-train.mjs'), corpus, String(size), 'gpt2', output]);
      const report = JSON.parse(run.stdout);
      return { ...run, learned: 256 + report.merges, heapMb: report.heapBytes / 1e6 };
    },
  },
  hf: {
    sizes: [30000],
    run(corpus) {
      const output = path.join(scratch, 'hf.json');
      const run = measure('node', [path.join(peersDir, 'hf-train.mjs'), corpus, output], { cwd: peersDir, env: { RAYON_NUM_THREADS: '1' } });
      return { ...run, learned: JSON.parse(run.stdout).vocabSize };
    },
  },
  spm: {
    sizes: [8000, 32000],
    run(corpus, size) {
      const prefix = path.join(scratch, 'spm');
      const run = measure('/usr/bin/spm_train', [`--input=${corpus}`, `--model_prefix=${prefix}`, `--vocab_size=${size}`, '--model_type=bpe', '--num_threads=1', '--minloglevel=2']);
      return { ...run, learned: readFileSync(`${prefix}.vocab`, 'utf8').trim().split('\n').length };
    },
  },
  'tokenlab-unigram': {
    sizes: [8000, 32000],
    run(corpus, size) {
      const { train, heldOut, words } = heldOutSplit(corpus);
      const output = path.join(scratch, 'unigram.json');
      const run = measure(cli, ['train-unigram', '--vocab-size', String(size), '--output', output, train]);
      const tokens = Number(execFileSync(cli, ['count', '--tokenizer-file', output, heldOut], { encoding: 'utf8' }).trim());
      return { ...run, learned: JSON.parse(readFileSync(output, 'utf8')).model.vocab.length, tokensPerWord: tokens / words };
    },
  },
  'spm-unigram': {
    sizes: [8000, 32000],
    run(corpus, size) {
      const { train, heldOut, words } = heldOutSplit(corpus);
      const prefix = path.join(scratch, 'spm-unigram');
      const run = measure('/usr/bin/spm_train', [
        `--input=${train}`, `--model_prefix=${prefix}`, `--vocab_size=${size}`, '--model_type=unigram', '--num_threads=1',
        '--normalization_rule_name=identity', '--max_sentence_length=1073741824', '--minloglevel=2',
      ]);
      const pieces = execFileSync('/usr/bin/spm_encode', [`--model=${prefix}.model`, `--input=${heldOut}`], { encoding: 'utf8', maxBuffer: 1 << 30 });
      const tokens = pieces.split(/[ \n]/).filter(Boolean).length;
      return { ...run, learned: readFileSync(`${prefix}.vocab`, 'utf8').trim().split('\n').length, tokensPerWord: tokens / words };
    },
  },
};

/** @type {Map<string, {train: string, heldOut: string, words: number}>} */
const splits = new Map();

// Unicode's White_Space characters but the newline, which ends a line.
const whitespaceRun = /[\t\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;

// The corpus's lines, whitespace made single spaces, split 19 to 1: every 20th
// line is held out (written once per corpus, shared by both Unigram trainers).
function heldOutSplit(corpus) {
  if (!splits.has(corpus)) {
    const lines = readFileSync(corpus, 'utf8').split('\n').map((line) => line.replace(whitespaceRun, ' ').trim());
    const train = [];
    const heldOut = [];
    lines.forEach((line, i) => (i % 20 === 19 ? heldOut : train).push(line));
    const name = path.basename(corpus, path.extname(corpus));
    const files = { train: path.join(scratch, `${name}.train.txt`), heldOut: path.join(scratch, `${name}.held-out.txt`) };
    writeFileSync(files.train, train.join('\n'));
    writeFileSync(files.heldOut, heldOut.join('\n'));
    splits.set(corpus, { ...files, words: heldOut.join(' ').split(' ').filter(Boolean).length });
  }
  return /** @type {{train: string, heldOut: string, words: number}} */ (splits.get(corpus));
}

const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-bench-train-'));
ensurePrerequisites();

/** @type {{corpus: string, corpusMb: number, trainer: string, size: number, wallSeconds: number, cpuSeconds?: number, peakMb: number, learned: number, heapMb?: number, tokensPerWord?: number}[]} */
const rows = [];
try {
  for (const corpus of options.corpora) {
    const corpusMb = statSync(corpus).size / 1e6;
    for (const [name, trainer] of Object.entries(trainers)) {
      if (options.only && !options.only.includes(name)) continue;
      for (const size of trainer.sizes) {
        if (options.sizes && !options.sizes.includes(size)) continue;
        log(`${path.basename(corpus)}: ${name} at ${size.toLocaleString('en-US')}…`);
        const row = { corpus: path.basename(corpus), corpusMb, trainer: name, size, ...trainer.run(corpus, size) };
        delete row.stdout;
        rows.push(row);
        if (options.json) {
          console.log(JSON.stringify({ corpus: row.corpus, corpus_mb: +corpusMb.toFixed(1), trainer: name, vocab_size: size, learned: row.learned, wall_s: +row.wallSeconds.toFixed(2), peak_rss_mb: +row.peakMb.toFixed(1), ...(row.heapMb ? { wasm_heap_mb: +row.heapMb.toFixed(1) } : {}), ...(row.tokensPerWord ? { tokens_per_word: +row.tokensPerWord.toFixed(4), cpu_s: +(row.cpuSeconds ?? 0).toFixed(2) } : {}) }));
        }
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (!options.json) printTable();

function printTable() {
  const find = (corpus, trainer, size) => rows.find((row) => row.corpus === corpus && row.trainer === trainer && row.size === size);
  const lines = [
    '| corpus | trainer | vocab | learned | wall s | peak RSS MB | × corpus | native is … faster |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const unigramRows = rows.filter((row) => row.tokensPerWord !== undefined);
  for (const row of rows.filter((row) => row.tokensPerWord === undefined)) {
    const native = find(row.corpus, 'tokenlab-native', row.size);
    const ratio = native && row.trainer !== 'tokenlab-native' ? `${(row.wallSeconds / native.wallSeconds).toFixed(1)}×` : '';
    const memory = `${row.peakMb.toFixed(0)}${row.heapMb ? ` (heap ${row.heapMb.toFixed(0)})` : ''}`;
    lines.push(`| ${row.corpus} (${row.corpusMb.toFixed(1)} MB) | ${row.trainer} | ${row.size.toLocaleString('en-US')} | ${row.learned.toLocaleString('en-US')} | ${row.wallSeconds.toFixed(2)} | ${memory} | ${(row.peakMb / row.corpusMb).toFixed(1)} | ${ratio} |`);
  }
  if (lines.length > 2) console.log(lines.join('\n'));
  if (unigramRows.length) {
    const unigram = [
      '| corpus | Unigram trainer | vocab | learned | wall s | CPU s | peak RSS MB | tokens/word (held out) | tokenlab is … faster |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ];
    for (const row of unigramRows) {
      const native = find(row.corpus, 'tokenlab-unigram', row.size);
      const ratio = native && row !== native ? `${(row.wallSeconds / native.wallSeconds).toFixed(1)}×` : '';
      unigram.push(`| ${row.corpus} (${row.corpusMb.toFixed(1)} MB) | ${row.trainer} | ${row.size.toLocaleString('en-US')} | ${row.learned.toLocaleString('en-US')} | ${row.wallSeconds.toFixed(2)} | ${row.cpuSeconds?.toFixed(2)} | ${row.peakMb.toFixed(0)} | ${row.tokensPerWord?.toFixed(4)} | ${ratio} |`);
    }
    console.log(`${lines.length > 2 ? '\n' : ''}${unigram.join('\n')}`);
  }

  // The targets: native ≥ 1.5× faster than HF at 30 000 and ≥ 5× faster than
  // spm_train; WASM within 1.5× of HF's native time; peak memory ≤ 3× the corpus.
  const checks = [];
  for (const corpus of [...new Set(rows.map((row) => row.corpus))]) {
    const hf = find(corpus, 'hf', 30000);
    const native30 = find(corpus, 'tokenlab-native', 30000);
    const wasm30 = find(corpus, 'tokenlab-wasm', 30000);
    if (hf && native30) checks.push(`${corpus}: native ${(hf.wallSeconds / native30.wallSeconds).toFixed(1)}× faster than HF at 30,000 (target ≥ 1.5×)`);
    if (hf && wasm30) checks.push(`${corpus}: WASM takes ${(wasm30.wallSeconds / hf.wallSeconds).toFixed(2)}× HF's time at 30,000 (target ≤ 1.5×)`);
    for (const size of [8000, 32000]) {
      const spm = find(corpus, 'spm', size);
      const native = find(corpus, 'tokenlab-native', size);
      if (spm && native) checks.push(`${corpus}: native ${(spm.wallSeconds / native.wallSeconds).toFixed(1)}× faster than spm_train at ${size.toLocaleString('en-US')} (target ≥ 5×)`);
    }
    // Unigram: at least as fast as spm_train, tokens per word within 1% of its.
    for (const size of [8000, 32000]) {
      const spm = find(corpus, 'spm-unigram', size);
      const native = find(corpus, 'tokenlab-unigram', size);
      if (!spm || !native) continue;
      checks.push(`${corpus}: Unigram ${(spm.wallSeconds / native.wallSeconds).toFixed(1)}× faster than spm_train at ${size.toLocaleString('en-US')} (${((spm.cpuSeconds ?? 0) / (native.cpuSeconds || 1)).toFixed(1)}× in CPU time; target ≥ 1×)`);
      const difference = (100 * (native.tokensPerWord - spm.tokensPerWord)) / spm.tokensPerWord;
      checks.push(`${corpus}: Unigram tokens per word ${difference >= 0 ? '+' : ''}${difference.toFixed(2)}% of spm_train's at ${size.toLocaleString('en-US')} (target within ±1%)`);
    }
    // The WebAssembly runs count the module's heap: the process adds node's own ~60 MB.
    const native = rows.filter((row) => row.corpus === corpus && row.trainer === 'tokenlab-native');
    const wasm = rows.filter((row) => row.corpus === corpus && row.trainer === 'tokenlab-wasm');
    if (native.length) checks.push(`${corpus}: native peak memory at most ${Math.max(...native.map((row) => row.peakMb / row.corpusMb)).toFixed(2)}× the corpus (target ≤ 3×)`);
    if (wasm.length) checks.push(`${corpus}: WASM module heap at most ${Math.max(...wasm.map((row) => (row.heapMb ?? 0) / row.corpusMb)).toFixed(2)}× the corpus (target ≤ 3×)`);
  }
  if (checks.length) console.log(`\n${checks.join('\n')}`);
}
