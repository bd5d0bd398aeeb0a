// Properties every encoding must have, shared by the fuzz targets that encode:
// ids within the vocabulary, each naming a token, and spans in order inside
// the text; for byte-level BPE also decode(encode(text)) == text, byte for byte.
//
//   check_encoding(*cl100k, "Hi!", cl100k->encode("Hi!"), /*round_trip=*/true);
#pragma once

#include <string>
#include <string_view>

#include "property.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab::fuzz {

inline void check_encoding(const Tokenizer& tokenizer, std::string_view text, const Encoding& encoding,
                           bool round_trip) {
  FUZZ_CHECK(encoding.starts.size() == encoding.ids.size() && encoding.ends.size() == encoding.ids.size(),
             "ids, starts and ends differ in length");
  for (std::size_t i = 0; i < encoding.size(); ++i) {
    FUZZ_CHECK(encoding.ids[i] < tokenizer.vocab_size(), "id outside the vocabulary");
    FUZZ_CHECK(!tokenizer.token_bytes(encoding.ids[i]).empty(), "id that names no token");
    FUZZ_CHECK(encoding.starts[i] <= encoding.ends[i] && encoding.ends[i] <= text.size(),
               "token span outside the text");
    if (i > 0) FUZZ_CHECK(encoding.starts[i - 1] <= encoding.starts[i], "token spans out of order");
  }
  const std::string decoded = tokenizer.decode(encoding.ids);
  if (round_trip) FUZZ_CHECK(decoded == text, "decode(encode(text)) != text");
}

}  // namespace tokenlab::fuzz
