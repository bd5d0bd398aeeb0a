// Unicode character properties (general category, White_Space) looked up per
// codepoint in tables generated from the Unicode Character Database by
// build-scripts/gen-unicode-tables.py into unicode_tables.cpp.
//
//   category(U+0041 'A') == Category::kLu;   flags(U+0041) == kLetter | kUppercaseLetter
//   category(U+3000) == Category::kZs;       flags(U+3000) == kSeparator | kWhiteSpace
//   category(utf8::kInvalidCodepoint) == Category::kCn, flags 0
//
// Why a two-stage table: a lookup is two loads, with no search, and the data
// (about 44 KB) stays small because most 256-codepoint blocks share a pattern.
// Latin-1, so ASCII, skips the index.
#pragma once

#include <cstdint>

namespace tokenlab::unicode {

// The general categories, grouped by family as the Unicode Standard lists them
// (letters, marks, numbers, punctuation, symbols, separators, other). kCn
// (unassigned) is also what codepoints above U+10FFFF, such as
// utf8::kInvalidCodepoint, read as.
enum class Category : std::uint8_t {
  kLu, kLl, kLt, kLm, kLo,                  // letters
  kMn, kMc, kMe,                            // marks
  kNd, kNl, kNo,                            // numbers
  kPc, kPd, kPs, kPe, kPi, kPf, kPo,        // punctuation
  kSm, kSc, kSk, kSo,                       // symbols
  kZs, kZl, kZp,                            // separators
  kCc, kCf, kCs, kCo, kCn,                  // control, format, surrogate, private, unassigned
};
inline constexpr int kCategoryCount = 30;

// One bit per property, so a character class of a regular expression is one mask test.
using Flags = std::uint16_t;
inline constexpr Flags kLetter = 1 << 0;           // L*
inline constexpr Flags kUppercaseLetter = 1 << 1;  // Lu
inline constexpr Flags kLowercaseLetter = 1 << 2;  // Ll
inline constexpr Flags kTitlecaseLetter = 1 << 3;  // Lt
inline constexpr Flags kModifierLetter = 1 << 4;   // Lm
inline constexpr Flags kOtherLetter = 1 << 5;      // Lo
inline constexpr Flags kMark = 1 << 6;             // M*
inline constexpr Flags kNumber = 1 << 7;           // N*
inline constexpr Flags kPunctuation = 1 << 8;      // P*
inline constexpr Flags kSymbol = 1 << 9;           // S*
inline constexpr Flags kSeparator = 1 << 10;       // Z*
inline constexpr Flags kControl = 1 << 11;         // Cc
inline constexpr Flags kFormat = 1 << 12;          // Cf
inline constexpr Flags kWhiteSpace = 1 << 13;      // White_Space (PropList.txt); what regex \s means

// The Unicode version the tables were generated from, e.g. "15.0.0".
extern const char kUnicodeVersion[];

namespace detail {

// Packed property byte: Category in the low 5 bits, White_Space in bit 5.
inline constexpr std::uint8_t kCategoryMask = 0x1F;
inline constexpr std::uint8_t kWhiteSpaceBit = 0x20;

// Two-stage table (see build-scripts/gen-unicode-tables.py): kPropertyBlockIndex
// has one entry per 256 codepoints naming a block of kPropertyBlocks.
inline constexpr unsigned kPropertyBlockShift = 8;
extern const std::uint8_t kPropertyBlockIndex[0x110000 >> kPropertyBlockShift];
extern const std::uint8_t kPropertyBlocks[];

}  // namespace detail

// The packed property byte of a codepoint (see detail::kCategoryMask).
// Latin-1 (so ASCII) takes a single load: the generator numbers blocks in order
// of first appearance, so U+0000..U+00FF is block 0.
inline std::uint8_t property_byte(char32_t codepoint) {
  if (codepoint < 0x100) return detail::kPropertyBlocks[codepoint];
  if (codepoint >= 0x110000) return std::uint8_t(Category::kCn);
  const unsigned block = detail::kPropertyBlockIndex[codepoint >> detail::kPropertyBlockShift];
  return detail::kPropertyBlocks[block << detail::kPropertyBlockShift |
                                 (codepoint & ((1u << detail::kPropertyBlockShift) - 1))];
}

inline Category category(char32_t codepoint) {
  return Category(property_byte(codepoint) & detail::kCategoryMask);
}

inline bool is_white_space(char32_t codepoint) {
  return (property_byte(codepoint) & detail::kWhiteSpaceBit) != 0;
}

// The flags implied by a general category alone (never kWhiteSpace).
constexpr Flags category_flags(Category category) {
  switch (category) {
    case Category::kLu: return kLetter | kUppercaseLetter;
    case Category::kLl: return kLetter | kLowercaseLetter;
    case Category::kLt: return kLetter | kTitlecaseLetter;
    case Category::kLm: return kLetter | kModifierLetter;
    case Category::kLo: return kLetter | kOtherLetter;
    case Category::kMn: case Category::kMc: case Category::kMe: return kMark;
    case Category::kNd: case Category::kNl: case Category::kNo: return kNumber;
    case Category::kPc: case Category::kPd: case Category::kPs: case Category::kPe:
    case Category::kPi: case Category::kPf: case Category::kPo: return kPunctuation;
    case Category::kSm: case Category::kSc: case Category::kSk: case Category::kSo: return kSymbol;
    case Category::kZs: case Category::kZl: case Category::kZp: return kSeparator;
    case Category::kCc: return kControl;
    case Category::kCf: return kFormat;
    case Category::kCs: case Category::kCo: case Category::kCn: return 0;
  }
  return 0;
}

// Flags of a packed property byte.
constexpr Flags property_flags(std::uint8_t property) {
  return category_flags(Category(property & detail::kCategoryMask)) |
         ((property & detail::kWhiteSpaceBit) ? kWhiteSpace : 0);
}

inline Flags flags(char32_t codepoint) { return property_flags(property_byte(codepoint)); }

// The two-letter alias of a category, "Lu" .. "Cn".
const char* category_name(Category category);

}  // namespace tokenlab::unicode
