#!/usr/bin/env node
// Makes the SentencePiece Unigram tokenizers the Unigram parity tests run:
// Debian's spm_train trains each on the same few megabytes of text found on
// the machine (make-corpus.mjs's English, code and translated catalogs in
// over forty scripts, drawn with seeds of their own), and
// sentencepiece-to-tokenizer-json.py writes each .model again as a
// tokenizer.json in the layout of the Hub's T5, ALBERT or XLM-R files:
//
//   node build-scripts/make-unigram-fixtures.mjs [--out DIR] [--force]
//     -> .cache/unigram-fixtures/train.txt        the training text
//        t5-bytes.model, t5-bytes.vocab, t5-bytes.json, … for every kFixtures entry
//        manifest.json                           what was made, from what, how long it took
//
// Every tokenizer.json is checked before the manifest is written: it loads in
// Hugging Face's Rust library (the tokenizers npm package) and gives the ids
// spm_encode gives for a few plain sentences.
//
// Why these variants: byte fallback on and off, the case-folding rule, the
// identity rule (no charsmap, so whitespace the other rules map to a space
// stays), and user-defined symbols with split digits: the parts of a
// SentencePiece model a Unigram tokenizer must follow.
//
// Deterministic: spm_train runs on one thread (two would give other pieces)
// and reads every sentence (no sampling); two trainers run at a time.
// Skipped when the manifest's key (the training text, this script, the
// converter and spm_train's version) is unchanged; --force makes them anyway.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { codeTexts, englishTexts, multilingualTexts } from '../tests/parity/make-corpus.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const defaultFixtureDir = process.env.TOKENLAB_UNIGRAM_DIR || path.join(repoRoot, '.cache', 'unigram-fixtures');
const converter = path.join(repoRoot, 'build-scripts', 'sentencepiece-to-tokenizer-json.py');

// Bump when the manifest's shape changes.
export const kFixtureVersion = 1;

// Seeds apart from the parity corpus's (make-corpus.mjs's kSeed), so the
// tokenizers are trained on other documents than most of those they are tested on.
const kTrainingSeed = 97;

// T5's ids: <pad> 0, </s> 1, <unk> 2, no <s>. ALBERT's: <pad> 0, <unk> 1, then
// [CLS] [SEP] [MASK]. XLM-R's model keeps SentencePiece's defaults (<unk> <s> </s>).
const kT5Ids = ['--pad_id=0', '--eos_id=1', '--unk_id=2', '--bos_id=-1'];
const kAlbertIds = ['--pad_id=0', '--unk_id=1', '--bos_id=-1', '--eos_id=-1', '--control_symbols=[CLS],[SEP],[MASK]'];

/** name -> {layout, options (spm_train flags beyond the shared ones), about} */
export const kFixtures = {
  't5-bytes': { layout: 't5', about: 'nmt_nfkc, byte fallback',
    options: ['--normalization_rule_name=nmt_nfkc', '--byte_fallback=true', ...kT5Ids] },
  t5: { layout: 't5', about: 'nmt_nfkc, unknown characters as <unk>',
    options: ['--normalization_rule_name=nmt_nfkc', '--byte_fallback=false', ...kT5Ids] },
  albert: { layout: 'albert', about: 'nmt_nfkc_cf (case-folding), ALBERT\'s normalizer steps in the tokenizer.json',
    options: ['--normalization_rule_name=nmt_nfkc_cf', '--byte_fallback=false', ...kAlbertIds] },
  'xlmr-identity': { layout: 'xlmr', about: 'identity normalization (no charsmap), XLM-R\'s ids',
    options: ['--normalization_rule_name=identity', '--byte_fallback=false'] },
  't5-digits-symbols': { layout: 't5', about: 'nmt_nfkc, byte fallback, split digits, user-defined symbols',
    options: ['--normalization_rule_name=nmt_nfkc', '--byte_fallback=true', '--split_digits=true',
      '--user_defined_symbols=<sep>,<cls>,<|endoftext|>,==,://', ...kT5Ids] },
};
const kSharedOptions = ['--model_type=unigram', '--vocab_size=8000', '--num_threads=1', '--minloglevel=1'];

// Plain sentences on which a tokenizer.json must give spm_encode's ids: no
// accents, no `` or '' and no digit before a comma, which the ALBERT layout
// treats otherwise than its SentencePiece model (by design of its converter).
const kCheckSentences = [
  'Hello world, this is a simple sentence.',
  'Tokenizers split text into pieces: 12345 apples and 678 pears',
  'Привет мир',
  '你好世界',
];

function trainingText() {
  const english = englishTexts(600_000, { seed: kTrainingSeed, maxBytes: 50_000 });
  const code = codeTexts(200_000, { seed: kTrainingSeed, maxBytes: 20_000 });
  const languages = multilingualTexts(25_000, { seed: kTrainingSeed, maxBytes: 25_000 });
  return [...english, ...code.c, ...code.js, ...code.py, ...languages.flatMap(({ texts }) => texts)].join('\n') + '\n';
}

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

