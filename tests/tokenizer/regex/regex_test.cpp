#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/regex/regex.h"

using namespace tokenlab;

namespace {

std::vector<std::string> matches(const Regex& regex, std::string_view text) {
  std::vector<ByteSpan> spans;
  regex.find_all(text, spans);
  std::vector<std::string> found;
  for (const ByteSpan span : spans) found.emplace_back(text.substr(span.begin, span.end - span.begin));
  return found;
}

}  // namespace

TEST_CASE("Oniguruma matches leftmost-first, with Unicode classes, lookahead and (?i:)") {
  CHECK(matches(Regex(R"(\p{N}{1,3})"), "in 2024, 12345") == std::vector<std::string>{"202", "4", "123", "45"});
  CHECK(matches(Regex("a|ab"), "ab") == std::vector<std::string>{"a"});
  CHECK(matches(Regex(R"(\s+(?!\S)|\s+)"), "a   b") == std::vector<std::string>{"  ", " "});
  CHECK(matches(Regex("(?i:'s|'ll)"), "IT'S WE'LL") == std::vector<std::string>{"'S", "'LL"});
  // Non-ASCII ranges, as DeepSeek V3 writes its CJK and kana classes.
  CHECK(matches(Regex("[一-龥぀-ゟ゠-ヿ]+"), "ab漢字かなカナcd") == std::vector<std::string>{"漢字かなカナ"});
  CHECK(matches(Regex(R"([^\p{L}\s]+)"), "été 2€!") == std::vector<std::string>{"2€!"});
  CHECK(matches(Regex(R"(\p{L}++)"), "ab cd") == std::vector<std::string>{"ab", "cd"});
  // Unicode 16.0 data: GARAY DIGIT ZERO (U+10D40) is a number, U+1C89 a capital letter.
  CHECK(matches(Regex(R"(\p{N})"), "\xf0\x90\xb5\x80") == std::vector<std::string>{"\xf0\x90\xb5\x80"});
  CHECK(matches(Regex(R"(\p{Lu})"), "\xe1\xb2\x89") == std::vector<std::string>{"\xe1\xb2\x89"});
}

TEST_CASE("empty matches advance one character and are dropped once after a match") {
  CHECK(matches(Regex("x*"), "ab") == std::vector<std::string>{"", "", ""});
  // After "x" the empty match at 1 is dropped, as the onig crate's find_iter drops it.
  CHECK(matches(Regex("x*"), "xa") == std::vector<std::string>{"x", ""});
  CHECK(matches(Regex("x*"), "").size() == 1);
}

TEST_CASE("bad patterns and runaway backtracking are errors that name the pattern") {
  CHECK_THROWS_WITH_AS(Regex("(a"), doctest::Contains("pattern (a does not compile"), UsageError);
  CHECK_THROWS_AS(Regex(R"(\p{NoSuchClass})"), UsageError);
  // 2^40 ways to read the a's, none followed by the end of the text.
  const Regex runaway("^(?:a|a)*$");
  const std::string text = std::string(40, 'a') + "!";
  std::vector<ByteSpan> spans;
  CHECK_THROWS_WITH_AS(runaway.find_all(text, spans), doctest::Contains("backtracks too much"), UsageError);
}
