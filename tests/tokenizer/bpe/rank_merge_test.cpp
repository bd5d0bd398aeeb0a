#include <doctest/doctest.h>

#include <random>

#include "tokenizer/bpe/rank_merge.h"
#include "tokenizer/errors.h"

#include "byte_rank_table.h"

using namespace tokenlab;
using tokenlab::testing::byte_table_with;

namespace {

// Plain reference: merge the lowest-ranked adjacent pair, leftmost on ties.
std::vector<Rank> naive_encode(const std::string& piece, const RankTable& table) {
  std::vector<std::string> parts;
  for (char c : piece) parts.emplace_back(1, c);
  while (parts.size() > 1) {
    Rank best = kNoRank;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      const Rank rank = table.find(parts[i] + parts[i + 1]);
      if (rank < best) {
        best = rank;
        best_index = i;
      }
    }
    if (best == kNoRank) break;
    parts[best_index] += parts[best_index + 1];
    parts.erase(parts.begin() + static_cast<long>(best_index) + 1);
  }
  std::vector<Rank> ranks;
  for (const auto& part : parts) ranks.push_back(table.find(part));
  return ranks;
}

}  // namespace

TEST_CASE("byte_pair_encode_ref merges the lowest rank first") {
  const RankTable table = byte_table_with({{"ab", 256}, {"abc", 257}, {"bc", 258}});
  std::vector<Rank> ranks;
  std::vector<std::uint32_t> starts;
  byte_pair_encode_ref("abcab", table, ranks, &starts);
  CHECK(ranks == std::vector<Rank>{257, 256});
  CHECK(starts == std::vector<std::uint32_t>{0, 3});
}

TEST_CASE("byte_pair_encode_ref reproduces the aaabdaaabac example") {
  // The textbook merges: aa -> 256, ab -> 257, (aa)(ab) -> 258.
  const RankTable table = byte_table_with({{"aa", 256}, {"ab", 257}, {"aaab", 258}});
  std::vector<Rank> ranks;
  byte_pair_encode_ref("aaabdaaabac", table, ranks);
  CHECK(ranks == std::vector<Rank>{258, 'd', 258, 'a', 'c'});
}

TEST_CASE("byte_pair_encode_ref breaks equal ranks leftmost first") {
  const RankTable table = byte_table_with({{"aa", 256}});
  std::vector<Rank> ranks;
  byte_pair_encode_ref("aaa", table, ranks);
  CHECK(ranks == std::vector<Rank>{256, 'a'});
}

TEST_CASE("the heap loop for long pieces agrees with the plain reference") {
  std::mt19937 rng(7);
  RankTable table = byte_table_with({});
  // Random vocabulary over a small alphabet so long pieces have many merges.
  const std::string alphabet = "abcd";
  Rank next = 256;
  for (int i = 0; i < 300; ++i) {
    std::string token;
    const int length = 2 + static_cast<int>(rng() % 5);
    for (int j = 0; j < length; ++j) token.push_back(alphabet[rng() % alphabet.size()]);
    if (table.add(token, next)) ++next;
  }
  for (const std::size_t length : {1u, 2u, 17u, 127u, 128u, 129u, 500u, 3000u}) {
    std::string piece;
    for (std::size_t i = 0; i < length; ++i) piece.push_back(alphabet[rng() % alphabet.size()]);
    std::vector<Rank> ranks;
    byte_pair_encode_ref(piece, table, ranks);
    CHECK_MESSAGE(ranks == naive_encode(piece, table), "length " << length);
  }
}

TEST_CASE("byte_pair_encode_ref reports a vocabulary without single bytes") {
  RankTable table;
  table.add("a", 0);
  std::vector<Rank> ranks;
  CHECK_THROWS_AS(byte_pair_encode_ref("ab", table, ranks), VocabError);
}
