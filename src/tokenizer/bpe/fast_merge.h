// The byte-pair merge loop the byte-level tokenizer runs: tiktoken's loop
// (rank_merge.h, kept as byte_pair_encode_ref) over token ids, with each
// adjacent pair's merge read from a PairMemo.
//
//   cl100k "tokenlab" -> bytes t o k e n l a b -> ... -> ids of "token", "lab", starts 0, 5
//
// Why it is the same loop: in tiktoken two adjacent parts merge iff their
// joined bytes are a token, with that token's rank (its id) as priority, and
// every part is itself a token; so "the token of (left id, right id)" answers
// each question the byte loop asks, and the memo answers it without hashing
// and comparing bytes again (RankTable::hash_bytes was 14% and memcmp 6% of
// the multilingual encode profile). On a miss the joined bytes are the
// piece's own bytes from the left part's start to the right part's end: one
// lookup, no copy. Parts live in fixed arrays on the stack: no allocation per
// piece. Equal priorities merge leftmost first (the strict < of the scan), as
// in tiktoken. Pieces longer than kLinearScanLimit go to the reference loop's
// heap (byte_pair_encode_ref), which is O(n log n) and exact.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/pair_memo.h"
#include "tokenizer/bpe/rank_merge.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

// The token of each single byte and of each pair of bytes (index first * 256
// + second), kNoRank where the vocabulary has none. The pairs, read once at
// load (256 KB), answer the loop's first round, which asks about every
// adjacent pair of bytes, without the memo.
struct ByteTokens {
  std::array<TokenId, 256> single;
  std::vector<TokenId> pairs;

  bool has_every_byte() const;
  std::size_t memory_bytes() const { return pairs.capacity() * sizeof(TokenId); }
};
ByteTokens byte_tokens(const RankTable& ranks);

// Appends the ids of piece's tokens to ids and each token's byte offset
// within piece, plus base, to starts. Every byte of piece must have a token in
// bytes (has_every_byte, which the tokenizer checks once, at load). bytes and
// memo must only ever have been used with this table.
void byte_pair_encode(std::string_view piece, const RankTable& table, const ByteTokens& bytes,
                      PairMemo& memo, std::uint32_t base, std::vector<TokenId>& ids,
                      std::vector<std::uint32_t>& starts);

}  // namespace tokenlab
