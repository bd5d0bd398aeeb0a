// Extended grapheme clusters (UAX #29) of Unicode 17.0, cut as the
// unicode-segmentation crate (1.13) cuts them: the `graphemes(true)` that
// Hugging Face tokenizers' Precompiled normalizer reads text by. The
// properties are generated into grapheme_break_table.cpp by
// build-scripts/gen-grapheme-break-table.mjs.
//
//   "e\u0301x"          -> "e\u0301" | "x"      GB9: nothing breaks before Extend
//   "\r\n"              -> one cluster          GB3
//   "🇫🇷🇩🇪"            -> "🇫🇷" | "🇩🇪"          GB12, GB13: regional indicators pair up
//   "👩\u200d💻"        -> one cluster          GB11: pictograph, Extend*, ZWJ, pictograph
//   "क\u094d\u0937"     -> one cluster          GB9c: consonant, linker, consonant
//   "\xff"              -> one cluster          a malformed byte stands alone, as a control
//
// Why Unicode 17.0 and GB9c: the reference's build links unicode-segmentation
// 1.13.3, whose tables are 17.0's and which joins Indic conjuncts (GB9c, since
// Unicode 15.1). Text of Debian's older Unicode (15.0) would cut "क्ष" in two.
#pragma once

#include <cstdint>
#include <string_view>

namespace tokenlab::unicode {

// Grapheme_Cluster_Break (Other for every code point not listed).
enum class GraphemeBreak : std::uint8_t {
  kOther, kCr, kLf, kControl, kExtend, kZwj, kRegionalIndicator, kPrepend, kSpacingMark, kL, kV, kT, kLv, kLvt,
};

// Indic_Conjunct_Break (since Unicode 15.1).
enum class IndicConjunctBreak : std::uint8_t { kNone, kLinker, kConsonant, kExtend };

struct GraphemeProperties {
  GraphemeBreak cluster_break;
  IndicConjunctBreak conjunct_break;
  bool extended_pictographic;
};

// "17.0.0".
extern const char kGraphemeUnicodeVersion[];

namespace detail {

// One byte per code point (see the generator): bits 0..3 GraphemeBreak, bits
// 4..5 IndicConjunctBreak, bit 6 Extended_Pictographic.
inline constexpr unsigned kGraphemeBlockShift = 8;
extern const std::uint8_t kGraphemeBlockIndex[0x110000 >> kGraphemeBlockShift];
extern const std::uint8_t kGraphemeBlocks[];

}  // namespace detail

// The properties of a code point; above U+10FFFF (utf8::kInvalidCodepoint
// among them) they are a control's, so a malformed byte is a cluster alone.
inline GraphemeProperties grapheme_properties(char32_t codepoint) {
  if (codepoint >= 0x110000) return {GraphemeBreak::kControl, IndicConjunctBreak::kNone, false};
  const std::uint8_t value =
      detail::kGraphemeBlocks[detail::kGraphemeBlockIndex[codepoint >> detail::kGraphemeBlockShift]
                                  << detail::kGraphemeBlockShift |
                              (codepoint & ((1u << detail::kGraphemeBlockShift) - 1))];
  return {static_cast<GraphemeBreak>(value & 15), static_cast<IndicConjunctBreak>(value >> 4 & 3),
          (value & 64) != 0};
}

// The end of the extended grapheme cluster that starts at byte pos of text
// (pos < text.size(), and pos a boundary: the start of the text or the end of
// the cluster before). "e\u0301x" from 0 -> 3.
std::uint32_t grapheme_end(std::string_view text, std::uint32_t pos);

}  // namespace tokenlab::unicode
