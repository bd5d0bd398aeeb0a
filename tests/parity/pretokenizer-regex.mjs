#!/usr/bin/env node
// Checks the hand-written pre-tokenizers against the regular expressions they
// implement, evaluated by JavaScript's RegExp (a backtracking, leftmost-first
// engine like tiktoken's fancy-regex), over multilingual text from the system's
// gettext catalogs, random strings of tricky codepoints and every short string
// over a small alphabet.
//
//   node tests/parity/pretokenizer-regex.mjs --tool BUILD/tests/tools/split_tool
//     [--mo-bytes 30000000] [--random 200000] [--seed 1] [--tiktoken DIR]
//
// With --tiktoken, the directory of an installed `tiktoken` npm package, the
// gpt2, cl100k and o200k splits are also compared with tiktoken's own. And
// the tokenizer.json path of those three (a Split step: the same splitter, or
// Oniguruma for text that needs Unicode 16.0) is compared with Oniguruma
// running the expression on its own, as Hugging Face's tokenizers does, on the
// well-formed texts (Oniguruma is only ever given valid UTF-8).
//
// Prints the mismatches per pattern (and exits 1 if there are any). The
// native side runs tests/tools/split_tool; texts cross as length-prefixed
// UTF-8 records.
//
// Making the two sides agree on the question, not just the answer:
//  - RegExp lacks (?i:...) in Node 20, so each letter inside becomes the class
//    of its case variants, found with the `iu` flags: s -> [sSſ] (U+017F).
//  - JavaScript's \s is not Unicode White_Space (it adds U+FEFF), so \s and \S
//    become \p{White_Space} and \P{White_Space}.
//  - Malformed UTF-8 bytes become lone low surrogates (U+DC00 + byte): one
//    codepoint with no letter, number or space property, as the native side
//    treats them.
//  - Node's Unicode version may be newer than the tables'. The script compares
//    the general category and White_Space of every codepoint first, lists the
//    differences, and keeps those codepoints out of the test texts.

