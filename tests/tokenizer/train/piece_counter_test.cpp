#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>

#include "bpe_trainer_reference.h"
#include "tokenizer/train/piece_counter.h"

using namespace tokenlab;

namespace {

using Counts = std::map<std::string, std::uint64_t>;

Counts counts_of(const PieceCounter& counter) {
  Counts counts;
  for (const PieceCount& piece : counter.pieces()) counts[std::string(piece.piece)] = piece.count;
  return counts;
}

Counts count_in_chunks(std::string_view text, SplitPattern pattern, const std::vector<std::size_t>& chunk_sizes,
                       const std::vector<std::string>& specials = {}) {
  PieceCounter counter(pattern, specials);
  std::size_t pos = 0;
  for (std::size_t i = 0; pos < text.size(); ++i) {
    const std::size_t size = std::min(chunk_sizes[i % chunk_sizes.size()], text.size() - pos);
    counter.add_text(text.substr(pos, size));
    pos += size;
  }
  counter.finish();
  return counts_of(counter);
}

const std::vector<SplitPattern> kPatterns = {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                             SplitPattern::kWhitespace, SplitPattern::kNone};

}  // namespace

TEST_CASE("pieces are counted once each, as the pre-tokenizer splits them") {
  PieceCounter counter(SplitPattern::kWhitespace);
  counter.add_text("low low lower");
  counter.finish();
  CHECK(counts_of(counter) == Counts{{"low", 2}, {"lower", 1}});
  CHECK(counter.total_pieces() == 3);
  CHECK(counter.distinct_pieces() == 2);
}

TEST_CASE("a piece cut by a chunk boundary is counted whole") {
  SUBCASE("a word") {
    CHECK(count_in_chunks("the cat sat", SplitPattern::kGpt2, {9, 100}) ==
          Counts{{"the", 1}, {" cat", 1}, {" sat", 1}});
  }
  SUBCASE("a contraction that o200k attaches to its word") {
    CHECK(count_in_chunks("I don't", SplitPattern::kO200k, {6, 100}) == Counts{{"I", 1}, {" don't", 1}});
  }
  SUBCASE("a whitespace run whose split depends on what follows") {
    CHECK(count_in_chunks("a   b", SplitPattern::kGpt2, {3, 100}) == Counts{{"a", 1}, {"  ", 1}, {" b", 1}});
  }
  SUBCASE("a character split between chunks") {
    CHECK(count_in_chunks("x caf\xc3\xa9s", SplitPattern::kGpt2, {6, 100}) == Counts{{"x", 1}, {" caf\xc3\xa9s", 1}});
  }
}

TEST_CASE("any chunking counts the same pieces as the whole text") {
  std::mt19937 rng(42);
  const std::vector<std::string> alphabet = {"a", "B", "c", " ", " ", "  ", "\n", "\r\n", "7", "12", "'s", "'ll", "'",
                                             ".", "/", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80", "\t", "\xff"};
  for (const SplitPattern pattern : kPatterns) {
    CAPTURE(split_pattern_name(pattern));
    for (int round = 0; round < 5; ++round) {
      std::string text;
      while (text.size() < 4000) text += alphabet[rng() % alphabet.size()];
      const Counts whole = reference::count_pieces(text, pattern);
      std::vector<std::size_t> sizes(50);
      for (auto& size : sizes) size = rng() % (round < 3 ? 8 : 300);
      sizes.push_back(1);
      CHECK(count_in_chunks(text, pattern, sizes) == whole);
    }
  }
}

TEST_CASE("special tokens split across chunks are still found and skipped") {
  const std::string text = "one<|endoftext|>two <|endoftext|> three<|end|>";
  const std::vector<std::string> specials = {"<|endoftext|>", "<|end|>"};
  for (const SplitPattern pattern : kPatterns) {
    CAPTURE(split_pattern_name(pattern));
    const Counts whole = reference::count_pieces(text, pattern, specials);
    for (std::size_t first = 1; first < text.size(); ++first) {
      CAPTURE(first);
      CHECK(count_in_chunks(text, pattern, {first, 1, 2, 3}, specials) == whole);
    }
    PieceCounter counter(pattern, specials);
    counter.add_text(text);
    counter.finish();
    CHECK(counter.special_tokens_seen() == 3);
  }
}

TEST_CASE("text without spaces longer than the carry limit is counted the same") {
  // Han characters and full-width punctuation: no ASCII space to cut before.
  const std::vector<std::string> alphabet = {"\xe6\x97\xa5", "\xe6\x9c\xac", "\xe8\xaa\x9e", "\xe3\x80\x82",
                                             "\xef\xbc\x8c", "1", "\n"};
  std::mt19937 rng(5);
  std::string text;
  while (text.size() < PieceCounter::kMaxCarry * 3 / 2) text += alphabet[rng() % alphabet.size()];
  for (const SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kO200k}) {
    CAPTURE(split_pattern_name(pattern));
    CHECK(count_in_chunks(text, pattern, {65536, 65537}) == reference::count_pieces(text, pattern));
  }
}

TEST_CASE("finish ends a text, so no piece spans two texts") {
  PieceCounter counter(SplitPattern::kNone);
  counter.add_text("ab");
  counter.finish();
  counter.add_text("ab");
  counter.add_text("cd");
  counter.finish();
  CHECK(counts_of(counter) == Counts{{"ab", 1}, {"abcd", 1}});
}
