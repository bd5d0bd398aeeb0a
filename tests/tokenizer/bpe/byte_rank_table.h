// Rank tables for the BPE tests: every single byte as its own rank (0..255),
// then the merged tokens a test names.
//
//   byte_table_with({{"ab", 256}}).find("ab") == 256
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

#include <doctest/doctest.h>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab::testing {

// The 256 single bytes, byte b at rank b.
inline RankTable single_byte_table() {
  RankTable table;
  for (int byte = 0; byte < 256; ++byte) table.add(std::string(1, static_cast<char>(byte)), static_cast<Rank>(byte));
  return table;
}

// The single bytes and these tokens at these ranks; the test fails if one repeats.
inline RankTable byte_table_with(std::initializer_list<std::pair<const char*, Rank>> merged) {
  RankTable table = single_byte_table();
  for (const auto& [bytes, rank] : merged) REQUIRE(table.add(bytes, rank));
  return table;
}

}  // namespace tokenlab::testing
