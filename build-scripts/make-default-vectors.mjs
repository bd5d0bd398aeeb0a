#!/usr/bin/env node
// Makes the Embeddings view's default vectors: the native CLI trains skip-gram
// vectors on the public-domain English corpus of bench/corpora (vectors.txt:
// King James Bible, Moby-Dick, State of the Union speeches, WordNet glosses,
// Webster's 1913 dictionary, the fortune databases and The Devil's
// Dictionary, no source above 1.5 M words and the Bible at 0.2 M;
// lower-cased, letters and apostrophes only, about 5.6 M words), and the
// most frequent words are kept
// in the page's compact form (web/engine/compact-vectors.js: int8 values with
// one scale per row).
//
//   node build-scripts/make-default-vectors.mjs --tokenlab build/src/cli/tokenlab --out web/dist/vectors
//     → web/dist/vectors/default.tlv, and the explainer's three claims checked
//       on the stored values with the page's post-processing (centred):
//       cancel nearer terminate than pizza, queen among king's ten
//       neighbours, king − man + woman → queen first
//     web/dist/vectors/sample.txt, a fifth of the corpus for training in the page
//   … --table [--eval DIR]: also the quality table of every post-processing
//     choice (analogy accuracy, WordSim-353 and SimLex-999 Spearman, the
//     claims), DIR holding questions-words.txt, wordsim353.tsv, simlex999.txt
//
// Skipped when the output is newer than every input (the corpus, this script,
// the compact format and the engine's sources); --force makes it anyway.
// One thread, so a rebuild gives exactly the same vectors (two threads train
// lock-free, Hogwild, and differ slightly from run to run); --threads 2 is faster.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { decodeCompactVectors, encodeCompactVectors } from '../web/engine/compact-vectors.js';
import { packWords, unpackWords } from '../web/engine/embedding-engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The settings of the issue's comparison, so the page shows what the bench measures.
const kSettings = { model: 'skipgram', dim: 100, window: 5, negative: 5, minCount: 5, sample: 1e-4, epochs: 5, learningRate: 0.025, seed: 5 };
const kMaxWords = 30000;

/** @param {string} name @param {string} fallback */
function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const tokenlab = path.resolve(option('tokenlab', path.join(repoRoot, 'build', 'src', 'cli', 'tokenlab')));
const outDir = path.resolve(option('out', path.join(repoRoot, 'web', 'dist', 'vectors')));
const threads = option('threads', '1');
const corpus = path.join(repoRoot, 'bench', 'corpus', 'vectors.txt');
const sampleCorpus = path.join(repoRoot, 'bench', 'corpus', 'vectors-sample.txt');
const output = path.join(outDir, 'default.tlv');
const sampleOutput = path.join(outDir, 'sample.txt');

/** @param {string} dir @returns {string[]} */
const sourcesIn = (dir) => readdirSync(dir).filter((name) => /\.(h|cpp)$/.test(name)).map((name) => path.join(dir, name));

function inputs() {
  return [
    corpus,
    sampleCorpus,
    fileURLToPath(import.meta.url),
    path.join(repoRoot, 'web', 'engine', 'compact-vectors.js'),
    path.join(repoRoot, 'src', 'cli', 'train_vectors_command.cpp'),
    path.join(repoRoot, 'bench', 'corpora', 'make-corpora.mjs'),
    ...sourcesIn(path.join(repoRoot, 'src', 'embedding')),
  ];
}

function upToDate() {
  if (!existsSync(output) || !existsSync(sampleOutput) || !existsSync(corpus) || !existsSync(sampleCorpus)) return false;
  const made = Math.min(statSync(output).mtimeMs, statSync(sampleOutput).mtimeMs);
  return inputs().every((file) => statSync(file).mtimeMs < made);
}

/**
 * word2vec text to words and values (the CLI's own output, so no checks
 * beyond the shape).
 * @param {string} text @param {number} limit
 */
function parseVec(text, limit) {
  const lines = text.split('\n');
  const [count, dim] = lines[0].trim().split(' ').map(Number);
  const rows = Math.min(count, limit);
  /** @type {string[]} */
  const words = [];
  const values = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row++) {
    const fields = lines[row + 1].trim().split(' ');
    if (fields.length !== dim + 1) throw new Error(`line ${row + 2} of the trained vectors has ${fields.length - 1} values, not ${dim}`);
    words.push(fields[0]);
    for (let i = 0; i < dim; i++) values[row * dim + i] = Number(fields[i + 1]);
  }
  return { words, values, dim, total: count };
}

if (!process.argv.includes('--force') && upToDate()) {
  console.error(`default vectors are up to date (${path.relative(repoRoot, output)})`);
  process.exit(0);
}
if (!existsSync(tokenlab)) throw new Error(`${tokenlab} is missing: build the CLI first`);
if (!existsSync(corpus) || !existsSync(sampleCorpus)) execFileSync('node', [path.join(repoRoot, 'bench', 'corpora', 'make-corpora.mjs')], { stdio: 'inherit' });

