// Runs one reference tokenizer over a list of texts, off the main thread, for
// hf-parity.test.mjs: the references are slow (transformers.js runs BPE over a
// whole SentencePiece paragraph at once), so two of these share the two cores.
//
//   in:  workerData {texts: string[], vocabDir}; messages {id, reference, model}
//   out: {id, ids: Uint32Array (all texts' ids, concatenated), offsets: Uint32Array (texts + 1)}
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { PreTrainedTokenizer } from '@huggingface/transformers';
import llamaTokenizer from 'llama-tokenizer-js';
import mistralTokenizer from 'mistral-tokenizer-js';

const { texts, vocabDir } = workerData;

// reference name -> (model) -> (text) -> ids
const kReferences = {
  // transformers.js with the same tokenizer.json: add_special_tokens and added-token matching at their defaults.
  'transformers.js': (model) => {
    const json = JSON.parse(readFileSync(path.join(vocabDir, `${model}.json`), 'utf8'));
    const tokenizer = new PreTrainedTokenizer(json, {});
    return (text) => tokenizer.encode(text);
  },
  // BOS and the preceding space at their defaults; "<s>" in text is ordinary text there.
  'llama-tokenizer-js': () => (text) => llamaTokenizer.encode(text),
  'mistral-tokenizer-js': () => (text) => mistralTokenizer.encode(text),
};

parentPort.on('message', ({ id, reference, model }) => {
  const encode = kReferences[reference](model);
  const offsets = new Uint32Array(texts.length + 1);
  const parts = [];
  let total = 0;
  texts.forEach((text, i) => {
    const ids = encode(text);
    parts.push(ids);
    total += ids.length;
    offsets[i + 1] = total;
  });
  const ids = new Uint32Array(total);
  parts.forEach((part, i) => ids.set(part, offsets[i]));
  parentPort.postMessage({ id, ids, offsets }, [ids.buffer, offsets.buffer]);
});
