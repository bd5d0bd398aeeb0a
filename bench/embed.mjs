// Word-embedding training, side by side: tokenlab natively (1 and 2 threads),
// as WebAssembly in node (the one-thread module, and the threads module at 1
// and 2 threads) and in the page in headless Chromium (1 and 2 threads,
// bench/embed/chromium-train.mjs), Debian's fastText command, fastText's own
// WebAssembly build (npm fasttext.wasm.js) in node, and Debian's gensim
// Word2Vec, all on the same corpus with the same settings (skip-gram, dim 100,
// window 5, negative 5, min count 5, sample 1e-4, 5 epochs, lr 0.025, one
// thread), then one evaluation of every .vec file (bench/embed/evaluate.mjs).
//
//   node bench/embed.mjs                  bench/corpus/embed.txt, 5 epochs (about 12 CPU
//                                         minutes, most of it fastText's and gensim's)
//   node bench/embed.mjs --quick          a 500 000-word slice, 1 epoch (a minute; the
//                                         quality columns then mean little)
//   node bench/embed.mjs --json           one JSON object per row on stdout
//     {"row":"gensim","label":"gensim Word2Vec","train_cpu_s":113.9,"train_wall_s":445.0,
//      "max_rss_mb":146,"words_per_s_cpu":196427,"words_per_s_wall":50277,"analogy":0.0791,
//      "wordsim353":0.501,"simlex999":0.251,"king":"queen","ratio_vs_gensim":1,...}
//   node bench/embed.mjs --only tokenlab-native,gensim --eval-dir DIR --keep-vectors DIR
//
// Words per second are corpus words (whitespace-separated, as every trainer
// here splits them) x epochs over training time, measured on the CPU time of
// the trainer's process (all its threads) and on the wall clock. The machine
// may be shared and busy, so the ratios use CPU time, which a busy machine
// disturbs far less than wall time. Training time leaves out reading the
// corpus, building the vocabulary and writing the vectors:
//   - gensim and both WebAssembly builds time train() in their own process;
//   - tokenlab's command is timed between its first progress line and its
//     100% line, scaled up by the share of the words before the first line;
//   - fastText's command (one thread prints no progress) between its
//     "Number of labels" line and its final progress line.
// CPU times of the commands are read from /proc when those lines appear.
// Peak memory is the maximum resident set size from /usr/bin/time -v (for
// the WebAssembly rows, node's own ~50 MB included).
//
// Missing peers are installed: Debian's fasttext, python3-gensim and time
// (apt-get), fasttext.wasm.js (npm ci in bench/embed). TOKENLAB_CLI overrides
// build/src/cli/tokenlab; the WebAssembly row loads the page's module
// (web/dist/tokenlab.{js,wasm}, built by build-scripts/build-wasm.sh) through
// web/engine/embedding-engine.js.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { evaluate, loadEvalSets, readVec } from './embed/evaluate.mjs';
import { runMeasured } from './embed/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const peersDir = path.join(here, 'embed');
const cliPath = process.env.TOKENLAB_CLI || path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab');
const kDebianPeers = ['fasttext', 'python3-gensim', 'time'];
const kPython = '/usr/bin/python3'; // Debian's, where python3-gensim lives
const kQuickWords = 500_000;
const kQuickParts = 50;
// Anchors the targets compare against; the other rows are tokenlab's.
const kAnchors = ['fasttext-native', 'fasttext-wasm', 'gensim'];

const kRows = [
  { key: 'tokenlab-native', label: 'tokenlab native', run: (job) => runTokenlabNative(job, 1) },
  { key: 'tokenlab-native-2t', label: 'tokenlab native, 2 threads', run: (job) => runTokenlabNative(job, 2) },
  { key: 'tokenlab-wasm', label: 'tokenlab WASM (node)', run: (job) => runWasm(job, 'tokenlab-wasm') },
  { key: 'tokenlab-wasm-threads', label: 'tokenlab WASM threads module (node), 1 thread', run: (job) => runWasm(job, 'tokenlab-wasm-threads', 1) },
  { key: 'tokenlab-wasm-threads-2t', label: 'tokenlab WASM threads module (node), 2 threads', run: (job) => runWasm(job, 'tokenlab-wasm-threads', 2) },
  { key: 'tokenlab-chromium', label: 'tokenlab in Chromium, 1 thread', run: (job) => runChromium(job, 1) },
  { key: 'tokenlab-chromium-2t', label: 'tokenlab in Chromium, 2 threads', run: (job) => runChromium(job, 2) },
  { key: 'fasttext-native', label: 'fastText native', run: (job) => runFastTextNative(job) },
  { key: 'fasttext-wasm', label: 'fastText WASM (node)', run: (job) => runWasm(job, 'fasttext-wasm') },
  { key: 'gensim', label: 'gensim Word2Vec', run: (job) => runGensim(job) },
];

