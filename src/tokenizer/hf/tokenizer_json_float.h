// serde_json_f64: a JSON number's value as Hugging Face's Rust library reads it.
//
//   serde_json_f64("-3.8020238876342773") == -3.802023887634278 (strtod: -3.8020238876342773)
//
// Why not the parser's own value: serde_json without its float_roundtrip
// feature (the tokenizers crate does not turn it on) reads the digits into a
// u64 (digits that would overflow it are dropped), converts that to f64 and
// then multiplies or divides by a power of ten: two roundings, so a fifth of
// the scores of a converted SentencePiece vocabulary land one ulp from the
// nearest double. A Unigram path is a sum of scores and ties are exact
// equalities, so the engine reads scores exactly as the reference does.
#pragma once

#include <optional>
#include <string_view>

namespace tokenlab::tokenizer_json {

// lexeme: a valid JSON number. nullopt where serde_json reports it out of range.
std::optional<double> serde_json_f64(std::string_view lexeme);

}  // namespace tokenlab::tokenizer_json
