#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tokenizer/unicode/grapheme_break.h"
#include "tokenizer/unicode/utf8.h"

using namespace tokenlab;
using namespace tokenlab::unicode;

namespace {

// The byte offsets where clusters end, cutting text from its start.
std::vector<std::uint32_t> cluster_ends(std::string_view text) {
  std::vector<std::uint32_t> ends;
  for (std::uint32_t pos = 0; pos < text.size();) {
    const std::uint32_t end = grapheme_end(text, pos);
    REQUIRE(end > pos);
    REQUIRE(end <= text.size());
    ends.push_back(end);
    pos = end;
  }
  return ends;
}

// "ab\u0301c" -> {"a", "b\u0301", "c"}.
std::vector<std::string> clusters(std::string_view text) {
  std::vector<std::string> pieces;
  std::uint32_t begin = 0;
  for (const std::uint32_t end : cluster_ends(text)) {
    pieces.emplace_back(text.substr(begin, end - begin));
    begin = end;
  }
  return pieces;
}

using Pieces = std::vector<std::string>;

}  // namespace

TEST_CASE("grapheme clusters follow every test case of Unicode 17.0's GraphemeBreakTest") {
  std::ifstream file(std::string(TOKENLAB_TEST_DATA_DIR) + "/grapheme-break-test-17.0.txt");
  REQUIRE(file);
  std::string line;
  int cases = 0;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    // "÷ 0020 × 0308 ÷" -> text " \u0308", ends {3}
    std::istringstream fields(line);
    std::string field;
    std::string text;
    std::vector<std::uint32_t> expected;
    while (fields >> field) {
      if (field == "÷") {
        if (!text.empty()) expected.push_back(static_cast<std::uint32_t>(text.size()));
      } else if (field != "×") {
        utf8::append(text, static_cast<char32_t>(std::stoul(field, nullptr, 16)));
      }
    }
    INFO(line);
    CHECK(cluster_ends(text) == expected);
    ++cases;
  }
  CHECK(cases == 1093);
}

TEST_CASE("the rules the Precompiled normalizer meets most") {
  CHECK(clusters("e\u0301x") == Pieces{"e\u0301", "x"});               // GB9
  CHECK(clusters("a\r\nb") == Pieces{"a", "\r\n", "b"});               // GB3, GB4, GB5
  CHECK(clusters("\u0915\u094D\u0937") == Pieces{"\u0915\u094D\u0937"});  // GB9c
  CHECK(clusters("\u0915\u094D") == Pieces{"\u0915\u094D"});
  CHECK(clusters("\u0915\u0937") == Pieces{"\u0915", "\u0937"});  // no linker between
  CHECK(clusters("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA\U0001F1EB") ==
        Pieces{"\U0001F1EB\U0001F1F7", "\U0001F1E9\U0001F1EA", "\U0001F1EB"});  // GB12, GB13
  CHECK(clusters("\U0001F469\u200D\U0001F4BB") == Pieces{"\U0001F469\u200D\U0001F4BB"});  // GB11
  CHECK(clusters("a\u200D\U0001F4BB") == Pieces{"a\u200D", "\U0001F4BB"});  // ZWJ after no pictograph
  CHECK(clusters("\u1100\u1161\u11A8") == Pieces{"\u1100\u1161\u11A8"});     // GB6, GB7
  CHECK(clusters("\u0600a") == Pieces{"\u0600a"});                           // GB9b
  CHECK(clusters("\u0915\u093F") == Pieces{"\u0915\u093F"});                 // GB9a
}

TEST_CASE("a malformed byte is a cluster of its own, marks after it too") {
  CHECK(clusters("a\xFF\u0301b") == Pieces{"a", "\xFF", "\u0301", "b"});
  CHECK(clusters("\xE2\x82") == Pieces{"\xE2", "\x82"});
}

TEST_CASE("the properties are Unicode 17.0's") {
  CHECK(std::string(kGraphemeUnicodeVersion) == "17.0.0");
  CHECK(grapheme_properties(0x0301).cluster_break == GraphemeBreak::kExtend);
  CHECK(grapheme_properties(0x094D).conjunct_break == IndicConjunctBreak::kLinker);
  CHECK(grapheme_properties(0x0915).conjunct_break == IndicConjunctBreak::kConsonant);
  CHECK(grapheme_properties(0x200D).conjunct_break == IndicConjunctBreak::kExtend);
  CHECK(grapheme_properties(0x1F600).extended_pictographic);
  CHECK(grapheme_properties(0x1F1E6).cluster_break == GraphemeBreak::kRegionalIndicator);
  CHECK(grapheme_properties(0xAC00).cluster_break == GraphemeBreak::kLv);
  CHECK(grapheme_properties(U'a').cluster_break == GraphemeBreak::kOther);
  CHECK(grapheme_properties(0x1ACF).cluster_break == GraphemeBreak::kExtend);  // assigned in 17.0
  CHECK(grapheme_properties(0x1000).conjunct_break == IndicConjunctBreak::kConsonant);  // Myanmar: 17.0
  CHECK_FALSE(grapheme_properties(0x2701).extended_pictographic);  // left it in 17.0
  CHECK(grapheme_properties(0x2702).extended_pictographic);
}