import { spawnSync, execFileSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { seededRandom } from '../seeded-random.mjs';

const PATTERNS = {
  gpt2: String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
  cl100k: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  qwen2: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  o200k: String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  // DeepSeek V3's three Splits: where nothing matches, the text left over is a piece too.
  'deepseek-digits': String.raw`\p{N}{1,3}`,
  'deepseek-cjk': String.raw`[一-龥぀-ゟ゠-ヿ]+`,
  // (a plain string: the pattern holds a backtick)
  'deepseek-words': '[!"#$%&\'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+',
  // Not a tiktoken pattern: the pieces are the runs of non-whitespace.
  whitespace: String.raw`\S+`,
};
// Patterns whose unmatched text is a piece of its own (Hugging Face's Split), not dropped.
const WITH_GAPS = new Set(['deepseek-digits', 'deepseek-cjk', 'deepseek-words']);
// Patterns tiktoken runs (it drops unmatched text, so not the DeepSeek ones).
const TIKTOKEN_PATTERNS = new Set(['gpt2', 'cl100k', 'qwen2', 'o200k']);

const CATEGORIES = ['Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'Mn', 'Mc', 'Me', 'Nd', 'Nl', 'No', 'Pc', 'Pd', 'Ps',
  'Pe', 'Pi', 'Pf', 'Po', 'Sm', 'Sc', 'Sk', 'So', 'Zs', 'Zl', 'Zp', 'Cc', 'Cf', 'Cs', 'Co', 'Cn'];
const CODEPOINT_COUNT = 0x110000;

function parseArgs(argv) {
  const args = { tool: null, moBytes: 30e6, random: 200000, seed: 1, tiktoken: null };
  for (let i = 2; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (name === '--tool') args.tool = value;
    else if (name === '--mo-bytes') args.moBytes = Number(value);
    else if (name === '--random') args.random = Number(value);
    else if (name === '--seed') args.seed = Number(value);
    else if (name === '--tiktoken') args.tiktoken = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!args.tool) throw new Error('usage: pretokenizer-regex.mjs --tool PATH/split_tool [--mo-bytes N] [--random N] [--seed N] [--tiktoken DIR]');
  return args;
}

// ---- Unicode properties: tables versus JavaScript ---------------------------

function jsProperties() {
  const categoryRe = new RegExp(`^(?:${CATEGORIES.map((c) => `(\\p{gc=${c}})`).join('|')})$`, 'u');
  const spaceRe = /^\p{White_Space}$/u;
  const categories = new Uint8Array(CODEPOINT_COUNT);
  const spaces = new Uint8Array(CODEPOINT_COUNT);
  for (let cp = 0; cp < CODEPOINT_COUNT; ++cp) {
    const text = String.fromCodePoint(cp);
    const match = categoryRe.exec(text);
    categories[cp] = match.findIndex((group, i) => i > 0 && group !== undefined) - 1;
    spaces[cp] = spaceRe.test(text) ? 1 : 0;
  }
  return { categories, spaces };
}

function nativeProperties(tool) {
  const lines = execFileSync(tool, ['classes'], { maxBuffer: 64 << 20 }).toString().split('\n');
  const version = lines.shift().replace(/^unicode /, '');
  const categories = new Uint8Array(CODEPOINT_COUNT);
  const spaces = new Uint8Array(CODEPOINT_COUNT);
  for (let cp = 0; cp < CODEPOINT_COUNT; ++cp) {
    const [category, space] = lines[cp].split(' ');
    categories[cp] = CATEGORIES.indexOf(category);
    spaces[cp] = Number(space);
  }
  return { version, categories, spaces };
}

// Codepoints whose category or White_Space differ, printed as ranges.
function compareProperties(native, js) {
  const differs = new Uint8Array(CODEPOINT_COUNT);
  const ranges = [];
  const hex = (cp) => 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  const describe = (p, cp) => CATEGORIES[p.categories[cp]] + (p.spaces[cp] ? '+White_Space' : '');
  for (let cp = 0; cp < CODEPOINT_COUNT; ++cp) {
    if (native.categories[cp] === js.categories[cp] && native.spaces[cp] === js.spaces[cp]) continue;
    differs[cp] = 1;
    const key = `${describe(native, cp)} -> ${describe(js, cp)}`;
    const last = ranges[ranges.length - 1];
    if (last && last.key === key && last.end === cp - 1) last.end = cp;
    else ranges.push({ key, start: cp, end: cp });
  }
  const total = differs.reduce((sum, d) => sum + d, 0);
  console.log(`Unicode properties: the tables (Unicode ${native.version}) and JavaScript ` +
    `(Unicode ${process.versions.unicode}) differ on ${total} codepoints` +
    (ranges.length ? ` in ${ranges.length} ranges (tables -> JavaScript):` : '.'));
  const byKey = new Map();
  for (const range of ranges) {
    const list = byKey.get(range.key) ?? [];
    list.push(range.start === range.end ? hex(range.start) : `${hex(range.start)}..${hex(range.end)}`);
    byKey.set(range.key, list);
  }
  for (const [key, list] of byKey) {
    const shown = list.length > 60 ? list.slice(0, 60).join(' ') + ` ... (${list.length} ranges)` : list.join(' ');
    console.log(`  ${key}: ${shown}`);
  }
  return differs;
}

// ---- Translating the patterns to JavaScript ---------------------------------

function caseVariants(letter) {
  const re = new RegExp(`^${letter}$`, 'iu');
  let variants = '';
  for (let cp = 0; cp < CODEPOINT_COUNT; ++cp) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (re.test(String.fromCodePoint(cp))) variants += String.fromCodePoint(cp);
  }
  return variants;
}

function toJsRegExp(pattern, variants) {
  const source = pattern
    .replace(/\(\?i:([^()]*)\)/g, (_, body) =>
      '(?:' + body.replace(/[a-z]/g, (letter) => `[${variants(letter)}]`) + ')')
    .replace(/\\s/g, '\\p{White_Space}')
    .replace(/\\S/g, '\\P{White_Space}');
  return new RegExp(source, 'gu');
}

// ---- Texts -------------------------------------------------------------------

// Unescapes a C string body as msgunfmt writes it.
function unescapeC(body) {
  return body.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.))/g, (_, octal, hexa, single) => {
    if (octal) return String.fromCharCode(parseInt(octal, 8));
    if (hexa) return String.fromCharCode(parseInt(hexa, 16));
    return { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' }[single] ?? single;
  });
}

