// Lookups over the generated tables of normalization_tables.cpp (see
// normalization_tables.h): binary searches in the sorted mapping tables,
// reached only for codepoints whose flags say a mapping exists.
#include <algorithm>
#include <utility>

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
constexpr char32_t kLeadingCount = 19;

std::size_t decompose_hangul(char32_t syllable, char32_t* out) {
  const char32_t index = syllable - kHangulFirst;
  out[0] = kLeadingFirst + index / (kVowelCount * kTrailingCount);
  out[1] = kVowelFirst + index % (kVowelCount * kTrailingCount) / kTrailingCount;
  const char32_t trailing = index % kTrailingCount;
  if (trailing == 0) return 2;
  out[2] = kTrailingFirst + trailing;
  return 3;
}

bool is_hangul_syllable(char32_t codepoint) {
  return codepoint >= kHangulFirst && codepoint < kHangulFirst + kHangulCount;
}

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
  if (is_hangul_syllable(codepoint)) return decompose_hangul(codepoint, out);
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

std::size_t form_decomposition(char32_t codepoint, bool compatibility, char32_t* out) {
  if (!(form_flags(codepoint) & (compatibility ? kNotNfkd : kNotNfd))) {
    out[0] = codepoint;
    return 1;
  }
  if (is_hangul_syllable(codepoint)) return decompose_hangul(codepoint, out);
  // The compatibility table holds only what differs from the canonical one;
  // the canonical table is a superset of Unicode 9.0's, guarded by the flags.
  const auto* row = compatibility ? find_row(detail::kCompatibilityDecompositions,
                                             detail::kCompatibilityDecompositionCount, codepoint)
                                  : nullptr;
  const char32_t* pool = detail::kCompatibilityDecompositionPool;
  if (!row) {
    row = find_row(detail::kDecompositions, detail::kDecompositionCount, codepoint);
    pool = detail::kDecompositionPool;
  }
  if (!row) {
    out[0] = codepoint;
    return 1;
  }
  std::copy_n(pool + row->offset, row->length, out);
  return row->length;
}

std::uint8_t form_combining_class(char32_t codepoint) {
  return (form_flags(codepoint) & kNonStarter) ? combining_class(codepoint) : 0;
}

char32_t primary_composite(char32_t first, char32_t second) {
  // Hangul: leading consonant + vowel -> LV syllable; LV syllable + trailing consonant -> LVT syllable.
  if (first >= kLeadingFirst && first < kLeadingFirst + kLeadingCount && second >= kVowelFirst &&
      second < kVowelFirst + kVowelCount) {
    return kHangulFirst + ((first - kLeadingFirst) * kVowelCount + (second - kVowelFirst)) * kTrailingCount;
  }
  if (is_hangul_syllable(first) && (first - kHangulFirst) % kTrailingCount == 0 && second > kTrailingFirst &&
      second < kTrailingFirst + kTrailingCount) {
    return first + (second - kTrailingFirst);
  }
  const detail::Composition* end = detail::kCompositions + detail::kCompositionCount;
  const detail::Composition* found =
      std::lower_bound(detail::kCompositions, end, std::pair{first, second},
                       [](const detail::Composition& row, std::pair<char32_t, char32_t> key) {
                         return row.first != key.first ? row.first < key.first : row.second < key.second;
                       });
  return found != end && found->first == first && found->second == second ? found->composite : 0;
}

}  // namespace tokenlab::normalization
