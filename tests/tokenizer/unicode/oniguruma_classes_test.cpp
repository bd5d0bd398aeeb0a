// The Unicode classes the hand-written pre-tokenizers test (\p{L}, \p{Lu} ...
// \p{N}, \p{M}, \p{P}, \p{S}, \s) against Oniguruma, the regex engine that
// matches tokenizer.json Split patterns, on every Unicode scalar value: the
// 1,114,112 code points less the 2,048 surrogates, which UTF-8 cannot carry
// (the pre-tokenizers see their bytes as malformed, with no class).
//
//   \p{L}+ over "...@AB...Z[..." matches "AB...Z": each of A..Z must have kLetter, '@' and '[' not
//
// The engine's tables follow Debian's Unicode Character Database and
// Oniguruma follows Unicode 16.0 (build-scripts/oniguruma-unicode.mjs), so the
// code points whose category or White_Space changed between the two
// (unicode_versions.h) are the only ones allowed to differ; they are counted,
// and every other code point must agree.
//
// \p{P} alone is not checked against P*: Oniguruma reads it as POSIX Punct,
// which adds the nine ASCII symbols $+<=>^`|~ (the last test shows exactly
// these). The splitters only ever test P and S together ([\p{P}\p{S}], DeepSeek
// V3), where the two readings agree.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "tokenizer/regex/regex.h"
#include "tokenizer/unicode/unicode_tables.h"
#include "tokenizer/unicode/unicode_versions.h"
#include "tokenizer/unicode/utf8.h"

using namespace tokenlab;

namespace {

struct AllScalars {
  std::string text;                  // every scalar value in order, as UTF-8
  std::vector<char32_t> at_byte;     // the code point that starts at each byte offset
};

const AllScalars& all_scalars() {
  static const AllScalars all = [] {
    AllScalars result;
    for (char32_t codepoint = 0; codepoint < 0x110000; ++codepoint) {
      if (codepoint >= 0xD800 && codepoint <= 0xDFFF) continue;
      utf8::append(result.text, codepoint);
      result.at_byte.resize(result.text.size(), codepoint);
    }
    return result;
  }();
  return all;
}

}  // namespace

TEST_CASE("the pre-tokenizers' Unicode classes agree with Oniguruma's on every scalar value") {
  struct Class {
    const char* pattern;
    unicode::Flags flag;
  };
  const Class classes[] = {
      {"\\p{L}+", unicode::kLetter},         {"\\p{Lu}+", unicode::kUppercaseLetter},
      {"\\p{Ll}+", unicode::kLowercaseLetter}, {"\\p{Lt}+", unicode::kTitlecaseLetter},
      {"\\p{Lm}+", unicode::kModifierLetter},  {"\\p{Lo}+", unicode::kOtherLetter},
      {"\\p{M}+", unicode::kMark},           {"\\p{N}+", unicode::kNumber},
      {"[\\p{P}\\p{S}]+", unicode::kPunctuation | unicode::kSymbol},  {"\\p{S}+", unicode::kSymbol},
      {"\\s+", unicode::kWhiteSpace},
  };
  const AllScalars& all = all_scalars();
  REQUIRE(all.at_byte.size() == all.text.size());
  std::vector<bool> matched(0x110000);
  for (const Class& cls : classes) {
    const std::string pattern = cls.pattern;
    CAPTURE(pattern);
    std::fill(matched.begin(), matched.end(), false);
    std::vector<ByteSpan> spans;
    Regex(cls.pattern).find_all(all.text, spans);
    for (const ByteSpan span : spans) {
      for (std::uint32_t pos = span.begin; pos < span.end; ++pos) matched[all.at_byte[pos]] = true;
    }
    std::size_t agree = 0, changed = 0, disagree = 0;
    std::string first_disagreements;
    for (char32_t codepoint = 0; codepoint < 0x110000; ++codepoint) {
      if (codepoint >= 0xD800 && codepoint <= 0xDFFF) continue;
      const bool ours = (unicode::flags(codepoint) & cls.flag) != 0;
      if (ours == matched[codepoint]) {
        ++agree;
      } else if (unicode::changes_in_unicode_16(codepoint)) {
        ++changed;
      } else {
        if (++disagree <= 8) {
          char name[16];
          std::snprintf(name, sizeof name, " U+%04X", unsigned(codepoint));
          first_disagreements += name;
        }
      }
    }
    CHECK_MESSAGE(disagree == 0, "first code points that differ:" << first_disagreements);
    CHECK(agree + changed == 0x110000 - 0x800);
    MESSAGE(pattern << ": " << agree << " agree, " << changed << " differ as Unicode 16.0 changed them");
  }
}

TEST_CASE("Oniguruma's \\p{P} is P* plus the nine ASCII symbols of POSIX punct") {
  const AllScalars& all = all_scalars();
  std::vector<ByteSpan> spans;
  Regex("\\p{P}+").find_all(all.text, spans);
  std::vector<bool> matched(0x110000);
  for (const ByteSpan span : spans) {
    for (std::uint32_t pos = span.begin; pos < span.end; ++pos) matched[all.at_byte[pos]] = true;
  }
  std::u32string extra;
  for (char32_t codepoint = 0; codepoint < 0x110000; ++codepoint) {
    if (codepoint >= 0xD800 && codepoint <= 0xDFFF) continue;
    const bool punctuation = (unicode::flags(codepoint) & unicode::kPunctuation) != 0;
    if (matched[codepoint] && !punctuation && !unicode::changes_in_unicode_16(codepoint)) extra.push_back(codepoint);
    if (!matched[codepoint] && punctuation) CHECK_MESSAGE(unicode::changes_in_unicode_16(codepoint), unsigned(codepoint));
  }
  CHECK(extra == U"$+<=>^`|~");
}
