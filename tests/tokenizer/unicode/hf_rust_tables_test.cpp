#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "tokenizer/unicode/hf_rust_tables.h"

using namespace tokenlab::hf_rust;

namespace {

std::vector<char32_t> lower(char32_t codepoint) {
  char32_t out[tokenlab::normalization::kMaxLowercaseLength];
  return std::vector<char32_t>(out, out + lowercase(codepoint, out));
}

}  // namespace

TEST_CASE("the categories are Unicode 8.0's, as the unicode_categories crate has them") {
  CHECK(flags(0x200B) == kOther);  // Cf
  CHECK(flags(0xE000) == kOther);  // Co
  CHECK((flags(0x0378) & kOther) == 0);  // unassigned is not "other"
  CHECK(flags(0x0301) == (kNonspacingMark | kCombiningMark));
  CHECK(flags(0x1DF9) == 0);        // Mn since Unicode 10.0: neither 8.0's Mn nor 9.0's M
  CHECK(flags(0x1885) == kCombiningMark);   // Lo in 8.0, Mn since 9.0
  CHECK(flags(0x1734) == (kNonspacingMark | kCombiningMark));  // Mn in 8.0, Mc today
  CHECK(flags(0x111C9) == kPunctuation);    // Po in 8.0 and 9.0, Mn today
  CHECK(flags(0x1CF2) == kCombiningMark);   // Mc in 9.0 (StripAccents removes it), Lo today
  CHECK(flags(0x0903) == kCombiningMark);   // Mc: a mark, not nonspacing
  CHECK(is_punctuation(U'$'));
  CHECK(is_punctuation(0x00BF));
  CHECK_FALSE(is_punctuation(0x2E43));  // Pd since Unicode 9.0
  CHECK_FALSE(is_punctuation(U'a'));
}

TEST_CASE("whitespace and lower-casing are Rust's standard library's") {
  CHECK(is_white_space(0x0085));
  CHECK(is_white_space(0x3000));
  CHECK_FALSE(is_white_space(0xFEFF));
  CHECK(lower(U'A') == std::vector<char32_t>{U'a'});
  CHECK(lower(0x03A3) == std::vector<char32_t>{0x03C3});  // no final sigma without context
  CHECK(lower(0x0130) == std::vector<char32_t>{U'i', 0x0307});
  CHECK(lower(0xA7CB) == std::vector<char32_t>{0x0264});   // Unicode 16.0
  CHECK(lower(0x16EA0) == std::vector<char32_t>{0x16EBB});  // Unicode 17.0
  CHECK(lower(0x4E2D) == std::vector<char32_t>{0x4E2D});
}
