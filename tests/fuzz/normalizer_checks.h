// Properties every normalizer must have, shared by the fuzz targets that
// normalize: the same text and origins from original bytes
// (normalize_original) as from their identity alignment (normalize), one
// origin per output byte, each inside the text and none going backwards.
//
//   const NormalizedText out = normalized_both_ways(nfc, "e\xCC\x81");  // checks, then returns "é"
#pragma once

#include <cstdint>
#include <string_view>

#include "property.h"
#include "tokenizer/hf/normalizer.h"

namespace tokenlab::fuzz {

// Where the text starts in its imagined original, so an origin of 0 would show a lost offset.
inline constexpr std::uint32_t kNormalizedTextBegin = 7;

inline void check_origins(const NormalizedText& out, std::string_view text) {
  FUZZ_CHECK(out.origins.size() == out.text.size(), "not one origin per byte");
  for (std::size_t i = 0; i < out.origins.size(); ++i) {
    FUZZ_CHECK(out.origins[i].begin >= kNormalizedTextBegin && out.origins[i].begin <= out.origins[i].end &&
                   out.origins[i].end <= kNormalizedTextBegin + text.size(),
               "an origin outside the text");
    if (i > 0) {
      FUZZ_CHECK(out.origins[i - 1].begin <= out.origins[i].begin && out.origins[i - 1].end <= out.origins[i].end,
                 "origins go backwards");
    }
  }
}

// Normalizes text through both entry points, checks that they agree and that
// the origins are sound, and returns the result.
inline NormalizedText normalized_both_ways(const Normalizer& normalizer, std::string_view text) {
  NormalizedText direct;
  normalizer.normalize_original(text, kNormalizedTextBegin, direct);
  NormalizedText in;
  in.assign_original(text, kNormalizedTextBegin);
  NormalizedText aligned;
  normalizer.normalize(in, aligned);
  FUZZ_CHECK(direct.text == aligned.text, "normalize and normalize_original give different text");
  FUZZ_CHECK(direct.origins.size() == aligned.origins.size(), "normalize and normalize_original disagree");
  for (std::size_t i = 0; i < direct.origins.size(); ++i) {
    FUZZ_CHECK(direct.origins[i].begin == aligned.origins[i].begin && direct.origins[i].end == aligned.origins[i].end,
               "normalize and normalize_original give different origins");
  }
  check_origins(direct, text);
  return direct;
}

}  // namespace tokenlab::fuzz
