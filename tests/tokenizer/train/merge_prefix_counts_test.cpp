#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "bpe_trainer_reference.h"
#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/errors.h"
#include "tokenizer/train/merge_prefix_counts.h"

using namespace tokenlab;

namespace {

BpeResult train(std::string_view text, SplitPattern pattern, std::size_t vocab_size, std::uint64_t min_frequency) {
  BpeTrainer trainer(BpeTrainerOptions{vocab_size, pattern, min_frequency, {}});
  trainer.add_text(text);
  return trainer.train();
}

// Tokens of text under the first k merges, merge by merge over every piece.
std::uint64_t reference_count(std::string_view text, SplitPattern pattern, const std::vector<BpeMerge>& merges,
                              std::size_t k) {
  const std::vector<BpeMerge> prefix(merges.begin(), merges.begin() + static_cast<std::ptrdiff_t>(k));
  std::vector<ByteSpan> pieces;
  pre_tokenize(pattern, text, pieces);
  std::uint64_t tokens = 0;
  for (const ByteSpan span : pieces) {
    tokens += reference::apply_merges(text.substr(span.begin, span.end - span.begin), prefix).size();
  }
  return tokens;
}

std::string random_words(std::mt19937& rng, std::size_t length) {
  static const std::vector<std::string> kAlphabet = {"a", "b", "c", "a", "b", "ab", " ", " ", "  ", "\n",
                                                     "1", "'s", ".", "é", "日", "\xff", "aaa"};
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string text;
  while (text.size() < length) text += kAlphabet[pick(rng)];
  return text;
}

}  // namespace

TEST_CASE("aaabdaaabac takes 11, 9, 7 and 5 tokens under 0 to 3 merges") {
  const BpeResult result = train("aaabdaaabac", SplitPattern::kNone, 259, 2);
  REQUIRE(result.merges.size() == 3);
  CHECK(token_counts_by_merge_prefix(result.merges, SplitPattern::kNone, "aaabdaaabac") ==
        std::vector<std::uint64_t>{11, 9, 7, 5});
}

TEST_CASE("every prefix count equals encoding with only that many merges") {
  const std::vector<SplitPattern> patterns = {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                              SplitPattern::kWhitespace, SplitPattern::kNone};
  std::mt19937 rng(7);
  for (const SplitPattern pattern : patterns) {
    CAPTURE(split_pattern_name(pattern));
    const std::size_t length = pattern == SplitPattern::kNone ? 400 : 3000;
    const BpeResult result = train(random_words(rng, length), pattern, 256 + 60, 1);
    REQUIRE(result.merges.size() > 20);
    // Held-out text from the same distribution: not every merge applies.
    const std::string held_out = random_words(rng, length / 2);
    const std::vector<std::uint64_t> counts = token_counts_by_merge_prefix(result.merges, pattern, held_out);
    REQUIRE(counts.size() == result.merges.size() + 1);
    for (std::size_t k = 0; k <= result.merges.size(); ++k) {
      CAPTURE(k);
      CHECK(counts[k] == reference_count(held_out, pattern, result.merges, k));
    }
  }
}

TEST_CASE("the whitespace pre-tokenizer drops the spaces, so they take no tokens") {
  const BpeResult result = train("low low low lower", SplitPattern::kWhitespace, 256 + 2, 2);
  REQUIRE(result.merges.size() == 2);
  // "low  lowest": 3 + 6 bytes without the spaces; lo, then low, save one each.
  CHECK(token_counts_by_merge_prefix(result.merges, SplitPattern::kWhitespace, "low  lowest") ==
        std::vector<std::uint64_t>{9, 7, 5});
}

TEST_CASE("an empty text takes no tokens under any prefix") {
  const BpeResult result = train("abab abab", SplitPattern::kGpt2, 258, 2);
  CHECK(token_counts_by_merge_prefix(result.merges, SplitPattern::kGpt2, "") ==
        std::vector<std::uint64_t>(result.merges.size() + 1, 0));
}

TEST_CASE("merges that do not create the next id from earlier ids are usage errors") {
  SUBCASE("wrong id") {
    const std::vector<BpeMerge> merges = {{'a', 'b', 300, 1}};
    CHECK_THROWS_AS(token_counts_by_merge_prefix(merges, SplitPattern::kNone, "ab"), UsageError);
  }
  SUBCASE("a part that does not exist yet") {
    const std::vector<BpeMerge> merges = {{'a', 257, 256, 1}};
    CHECK_THROWS_AS(token_counts_by_merge_prefix(merges, SplitPattern::kNone, "ab"), UsageError);
  }
}
