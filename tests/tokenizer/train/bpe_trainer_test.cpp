#include <doctest/doctest.h>

#include <atomic>
#include <random>
#include <set>

#include "bpe_trainer_reference.h"
#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/errors.h"

using namespace tokenlab;

namespace {

// The explainer's corpus: low x5, lower x2, newest x3, widest x1.
constexpr std::string_view kWorkedExample = "low low low low low lower lower newest newest newest widest";

BpeTrainer trainer_for(std::string_view text, SplitPattern pattern, std::size_t vocab_size,
                       std::uint64_t min_frequency = 2, std::vector<std::string> specials = {}) {
  BpeTrainer trainer(BpeTrainerOptions{vocab_size, pattern, min_frequency, std::move(specials)});
  trainer.add_text(text);
  return trainer;
}

BpeResult train(std::string_view text, SplitPattern pattern, std::size_t vocab_size, std::uint64_t min_frequency = 2,
                std::vector<std::string> specials = {}) {
  return trainer_for(text, pattern, vocab_size, min_frequency, std::move(specials)).train();
}

// Readable merges: "lo 7" per merge.
std::string spelled(const BpeResult& result) {
  std::string out;
  for (const BpeMerge& merge : result.merges) {
    out += result.tokens[merge.left] + result.tokens[merge.right] + " " + std::to_string(merge.count) + "\n";
  }
  return out;
}

std::string pair_text(const BpeTrainer& trainer, const PairCount& pair) {
  return std::string(trainer.token_bytes(pair.left)) + "+" + std::string(trainer.token_bytes(pair.right)) + " " +
         std::to_string(pair.count);
}

// Random text over an alphabet chosen to exercise every pre-tokenizer rule:
// letters of both cases, digits, contractions, punctuation, runs of spaces,
// newlines, multi-byte letters and a stray invalid byte.
std::string random_text(std::mt19937& rng, std::size_t length) {
  static const std::vector<std::string> kAlphabet = {
      "a", "b", "c", "a", "b", "A", "B", " ", " ", " ", "  ", "\n", "\r\n", "1", "2", "'s", "'", ".", ",", "/",
      "é", "ü", "日", "本", "😀", "\t", "\xff", "-"};
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string text;
  while (text.size() < length) text += kAlphabet[pick(rng)];
  return text;
}

}  // namespace

TEST_CASE("the worked example counts pairs within words and merges lo, low, es, est first") {
  BpeTrainer trainer = trainer_for(kWorkedExample, SplitPattern::kWhitespace, 256 + 100);

  SUBCASE("pair counts before the first merge are the true ones") {
    const std::vector<PairCount> top = trainer.top_pairs(7);
    REQUIRE(top.size() == 7);
    std::vector<std::string> seen;
    for (const PairCount& pair : top) seen.push_back(pair_text(trainer, pair));
    // "we" occurs 5 times: 2 in lower and 3 in newest. Ties follow the ids: "lo" (108,111) before "ow" (111,119).
    CHECK(seen == std::vector<std::string>{"l+o 7", "o+w 7", "w+e 5", "e+s 4", "s+t 4", "e+w 3", "n+e 3"});
  }

  SUBCASE("merges and their counts, then an early stop below min_frequency") {
    const BpeResult result = trainer.train();
    CHECK(spelled(result) ==
          "lo 7\nlow 7\nes 4\nest 4\new 3\nnew 3\nnewest 3\ner 2\nlower 2\n");
    CHECK(result.merges[0].left == 'l');
    CHECK(result.merges[0].right == 'o');
    CHECK(result.merges[0].id == 256);
    CHECK(result.merges[1].left == 256);
    CHECK(result.merges[1].id == 257);
    CHECK(result.stop_reason == StopReason::kBelowMinFrequency);
    CHECK(result.stopped_early());
    CHECK(result.vocab_size() == 256 + 9);
    CHECK(result.total_pieces == 11);
    CHECK(result.distinct_pieces == 4);
  }

  SUBCASE("stepping shows the words re-split after each merge") {
    CHECK(trainer.step(2) == 2);
    const std::vector<PieceSegmentation> words = trainer.segmentation();
    REQUIRE(words.size() == 4);
    // Frequency descending: low 5, newest 3, lower 2, widest 1.
    CHECK(words[0].piece == "low");
    CHECK(words[0].frequency == 5);
    CHECK(words[0].tokens == std::vector<TokenId>{257});
    CHECK(words[1].piece == "newest");
    CHECK(words[2].tokens == std::vector<TokenId>{257, 'e', 'r'});
    CHECK(words[3].tokens == std::vector<TokenId>{'w', 'i', 'd', 'e', 's', 't'});
    const std::vector<PairCount> next = trainer.top_pairs(2);
    REQUIRE(next.size() == 2);
    CHECK(pair_text(trainer, next[0]) == "e+s 4");
    CHECK(pair_text(trainer, next[1]) == "s+t 4");
  }
}

