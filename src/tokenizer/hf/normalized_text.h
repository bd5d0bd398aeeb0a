// NormalizedText: text after a normalizer ran, with, for each of its bytes, the
// span of the original text that byte came from, so tokens of normalized text
// map back to UTF-8 byte offsets of what the user typed (as Hugging Face's
// NormalizedString keeps its alignments).
//
//   original "Hé" at offset 10, lower-cased and accent-stripped -> text "he",
//   origins [{10,11}, {11,13}]; original_span(0, 2) == {10, 13}
//
// Bytes copied unchanged keep a one-byte origin each, so a token that holds
// part of a multi-byte character (byte fallback) still maps to exact bytes.
// Inserted bytes (a prepended "▁") have an empty origin where they were put.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

struct NormalizedText {
  std::string text;
  std::vector<ByteSpan> origins;  // one per byte of text

  void clear() {
    text.clear();
    origins.clear();
  }
  bool empty() const { return text.empty(); }
  std::uint32_t size() const { return static_cast<std::uint32_t>(text.size()); }

  // Starts over with original bytes that begin at offset `begin` of the original text.
  void assign_original(std::string_view bytes, std::uint32_t begin) {
    clear();
    text.assign(bytes);
    origins.resize(bytes.size());
    for (std::uint32_t i = 0; i < bytes.size(); ++i) origins[i] = {begin + i, begin + i + 1};
  }

  // Appends original bytes that begin at offset `begin` of the original text.
  void append_original(std::string_view bytes, std::uint32_t begin) {
    text.append(bytes);
    const std::size_t first = origins.size();
    origins.resize(first + bytes.size());
    for (std::uint32_t i = 0; i < bytes.size(); ++i) origins[first + i] = {begin + i, begin + i + 1};
  }

  // Copies bytes [begin, begin + length) of other, with their origins.
  void append_from(const NormalizedText& other, std::uint32_t begin, std::uint32_t length) {
    text.append(other.text, begin, length);
    origins.insert(origins.end(), other.origins.begin() + begin, other.origins.begin() + begin + length);
  }

  // Appends new bytes that stand for the original span origin.
  void append_replacement(std::string_view bytes, ByteSpan origin) {
    text.append(bytes);
    origins.insert(origins.end(), bytes.size(), origin);
  }
  void append_codepoint(char32_t codepoint, ByteSpan origin) {
    const std::size_t before = text.size();
    utf8::append(text, codepoint);
    origins.insert(origins.end(), text.size() - before, origin);
  }

  // The original span of normalized bytes [begin, end) (begin < end).
  ByteSpan original_span(std::uint32_t begin, std::uint32_t end) const {
    return {origins[begin].begin, origins[end - 1].end};
  }
  // The original span of the unit (character or invalid byte) at [begin, begin + length).
  ByteSpan unit_origin(std::uint32_t begin, std::uint32_t length) const { return original_span(begin, begin + length); }
};

}  // namespace tokenlab