// The msgid and msgstr strings of a catalog, via msgunfmt.
function catalogStrings(path) {
  let po;
  try {
    po = execFileSync('msgunfmt', [path], { maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  } catch {
    return [];
  }
  const strings = [];
  let current = null;
  for (const line of po.split('\n')) {
    const start = /^(?:msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt) "(.*)"$/.exec(line);
    const more = /^"(.*)"$/.exec(line);
    if (start) {
      if (current !== null) strings.push(current);
      current = unescapeC(start[1]);
    } else if (more && current !== null) {
      current += unescapeC(more[1]);
    }
  }
  if (current !== null) strings.push(current);
  return strings.filter((s) => s.length > 0);
}

// Catalogs round-robin over locales (largest first), until the byte budget.
function catalogTexts(budget) {
  const root = '/usr/share/locale';
  if (!existsSync(root)) return [];
  const perLocale = readdirSync(root).sort().map((locale) => {
    const dir = join(root, locale, 'LC_MESSAGES');
    if (!existsSync(dir)) return [];
    return readdirSync(dir).filter((f) => f.endsWith('.mo')).map((f) => join(dir, f))
      .sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b));
  }).filter((files) => files.length > 0);
  const texts = [];
  let bytes = 0;
  for (let round = 0; bytes < budget && perLocale.some((files) => round < files.length); ++round) {
    for (const files of perLocale) {
      if (round >= files.length || bytes >= budget) continue;
      const strings = catalogStrings(files[round]);
      for (const s of strings) {
        texts.push(Buffer.from(s, 'utf8'));
        bytes += texts[texts.length - 1].length;
      }
      // The whole catalog as one text too: longer runs and line structure.
      const joined = Buffer.from(strings.join('\n'), 'utf8');
      texts.push(joined);
      bytes += joined.length;
    }
  }
  return texts;
}