TEST_CASE("aaabdaaabac with three merges encodes as [258, 100, 258, 97, 99]") {
  const BpeResult result = train("aaabdaaabac", SplitPattern::kNone, 259);
  REQUIRE(result.merges.size() == 3);
  CHECK(reference::joined(result.merges) == "97 97 256 4\n97 98 257 2\n256 257 258 2\n");
  CHECK(reference::apply_merges("aaabdaaabac", result.merges) == std::vector<std::uint32_t>{258, 100, 258, 97, 99});
  CHECK(result.stop_reason == StopReason::kVocabularyFull);
  CHECK_FALSE(result.stopped_early());
}

TEST_CASE("the trainer agrees merge for merge with the reference trainer") {
  const std::vector<SplitPattern> patterns = {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                              SplitPattern::kWhitespace, SplitPattern::kNone};
  std::mt19937 rng(20240611);
  for (int round = 0; round < 12; ++round) {
    const SplitPattern pattern = patterns[static_cast<std::size_t>(round) % patterns.size()];
    const std::size_t length = pattern == SplitPattern::kNone ? 300 : 2000;
    const std::string text = random_text(rng, length);
    const std::uint64_t min_frequency = round % 3 == 0 ? 1 : 2;
    const std::size_t vocab_size = 256 + 40 + static_cast<std::size_t>(round) * 5;
    CAPTURE(round);
    CAPTURE(split_pattern_name(pattern));
    const BpeResult result = train(text, pattern, vocab_size, min_frequency);
    const auto expected = reference::train(text, pattern, vocab_size, min_frequency);
    REQUIRE_FALSE(expected.empty());
    CHECK(reference::joined(result.merges) == reference::joined(expected));
  }
}

TEST_CASE("runs of one byte merge left to right and every merge makes new bytes") {
  SUBCASE("aaaaa merges as [aa, aa, a]") {
    const BpeResult result = train("aaaaa", SplitPattern::kNone, 257, 1);
    REQUIRE(result.merges.size() == 1);
    CHECK(result.merges[0].count == 4);
    CHECK(reference::apply_merges("aaaaa", result.merges) == std::vector<std::uint32_t>{256, 256, 'a'});
  }
  SUBCASE("runs of many lengths") {
    std::string text;
    for (int length = 1; length <= 40; ++length) {
      for (int copy = 0; copy < length % 4 + 1; ++copy) text += std::string(static_cast<std::size_t>(length), '=') + " ";
    }
    const BpeResult result = train(text, SplitPattern::kWhitespace, 256 + 200, 1);
    CHECK(reference::joined(result.merges) ==
          reference::joined(reference::train(text, SplitPattern::kWhitespace, 256 + 200, 1)));
    const std::set<std::string> distinct(result.tokens.begin(), result.tokens.end());
    CHECK(distinct.size() == result.tokens.size());
    for (std::size_t i = 0; i < result.merges.size(); ++i) {
      const BpeMerge& merge = result.merges[i];
      CHECK(merge.id == 256 + i);
      CHECK(result.tokens[merge.id] == result.tokens[merge.left] + result.tokens[merge.right]);
    }
  }
}

