// One training run of Hugging Face tokenizers' BPE trainer (Rust, through its
// node binding), for bench/train.mjs: byte-level pre-tokenizer with GPT-2's
// expression, the binding's default trainer (vocabulary 30 000, the only size
// it offers). Run with RAYON_NUM_THREADS=1 for one thread.
//
//   node bench/train/hf-train.mjs CORPUS OUTPUT   → {vocabSize} on stdout
import { BPE, Tokenizer, byteLevelPreTokenizer } from '@anush008/tokenizers';

const [corpus, output] = process.argv.slice(2);
const tokenizer = new Tokenizer(BPE.empty());
tokenizer.setPreTokenizer(byteLevelPreTokenizer(false, true));
tokenizer.train([corpus]);
tokenizer.save(output);
console.log(JSON.stringify({ vocabSize: tokenizer.getVocabSize() }));
