#include <doctest/doctest.h>

#include "tokenizer/bpe/rank_table.h"

using namespace tokenlab;

TEST_CASE("RankTable maps bytes to ranks and back") {
  RankTable table;
  CHECK(table.find("x") == kNoRank);
  REQUIRE(table.add("ab", 256));
  REQUIRE(table.add(std::string("\0\xff", 2), 7));
  CHECK(table.find("ab") == 256);
  CHECK(table.find(std::string("\0\xff", 2)) == 7);
  CHECK(table.find("a") == kNoRank);
  CHECK(table.bytes_of(256) == "ab");
  CHECK(table.bytes_of(8).empty());
  CHECK(table.rank_limit() == 257);
  CHECK(table.size() == 2);
}

TEST_CASE("RankTable refuses duplicate bytes and duplicate ranks") {
  RankTable table;
  REQUIRE(table.add("ab", 1));
  CHECK_FALSE(table.add("ab", 2));
  CHECK_FALSE(table.add("cd", 1));
  CHECK_FALSE(table.add("", 3));
  CHECK(table.size() == 1);
}

TEST_CASE("RankTable keeps every entry findable as it grows") {
  RankTable table;
  for (Rank rank = 0; rank < 20000; ++rank) REQUIRE(table.add("token" + std::to_string(rank), rank));
  for (Rank rank = 0; rank < 20000; ++rank) CHECK(table.find("token" + std::to_string(rank)) == rank);
  CHECK(table.find("token20000") == kNoRank);
}