TEST_CASE("chunked text trains exactly like the same text in one piece") {
  std::mt19937 rng(7);
  for (const SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                     SplitPattern::kWhitespace, SplitPattern::kNone}) {
    CAPTURE(split_pattern_name(pattern));
    const std::string text = random_text(rng, 3000) + "<|endoftext|>" + random_text(rng, 3000);
    const std::vector<std::string> specials = {"<|endoftext|>", "<|end|>"};
    const BpeResult whole = train(text, pattern, 256 + 80, 2, specials);
    BpeTrainer chunked(BpeTrainerOptions{256 + 80, pattern, 2, specials});
    std::uniform_int_distribution<std::size_t> chunk_size(0, 40);
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t size = std::min(chunk_size(rng), text.size() - pos);
      chunked.add_text(std::string_view(text).substr(pos, size));
      pos += size;
    }
    const BpeResult result = chunked.train();
    CHECK(reference::joined(result.merges) == reference::joined(whole.merges));
    CHECK(result.total_pieces == whole.total_pieces);
  }
}

TEST_CASE("the same text and settings give the same merges") {
  std::mt19937 rng(99);
  const std::string text = random_text(rng, 5000);
  const BpeResult first = train(text, SplitPattern::kCl100k, 256 + 120, 1);
  const BpeResult second = train(text, SplitPattern::kCl100k, 256 + 120, 1);
  CHECK(reference::joined(first.merges) == reference::joined(second.merges));
  CHECK(first.tokens == second.tokens);
}

TEST_CASE("training stops at min_frequency and at the vocabulary size") {
  SUBCASE("min_frequency 3 keeps only pairs seen three times") {
    const BpeResult result = train(kWorkedExample, SplitPattern::kWhitespace, 256 + 100, 3);
    CHECK(spelled(result) == "lo 7\nlow 7\nes 4\nest 4\new 3\nnew 3\nnewest 3\n");
    CHECK(result.stop_reason == StopReason::kBelowMinFrequency);
  }
  SUBCASE("min_frequency 1 merges until every word is one token") {
    const BpeResult result = train(kWorkedExample, SplitPattern::kWhitespace, 256 + 100, 1);
    CHECK(result.merges.back().count == 1);
    CHECK(result.tokens.back() == "widest");
    CHECK(result.stop_reason == StopReason::kNoPairsLeft);
  }
  SUBCASE("a full vocabulary is not an early stop") {
    const BpeResult result = train(kWorkedExample, SplitPattern::kWhitespace, 258);
    CHECK(result.merges.size() == 2);
    CHECK(result.stop_reason == StopReason::kVocabularyFull);
    CHECK_FALSE(result.stopped_early());
  }
}

TEST_CASE("special tokens are cut out of the text and take the ids after the merges") {
  const std::string text = "ab<|eot|>ab<|eot|>ab xy<|eot|>";
  const BpeResult result = train(text, SplitPattern::kNone, 256 + 10, 2, {"<|eot|>", "<pad>"});
  CHECK(spelled(result) == "ab 3\n");  // no pair spans or uses the special token's bytes
  CHECK(result.special_tokens == std::vector<std::string>{"<|eot|>", "<pad>"});
  CHECK(result.tokens.size() == 257);
  CHECK(result.vocab_size() == 259);
}

TEST_CASE("an empty corpus stops at once with only the bytes and the special tokens") {
  for (const SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kNone}) {
    BpeTrainer trainer(BpeTrainerOptions{1000, pattern, 2, {"<s>"}});
    trainer.add_text("");
    const BpeResult result = trainer.train();
    CHECK(result.merges.empty());
    CHECK(result.stop_reason == StopReason::kNoPairsLeft);
    CHECK(result.stopped_early());
    CHECK(result.vocab_size() == 257);
    CHECK(result.total_pieces == 0);
  }
}

