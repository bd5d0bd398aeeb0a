// The text a normalizer pass reads, so that one template serves both of a
// Normalizer's entry points: original bytes at an offset (normalize_original,
// no alignment built first) or normalized text with its origins (normalize).
//
//   OriginalSource{"ab", 10}.origin(1, 1) == {11, 12};  AlignedSource of "ab" whose "b" came
//   from [3, 7) gives origin(1, 1) == {3, 7}
#pragma once

#include <cstdint>
#include <string_view>

#include "tokenizer/hf/normalized_text.h"

namespace tokenlab::normalizer_sources {

struct OriginalSource {
  std::string_view text;
  std::uint32_t begin;

  // The original span of bytes [pos, pos + length).
  ByteSpan origin(std::uint32_t pos, std::uint32_t length) const { return {begin + pos, begin + pos + length}; }
  // An empty span where byte pos starts (or where the text ends).
  ByteSpan point(std::uint32_t pos) const { return {begin + pos, begin + pos}; }
  void copy(std::uint32_t pos, std::uint32_t length, NormalizedText& out) const {
    out.append_original(text.substr(pos, length), begin + pos);
  }
};

struct AlignedSource {
  const NormalizedText& in;
  std::string_view text;

  explicit AlignedSource(const NormalizedText& normalized) : in(normalized), text(normalized.text) {}
  ByteSpan origin(std::uint32_t pos, std::uint32_t length) const { return in.original_span(pos, pos + length); }
  ByteSpan point(std::uint32_t pos) const {
    const std::uint32_t at = pos < in.size() ? in.origins[pos].begin : (in.empty() ? 0 : in.origins.back().end);
    return {at, at};
  }
  void copy(std::uint32_t pos, std::uint32_t length, NormalizedText& out) const { out.append_from(in, pos, length); }
};

}  // namespace tokenlab::normalizer_sources
