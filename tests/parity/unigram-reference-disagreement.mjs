#!/usr/bin/env node
// Where the two references of the Unigram fixtures disagree with each other:
// SentencePiece on the .model and Hugging Face's Rust library on the
// tokenizer.json written from it (ids compared through the piece names; no
// special tokens added, none matched by SentencePiece, which matches only
// user-defined symbols). Over the parity texts of unigram-parity.test.mjs and
// a few probes, for each fixture: how many texts disagree, how many of those
// still have the same number of tokens, and the first few, cut to the
// characters around the first token that differs.
//
//   node tests/parity/unigram-reference-disagreement.mjs [--examples N] [--json FILE]
//   t5 (nmt_nfkc, unknown characters as <unk>): 3722 texts, 264 disagree (114 with as many tokens, 4.69 MB of
//   text); 3 of 28 probes disagree
//     prose-001.txt at character 33232: "See\nhttps://www.gnu.org/" Rust :// w ww . gnu | SentencePiece :// ww w . gnu
//     probe "</s>" at character 0: "</s>" Rust </s> | SentencePiece ▁</ s >
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { newerCharacterTexts, parityTexts } from './make-corpus.mjs';
import { rustIds } from './reference-disagreement.mjs';
import { modelToJsonIds, sentencePieceIds, unigramFixtures } from './unigram-references.mjs';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');

// Texts on which the two are expected to part, each for a reason of its own:
// control and byte pieces spelled out, user-defined symbols, whitespace other
// than a space, and spaces around symbols.
export const kProbes = [
  '<s>', '</s>', '<unk>', '<pad>', '[CLS]', '<mask>', '<0x41>', 'a<0xE2>b', 'x <sep> y', 'x<sep>y', 'a == b', 'a==b',
  'http://example.org', 'a\tb', 'a\nb', 'a\u000bb', 'a\u3000b', 'a\u00a0b', ' leading', 'trailing ', '  ', '\u200b',
  'ﬁ ① ｈｅｌｌｏ ㍻', 'x\u0301', '😀😀', '1,000', '``quoted\'\'', 'Ünïcödé',
];

const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};

/**
 * For one fixture: {texts, disagreeing: [{label, text, rust, sentencePiece}], sameLength}, where
 * rust and sentencePiece are tokenizer.json ids.
 */
export async function compareReferences(fixture, items, scratch) {
  const texts = items.map(({ text }) => text);
  const rust = await rustIds(fixture.json, texts, { addSpecialTokens: false });
  const toJson = modelToJsonIds(fixture);
  const sentencePiece = (await sentencePieceIds(fixture.model, texts, scratch)).map((ids) => ids.map(toJson));
  const disagreeing = [];
  items.forEach(({ label, text }, i) => {
    if (!sameIds(rust[i], sentencePiece[i])) disagreeing.push({ label, text, rust: rust[i], sentencePiece: sentencePiece[i] });
  });
  return { texts: items.length, disagreeing, sameLength: disagreeing.filter((d) => d.rust.length === d.sentencePiece.length).length };
}

export const kKinds = {
  tie: 'scores equal but for rounding (float sums in SentencePiece, f64 in Rust), decided otherwise',
  segmentation: 'the same text in pieces of other scores',
  text: 'other text reached the model (normalization, whitespace, added tokens, <unk>)',
};

/**
 * What makes the two differ, per stretch between the places where both have a
 * token boundary: the kKinds keys found. Once the pieces spell other text, the
 * rest of the text counts as that one kind (boundaries no longer line up).
 *   rust ▁a|w|ww, SentencePiece ▁a|ww|w, scores equal   -> Set {'tie'}
 */
