#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "tokenizer/bpe/fast_merge.h"
#include "tokenizer/bpe/rank_merge.h"

#include "byte_rank_table.h"

using namespace tokenlab;
using tokenlab::testing::byte_table_with;

namespace {

struct Tokens {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
};

Tokens fast_encode(std::string_view piece, const RankTable& table, PairMemo& memo, std::uint32_t base = 0) {
  Tokens out;
  byte_pair_encode(piece, table, byte_tokens(table), memo, base, out.ids, out.starts);
  return out;
}

Tokens fast_encode(std::string_view piece, const RankTable& table, std::uint32_t base = 0) {
  PairMemo memo;
  return fast_encode(piece, table, memo, base);
}

Tokens ref_encode(std::string_view piece, const RankTable& table) {
  Tokens out;
  byte_pair_encode_ref(piece, table, out.ids, &out.starts);
  return out;
}

}  // namespace

TEST_CASE("PairMemo remembers a pair, its absence, and forgets a pair another one displaces") {
  PairMemo memo;
  TokenId merged = 0;
  CHECK_FALSE(memo.find(1, 2, merged));
  memo.put(1, 2, 300);
  REQUIRE(memo.find(1, 2, merged));
  CHECK(merged == 300);
  CHECK_FALSE(memo.find(2, 1, merged));
  memo.put(2, 1, kNoRank);
  REQUIRE(memo.find(2, 1, merged));
  CHECK(merged == kNoRank);
  // Some pair shares (1, 2)'s slot among the first 2^17 right ids; it replaces (1, 2).
  bool displaced = false;
  for (TokenId right = 3; right < (1u << 17) && !displaced; ++right) {
    memo.put(1, right, 7);
    displaced = !memo.find(1, 2, merged);
  }
  CHECK(displaced);
}

TEST_CASE("byte_tokens marks the bytes a vocabulary lacks and finds its two-byte tokens") {
  RankTable table;
  table.add("a", 5);
  table.add("\xff", 6);
  table.add("a\xff", 9);
  table.add("abc", 10);
  const ByteTokens tokens = byte_tokens(table);
  CHECK(tokens.single['a'] == 5);
  CHECK(tokens.single[0xff] == 6);
  CHECK(tokens.single['b'] == kNoRank);
  CHECK(tokens.single[0] == kNoRank);
  CHECK_FALSE(tokens.has_every_byte());
  CHECK(tokens.pairs['a' << 8 | 0xff] == 9);
  CHECK(tokens.pairs[0xff << 8 | 'a'] == kNoRank);
  CHECK(std::count_if(tokens.pairs.begin(), tokens.pairs.end(), [](TokenId id) { return id != kNoRank; }) == 1);
  CHECK(byte_tokens(byte_table_with({})).has_every_byte());
}

TEST_CASE("byte_pair_encode reproduces the aaabdaaabac example with offsets from the base") {
  const RankTable table = byte_table_with({{"aa", 256}, {"ab", 257}, {"aaab", 258}});
  const Tokens out = fast_encode("aaabdaaabac", table, 100);
  CHECK(out.ids == std::vector<TokenId>{258, 'd', 258, 'a', 'c'});
  CHECK(out.starts == std::vector<std::uint32_t>{100, 104, 105, 109, 110});
}

TEST_CASE("byte_pair_encode breaks equal priorities leftmost first") {
  const RankTable table = byte_table_with({{"aa", 256}});
  CHECK(fast_encode("aaa", table).ids == std::vector<TokenId>{256, 'a'});
}

TEST_CASE("byte_pair_encode gives the reference loop's ids and starts on random vocabularies") {
  std::mt19937 rng(11);
  for (int vocabulary = 0; vocabulary < 4; ++vocabulary) {
    RankTable table = byte_table_with({});
    // A small alphabet so that pieces have many merges; ranks in random order,
    // so a token may rank below its own halves.
    const std::string alphabet = "abcd";
    std::vector<Rank> free_ranks;
    for (Rank rank = 256; rank < 656; ++rank) free_ranks.push_back(rank);
    std::shuffle(free_ranks.begin(), free_ranks.end(), rng);
    for (const Rank rank : free_ranks) {
      std::string token;
      const int length = 2 + static_cast<int>(rng() % 6);
      for (int j = 0; j < length; ++j) token.push_back(alphabet[rng() % alphabet.size()]);
      table.add(token, rank);
    }
    PairMemo memo;
    for (const std::size_t length : {0u, 1u, 2u, 3u, 17u, 127u, 128u, 129u, 1000u}) {
      std::string piece;
      for (std::size_t i = 0; i < length; ++i) piece.push_back(alphabet[rng() % alphabet.size()]);
      const Tokens ref = ref_encode(piece, table);
      // Once with an empty memo, once with the memo the earlier pieces filled.
      for (int pass = 0; pass < 2; ++pass) {
        const Tokens fast = fast_encode(piece, table, memo);
        CHECK_MESSAGE(fast.ids == ref.ids, "vocabulary " << vocabulary << ", length " << length << ", pass " << pass);
        CHECK_MESSAGE(fast.starts == ref.starts, "vocabulary " << vocabulary << ", length " << length);
      }
    }
  }
}