function parseOptions(argv) {
  const options = {
    quick: false,
    json: false,
    evalDir: path.resolve(repoRoot, '..', 'shared', 'data', 'eval'),
    corpus: path.join(here, 'corpus', 'embed.txt'),
    only: null,
    keepVectors: null,
  };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--eval-dir') options.evalDir = path.resolve(value());
    else if (arg === '--corpus') options.corpus = path.resolve(value());
    else if (arg === '--keep-vectors') options.keepVectors = path.resolve(value());
    else if (arg === '--only') {
      options.only = value().split(',');
      const unknown = options.only.filter((key) => !kRows.some((row) => row.key === key));
      if (unknown.length) throw new Error(`--only: unknown row ${unknown.join(', ')} (rows: ${kRows.map((row) => row.key).join(', ')})`);
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/embed.mjs [--quick] [--json] [--corpus FILE] [--eval-dir DIR] [--only ROW,...] [--keep-vectors DIR]');
      console.log(`rows: ${kRows.map((row) => row.key).join(', ')}`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return options;
}

function log(message) {
  process.stderr.write(`${message}\n`);
}

// ---------------------------------------------------------------------------
// Setting up: peers, builds, corpus, evaluation sets

function ensureDebianPeers() {
  const missing = kDebianPeers.filter((name) => {
    const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).stdout || '';
    return !status.includes('install ok installed');
  });
  if (!missing.length) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 2, 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 2, 'inherit'], env });
}

function ensureNpmPeers() {
  const installed = path.join(peersDir, 'node_modules', '.package-lock.json');
  const lock = path.join(peersDir, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing the npm peers (npm ci in bench/embed)');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: peersDir,
    stdio: ['ignore', 2, 'inherit'],
  });
}

function ensureCli() {
  if (existsSync(cliPath)) return;
  log('building tokenlab natively (build/)');
  execFileSync('cmake', ['-S', repoRoot, '-B', path.join(repoRoot, 'build'), '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release'], { stdio: ['ignore', 2, 'inherit'] });
  execFileSync('cmake', ['--build', path.join(repoRoot, 'build'), '-j2', '--target', 'tokenlab'], { stdio: ['ignore', 2, 'inherit'] });
}

// The page's WebAssembly module, rebuilt (build-scripts/build-wasm.sh) when
// missing or older than a source of the embedding engine or its bindings.
function ensureWasm() {
  const outputs = ['tokenlab.wasm', 'tokenlab-threads.wasm'].map((name) => path.join(repoRoot, 'web', 'dist', name));
  const sourceDirs = ['src/embedding', 'src/bindings'].map((dir) => path.join(repoRoot, dir));
  const sources = sourceDirs.flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name)));
  sources.push(path.join(repoRoot, 'web', 'engine', 'embedding-engine.js'));
  const builtAt = Math.min(...outputs.map((output) => (existsSync(output) ? statSync(output).mtimeMs : 0)));
  if (sources.every((file) => statSync(file).mtimeMs < builtAt)) return;
  log('building the WebAssembly module (build-scripts/build-wasm.sh)');
  execFileSync('bash', [path.join(repoRoot, 'build-scripts', 'build-wasm.sh')], {
    stdio: ['ignore', 2, 'inherit'],
    env: { ...process.env, JOBS: process.env.JOBS || '2' },
  });
}

function ensureCorpus(corpus) {
  if (existsSync(corpus)) return;
  if (corpus !== path.join(here, 'corpus', 'embed.txt')) throw new Error(`no corpus at ${corpus}`);
  log('building the corpus (node bench/corpora/make-corpora.mjs)');
  execFileSync(process.execPath, [path.join(here, 'corpora', 'make-corpora.mjs')], { stdio: ['ignore', 2, 'inherit'] });
}