mkdirSync(outDir, { recursive: true });
const vecFile = path.join(outDir, 'default.vec.tmp');
const started = Date.now();
execFileSync(tokenlab, [
  'train-vectors', '--input', corpus, '--output', vecFile, '--quiet', '--digits', '6', '--threads', threads,
  '--model', kSettings.model, '--dim', String(kSettings.dim), '--window', String(kSettings.window),
  '--negative', String(kSettings.negative), '--min-count', String(kSettings.minCount), '--sample', String(kSettings.sample),
  '--epochs', String(kSettings.epochs), '--lr', String(kSettings.learningRate), '--seed', String(kSettings.seed),
], { stdio: ['ignore', 'inherit', 'inherit'] });
const seconds = (Date.now() - started) / 1000;

const trained = parseVec(readFileSync(vecFile, 'utf8'), kMaxWords);
rmSync(vecFile);
const corpusWords = readFileSync(corpus, 'utf8').split(/\s+/).filter(Boolean).length;
const meta = {
  name: 'Public-domain English',
  corpus: "King James Bible, Moby-Dick, State of the Union speeches, WordNet glosses, Webster's 1913 dictionary, fortunes, The Devil's Dictionary",
  corpusWords,
  vocabularyWords: trained.total,
  settings: kSettings,
};
const bytes = encodeCompactVectors({ words: packWords(trained.words), values: trained.values, dim: trained.dim, meta });
writeFileSync(output + '.tmp', bytes);
renameSync(output + '.tmp', output);

// The page's sample corpus for training in the browser: every fifth line of
// each source in a fixed pseudo-random order (bench/corpus/vectors-sample.txt;
// about 6.5 MB, 1.1 M words), so the tour's first 140,000 words hold them all.
copyFileSync(sampleCorpus, sampleOutput);

// Asked of the stored (int8) values, as the page will see them: a .vec of
// those values, questioned by the CLI with each post-processing.
const stored = decodeCompactVectors(bytes);
const storedVec = path.join(outDir, 'stored.vec.tmp');
const storedWords = unpackWords(stored.words);
writeFileSync(
  storedVec,
  `${storedWords.length} ${stored.dim}\n` +
    storedWords.map((word, row) => `${word} ${Array.from(stored.values.subarray(row * stored.dim, (row + 1) * stored.dim), (v) => v.toPrecision(6)).join(' ')}`).join('\n') +
    '\n',
);

/** @param {string[]} args */
const cli = (args) => execFileSync(tokenlab, args, { encoding: 'utf8' });
/** The explainer's claims with one post-processing. @param {string} post */
function claims(post) {
  const similarity = (/** @type {string} */ a, /** @type {string} */ b) => Number(cli(['similarity', storedVec, a, b, '--post-process', post]).trim());
  const list = (/** @type {string[]} */ args) => cli([...args, '--post-process', post]).trim().split('\n').map((line) => line.split('\t'));
  const kingNeighbours = list(['neighbors', storedVec, 'king', '-k', '10']);
  const analogy = list(['analogy', storedVec, 'king', 'man', 'woman', '-k', '3']);
  return {
    cancelTerminate: similarity('cancel', 'terminate'),
    cancelPizza: similarity('cancel', 'pizza'),
    queenRank: kingNeighbours.findIndex(([word]) => word === 'queen') + 1, // 0: not in the ten
    kingNeighbours: kingNeighbours.map(([word]) => word),
    analogy: analogy.map(([word, score]) => `${word} ${score}`),
  };
}

/** @param {ReturnType<typeof claims>} c */
const claimsLine = (c) =>
  `cos(cancel, terminate) ${c.cancelTerminate.toFixed(3)} vs cos(cancel, pizza) ${c.cancelPizza.toFixed(3)}; ` +
  `queen ${c.queenRank ? `#${c.queenRank}` : 'not'} among king's ten (${c.kingNeighbours.join(', ')}); ` +
  `king − man + woman → ${c.analogy.join(', ')}`;

try {
  console.error(
    `wrote ${path.relative(repoRoot, output)}: ${trained.words.length} of ${trained.total} words × ${trained.dim} dims, ` +
      `${(bytes.length / 1e6).toFixed(1)} MB, trained in ${seconds.toFixed(0)} s on ${threads} threads; centred: ${claimsLine(claims('centre'))}`,
  );
  if (process.argv.includes('--table')) {
    const evalDir = path.resolve(option('eval', path.join(repoRoot, '..', 'shared', 'data', 'eval')));
    console.error(`post-processing | analogies | WordSim-353 | SimLex-999 | claims (${storedWords.length} words, ${path.relative(repoRoot, evalDir)})`);
    for (const post of ['none', 'centre', 'centre+1', 'centre+2', 'centre+3']) {
      const report = cli([
        'evaluate-vectors', storedVec, '--post-process', post,
        '--analogies', path.join(evalDir, 'questions-words.txt'),
        '--similarity', path.join(evalDir, 'wordsim353.tsv'),
        '--similarity', path.join(evalDir, 'simlex999.txt'),
      ]);
      const scores = [...report.matchAll(/^(?:analogies|similarity) +\S+ +([-\d.]+)/gm)].map((m) => m[1]);
      console.error(`${post} | ${scores.join(' | ')} | ${claimsLine(claims(post))}`);
    }
  }
} finally {
  rmSync(storedVec);
}
