#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "tokenizer/hf/split_step.h"

using namespace tokenlab;

namespace {

std::vector<std::string> pieces(const SplitStep& step, std::string_view text) {
  std::vector<ByteSpan> spans;
  step.split(text, {0, static_cast<std::uint32_t>(text.size())}, spans);
  std::vector<std::string> found;
  for (const ByteSpan span : spans) found.emplace_back(text.substr(span.begin, span.end - span.begin));
  return found;
}

using Pieces = std::vector<std::string>;

SplitStep regex(const char* pattern, SplitBehavior behavior, bool invert = false) {
  return SplitStep::regex(std::make_shared<const Regex>(pattern), behavior, invert);
}

}  // namespace

TEST_CASE("Split behaviours keep, drop or merge the matches as Hugging Face's do") {
  // Matches of "-" in "a-b--c": a | - | b | - | - | c
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kIsolated, false), "a-b--c") == Pieces{"a", "-", "b", "-", "-", "c"});
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kRemoved, false), "a-b--c") == Pieces{"a", "b", "c"});
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kMergedWithPrevious, false), "a-b--c") == Pieces{"a-", "b-", "-", "c"});
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kMergedWithNext, false), "a-b--c") == Pieces{"a", "-b", "-", "-c"});
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kContiguous, false), "a-b--c") == Pieces{"a", "-", "b", "--", "c"});
  // invert: the text between the matches is what the behaviour acts on.
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kRemoved, true), "a-b--c") == Pieces{"-", "-", "-"});
  CHECK(pieces(regex(R"(\s+)", SplitBehavior::kRemoved), "  a  b ") == Pieces{"a", "b"});
  // Gemma 3: Split(" ", MergedWithPrevious).
  CHECK(pieces(SplitStep::literal(" ", SplitBehavior::kMergedWithPrevious, false), "a b  c") == Pieces{"a ", "b ", " ", "c"});
  CHECK(pieces(SplitStep::literal("", SplitBehavior::kIsolated, false), "abc") == Pieces{"abc"});
  CHECK(pieces(SplitStep::literal("-", SplitBehavior::kIsolated, false), "").empty());
}

TEST_CASE("Digits and Punctuation split on character classes") {
  CHECK(pieces(SplitStep::digits(false), "a12b3") == Pieces{"a", "12", "b", "3"});
  CHECK(pieces(SplitStep::digits(true), "a12b3") == Pieces{"a", "1", "2", "b", "3"});
  CHECK(pieces(SplitStep::digits(false), "x\xd9\xa1\xd9\xa2y") == Pieces{"x", "\xd9\xa1\xd9\xa2", "y"});  // Arabic-Indic digits
  CHECK(pieces(SplitStep::punctuation(SplitBehavior::kIsolated), "Hi!? $5") == Pieces{"Hi", "!", "?", " ", "$", "5"});
  CHECK(pieces(SplitStep::punctuation(SplitBehavior::kContiguous), "Hi!? ok") == Pieces{"Hi", "!?", " ok"});
}

TEST_CASE("BertPreTokenizer drops White_Space and isolates punctuation, with the Rust library's classes") {
  CHECK(pieces(SplitStep::bert(), "Hey friend!  How?!") == Pieces{"Hey", "friend", "!", "How", "?", "!"});
  CHECK(pieces(SplitStep::bert(), "a\u0085b\u3000c") == Pieces{"a", "b", "c"});  // NEL is White_Space
  CHECK(pieces(SplitStep::bert(), "a\ufeffb") == Pieces{"a\ufeffb"});            // U+FEFF is not
  CHECK(pieces(SplitStep::bert(), "a$b\u00bfc") == Pieces{"a", "$", "b", "\u00bf", "c"});
  CHECK(pieces(SplitStep::bert(), "a\u2e43b") == Pieces{"a\u2e43b"});  // Pd only since Unicode 9.0
  CHECK(pieces(SplitStep::bert(), "a\U000111C9b") == Pieces{"a", "\U000111C9", "b"});  // Po in 8.0, Mn today
}

TEST_CASE("a known pattern runs its splitter, and Oniguruma on text that needs Unicode 16.0") {
  const SplitStep fast = SplitStep::pattern(SplitPattern::kCl100k);
  const SplitStep slow = SplitStep::regex(std::make_shared<const Regex>(split_pattern_regex(SplitPattern::kCl100k)),
                                          SplitBehavior::kIsolated, false);
  for (const std::string_view text : {"Hello world, it's 12345 ok\n\n  x", "naïve café  \t\r\n", "日本語のテキスト 123"}) {
    CHECK(pieces(fast, text) == pieces(slow, text));
  }
  // GARAY DIGIT ZERO..FOUR (U+10D40..): unassigned in the engine's tables, digits in 16.0,
  // so \p{N}{1,3} groups them only on the Oniguruma path, which the step takes here.
  const std::string garay = "a \xf0\x90\xb5\x80\xf0\x90\xb5\x81\xf0\x90\xb5\x82\xf0\x90\xb5\x83";
  CHECK(pieces(fast, garay) == pieces(slow, garay));
  CHECK(pieces(fast, garay) == Pieces{"a", " ", "\xf0\x90\xb5\x80\xf0\x90\xb5\x81\xf0\x90\xb5\x82", "\xf0\x90\xb5\x83"});
}

TEST_CASE("malformed bytes never reach Oniguruma and stay pieces of their own") {
  const SplitStep words = regex(R"(\p{L}+)", SplitBehavior::kIsolated);
  CHECK(pieces(words, "ab\xff" "cd") == Pieces{"ab", "\xff", "cd"});
  CHECK(pieces(words, "\xe2\x82") == Pieces{"\xe2\x82"});
}