export function disagreementKinds(rust, sentencePiece, vocab) {
  const piece = (id) => vocab[id]?.[0] ?? `<${id}>`;
  const score = (ids) => ids.reduce((sum, id) => sum + (vocab[id]?.[1] ?? 0), 0);
  const found = new Set();
  let i = 0;
  let j = 0;
  let startI = 0;
  let startJ = 0;
  let lengthA = 0;
  let lengthB = 0;
  while (i < rust.length || j < sentencePiece.length) {
    if (j >= sentencePiece.length || (i < rust.length && lengthA <= lengthB)) lengthA += piece(rust[i++]).length;
    else lengthB += piece(sentencePiece[j++]).length;
    if (lengthA !== lengthB) continue;
    const a = rust.slice(startI, i);
    const b = sentencePiece.slice(startJ, j);
    if (!sameIds(a, b)) {
      if (a.map(piece).join('') !== b.map(piece).join('')) return found.add('text');
      found.add(Math.abs(score(a) - score(b)) < 1e-4 ? 'tie' : 'segmentation');
    }
    startI = i;
    startJ = j;
  }
  if (startI < rust.length || startJ < sentencePiece.length) found.add('text');
  return found;
}

/** The first differing token of a disagreement, with the characters around it and both sides' pieces. */
export async function describe(fixture, { label, text, rust, sentencePiece }) {
  const tokenizer = Tokenizer.fromFile(fixture.json);
  let at = 0;
  while (at < rust.length && rust[at] === sentencePiece[at]) ++at;
  // The Rust library's offsets are in UTF-16 units of the text (node strings).
  const offsets = (await tokenizer.encode(text, null, { addSpecialTokens: false })).getOffsets();
  const start = offsets[Math.min(at, offsets.length - 1)]?.[0] ?? 0;
  const excerpt = text.slice(Math.max(0, start - 12), start + 12);
  const pieces = (ids) => ids.slice(Math.max(0, at - 1), at + 4).map((id) => tokenizer.idToToken(id)).join(' ');
  return `${label} at character ${start}: ${JSON.stringify(excerpt)} Rust ${pieces(rust)} | SentencePiece ${pieces(sentencePiece)}`;
}

async function main() {
  const shown = Number(option('examples', '6'));
  const scratch = mkdtempSync(path.join(tmpdir(), 'tokenlab-unigram-references-'));
  const items = [...parityTexts({ pieceEvery: 4 }), ...(await newerCharacterTexts())];
  const probes = kProbes.map((text) => ({ label: `probe ${JSON.stringify(text)}`, text }));
  const report = {};
  try {
    for (const fixture of await unigramFixtures()) {
      const corpus = await compareReferences(fixture, items, scratch);
      const probed = await compareReferences(fixture, probes, scratch);
      const bytes = corpus.disagreeing.reduce((sum, { text }) => sum + Buffer.byteLength(text), 0);
      const { vocab } = JSON.parse(readFileSync(fixture.json, 'utf8')).model;
      const kinds = Object.fromEntries(Object.keys(kKinds).map((kind) => [kind, 0]));
      for (const { rust, sentencePiece } of corpus.disagreeing) {
        for (const kind of disagreementKinds(rust, sentencePiece, vocab)) kinds[kind] += 1;
      }
      console.log(`${fixture.name} (${fixture.about}): ${corpus.texts} texts, ${corpus.disagreeing.length} disagree ` +
        `(${corpus.sameLength} with as many tokens, ${(bytes / 1e6).toFixed(2)} MB of text); ` +
        `${probed.disagreeing.length} of ${probes.length} probes disagree`);
      console.log(`  texts with ${Object.entries(kinds).map(([kind, count]) => `${kKinds[kind]}: ${count}`).join('; ')}`);
      const examples = [];
      for (const disagreement of corpus.disagreeing.slice(0, shown)) examples.push(await describe(fixture, disagreement));
      const probeNotes = [];
      for (const disagreement of probed.disagreeing) probeNotes.push(await describe(fixture, disagreement));
      for (const line of [...examples, ...probeNotes]) console.log(`  ${line}`);
      report[fixture.name] = {
        about: fixture.about, texts: corpus.texts, disagree: corpus.disagreeing.length, sameLength: corpus.sameLength, kinds,
        labels: corpus.disagreeing.map(({ label }) => label), examples, probes: probeNotes,
      };
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const out = option('json', null);
  if (out) writeFileSync(out, JSON.stringify(report, null, 1));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
