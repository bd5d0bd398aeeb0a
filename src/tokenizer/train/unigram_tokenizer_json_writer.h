// Exports a trained Unigram vocabulary as Hugging Face's tokenizer.json, which
// the Rust library (and its npm and Python bindings) loads as it is.
//
//   pieces <unk> 0, <s> 0, </s> 0, ▁the -3.1, ... ->
//     "model": {"type": "Unigram", "unk_id": 0, "vocab": [["<unk>", 0.0], ["<s>", 0.0], ...,
//               ["▁the", -3.1], ...], "byte_fallback": false}
//
// The text is split as the trainer split it (unigram_words.h): a Sequence of
// WhitespaceSplit and Metaspace (replacement ▁, prepend_scheme "always", split),
// T5's arrangement; no normalizer, since training normalizes nothing. The
// decoder is Metaspace (ByteFallback first when byte_fallback is on), which
// turns ▁ back into spaces and drops the first. The special pieces (<unk>,
// <s>, </s>) are also added_tokens marked special, as in the files Hugging
// Face converts from sentencepiece models; no post-processor adds them.
#pragma once

#include <string>

#include "tokenizer/train/unigram_trainer.h"

namespace tokenlab {

std::string write_unigram_tokenizer_json(const UnigramResult& result);

}  // namespace tokenlab
