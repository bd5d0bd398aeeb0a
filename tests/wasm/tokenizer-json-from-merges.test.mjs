// The tokenizer.json the Train view makes of a run's first merges
// (web/train/tokenizer-json-from-merges.js) is byte for byte what the
// engine exports after as many merges: for every pre-tokenizer, with and
// without special tokens, for no merges, some, and all of them; tokens that
// are JSON escapes or replacement patterns ("\"", "$&") included.
//
//   node --test tests/wasm/tokenizer-json-from-merges.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { TrainedVocabulary } from '../../web/common/trained-vocabulary.js';
import { TrainerEngine } from '../../web/engine/trainer-engine.js';
import { tokenizerJsonFromMerges } from '../../web/train/tokenizer-json-from-merges.js';
import { loadEngine, repoRoot } from './load-engine.mjs';

const text = Buffer.concat([
  readFileSync(path.join(repoRoot, 'web', 'samples', 'moby-dick.txt')).subarray(0, 120_000),
  Buffer.from(' $& $$ $1 "\\" "quoted" 12 0 007 東京 東京 👩🏽‍💻 👩🏽‍💻 naïve naïve\n'.repeat(40)),
]);
const decoder = new TextDecoder();

/** @type {TrainerEngine} */
let trainers;

before(async () => {
  trainers = new TrainerEngine((await loadEngine()).module);
});

/** The engine's export of a trainer with these settings and no text. */
function skeleton(options) {
  const trainer = trainers.createTrainer(options);
  trainer.addText('');
  trainer.finishText();
  trainer.step(0);
  const json = trainer.tokenizerJson();
  trainer.delete();
  return json;
}

for (const pretokenizer of ['gpt2', 'cl100k', 'o200k', 'whitespace', 'none']) {
  for (const specialTokens of [[], ['<|endoftext|>', '<pad>']]) {
    test(`${pretokenizer}, ${specialTokens.length} special tokens: the first k merges make the engine's own tokenizer.json of k merges`, () => {
      const options = { vocabSize: 2000, pretokenizer, minFrequency: 2, specialTokens };
      const shell = skeleton(options);
      const trainer = trainers.createTrainer(options);
      trainer.addText(text);
      trainer.finishText();
      const held = new TrainedVocabulary();
      assert.equal(decoder.decode(tokenizerJsonFromMerges(shell, held)), decoder.decode(trainer.tokenizerJson()), 'no merges');
      for (const upTo of [1, 300, 2000]) {
        trainer.step(upTo - trainer.mergesDone);
        held.clear();
        held.append({ first: 0, merges: trainer.merges(0), tokens: trainer.tokenBytes(256) });
        assert.equal(decoder.decode(tokenizerJsonFromMerges(shell, held)), decoder.decode(trainer.tokenizerJson()), `${held.mergeCount} merges`);
      }
      // Fewer merges than held: the first of them only, as a run of that length would export.
      const all = held.mergeCount;
      const partial = JSON.parse(decoder.decode(tokenizerJsonFromMerges(shell, held, 100)));
      assert.equal(partial.model.merges.length, 100);
      assert.equal(Object.keys(partial.model.vocab).length, 356);
      assert.deepEqual(partial.added_tokens.map((/** @type {{id: number}} */ token) => token.id), specialTokens.map((_, i) => 356 + i));
      assert.ok(all > 100);
      trainer.delete();
    });
  }
}
