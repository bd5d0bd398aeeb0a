#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "tokenizer/bpe/merge_trace.h"
#include "tokenizer/bpe/pair_merge.h"
#include "tokenizer/bpe/rank_merge.h"
#include "tokenizer/errors.h"

#include "byte_rank_table.h"

using namespace tokenlab;

namespace {

// The 256 bytes, then the given merges as ranks 256, 257, ...
RankTable byte_ranks(const std::vector<std::string>& merged) {
  RankTable table = testing::single_byte_table();
  Rank rank = 256;
  for (const std::string& bytes : merged) table.add(bytes, rank++);
  return table;
}

std::vector<TokenId> ids_of(const std::vector<Symbol>& symbols) {
  std::vector<TokenId> ids;
  for (const Symbol& symbol : symbols) ids.push_back(symbol.id);
  return ids;
}

}  // namespace

TEST_CASE("a rank trace of aaabdaaabac records each merge and ends in the encoder's tokens") {
  const RankTable ranks = byte_ranks({"aa", "aaab", "ab"});  // 256 aa, 257 aaab, 258 ab
  const MergeTrace trace = trace_rank_merges("aaabdaaabac", ranks);
  std::vector<Rank> encoded;
  byte_pair_encode_ref("aaabdaaabac", ranks, encoded);
  CHECK(ids_of(trace.final) == encoded);
  CHECK(trace.initial.size() == 11);
  REQUIRE(trace.steps.size() == 6);
  // aa at 0 first (the leftmost of the equal "aa"), aa at 5, ab at 2, then aa+ab (257 < 258) before
  // the second ab; final [257, 100, 257, 97, 99].
  CHECK(trace.steps[0].result == 256);
  CHECK(trace.steps[0].begin == 0);
  CHECK(trace.steps[0].split == 1);
  CHECK(trace.steps[0].end == 2);
  CHECK(trace.steps[1].begin == 5);
  CHECK(trace.steps[2].result == 258);
  CHECK(trace.steps[2].begin == 2);
  CHECK(trace.steps[3].result == 257);
  CHECK(trace.steps[3].left == 256);
  CHECK(trace.steps[3].right == 258);
  CHECK(trace.steps[4].begin == 7);
  CHECK(ids_of(trace.final) == std::vector<TokenId>{257, 100, 257, 97, 99});
  for (const MergeStep& step : trace.steps) CHECK(step.rank == step.result);
}

TEST_CASE("a pair trace merges by list priority, not by the rank of the joined bytes") {
  // merges ["a b", "b c", "ab c"] over a:0 b:1 c:2 ab:3 bc:4 abc:5
  MergeTable merges;
  merges.add(0, 1, 0, 3);
  merges.add(1, 2, 1, 4);
  merges.add(3, 2, 2, 5);
  const MergeTrace trace = trace_pair_merges({{0, 0}, {1, 1}, {2, 2}}, 3, merges);
  REQUIRE(trace.steps.size() == 2);
  CHECK(trace.steps[0].result == 3);
  CHECK(trace.steps[0].rank == 0);
  CHECK(trace.steps[1].left == 3);
  CHECK(trace.steps[1].right == 2);
  CHECK(trace.steps[1].rank == 2);
  CHECK(trace.steps[1].end == 3);
  CHECK(ids_of(trace.final) == std::vector<TokenId>{5});
}

TEST_CASE("pair traces end where merge_pairs ends, over random symbols and merges") {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    MergeTable merges;
    Rank priority = 0;
    for (TokenId left = 0; left < 4; ++left) {
      for (TokenId right = 0; right < 4; ++right) {
        if (random() % 3 == 0) merges.add(left, right, priority++, 4 + random() % 4);
      }
    }
    for (TokenId left = 4; left < 8; ++left) {
      if (random() % 2 == 0) merges.add(left, random() % 8, priority++, random() % 8);
    }
    std::vector<Symbol> symbols;
    const std::size_t length = 1 + random() % 12;
    for (std::uint32_t at = 0; at < length; ++at) symbols.push_back({static_cast<TokenId>(random() % 4), at});
    std::vector<Symbol> merged = symbols;
    merge_pairs(merged, merges);
    const MergeTrace trace = trace_pair_merges(symbols, static_cast<std::uint32_t>(length), merges);
    CAPTURE(round);
    CHECK(ids_of(trace.final) == ids_of(merged));
    CHECK(trace.steps.size() == length - merged.size());
  }
}

TEST_CASE("a trace refuses a piece longer than one word can be, and a byte that is no token") {
  const RankTable ranks = byte_ranks({});
  CHECK_THROWS_AS(trace_rank_merges(std::string(kLongestTracedPiece + 1, 'a'), ranks), UsageError);
  RankTable letters;
  letters.add("a", 0);
  CHECK_THROWS_AS(trace_rank_merges("ab", letters), VocabError);
}