const TRICKY = {
  ascii: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  contraction: "'''''sSṡtTrReEvVmMlLdDſKK",
  digits: '0123456789',
  punctuation: '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~/////',
  spaces: ' \t\n\r\v\f\u0085\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000    \n\n\r\n',
  notSpaces: '\ufeff\u180e\u200b\u200c\u200d\u2060\u001c\u001d\u001e\u001f\u0000\u007f',
  marks: '\u0300\u0301\u0308\u0327\u0345\u0903\u093f\u0e31\u20dd\u20e3\u302a\ufe0f\u{e0100}',
  letters: 'éÉßσΣςǅǈǋᾈᾼÆæĳĲİıʰʲˆ々ゝーあア中文字한글ㄱאבعربيहिन्दीΩΩÅÅ𝐀𝐚𐐀𐐨𞤀𞤢',
  numbers: '٠١٢٣۴۵०१२३²³¹½¼⅓ⅧⅫ〇①②𝟎𝟗𐄇',
  symbols: '€$£¥©®™°±×÷∑∞←→♠♥★✓️⃣𝄞',
  emoji: ['😀', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇫🇷', '1️⃣', '❤️', '🤷🏿‍♀️'],
  other: '\ue000\uf8ff\u{f0000}\u{10fffd}\u0378\ufffe\uffff\u{e0001}\u{e007f}\ufffd',
};

function randomTexts(count, random, excluded) {
  const pools = Object.entries(TRICKY).map(([name, chars]) => ({
    name,
    units: (Array.isArray(chars) ? chars : [...chars]).filter((u) => ![...u].some((c) => excluded[c.codePointAt(0)])),
  }));
  const invalid = [[0x80], [0xbf], [0xff], [0xfe], [0xc0, 0xaf], [0xc1], [0xe2, 0x82], [0xe2], [0xed, 0xa0, 0x80],
    [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xf5], [0xe0, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  const pick = (items) => items[Math.floor(random() * items.length)];
  const texts = [];
  for (let i = 0; i < count; ++i) {
    // Each text draws from a few pools, so runs of one kind occur.
    const chosen = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(pools));
    const length = Math.floor(random() * random() * 48);
    const parts = [];
    for (let j = 0; j < length; ++j) {
      if (random() < 0.03) {
        parts.push(Buffer.from(pick(invalid)));
      } else {
        parts.push(Buffer.from(pick(pick(chosen).units), 'utf8'));
      }
    }
    texts.push(Buffer.concat(parts));
  }
  return texts;
}

// Every string of up to four units over an alphabet with one member of each
// class the patterns distinguish: a small space of texts, covered completely.
function exhaustiveTexts(excluded) {
  const alphabet = [' ', '\t', '\n', '\r', '\u00a0', 'a', 'A', '\u01c5', '\u02b0', '\u4e2d', '\u0301', '1',
    '!', '/', "'", 's', '\u017f', 'l']
    .filter((u) => !excluded[u.codePointAt(0)])
    .map((u) => Buffer.from(u, 'utf8'));
  alphabet.push(Buffer.from([0xff]));
  const texts = [];
  let level = [Buffer.alloc(0)];
  for (let length = 1; length <= 4; ++length) {
    level = level.flatMap((prefix) => alphabet.map((unit) => Buffer.concat([prefix, unit])));
    for (const text of level) texts.push(text);
  }
  return texts;
}

// ---- Comparing ---------------------------------------------------------------

// The text as JavaScript sees it: malformed bytes become lone low surrogates.
// byteAt[i] is the byte offset of UTF-16 index i. Well-formed sequences follow
// the Unicode Standard's table 3-7.
function decode(bytes) {
  const units = [];
  const byteAt = [];
  const continuation = (i, low = 0x80, high = 0xbf) => i < bytes.length && bytes[i] >= low && bytes[i] <= high;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let cp = -1;
    let length = 1;
    if (b < 0x80) {
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf && continuation(i + 1)) {
      cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
      length = 2;
    } else if (b >= 0xe0 && b <= 0xef &&
               continuation(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && continuation(i + 2)) {
      cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
      length = 3;
    } else if (b >= 0xf0 && b <= 0xf4 &&
               continuation(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
               continuation(i + 2) && continuation(i + 3)) {
      cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
      length = 4;
    }
    if (cp < 0) cp = 0xdc00 + b;
    const s = String.fromCodePoint(cp);
    for (let k = 0; k < s.length; ++k) {
      units.push(s[k]);
      byteAt.push(i);
    }
    i += length;
  }
  byteAt.push(bytes.length);
  return { text: units.join(''), byteAt };
}

function jsPieces(re, decoded, withGaps) {
  const pieces = [];
  let covered = 0;
  for (const match of decoded.text.matchAll(re)) {
    const [begin, end] = [decoded.byteAt[match.index], decoded.byteAt[match.index + match[0].length]];
    if (withGaps && begin > covered) pieces.push([covered, begin]);
    pieces.push([begin, end]);
    covered = end;
  }
  const size = decoded.byteAt[decoded.byteAt.length - 1];
  if (withGaps && covered < size) pieces.push([covered, size]);
  return pieces;
}

function nativePieces(tool, patternName, texts, mode = 'split') {
  const records = [];
  for (const text of texts) {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(text.length);
    records.push(header, text);
  }
  const result = spawnSync(tool, [mode, patternName], { input: Buffer.concat(records), maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`split_tool failed: ${result.stderr}`);
  const out = result.stdout;
  const all = [];
  let pos = 0;
  for (let t = 0; t < texts.length; ++t) {
    const count = out.readUInt32LE(pos);
    pos += 4;
    const pieces = [];
    for (let i = 0; i < count; ++i, pos += 8) pieces.push([out.readUInt32LE(pos), out.readUInt32LE(pos + 4)]);
    all.push(pieces);
  }
  return all;
}

// The pieces tiktoken itself finds (the npm package: its Rust code compiled to
// WebAssembly, regex included). It does not expose them, so it gets a
// vocabulary of the 256 bytes plus every piece the native side found: a piece
// in the vocabulary encodes as one token, so the tokens show tiktoken's pieces
// whenever they agree with ours, and any piece boundary it puts inside one of
// ours shows up as a boundary between tokens. Texts with malformed UTF-8 are
// skipped: JavaScript strings cannot carry them to it.
function tiktokenPieces(dir, pattern, texts, expected) {
  const { Tiktoken } = createRequire(import.meta.url)(join(dir, 'tiktoken.cjs'));
  const rankOf = new Map();
  const bytesOf = [];
  const add = (bytes) => {
    const key = bytes.toString('latin1');
    if (!rankOf.has(key)) {
      rankOf.set(key, bytesOf.length);
      bytesOf.push(bytes);
    }
  };
  for (let b = 0; b < 256; ++b) add(Buffer.from([b]));
  const valid = texts.map((text) => isWellFormed(text));
  texts.forEach((text, t) => {
    if (valid[t]) for (const [b, e] of expected[t]) add(text.subarray(b, e));
  });
  const encoder = new Tiktoken(bytesOf.map((bytes, rank) => `${bytes.toString('base64')} ${rank}`).join('\n'), {},
    pattern);
  try {
    return texts.map((text, t) => {
      if (!valid[t]) return null;
      const pieces = [];
      let end = 0;
      for (const token of encoder.encode_ordinary(text.toString('utf8'))) {
        pieces.push([end, end + bytesOf[token].length]);
        end += bytesOf[token].length;
      }
      return pieces;
    });
  } finally {
    encoder.free();
  }
}

function isWellFormed(bytes) {
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes);
}

function show(bytes, pieces) {
  return JSON.stringify(pieces.map(([b, e]) => decode(bytes.subarray(b, e)).text));
}

function main() {
  const args = parseArgs(process.argv);
  const started = Date.now();

  const native = nativeProperties(args.tool);
  const excluded = compareProperties(native, jsProperties());

  const variantCache = new Map();
  const variants = (letter) => {
    if (!variantCache.has(letter)) variantCache.set(letter, caseVariants(letter));
    return variantCache.get(letter);
  };
  const regexes = Object.fromEntries(Object.entries(PATTERNS).map(([name, p]) => [name, toJsRegExp(p, variants)]));
  console.log(`(?i) letters: ${[...variantCache].map(([l, v]) => `${l}=[${v}]`).join(' ')}`);

  // Keep codepoints the two sides classify differently out of the texts.
  let dropped = 0;
  const clean = (bytes) => {
    const { text, byteAt } = decode(bytes);
    const kept = [];
    let start = 0;
    let index = 0;
    for (const c of text) {
      if (excluded[c.codePointAt(0)]) {
        kept.push(bytes.subarray(start, byteAt[index]));
        start = byteAt[index + c.length];
        ++dropped;
      }
      index += c.length;
    }
    if (start === 0) return bytes;
    kept.push(bytes.subarray(start));
    return Buffer.concat(kept);
  };
  const catalog = catalogTexts(args.moBytes).map(clean);
  const random = randomTexts(args.random, seededRandom(args.seed), excluded);
  const exhaustive = exhaustiveTexts(excluded);
  const texts = [...catalog, ...random, ...exhaustive, Buffer.alloc(0)];
  const totalBytes = texts.reduce((sum, t) => sum + t.length, 0);
  console.log(`texts: ${catalog.length} from gettext catalogs, ${random.length} random, ` +
    `${exhaustive.length} exhaustive; ` +
    `${(totalBytes / 1e6).toFixed(1)} MB; ${dropped} codepoints dropped for differing properties`);

  let failures = 0;
  const report = (label, text, ours, theirs, state) => {
    const same = ours.length === theirs.length && ours.every(([b, e], i) => b === theirs[i][0] && e === theirs[i][1]);
    if (same) return;
    if (++state.mismatches <= 5) {
      console.log(`  ${label} mismatch on ${JSON.stringify(decode(text).text.slice(0, 200))}`);
      console.log(`    native:    ${show(text, ours).slice(0, 400)}`);
      console.log(`    reference: ${show(text, theirs).slice(0, 400)}`);
    }
  };
  for (const [name, re] of Object.entries(regexes)) {
    const expected = nativePieces(args.tool, name, texts);
    const state = { mismatches: 0 };
    let pieces = 0;
    for (let t = 0; t < texts.length; ++t) {
      const theirs = jsPieces(re, decode(texts[t]), WITH_GAPS.has(name));
      pieces += theirs.length;
      report(`${name} RegExp`, texts[t], expected[t], theirs, state);
    }
    console.log(`${name}: ${texts.length} texts, ${pieces} pieces, ${state.mismatches} mismatches with RegExp`);
    failures += state.mismatches;
    if (args.tiktoken && TIKTOKEN_PATTERNS.has(name)) {
      const reference = tiktokenPieces(args.tiktoken, PATTERNS[name], texts, expected);
      const tiktokenState = { mismatches: 0 };
      let compared = 0;
      reference.forEach((theirs, t) => {
        if (!theirs) return;
        ++compared;
        report(`${name} tiktoken`, texts[t], expected[t], theirs, tiktokenState);
      });
      console.log(`${name}: ${compared} well-formed texts, ${tiktokenState.mismatches} mismatches with tiktoken`);
      failures += tiktokenState.mismatches;
    }
    if (name !== 'whitespace') {
      const hf = nativePieces(args.tool, name, texts, 'split-hf');
      const oniguruma = nativePieces(args.tool, name, texts, 'split-oniguruma');
      const onigurumaState = { mismatches: 0 };
      let compared = 0;
      texts.forEach((text, t) => {
        if (!isWellFormed(text)) return;
        ++compared;
        report(`${name} Oniguruma`, text, hf[t], oniguruma[t], onigurumaState);
      });
      console.log(`${name}: ${compared} well-formed texts, ${onigurumaState.mismatches} mismatches between the Split step and Oniguruma`);
      failures += onigurumaState.mismatches;
    }
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exitCode = failures ? 1 : 0;
}

main();
