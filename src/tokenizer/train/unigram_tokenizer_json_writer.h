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
//
// Scores are written as the decimals unigram_score_text gives, at most 12
// digits after the point: short enough that every reader takes the same double
// from them. (Hugging Face's Rust library reads JSON numbers with serde_json's
// fast path, without float_roundtrip: a decimal of 16 or 17 digits may land an
// ulp away from the nearest double, and Unigram ties are exact equalities of
// sums, so a tie could break the other way there. A decimal of at most 15
// significant digits and 22 decimals is one exact integer divided by one exact
// power of ten, a single rounding: the nearest double, as strtod gives.) The
// trainer rounds its scores the same way (round_unigram_score), so the
// scores it returns are the ones the file holds.
#pragma once

#include <string>

#include "tokenizer/train/unigram_trainer.h"

namespace tokenlab {

inline constexpr int kUnigramScoreDecimals = 12;

std::string write_unigram_tokenizer_json(const UnigramResult& result);

// -3.6571635296273399 -> "-3.657163529627"; 0 -> "0.0": fixed point with
// kUnigramScoreDecimals decimals, trailing zeros dropped (one kept).
std::string unigram_score_text(double score);

// The double unigram_score_text's decimal reads as (the nearest one).
double round_unigram_score(double score);

}  // namespace tokenlab
