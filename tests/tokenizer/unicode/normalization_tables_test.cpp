#include <doctest/doctest.h>

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
