#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "tokenizer/unicode/normalization_tables.h"

using namespace tokenlab::normalization;

namespace {

std::vector<char32_t> lower(char32_t codepoint) {
  char32_t out[kMaxLowercaseLength];
  return std::vector<char32_t>(out, out + lowercase(codepoint, out));
}

std::vector<char32_t> decompose(char32_t codepoint) {
  char32_t out[kMaxDecompositionLength];
  return std::vector<char32_t>(out, out + canonical_decomposition(codepoint, out));
}

std::vector<char32_t> form_decompose(char32_t codepoint, bool compatibility) {
  char32_t out[kMaxCompatibilityDecompositionLength];
  return std::vector<char32_t>(out, out + form_decomposition(codepoint, compatibility, out));
}

}  // namespace

TEST_CASE("lower-casing follows UnicodeData and the unconditional special casings") {
  CHECK(lower(U'A') == std::vector<char32_t>{U'a'});
  CHECK(lower(U'a') == std::vector<char32_t>{U'a'});
  CHECK(lower(U'É') == std::vector<char32_t>{U'é'});
  CHECK(lower(U'Ж') == std::vector<char32_t>{U'ж'});
  CHECK(lower(U'Σ') == std::vector<char32_t>{U'σ'});  // final sigma is decided from context elsewhere
  CHECK(lower(U'ǅ') == std::vector<char32_t>{U'ǆ'});  // titlecase digraph
  CHECK(lower(0x1E9E) == std::vector<char32_t>{U'ß'});  // capital sharp s
  CHECK(lower(0x0130) == std::vector<char32_t>{U'i', 0x0307});  // İ -> i + combining dot above
  CHECK(lower(U'中') == std::vector<char32_t>{U'中'});
  CHECK(lower(0x110000) == std::vector<char32_t>{0x110000});
}

TEST_CASE("canonical decomposition is full and includes Hangul syllables") {
  CHECK(decompose(U'é') == std::vector<char32_t>{U'e', 0x0301});
  CHECK(decompose(0x01D6) == std::vector<char32_t>{U'u', 0x0308, 0x0304});  // ǖ, decomposed twice over
  CHECK(decompose(0x1E69) == std::vector<char32_t>{U's', 0x0323, 0x0307});  // ṩ
  CHECK(decompose(U'한') == std::vector<char32_t>{0x1112, 0x1161, 0x11AB});
  CHECK(decompose(U'하') == std::vector<char32_t>{0x1112, 0x1161});
  CHECK(decompose(0x212B) == std::vector<char32_t>{U'A', 0x030A});  // Angstrom sign: a singleton
  CHECK(decompose(0xFB01) == std::vector<char32_t>{0xFB01});  // ﬁ has only a compatibility mapping
  CHECK(decompose(U'a') == std::vector<char32_t>{U'a'});
}

TEST_CASE("flags and combining classes describe the characters") {
  CHECK(combining_class(0x0301) == 230);
  CHECK(combining_class(0x0323) == 220);
  CHECK(combining_class(U'a') == 0);
  CHECK((flags(0x0301) & kNonspacingMark) != 0);
  CHECK((flags(0x0301) & kCaseIgnorable) != 0);
  CHECK((flags(U'A') & kCased) != 0);
  CHECK((flags(U'.') & kCaseIgnorable) != 0);  // a word-break MidNumLet
  CHECK((flags(U' ') & (kCased | kCaseIgnorable)) == 0);
  CHECK((flags(U'中') & (kCased | kChangesWhenLowercased | kDecomposes)) == 0);
  CHECK(kNormalizationUnicodeVersion[0] != '\0');
}

TEST_CASE("the normalization forms' lookups see Unicode 9.0") {
  CHECK(std::string_view(kFormUnicodeVersion) == "9.0.0");
  CHECK(form_decompose(0xFB01, false) == std::vector<char32_t>{0xFB01});
  CHECK(form_decompose(0xFB01, true) == std::vector<char32_t>{U'f', U'i'});
  CHECK(form_decompose(0x1E9B, true) == std::vector<char32_t>{U's', 0x0307});  // compatibility inside a canonical one
  CHECK(form_decompose(0xFDFA, true).size() == kMaxCompatibilityDecompositionLength);
  CHECK(form_decompose(U'한', true) == std::vector<char32_t>{0x1112, 0x1161, 0x11AB});
  CHECK(form_decompose(0x11938, false) == std::vector<char32_t>{0x11938});  // decomposes since Unicode 13.0
  CHECK(decompose(0x11938) == std::vector<char32_t>{0x11935, 0x11930});     // ... which flags() follow
  CHECK(form_combining_class(0x0301) == 230);
  CHECK(form_combining_class(0x1DF9) == 0);  // class 220 since Unicode 10.0
  CHECK(combining_class(0x1DF9) == 220);
  CHECK(primary_composite(U'e', 0x0301) == U'é');
  CHECK(primary_composite(0x1100, 0x1161) == U'가');
  CHECK(primary_composite(U'가', 0x11A8) == U'각');
  CHECK(primary_composite(U'가', 0x11A7) == 0);  // U+11A7 is no trailing consonant
  CHECK(primary_composite(U'각', 0x11A8) == 0);
  CHECK(primary_composite(0x0915, 0x093C) == 0);  // U+0958 is excluded from composition
  CHECK(primary_composite(0x11935, 0x11930) == 0);
  CHECK((form_flags(0x0301) & (kMaybeNotNfc | kNonStarter)) == (kMaybeNotNfc | kNonStarter));
  CHECK((form_flags(U'é') & (kNotNfd | kMaybeNotNfc)) == kNotNfd);
  CHECK((form_flags(0xFB01) & (kNotNfkd | kMaybeNotNfkc | kNotNfd)) == (kNotNfkd | kMaybeNotNfkc));
  CHECK(form_flags(U'a') == 0);
}