// Words as fastText's readWord and tokenlab's reader split them: runs of bytes
// other than space, \t, \n, \v, \f, \r and \0.
function countWords(bytes) {
  let words = 0;
  let inWord = false;
  for (const byte of bytes) {
    const space = byte === 0x20 || (byte >= 0x09 && byte <= 0x0d) || byte === 0;
    if (!space && !inWord) ++words;
    inWord = !space;
  }
  return words;
}

// --quick: the corpus cut into kQuickParts parts of equal word count, and the
// first lines of each up to kQuickWords / kQuickParts words, so every source
// is represented.
function quickSlice(bytes, workDir) {
  const lines = bytes.toString('utf8').split('\n');
  const lineWords = lines.map((line) => countWords(Buffer.from(line)));
  const total = lineWords.reduce((sum, words) => sum + words, 0);
  const partWords = total / kQuickParts;
  const takeWords = kQuickWords / kQuickParts;
  const kept = [];
  let before = 0;
  for (let i = 0; i < lines.length; ++i) {
    if (before - Math.floor(before / partWords) * partWords < takeWords) kept.push(lines[i]);
    before += lineWords[i];
  }
  const file = path.join(workDir, 'quick.txt');
  writeFileSync(file, `${kept.join('\n')}\n`);
  return file;
}

// ---------------------------------------------------------------------------
// The trainers: each returns training CPU and wall seconds, peak memory and a .vec file

