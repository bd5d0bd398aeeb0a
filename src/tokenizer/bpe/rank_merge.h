// The reference byte-pair merge loop of tiktoken-style tokenizers (the `_ref`
// path: the tokenizer runs fast_merge.h's loop over token ids, which
// fast_merge_test and the bpe_fast fuzz target hold to this one; this one
// also serves a vocabulary that lacks a single byte): split one pre-token into the fewest tokens by repeatedly merging the adjacent pair whose
// concatenation has the lowest rank; equal ranks merge leftmost first.
//
//   ranks {a:0 b:1 c:2 ab:3 abc:4}, piece "abcab" -> [4, 3] with starts [0, 3]
//
// Only the pieces that are not whole tokens reach this code (the tokenizer
// looks a piece up first), so pieces are usually a few bytes long: a linear scan
// over the pair ranks beats any heap there. Long pieces (runs of digits or
// symbols, a 10 000-character word) switch to a heap with lazy deletion so the
// loop stays O(n log n) instead of O(n^2).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

// Appends the ranks of piece's tokens to ranks and, when starts is non-null,
// each token's byte offset within piece to starts. Every single byte of piece
// must be in the table (VocabError otherwise).
void byte_pair_encode_ref(std::string_view piece, const RankTable& table, std::vector<Rank>& ranks,
                      std::vector<std::uint32_t>* starts = nullptr);

// Pieces longer than this use the heap-based loop.
inline constexpr std::size_t kLinearScanLimit = 128;

}  // namespace tokenlab
