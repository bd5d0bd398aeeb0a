// Where transformers.js and Hugging Face's Rust library (the `tokenizers` npm
// package) give different ids for the same tokenizer.json, and why, for
// hf-parity.test.mjs: the engine follows the Rust library for BERT, so
// transformers.js is its reference only on the texts where the two agree.
//
//   const rust = await rustIds(file, texts);          // ids per text, [CLS]/[SEP] added
//   disagreementKinds(file, ['ΟΔΟΣ'])                  // Map { 'final sigma' => 1 }
//
// A text's kinds come from its characters that make the two differ on their
// own, put between letters ("x" c "x") or after a capital ("X" c): a capital
// sigma (JavaScript lower-cases it to ς at a word's end, Rust to σ always),
// CJK ideographs beyond the Basic Multilingual Plane (transformers.js reads
// UTF-16 units, so it never spaces them), and marks, format characters or
// punctuation (transformers.js's \p{...} classes and NFD follow node's
// Unicode; the Rust library's categories are Unicode 8.0's, its NFD 9.0's).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { PreTrainedTokenizer } from '@huggingface/transformers';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

const kKinds = [
  ['final sigma', (char) => char === '\u03a3'],
  ['CJK beyond the BMP', (char) => char.codePointAt(0) >= 0x20000 && char.codePointAt(0) <= 0x2fa1f],
  ['marks', (char) => /\p{M}/u.test(char)],
  ['format characters', (char) => /\p{C}/u.test(char)],
  ['punctuation', (char) => /[\p{P}\p{S}]/u.test(char)],
];

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

/** The Rust library's ids for each text (well-formed strings), special tokens matched and (unless told) added. */
export async function rustIds(file, texts, { addSpecialTokens = true } = {}) {
  const tokenizer = await Tokenizer.fromFile(file);
  const result = [];
  for (const text of texts) result.push(Array.from((await tokenizer.encode(text, null, { addSpecialTokens })).getIds()));
  return result;
}

/** Kind -> how many of the texts (on which the two disagree) it explains; 'other' when none does. */
export async function disagreementKinds(file, texts) {
  const rust = await Tokenizer.fromFile(file);
  const javascript = new PreTrainedTokenizer(JSON.parse(readFileSync(file, 'utf8')), {});
  const verdicts = new Map();
  const differs = async (char) => {
    if (!verdicts.has(char)) {
      let found = false;
      for (const text of [`x${char}x`, `X${char}`]) {
        const expected = Array.from((await rust.encode(text, null, { addSpecialTokens: true })).getIds());
        if (!sameIds(expected, Array.from(javascript.encode(text)))) found = true;
      }
      verdicts.set(char, found);
    }
    return verdicts.get(char);
  };
  const counts = new Map();
  for (const text of texts) {
    const kinds = new Set();
    for (const char of new Set(text)) {
      if (!(await differs(char))) continue;
      kinds.add(kKinds.find(([, test]) => test(char))?.[0] ?? 'other');
    }
    if (kinds.size === 0) kinds.add('other');
    for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts;
}