async function runTokenlabNative(job, threads) {
  const s = job.settings;
  const vecPath = path.join(job.workDir, `tokenlab-native-${threads}t.vec`);
  let first = null;
  let cliSeconds = null;
  const run = await runMeasured(cliPath, [
    'train-vectors', '--input', job.corpus, '--output', vecPath, '--model', 'skipgram',
    '--dim', s.dim, '--window', s.window, '--negative', s.negative, '--min-count', s.minCount,
    '--sample', s.sample, '--epochs', s.epochs, '--lr', s.lr, '--threads', threads, '--seed', s.seed,
    '--digits', s.digits,
  ].map(String), {
    markers: { end: /^\s*100\.0%\s+epoch/ },
    onLine: (line, at) => {
      const progress = line.match(/^\s*([\d.]+)%\s+epoch/);
      if (progress && !first) first = { ...at, fraction: Number(progress[1]) / 100 };
      const summary = line.match(/ in ([\d.]+)s \(/);
      if (summary) cliSeconds = Number(summary[1]);
    },
  });
  const end = run.marks.end;
  if (!first || !end || first.fraction >= 1) throw new Error('tokenlab train-vectors printed no progress lines');
  const scale = 1 / (1 - first.fraction);
  return {
    train_cpu_s: (end.cpuSeconds - first.cpuSeconds) * scale,
    train_wall_s: (end.wallSeconds - first.wallSeconds) * scale,
    cli_train_wall_s: cliSeconds,
    max_rss_mb: run.maxRssMb,
    vecPath,
  };
}

async function runFastTextNative(job) {
  const s = job.settings;
  const prefix = path.join(job.workDir, 'fasttext-native');
  const run = await runMeasured('fasttext', [
    'skipgram', '-input', job.corpus, '-output', prefix, '-minn', 0, '-maxn', 0, '-thread', 1,
    '-dim', s.dim, '-ws', s.window, '-neg', s.negative, '-minCount', s.minCount, '-t', s.sample,
    '-epoch', s.epochs, '-lr', s.lr, '-seed', s.seed,
  ].map(String), { markers: { start: /^Number of labels/, end: /^Progress: 100/ } });
  const { start, end } = run.marks;
  if (!start || !end) throw new Error('fasttext printed neither "Number of labels" nor its final progress line');
  rmSync(`${prefix}.bin`, { force: true });
  return {
    train_cpu_s: end.cpuSeconds - start.cpuSeconds,
    train_wall_s: end.wallSeconds - start.wallSeconds,
    max_rss_mb: run.maxRssMb,
    vecPath: `${prefix}.vec`,
  };
}

async function runGensim(job) {
  const s = job.settings;
  const vecPath = path.join(job.workDir, 'gensim.vec');
  // The environment goes through unchanged (BLAS threading settings included).
  const run = await runMeasured(kPython, [
    path.join(peersDir, 'gensim_train.py'), job.corpus, vecPath, '--dim', s.dim, '--window', s.window,
    '--negative', s.negative, '--min-count', s.minCount, '--sample', s.sample, '--epochs', s.epochs,
    '--lr', s.lr, '--seed', s.seed,
  ].map(String));
  const result = JSON.parse(run.stdout.trim().split('\n').pop());
  return { train_cpu_s: result.train_cpu_s, train_wall_s: result.train_wall_s, max_rss_mb: run.maxRssMb, vecPath };
}

async function runWasm(job, name, threads = 1) {
  const vecPath = path.join(job.workDir, `${name}-${threads}t.vec`);
  const run = await runMeasured(process.execPath, [
    path.join(peersDir, 'wasm-train.mjs'), name, job.corpus, vecPath, JSON.stringify({ ...job.settings, threads }),
  ]);
  const result = JSON.parse(run.stdout.trim().split('\n').pop());
  return {
    train_cpu_s: result.train_cpu_s,
    train_wall_s: result.train_wall_s,
    max_rss_mb: run.maxRssMb,
    wasm_heap_mb: result.heap_mb,
    vecPath,
  };
}

// The page in headless Chromium (bench/embed/chromium-train.mjs): wall time
// only, as the page measures it; Chromium's CPU time is in other processes.
async function runChromium(job, threads) {
  const vecPath = path.join(job.workDir, `tokenlab-chromium-${threads}t.vec`);
  const run = await runMeasured(process.execPath, [
    path.join(peersDir, 'chromium-train.mjs'), job.corpus, vecPath, JSON.stringify({ ...job.settings, threads }),
  ]);
  const result = JSON.parse(run.stdout.trim().split('\n').pop());
  if (result.threads !== threads) throw new Error(`the page trained on ${result.threads} threads, not ${threads}: ${result.phase}`);
  return { train_cpu_s: null, train_wall_s: result.train_wall_s, max_rss_mb: null, vecPath };
}

// ---------------------------------------------------------------------------
// Reporting

function versions() {
  const dpkgVersion = (name) => spawnSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' }).stdout || '?';
  let fastTextWasm = '?';
  try {
    fastTextWasm = JSON.parse(readFileSync(path.join(peersDir, 'node_modules', 'fasttext.wasm.js', 'package.json'), 'utf8')).version;
  } catch {}
  return `fasttext ${dpkgVersion('fasttext')}, python3-gensim ${dpkgVersion('python3-gensim')}, fasttext.wasm.js ${fastTextWasm}, node ${process.version}`;
}

function formatTable(header, rows, alignRight) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) =>
    cells
      .map((cell, column) => (alignRight[column] ? String(cell).padStart(widths[column]) : String(cell).padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const thousands = (value) => (value == null ? '-' : Math.round(value).toLocaleString('en-US'));
const fixed = (value, digits) => (value == null || Number.isNaN(value) ? '-' : value.toFixed(digits));

function printTables(results, header) {
  console.log(header);
  console.log('');
  console.log(formatTable(
    ['trainer', 'words/s (CPU)', 'words/s (wall)', 'x gensim', 'x fastText WASM', 'train CPU s', 'train wall s', 'peak RSS MB'],
    results.map((r) => [r.label, thousands(r.words_per_s_cpu), thousands(r.words_per_s_wall), fixed(r.ratio_vs_gensim, 2),
      fixed(r.ratio_vs_fasttext_wasm, 2), fixed(r.train_cpu_s, 1), fixed(r.train_wall_s, 1), thousands(r.max_rss_mb)]),
    [false, true, true, true, true, true, true, true],
  ));
  console.log('');
  console.log(formatTable(
    ['trainer', 'vocabulary', 'analogy % (covered)', 'WordSim-353 rho (pairs)', 'SimLex-999 rho (pairs)', 'king - man + woman'],
    results.map((r) => [r.label, thousands(r.vocabulary), `${fixed(100 * r.analogy, 2)} (${r.analogy_covered})`,
      `${fixed(r.wordsim353, 3)} (${r.wordsim353_pairs})`, `${fixed(r.simlex999, 3)} (${r.simlex999_pairs})`, r.king ?? '-']),
    [false, true, true, true, true, false],
  ));
}

// The issue's targets, stated with the measured values (ratios on CPU time).
function printTargets(results) {
  const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
  const lines = [];
  const ratio = (a, b, target, text) => {
    if (!byKey[a] || !byKey[b]) return;
    const value = byKey[a].words_per_s_cpu / byKey[b].words_per_s_cpu;
    lines.push(`${value >= target ? 'met ' : 'MISSED'}  ${text}: ${value.toFixed(2)}x (target >= ${target}x)`);
  };
  ratio('tokenlab-wasm', 'gensim', 1, 'tokenlab WASM vs gensim native');
  ratio('tokenlab-wasm', 'fasttext-wasm', 2.5, 'tokenlab WASM vs fastText WASM');
  ratio('tokenlab-native', 'gensim', 1.5, 'tokenlab native vs gensim');
  // Threads pay off in wall time (CPU time grows with them), so these two use the wall clock.
  const wallRatio = (a, b, target, text) => {
    if (!byKey[a] || !byKey[b]) return;
    const value = byKey[a].words_per_s_wall / byKey[b].words_per_s_wall;
    lines.push(`${value >= target ? 'met ' : 'MISSED'}  ${text}: ${value.toFixed(2)}x on the wall clock (target >= ${target}x)`);
  };
  wallRatio('tokenlab-chromium-2t', 'tokenlab-chromium', 1.7, 'tokenlab in Chromium, 2 threads vs 1');
  wallRatio('tokenlab-wasm-threads-2t', 'tokenlab-wasm-threads', 1.7, 'tokenlab WASM threads module in node, 2 threads vs 1');
  const anchors = results.filter((r) => kAnchors.includes(r.key));
  if (anchors.length) {
    const metrics = [
      ['analogy', 'analogy', 100, 0.5, 'points'],
      ['wordsim353', 'WordSim-353', 1, 0.02, ''],
      ['simlex999', 'SimLex-999', 1, 0.02, ''],
    ];
    for (const [field, name, scale, tolerance, unit] of metrics) {
      const best = anchors.reduce((top, r) => (r[field] > top[field] ? r : top));
      for (const key of ['tokenlab-native', 'tokenlab-wasm']) {
        if (!byKey[key]) continue;
        const delta = (byKey[key][field] - best[field]) * scale;
        const digits = scale === 100 ? 2 : 3;
        lines.push(`${delta >= -tolerance ? 'met ' : 'MISSED'}  ${name}, ${byKey[key].label}: ${(byKey[key][field] * scale).toFixed(digits)} vs best anchor ${best.label} ${(best[field] * scale).toFixed(digits)} (${delta >= 0 ? '+' : ''}${delta.toFixed(digits)}${unit ? ` ${unit}` : ''}; within ${tolerance} required)`);
      }
    }
  }
  // Hogwild's lost updates: the vectors of 2 threads score as those of 1, within the anchors' tolerances.
  for (const [two, one] of [['tokenlab-chromium-2t', 'tokenlab-chromium'], ['tokenlab-wasm-threads-2t', 'tokenlab-wasm-threads']]) {
    if (!byKey[two] || !byKey[one]) continue;
    for (const [field, name, scale, tolerance] of [['analogy', 'analogy', 100, 0.5], ['wordsim353', 'WordSim-353', 1, 0.02], ['simlex999', 'SimLex-999', 1, 0.02]]) {
      const delta = (byKey[two][field] - byKey[one][field]) * scale;
      const digits = scale === 100 ? 2 : 3;
      lines.push(`${delta >= -tolerance ? 'met ' : 'MISSED'}  ${name}, ${byKey[two].label}: ${(byKey[two][field] * scale).toFixed(digits)} vs 1 thread ${(byKey[one][field] * scale).toFixed(digits)} (${delta >= 0 ? '+' : ''}${delta.toFixed(digits)}; within ${tolerance} required)`);
    }
  }
  if (lines.length) console.log(`\nTargets (speed ratios on CPU time):\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  for (const file of ['questions-words.txt', 'wordsim353.tsv', 'simlex999.txt']) {
    if (!existsSync(path.join(options.evalDir, file))) throw new Error(`no ${file} in ${options.evalDir} (--eval-dir DIR)`);
  }
  const rows = kRows.filter((row) => !options.only || options.only.includes(row.key));
  ensureDebianPeers();
  ensureNpmPeers();
  if (rows.some((row) => row.key.startsWith('tokenlab-native'))) ensureCli();
  if (rows.some((row) => /^tokenlab-(wasm|chromium)/.test(row.key))) ensureWasm();
  ensureCorpus(options.corpus);

  const workDir = mkdtempSync(path.join(tmpdir(), 'tokenlab-embed-'));
  try {
    const corpus = options.quick ? quickSlice(readFileSync(options.corpus), workDir) : options.corpus;
    const corpusWords = countWords(readFileSync(corpus));
    const settings = { dim: 100, window: 5, negative: 5, minCount: 5, sample: 1e-4, epochs: options.quick ? 1 : 5, lr: 0.025, seed: 1, digits: 6 };
    const job = { corpus, workDir, settings };
    const trainedWords = corpusWords * settings.epochs;
    log(`${corpusWords.toLocaleString('en-US')} corpus words x ${settings.epochs} epochs; vectors in ${workDir}`);

    const results = [];
    for (const row of rows) {
      const load = loadavg()[0];
      log(`training: ${row.label} (load average ${load.toFixed(2)})`);
      const measured = await row.run(job);
      log(`  ${measured.train_cpu_s?.toFixed(1) ?? '-'} s CPU, ${measured.train_wall_s.toFixed(1)} s wall, ${measured.max_rss_mb == null ? '-' : Math.round(measured.max_rss_mb)} MB`);
      results.push({ row, measured, load });
    }

    log('evaluating the vectors');
    const sets = await loadEvalSets(options.evalDir);
    const report = [];
    for (const { row, measured, load } of results) {
      const { vecPath, ...timing } = measured;
      const quality = evaluate(readVec(await readFile(vecPath, 'utf8')), sets);
      if (options.keepVectors) {
        mkdirSync(options.keepVectors, { recursive: true });
        writeFileSync(path.join(options.keepVectors, `${row.key}.vec`), readFileSync(vecPath));
      }
      report.push({
        row: row.key,
        label: row.label,
        corpus_words: corpusWords,
        epochs: settings.epochs,
        ...timing,
        words_per_s_cpu: timing.train_cpu_s == null ? null : trainedWords / timing.train_cpu_s,
        words_per_s_wall: trainedWords / timing.train_wall_s,
        load_average_1m: Number(load.toFixed(2)),
        vocabulary: quality.vocabulary,
        analogy: quality.analogy.accuracy,
        analogy_correct: quality.analogy.correct,
        analogy_covered: quality.analogy.covered,
        analogy_total: quality.analogy.total,
        wordsim353: quality.wordsim353.rho,
        wordsim353_pairs: quality.wordsim353.pairs,
        simlex999: quality.simlex999.rho,
        simlex999_pairs: quality.simlex999.pairs,
        king: quality.king,
      });
    }
    const speedOf = (key) => report.find((r) => r.row === key)?.words_per_s_cpu;
    for (const r of report) {
      // Rows without CPU time (Chromium's) have no ratio.
      r.ratio_vs_gensim = speedOf('gensim') && r.words_per_s_cpu != null ? r.words_per_s_cpu / speedOf('gensim') : null;
      r.ratio_vs_fasttext_wasm = speedOf('fasttext-wasm') && r.words_per_s_cpu != null ? r.words_per_s_cpu / speedOf('fasttext-wasm') : null;
    }

    if (options.json) {
      for (const r of report) console.log(JSON.stringify(r));
      return;
    }
    const header = [
      `Corpus ${path.relative(repoRoot, options.corpus)}${options.quick ? ' (--quick slice)' : ''}: ${corpusWords.toLocaleString('en-US')} words x ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'}; skip-gram, dim ${settings.dim}, window ${settings.window}, negative ${settings.negative}, min count ${settings.minCount}, sample ${settings.sample}, lr ${settings.lr}, one thread unless stated.`,
      `Words/s = corpus words x epochs / training seconds; ratios use CPU time (user + system of the trainer's process), steadier than wall time on a shared machine.`,
      `Evaluation: ${options.evalDir} (3CosAdd over questions with all four words in vocabulary; Spearman over in-vocabulary pairs).`,
      `Peers: ${versions()}. Load average during the runs: ${report.map((r) => r.load_average_1m.toFixed(1)).join(', ')}.`,
    ].join('\n');
    printTables(report.map((r) => ({ ...r, key: r.row })), header);
    printTargets(report.map((r) => ({ ...r, key: r.row })));
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
