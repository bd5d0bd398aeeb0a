#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "tokenizer/bpe/pair_merge.h"

using namespace tokenlab;

namespace {

std::vector<Symbol> symbols_of(const std::vector<TokenId>& ids) {
  std::vector<Symbol> symbols;
  for (std::size_t i = 0; i < ids.size(); ++i) symbols.push_back({ids[i], static_cast<std::uint32_t>(i)});
  return symbols;
}

std::vector<TokenId> ids_of(const std::vector<Symbol>& symbols) {
  std::vector<TokenId> ids;
  for (const Symbol& symbol : symbols) ids.push_back(symbol.id);
  return ids;
}

// Plain reference: merge the lowest-priority adjacent pair, leftmost on ties.
std::vector<Symbol> naive_merge(std::vector<Symbol> symbols, const MergeTable& merges) {
  while (symbols.size() > 1) {
    Rank best = kNoRank;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
      const Rank rank = merges.find(symbols[i].id, symbols[i + 1].id).rank;
      if (rank < best) {
        best = rank;
        best_index = i;
      }
    }
    if (best == kNoRank) break;
    symbols[best_index].id = merges.find(symbols[best_index].id, symbols[best_index + 1].id).result;
    symbols.erase(symbols.begin() + static_cast<long>(best_index) + 1);
  }
  return symbols;
}

}  // namespace

TEST_CASE("pairs merge by their own priority, not by the rank of what they make") {
  // a=0 b=1 c=2; merges: "b c" -> bc=3 (priority 0), "a b" -> ab=4 (1), "ab c" -> abc=5 (2)
  MergeTable merges;
  merges.add(1, 2, 0, 3);
  merges.add(0, 1, 1, 4);
  merges.add(4, 2, 2, 5);
  std::vector<Symbol> symbols = symbols_of({0, 1, 2});
  merge_pairs(symbols, merges);
  CHECK(ids_of(symbols) == std::vector<TokenId>{0, 3});  // "b c" first; no merge joins a + bc
  CHECK(symbols[1].start == 1);
  SUBCASE("equal priorities merge leftmost first") {
    MergeTable repeat;
    repeat.add(0, 0, 0, 6);  // "a a" -> aa
    std::vector<Symbol> three = symbols_of({0, 0, 0});
    merge_pairs(three, repeat);
    CHECK(ids_of(three) == std::vector<TokenId>{6, 0});
  }
  SUBCASE("a pair listed twice keeps its last priority") {
    MergeTable twice;
    twice.add(0, 1, 0, 4);
    twice.add(1, 2, 1, 3);
    twice.add(0, 1, 2, 4);
    CHECK(twice.size() == 2);
    CHECK(twice.find(0, 1).rank == 2);
  }
}

TEST_CASE("the heap and the scan agree with the plain reference at every length") {
  std::mt19937 random(7);
  // 4 letters plus merged tokens 4..63; random merges over them.
  MergeTable merges;
  for (Rank rank = 0; rank < 60; ++rank) {
    const TokenId left = random() % (4 + rank);
    const TokenId right = random() % (4 + rank);
    merges.add(left, right, rank, 4 + rank);
  }
  for (const std::size_t length : {0u, 1u, 2u, 3u, 17u, 47u, 48u, 49u, 200u, 1000u}) {
    std::vector<TokenId> ids(length);
    for (TokenId& id : ids) id = random() % 4;
    std::vector<Symbol> symbols = symbols_of(ids);
    const std::vector<Symbol> expected = naive_merge(symbols, merges);
    merge_pairs(symbols, merges);
    CAPTURE(length);
    CHECK(ids_of(symbols) == ids_of(expected));
    for (std::size_t i = 0; i < symbols.size() && i < expected.size(); ++i) CHECK(symbols[i].start == expected[i].start);
  }
}
