// The references of the Unigram parity tests, for the fixtures that
// build-scripts/make-unigram-fixtures.mjs trains: SentencePiece itself for a
// .model (unigram-sentencepiece.py, the library spm_encode runs, on whole
// texts) and Hugging Face's Rust library for its tokenizer.json (rustIds, of
// reference-disagreement.mjs, for ids; rustTexts here for text).
//
//   const [fixture] = await unigramFixtures();     // t5-bytes: {name, layout, about, model, json, vocab} (paths)
//   await sentencePieceIds(fixture.model, ['Hello world'], scratch)            // [[703, 1213, 297, 4038]]
//   await sentencePieceTexts(fixture.model, [[703, 1213, 297, 4038]], scratch) // ['Hello world']
//   modelToJsonIds(fixture)(703)                   // the tokenizer.json's id of that piece (703 here, 704 in xlmr)
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defaultFixtureDir, ensureUnigramFixtures } from '../../build-scripts/make-unigram-fixtures.mjs';

const { Tokenizer } = createRequire(import.meta.url)('tokenizers');
const sentencePieceScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'unigram-sentencepiece.py');

/** The fixtures (made first when missing), their files as absolute paths. */
export async function unigramFixtures(dir = defaultFixtureDir) {
  const manifest = await ensureUnigramFixtures(dir);
  return manifest.fixtures.map((fixture) => ({
    ...fixture,
    model: path.join(dir, fixture.model),
    json: path.join(dir, fixture.json),
    vocab: path.join(dir, fixture.model.replace(/\.model$/, '.vocab')),
  }));
}

/** Texts as JSON Lines, a JSON string each: what `tokenlab encode --jsonl` and the Python side read. */
export function writeJsonLines(file, texts) {
  writeFileSync(file, texts.map((text) => JSON.stringify(text)).join('\n') + (texts.length > 0 ? '\n' : ''));
}

function runSentencePiece(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [sentencePieceScript, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (data) => { stderr += data; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`unigram-sentencepiece.py ${args[0]} exited with ${code}: ${stderr.trim()}`))));
  });
}

// Scratch files of their own for every call, so calls may overlap.
let calls = 0;
const scratchFile = (scratch, name) => path.join(scratch, `sentencepiece-${++calls}-${name}`);

const lines = (file) => {
  const text = readFileSync(file, 'utf8');
  return text === '' ? [] : text.slice(0, -1).split('\n');
};

/** SentencePiece's ids for each text (no BOS or EOS), through files in the scratch directory. */
export async function sentencePieceIds(model, texts, scratch) {
  const input = scratchFile(scratch, 'texts.jsonl');
  const output = scratchFile(scratch, 'ids.txt');
  writeJsonLines(input, texts);
  await runSentencePiece(['encode', model, input, output]);
  const ids = lines(output).map((line) => (line === '' ? [] : line.split(' ').map(Number)));
  for (const file of [input, output]) rmSync(file);
  return ids;
}

/** SentencePiece's text for each list of ids. */
export async function sentencePieceTexts(model, idLists, scratch) {
  const input = scratchFile(scratch, 'decode-ids.txt');
  const output = scratchFile(scratch, 'decoded.jsonl');
  writeFileSync(input, idLists.map((ids) => ids.join(' ') + '\n').join(''));
  await runSentencePiece(['decode', model, input, output]);
  const texts = lines(output).map((line) => JSON.parse(line));
  for (const file of [input, output]) rmSync(file);
  return texts;
}

/** The Rust library's text for each list of ids, special tokens kept. */
export async function rustTexts(json, idLists) {
  const tokenizer = await Tokenizer.fromFile(json);
  const texts = [];
  for (const ids of idLists) texts.push(await tokenizer.decode(ids, false));
  return texts;
}

/**
 * .model id -> tokenizer.json id, through the piece names (the .vocab file
 * lists the model's pieces in id order); the xlmr layout moves every id.
 */
export function modelToJsonIds({ json, vocab }) {
  const tokenizer = Tokenizer.fromFile(json);
  const ids = lines(vocab).map((line) => tokenizer.tokenToId(line.slice(0, line.lastIndexOf('\t'))));
  return (id) => ids[id];
}