TEST_CASE("bytes that are not UTF-8 train like any other bytes") {
  std::string binary;
  std::mt19937 rng(3);
  for (int i = 0; i < 3000; ++i) binary.push_back(rng() % 9 == 0 ? ' ' : static_cast<char>(rng() % 8 + 0xF8));
  const BpeResult result = train(binary, SplitPattern::kGpt2, 256 + 30);
  CHECK(result.merges.size() == 30);
  CHECK(reference::joined(result.merges) == reference::joined(reference::train(binary, SplitPattern::kGpt2, 256 + 30)));
}

TEST_CASE("a vocabulary size out of range or bad special tokens are usage errors") {
  auto make = [](std::size_t vocab_size, std::vector<std::string> specials) {
    return BpeTrainer(BpeTrainerOptions{vocab_size, SplitPattern::kGpt2, 2, std::move(specials)});
  };
  CHECK_THROWS_AS(make(255, {}), UsageError);
  CHECK_THROWS_AS(make(257, {"<a>", "<b>"}), UsageError);
  CHECK_THROWS_AS(make(kMaxTrainedVocabSize + 1, {}), UsageError);
  CHECK_THROWS_AS(make(300, {"<a>", "<a>"}), UsageError);
  CHECK_THROWS_AS(make(300, {""}), UsageError);
  CHECK_NOTHROW(make(256, {}));
  CHECK_NOTHROW(make(258, {"<a>", "<b>"}));
  CHECK_NOTHROW(make(kMaxTrainedVocabSize, {}));
}

TEST_CASE("cancelling keeps the merges so far, and training can resume") {
  std::mt19937 rng(11);
  const std::string text = random_text(rng, 4000);
  const BpeResult uninterrupted = train(text, SplitPattern::kGpt2, 256 + 50, 1);
  REQUIRE(uninterrupted.merges.size() == 50);

  BpeTrainer trainer = trainer_for(text, SplitPattern::kGpt2, 256 + 50, 1);
  std::atomic<bool> cancel{false};
  std::size_t calls = 0;
  const auto progress = [&](const BpeProgress& report) {
    ++calls;
    CHECK(report.merges_done == calls);
    CHECK(report.merges_target == 50);
    CHECK(report.last_merge.count > 0);
    if (report.merges_done == 5) cancel = true;
  };
  CHECK_THROWS_AS(trainer.train(progress, &cancel), Cancelled);
  CHECK(calls == 5);
  const BpeResult partial = trainer.result();
  CHECK(partial.merges.size() == 5);
  CHECK(partial.stop_reason == StopReason::kNotStopped);
  CHECK(partial.tokens.size() == 256 + 5);
  CHECK_THROWS_AS(trainer.add_text("more"), UsageError);

  cancel = false;
  const BpeResult resumed = trainer.train(progress, &cancel);
  CHECK(reference::joined(resumed.merges) == reference::joined(uninterrupted.merges));
  CHECK(calls == 50);
}

TEST_CASE("step runs at most the merges asked for and reports when training is over") {
  BpeTrainer trainer = trainer_for(kWorkedExample, SplitPattern::kWhitespace, 256 + 100);
  CHECK(trainer.step(0) == 0);
  CHECK(trainer.step(3) == 3);
  CHECK(trainer.merges().size() == 3);
  CHECK_FALSE(trainer.done());
  CHECK(trainer.step(100) == 6);
  CHECK(trainer.done());
  CHECK(trainer.stop_reason() == StopReason::kBelowMinFrequency);
  CHECK(trainer.step(1) == 0);
  CHECK(trainer.token_bytes(256 + 8) == "lower");
  CHECK(trainer.token_bytes(256 + 9).empty());
}
