// Lookups over the generated tables of normalization_tables.cpp (see
// normalization_tables.h): binary searches in the sorted mapping tables,
// reached only for codepoints whose flags say a mapping exists.
#include <algorithm>

#include "tokenizer/unicode/normalization_tables.h"

namespace tokenlab::normalization {

namespace {

template <class Row>
const Row* find_row(const Row* rows, std::size_t count, char32_t codepoint) {
  const Row* end = rows + count;
  const Row* found =
      std::lower_bound(rows, end, codepoint, [](const Row& row, char32_t key) { return row.codepoint < key; });
  return found != end && found->codepoint == codepoint ? found : nullptr;
}

// Hangul syllables decompose by arithmetic (Unicode 3.12, "Conjoining Jamo Behavior").
constexpr char32_t kHangulFirst = 0xAC00;
constexpr char32_t kHangulCount = 11172;
constexpr char32_t kLeadingFirst = 0x1100;
constexpr char32_t kVowelFirst = 0x1161;
constexpr char32_t kTrailingFirst = 0x11A7;
constexpr char32_t kVowelCount = 21;
constexpr char32_t kTrailingCount = 28;

}  // namespace

std::size_t lowercase(char32_t codepoint, char32_t* out) {
  if (!(flags(codepoint) & kChangesWhenLowercased)) {
    out[0] = codepoint;
    return 1;
  }
  if (const auto* special = find_row(detail::kSpecialLowercase, detail::kSpecialLowercaseCount, codepoint)) {
    std::copy_n(special->lower, special->length, out);
    return special->length;
  }
  const auto* simple = find_row(detail::kSimpleLowercase, detail::kSimpleLowercaseCount, codepoint);
  out[0] = simple ? simple->value : codepoint;
  return 1;
}

std::size_t canonical_decomposition(char32_t codepoint, char32_t* out) {
  if (!(flags(codepoint) & kDecomposes)) {
    out[0] = codepoint;
    return 1;
  }
  if (codepoint >= kHangulFirst && codepoint < kHangulFirst + kHangulCount) {
    const char32_t index = codepoint - kHangulFirst;
    out[0] = kLeadingFirst + index / (kVowelCount * kTrailingCount);
    out[1] = kVowelFirst + index % (kVowelCount * kTrailingCount) / kTrailingCount;
    const char32_t trailing = index % kTrailingCount;
    if (trailing == 0) return 2;
    out[2] = kTrailingFirst + trailing;
    return 3;
  }
  const auto* row = find_row(detail::kDecompositions, detail::kDecompositionCount, codepoint);
  if (!row) {
    out[0] = codepoint;
    return 1;
  }
  std::copy_n(detail::kDecompositionPool + row->offset, row->length, out);
  return row->length;
}

std::uint8_t combining_class(char32_t codepoint) {
  if (!(flags(codepoint) & kReorders)) return 0;
  const auto* row = find_row(detail::kCombiningClasses, detail::kCombiningClassCount, codepoint);
  return row ? static_cast<std::uint8_t>(row->value) : 0;
}

}  // namespace tokenlab::normalization
