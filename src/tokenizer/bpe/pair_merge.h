// The merge loop of Hugging Face BPE: repeatedly merge the adjacent pair of
// symbols whose merge has the lowest priority (its index in "merges"); among
// equal priorities, the leftmost pair first. The merged symbol's id is the
// merge's result (vocab[left + right]).
//
//   merges ["a b", "b c", "ab c"], symbols a b c -> "a b" first (priority 0) -> ab c -> abc
//   (tiktoken's rule, "lowest rank of the concatenation", would look at "bc" too)
//
// Short runs use a linear scan over the pair priorities; long ones (a piece
// without pre-tokenization can be a whole paragraph) a heap with lazy deletion,
// so the loop stays O(n log n).
#pragma once

#include <cstdint>
#include <vector>

#include "tokenizer/bpe/merge_table.h"

namespace tokenlab {

struct Symbol {
  TokenId id;
  std::uint32_t start;  // byte offset in the piece; the symbol ends where the next starts
};

// Merges symbols in place until no adjacent pair has a merge.
void merge_pairs(std::vector<Symbol>& symbols, const MergeTable& merges);

// Runs longer than this use the heap.
inline constexpr std::size_t kPairScanLimit = 48;

}  // namespace tokenlab
