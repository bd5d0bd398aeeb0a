// Fuzzes the tokenizer.json Split steps: Oniguruma patterns built from the
// pieces real tokenizer patterns are made of, every behaviour, invert, and the
// hand-written splitters' fast path, on arbitrary bytes.
//
// Input: byte 0 picks the mode. Even: bytes 1..8 pick up to eight fragments of
// a pattern (an unbalanced one is a compile error, which must be a UsageError),
// byte 9 the behaviour and invert; the rest is the text. Odd: byte 1 picks
// GPT-2, cl100k, Qwen 2, o200k or one of DeepSeek V3's; the rest is the text.
// Pieces must lie inside the text, in order, never empty and never
// overlapping; Isolated pieces must cover the text exactly. The fast path must
// give the same pieces as Oniguruma running its expression on well-formed text.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/split_step.h"
#include "tokenizer/unicode/utf8.h"

namespace {

using tokenlab::ByteSpan;
using tokenlab::SplitBehavior;
using tokenlab::SplitStep;

constexpr std::string_view kFragments[] = {
    R"(\p{L}+)", R"(\p{N}{1,3})", R"([^\r\n\p{L}\p{N}]?)", R"( ?[^\s\p{L}\p{N}]+)", R"(\s+(?!\S))", R"(\s+)",
    R"((?i:'s|'t|'re|'ll))", R"([\p{Lu}\p{Lt}\p{M}]*)", R"([一-龥぀-ゟ]+)", R"(\p{P}|\p{S})", "|", "(", ")",
    "?", "+", "*", R"(\b)", "++", R"([\r\n]*)", R"((?=\s))", " ", "x", R"(\d)", R"(\w+)",
};
constexpr SplitBehavior kBehaviors[] = {SplitBehavior::kIsolated, SplitBehavior::kRemoved,
                                        SplitBehavior::kMergedWithPrevious, SplitBehavior::kMergedWithNext,
                                        SplitBehavior::kContiguous};
constexpr std::size_t kMaxPatternText = 512;  // backtracking budgets are per search; keep inputs quick

std::vector<ByteSpan> split(const SplitStep& step, std::string_view text) {
  std::vector<ByteSpan> pieces;
  step.split(text, {0, static_cast<std::uint32_t>(text.size())}, pieces);
  return pieces;
}

void check_pieces(const std::vector<ByteSpan>& pieces, std::string_view text, bool covers) {
  std::uint32_t end = 0;
  for (const ByteSpan piece : pieces) {
    FUZZ_CHECK(piece.begin < piece.end && piece.end <= text.size(), "a piece empty or outside the text");
    FUZZ_CHECK(piece.begin >= end, "pieces overlap or go backwards");
    if (covers) FUZZ_CHECK(piece.begin == end, "Isolated pieces leave a gap");
    end = piece.end;
  }
  if (covers) FUZZ_CHECK(end == text.size(), "Isolated pieces stop before the end");
}

void fuzz_pattern(tokenlab::fuzz::FuzzInput& input) {
  std::string pattern;
  for (int i = 0; i < 8; ++i) {
    const std::uint8_t pick = input.take_byte();
    if (pick == 0xFF) break;
    pattern += kFragments[pick % std::size(kFragments)];
  }
  const std::uint8_t how = input.take_byte();
  const SplitBehavior behavior = kBehaviors[how % std::size(kBehaviors)];
  const bool invert = (how / std::size(kBehaviors)) % 2 == 1;
  std::string_view text = input.rest();
  if (text.size() > kMaxPatternText) text = text.substr(0, kMaxPatternText);
  std::shared_ptr<const tokenlab::Regex> regex;
  try {
    regex = std::make_shared<const tokenlab::Regex>(pattern);
  } catch (const tokenlab::UsageError&) {
    return;  // a pattern Oniguruma refuses, named in the message
  }
  const SplitStep step = SplitStep::regex(regex, behavior, invert);
  try {
    check_pieces(split(step, text), text, behavior == SplitBehavior::kIsolated);
  } catch (const tokenlab::UsageError&) {
    // the backtracking budget ran out: an error, never a hang
  }
}

void fuzz_fast_path(tokenlab::fuzz::FuzzInput& input) {
  constexpr tokenlab::SplitPattern kPatterns[] = {tokenlab::SplitPattern::kGpt2, tokenlab::SplitPattern::kCl100k,
                                                  tokenlab::SplitPattern::kQwen2, tokenlab::SplitPattern::kO200k,
                                                  tokenlab::SplitPattern::kDeepSeekDigits, tokenlab::SplitPattern::kDeepSeekCjk,
                                                  tokenlab::SplitPattern::kDeepSeekWords};
  const tokenlab::SplitPattern pattern = kPatterns[input.take_byte() % std::size(kPatterns)];
  const std::string_view text = input.rest();
  const std::vector<ByteSpan> fast = split(SplitStep::pattern(pattern), text);
  check_pieces(fast, text, true);
  if (!tokenlab::utf8::is_valid(text)) return;
  const SplitStep oniguruma = SplitStep::regex(
      std::make_shared<const tokenlab::Regex>(tokenlab::split_pattern_regex(pattern)), SplitBehavior::kIsolated, false);
  const std::vector<ByteSpan> slow = split(oniguruma, text);
  FUZZ_CHECK(fast.size() == slow.size(), "the fast path and Oniguruma find different pieces");
  for (std::size_t i = 0; i < fast.size(); ++i) {
    FUZZ_CHECK(fast[i].begin == slow[i].begin && fast[i].end == slow[i].end,
               "the fast path and Oniguruma find different pieces");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  if (input.take_byte() % 2 == 0) {
    fuzz_pattern(input);
  } else {
    fuzz_fast_path(input);
  }
  return 0;
}
