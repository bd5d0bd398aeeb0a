// Builds the benchmark corpora from public-domain text in Debian and npm
// packages, deterministically, into bench/corpus/ (not committed):
//   english.txt  King James Bible (bible-kjv), Moby-Dick, State of the Union
//                speeches (@stdlib datasets) and WordNet glosses (wordnet-base)
//   mix.txt      english.txt + C headers + translated message catalogs + mail
//                (SpamAssassin corpus), about 100 MB
//   embed.txt    english.txt lower-cased, letters and apostrophes only
//   vectors.txt  the default word vectors' corpus: english.txt's sources and
//                Webster's 1913 dictionary (dict-gcide), the fortune
//                databases (fortunes) and The Devil's Dictionary (dict-devil),
//                each capped at kMaxSourceWords (the Bible at
//                kMaxBibleWords), normalized as embed.txt
//   vectors-sample.txt  every fifth line of each of those sources, in a
//                fixed pseudo-random order, so any start of it is a fair
//                sample of them all (the page's sample for training)
// Usage: node bench/corpora/make-corpora.mjs [--force]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '..', 'corpus');
const force = process.argv.includes('--force');
const kMixTargetBytes = 100 * 1024 * 1024;
// No source of vectors.txt gives more than this many words, so none decides
// a common word's neighbours alone.
const kMaxSourceWords = 1_500_000;
// The King James Bible gives a quarter of its verses. Why: its thousands of
// people and places occur almost only beside "king", "son" and "reigned",
// so they took all of king's ten nearest places (ahikam, shaphan,
// hananiah, …). Measured with the default settings and seed: the whole
// Bible (790,000 words) kept ten names; half of it, nine and queen ninth; a
// quarter (200,000), queen first, then edward, zedekiah, prince, emperor,
// most names below the minimum count.
const kMaxBibleWords = 200_000;

function ensureInstalled() {
  const missing = ['bible-kjv', 'wordnet-base', 'gettext', 'dict-gcide', 'fortunes', 'dict-devil'].filter(
    (pkg) => spawnStatus('dpkg-query', ['-W', '-f=${Status}', pkg]).indexOf('install ok installed') < 0,
  );
  if (missing.length) {
    console.error(`installing Debian packages: ${missing.join(' ')}`);
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(path.join(here, 'node_modules', '@stdlib', 'datasets-sotu'))) {
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  }
}

function spawnStatus(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

function sortedFiles(dir, extension) {
  return readdirSync(dir).filter((name) => name.endsWith(extension)).sort().map((name) => path.join(dir, name));
}

function dataset(name) {
  return path.join(here, 'node_modules', '@stdlib', name, 'data');
}

function wordnetGlosses() {
  const lines = [];
  for (const part of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(`/usr/share/wordnet/data.${part}`, 'utf8').split('\n')) {
      if (line.startsWith('  ')) continue; // licence header
      const bar = line.indexOf(' | ');
      if (bar >= 0) lines.push(line.slice(bar + 3).trim());
    }
  }
  return lines.join('\n') + '\n';
}

function bible() {
  return execFileSync('bible', ['gen1:1-rev22:21'], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function mobyDick() {
  const chapters = sortedFiles(dataset('datasets-moby-dick'), '.txt').sort(
    (a, b) => Number(/(\d+)/.exec(path.basename(a))?.[1] ?? 0) - Number(/(\d+)/.exec(path.basename(b))?.[1] ?? 0),
  );
  return chapters.map((file) => readFileSync(file, 'utf8')).join('\n');
}

function stateOfTheUnion() {
  return sortedFiles(dataset('datasets-sotu'), '.txt').map((file) => readFileSync(file, 'utf8')).join('\n');
}

function english() {
  return [bible(), mobyDick(), stateOfTheUnion(), wordnetGlosses()].join('\n');
}

// A dictd database (dictzip is gzip) as one line per paragraph of its
// entries: headword lines, source tags ("[1913 Webster]"), bracketed
// etymologies and "--Author." citations left out.
function dictParagraphs(file) {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const out = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n');
    // An entry's first paragraph starts with its unindented headword line.
    const body = lines.filter((line, i) => !(i === 0 && /^\S/.test(line)) && !/^\s*\[[^\]]*\]\s*$/.test(line));
    const joined = body
      .join(' ')
      .replace(/\[[^\]]*\]/g, ' ')
      .replace(/--\s?[A-Z][\w. ,&]*?(\.|$)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (joined.split(' ').length >= 3 && !joined.startsWith('00-database')) out.push(joined);
  }
  return out.join('\n') + '\n';
}

// Every English fortune database but the ASCII-art ones, one fortune a line.
function fortunes() {
  const dir = '/usr/share/games/fortunes';
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.includes('.') || name === 'art' || name === 'ascii-art') continue;
    const full = path.join(dir, name);
    if (!statSync(full).isFile()) continue;
    for (const fortune of readFileSync(full, 'utf8').split(/\n%\n/)) {
      const joined = fortune.replace(/\s+/g, ' ').trim();
      if (joined) out.push(joined);
    }
  }
  return out.join('\n') + '\n';
}

