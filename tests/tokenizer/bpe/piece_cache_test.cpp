#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer/bpe/piece_cache.h"

using namespace tokenlab;

TEST_CASE("the piece cache returns what was put, offset by the piece's start") {
  PieceCache cache(4);
  const TokenId ids[] = {7, 9};
  const std::uint32_t starts[] = {0, 3};
  const std::uint32_t hash = RankTable::hash_bytes("hello");
  cache.put("hello", hash, ids, starts, 2);
  std::vector<TokenId> found_ids;
  std::vector<std::uint32_t> found_starts;
  REQUIRE(cache.find("hello", hash, 10, found_ids, found_starts));
  CHECK(found_ids == std::vector<TokenId>{7, 9});
  CHECK(found_starts == std::vector<std::uint32_t>{10, 13});
  CHECK_FALSE(cache.find("hellp", hash, 0, found_ids, found_starts));  // same slot, other bytes
  CHECK_FALSE(cache.find("hell", RankTable::hash_bytes("hell"), 0, found_ids, found_starts));
}

TEST_CASE("a piece that lands in a used slot replaces what was there") {
  PieceCache cache(0);  // one slot
  const TokenId first[] = {1};
  const TokenId second[] = {2};
  const std::uint32_t start[] = {0};
  cache.put("a", 5, first, start, 1);
  cache.put("b", 6, second, start, 1);
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
  CHECK_FALSE(cache.find("a", 5, 0, ids, starts));
  CHECK(cache.find("b", 6, 0, ids, starts));
  CHECK(ids == std::vector<TokenId>{2});
}

TEST_CASE("long pieces and pieces of many tokens are not cached") {
  PieceCache cache(4);
  const std::string longer(PieceCache::kMaxBytes + 1, 'x');
  CHECK_FALSE(PieceCache::cacheable(longer));
  const TokenId id[] = {1};
  const std::uint32_t start[] = {0};
  cache.put(longer, 3, id, start, 1);
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
  CHECK_FALSE(cache.find(longer, 3, 0, ids, starts));
  std::vector<TokenId> many(PieceCache::kMaxTokens + 1, 1);
  std::vector<std::uint32_t> many_starts(many.size(), 0);
  cache.put("abc", 4, many.data(), many_starts.data(), many.size());
  CHECK_FALSE(cache.find("abc", 4, 0, ids, starts));
}