function spmVersion() {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'sentencepiece'], { encoding: 'utf8' });
  } catch {
    return 'unknown';
  }
}

/** Runs a command; rejects with its stderr when it fails. */
function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.trim()}`))));
  });
}

/** Runs tasks (functions returning promises) with at most `width` at a time. */
async function pool(tasks, width) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
  return results;
}

async function makeFixture(dir, name, { layout, options }) {
  const started = performance.now();
  const prefix = path.join(dir, name);
  await run('spm_train', [`--input=${path.join(dir, 'train.txt')}`, `--model_prefix=${prefix}`, ...kSharedOptions, ...options]);
  const trainSeconds = (performance.now() - started) / 1000;
  await run('/usr/bin/python3', [converter, `${prefix}.model`, `${prefix}.json`, '--layout', layout]);
  return { trainSeconds };
}

// The tokenizer.json loads in the Rust library and gives spm_encode's ids
// (through the piece names: the xlmr layout moves the ids) on kCheckSentences.
async function checkFixture(dir, name) {
  const { Tokenizer } = createRequire(import.meta.url)('tokenizers');
  const prefix = path.join(dir, name);
  const tokenizer = Tokenizer.fromFile(`${prefix}.json`);
  const pieces = readFileSync(`${prefix}.vocab`, 'utf8').split('\n').map((line) => line.split('\t')[0]);
  const spmIds = execFileSync('spm_encode', [`--model=${prefix}.model`, '--output_format=id'],
    { input: kCheckSentences.join('\n') + '\n', encoding: 'utf8' }).trim().split('\n');
  for (const [i, sentence] of kCheckSentences.entries()) {
    const expected = spmIds[i].split(' ').map((id) => tokenizer.tokenToId(pieces[Number(id)]));
    const actual = Array.from((await tokenizer.encode(sentence, null, { addSpecialTokens: false })).getIds());
    if (expected.join(' ') !== actual.join(' ')) {
      throw new Error(`${name}.json: ${JSON.stringify(sentence)} gives ${actual.join(' ')} in the Rust library, ` +
        `spm_encode ${expected.join(' ')} (through piece names)`);
    }
  }
}

/** Writes the fixtures into dir (when their key changed) and returns the manifest. */
export async function makeUnigramFixtures(dir = defaultFixtureDir, { force = false, log = () => {} } = {}) {
  const started = performance.now();
  const text = trainingText();
  const textSeconds = (performance.now() - started) / 1000;
  const key = sha256(text, readFileSync(fileURLToPath(import.meta.url)), readFileSync(converter), spmVersion());
  const manifestFile = path.join(dir, 'manifest.json');
  if (!force && existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    if (manifest.version === kFixtureVersion && manifest.key === key) {
      log(`Unigram fixtures are up to date (${path.relative(repoRoot, dir)}; training text made in ${textSeconds.toFixed(1)} s)`);
      return manifest;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'train.txt'), text);
  const names = Object.keys(kFixtures);
  const made = await pool(names.map((name) => () => makeFixture(dir, name, kFixtures[name])), availableParallelism());
  for (const name of names) await checkFixture(dir, name);
  const manifest = {
    version: kFixtureVersion,
    key,
    trainingBytes: Buffer.byteLength(text),
    trainingLines: text.split('\n').length - 1,
    seconds: { text: textSeconds, total: (performance.now() - started) / 1000 },
    fixtures: names.map((name, i) => ({
      name, layout: kFixtures[name].layout, about: kFixtures[name].about,
      model: `${name}.model`, json: `${name}.json`, spmTrain: [...kSharedOptions, ...kFixtures[name].options],
      trainSeconds: made[i].trainSeconds,
    })),
  };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
  log(`${names.length} Unigram fixtures in ${path.relative(repoRoot, dir)}: ${(manifest.trainingBytes / 1e6).toFixed(2)} MB of ` +
    `training text (${textSeconds.toFixed(1)} s), ${manifest.seconds.total.toFixed(1)} s in all ` +
    `(${manifest.fixtures.map((fixture) => `${fixture.name} ${fixture.trainSeconds.toFixed(1)} s`).join(', ')})`);
  return manifest;
}

/** The manifest of the fixtures in dir, made first when missing or of another version (not re-keyed: that is the script's job). */
export async function ensureUnigramFixtures(dir = defaultFixtureDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    if (manifest.version === kFixtureVersion) return manifest;
  } catch {
    // missing or unreadable: make them
  }
  return makeUnigramFixtures(dir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const dir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : defaultFixtureDir;
  await makeUnigramFixtures(dir, { force: process.argv.includes('--force'), log: (line) => console.log(line) });
}