// At most maxWords words of text, as evenly spaced whole lines (the same
// lines every run).
export function capWords(text, maxWords) {
  const lines = text.split('\n');
  const counts = lines.map((line) => (line.match(/\S+/g) ?? []).length);
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total <= maxWords) return text;
  const ratio = maxWords / total;
  let seen = 0;
  let kept = 0;
  return lines
    .filter((_line, i) => {
      // Kept when the words kept so far stay within their share of the words seen.
      seen += counts[i];
      if (kept + counts[i] > seen * ratio) return false;
      kept += counts[i];
      return true;
    })
    .join('\n');
}

// A Fisher–Yates shuffle driven by a seeded xorshift32, the same order on
// every run and machine.
export function shuffled(items, seed) {
  const out = items.slice();
  let state = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// The default vectors' sources, by name, each normalized and capped.
export function vectorSources() {
  const caps = { 'King James Bible': kMaxBibleWords };
  const sources = {
    'King James Bible': bible(),
    'Moby-Dick': mobyDick(),
    'State of the Union speeches': stateOfTheUnion(),
    'WordNet glosses': wordnetGlosses(),
    "Webster's 1913 dictionary (GCIDE)": dictParagraphs('/usr/share/dictd/gcide.dict.dz'),
    'fortune databases': fortunes(),
    "The Devil's Dictionary": dictParagraphs('/usr/share/dictd/devil.dict.dz'),
  };
  return Object.entries(sources).map(([name, text]) => ({ name, text: capWords(normalizeForEmbeddings(text), caps[name] ?? kMaxSourceWords) }));
}

function walk(dir, extension, out, limitBytes, state) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return;
  }
  for (const entry of entries) {
    if (state.bytes >= limitBytes) return;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, extension, out, limitBytes, state);
    else if (entry.isFile() && entry.name.endsWith(extension)) {
      const text = readFileSync(full, 'utf8');
      out.push(text);
      state.bytes += Buffer.byteLength(text);
    }
  }
}

function code(limitBytes) {
  const out = [];
  walk('/usr/include', '.h', out, limitBytes, { bytes: 0 });
  return out.join('\n');
}

function catalogs(limitBytes) {
  const out = [];
  let bytes = 0;
  const locales = readdirSync('/usr/share/locale').sort();
  for (const locale of locales) {
    const dir = path.join('/usr/share/locale', locale, 'LC_MESSAGES');
    if (!existsSync(dir)) continue;
    for (const file of sortedFiles(dir, '.mo')) {
      if (bytes >= limitBytes) return out.join('\n');
      const text = spawnStatus('msgunfmt', [file]);
      const messages = [...text.matchAll(/^msgstr(?:\[\d\])? "(.*)"$/gm)].map((m) => m[1].replace(/\\n/g, '\n').replace(/\\"/g, '"')).filter(Boolean);
      const joined = messages.join('\n');
      out.push(joined);
      bytes += Buffer.byteLength(joined);
    }
  }
  return out.join('\n');
}

function mail(limitBytes) {
  const out = [];
  let bytes = 0;
  for (const folder of ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']) {
    for (const file of sortedFiles(path.join(dataset('datasets-spam-assassin'), folder), '.txt')) {
      if (bytes >= limitBytes) return out.join('\n');
      const text = readFileSync(file, 'latin1'); // mail is 8-bit; keep each byte as one character
      out.push(text);
      bytes += text.length;
    }
  }
  return out.join('\n');
}

// Lower-cased, letters and apostrophes only, one line per input line.
export function normalizeForEmbeddings(text) {
  return text
    .toLowerCase()
    .replace(/[^a-z'\n]+/g, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/ {2,}/g, ' ');
}

function write(name, build) {
  const file = path.join(outDir, name);
  if (!force && existsSync(file) && statSync(file).size > 0) return file;
  const text = build();
  writeFileSync(file, text);
  console.error(`wrote ${path.relative(process.cwd(), file)} (${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB)`);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureInstalled();
  mkdirSync(outDir, { recursive: true });
  const englishText = readFileSync(write('english.txt', english), 'utf8');
  write('embed.txt', () => normalizeForEmbeddings(englishText));
  /** @type {ReturnType<typeof vectorSources> | null} */
  let sources = null;
  write('vectors.txt', () => {
    sources ??= vectorSources();
    for (const { name, text } of sources) console.error(`  ${name}: ${(text.match(/\S+/g) ?? []).length} words`);
    return sources.map(({ text }) => text.trimEnd()).join('\n') + '\n';
  });
  write('vectors-sample.txt', () => {
    sources ??= vectorSources();
    const lines = sources.flatMap(({ text }) => text.trimEnd().split('\n').filter((_line, i) => i % 5 === 4));
    return shuffled(lines, 5).join('\n') + '\n';
  });
  write('mix.txt', () => {
    const englishBytes = Buffer.byteLength(englishText);
    const rest = kMixTargetBytes - englishBytes;
    return [englishText, code(rest * 0.3), catalogs(rest * 0.25), mail(rest * 0.45)].join('\n');
  });
}
