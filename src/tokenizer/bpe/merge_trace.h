// The merges that build a piece, one step at a time: the merge loop of
// rank_merge.h (tiktoken files) or pair_merge.h (Hugging Face merge lists)
// replayed slowly, every merge recorded, for a token's story in the page.
//
//   ranks {a:0 b:1 c:2 ab:3 abc:4}, piece "abc":
//   initial a b c -> step 1: a + b -> ab (rank 3) -> step 2: ab + c -> abc (rank 4); final [4]
//
// Same rules as the encoders, tie-breaks included: the lowest rank (the rank
// of the joined bytes for a rank table, the merge's place in the list for a
// merge table) merges first; of equal ranks the leftmost pair. The replay is
// a plain quadratic scan, which is fine for one word (pieces are capped at
// kLongestTracedPiece bytes) and keeps it obviously the rule it states.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/merge_table.h"
#include "tokenizer/bpe/pair_merge.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

// One merge: the symbols left (piece[begin, split)) and right
// (piece[split, end)) became result, by the merge of this rank.
struct MergeStep {
  TokenId left;
  TokenId right;
  TokenId result;
  Rank rank;
  std::uint32_t begin;
  std::uint32_t split;
  std::uint32_t end;
};

struct MergeTrace {
  std::vector<Symbol> initial;  // the symbols before any merge
  std::vector<MergeStep> steps;  // in the order they happen (step k is steps[k - 1])
  std::vector<Symbol> final;    // the tokens the loop ends in
};

// Longer pieces are refused (UsageError): a story is about one word.
inline constexpr std::size_t kLongestTracedPiece = 4096;
void check_traced_length(std::size_t bytes);

// tiktoken's loop over piece's bytes: each byte is a symbol (its rank is its
// id); the adjacent pair whose joined bytes have the lowest rank merges.
// Throws VocabError for a byte that is not in the table.
MergeTrace trace_rank_merges(std::string_view piece, const RankTable& ranks);

// Hugging Face's loop over given starting symbols (their starts increasing,
// the last ending at piece_size): the adjacent pair with the lowest merge
// priority merges into the merge's result.
MergeTrace trace_pair_merges(std::vector<Symbol> initial, std::uint32_t piece_size, const MergeTable& merges);

}  // namespace tokenlab
