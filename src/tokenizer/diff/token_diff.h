// Which tokens two encodings share: a shortest edit script between two id
// sequences (Myers' O(ND) greedy algorithm), as a flag per token saying
// whether it is outside the common subsequence, i.e. removed or added.
//
//   before [9906, 1917, 0], after [9906, 1070, 1917, 0]  ->  before changed [0, 0, 0], after changed [0, 1, 0, 0]
//   before [1, 2, 3], after [1, 4, 3]                    ->  before [0, 1, 0], after [0, 1, 0]
//
// Why Myers over ids and not over characters: a token is the unit the counts
// are in, and an edit that changes how a neighbouring word splits shows as
// that word's tokens changing, which is the point of the comparison.
//
// Tie-break (Myers' own): where a removal and an addition reach equally far,
// the one that reaches further along the first text wins, so of equal-length
// scripts the one that removes before it adds is taken.
//
// The common prefix and suffix are matched first; then, if the middle needs
// more than kMaxDiffEdits edits, it is not searched (that takes time and
// memory quadratic in the edits) and all of it counts as changed, with
// approximate set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tokenizer/token_id.h"

namespace tokenlab {

inline constexpr std::size_t kMaxDiffEdits = 2000;

struct TokenDiff {
  std::vector<std::uint8_t> before_changed;  // 1: this token of before is not in the common subsequence
  std::vector<std::uint8_t> after_changed;
  std::size_t edits = 0;      // removals plus additions
  bool approximate = false;   // the middle was past kMaxDiffEdits and is marked changed whole
};

TokenDiff diff_ids(std::span<const TokenId> before, std::span<const TokenId> after,
                   std::size_t max_edits = kMaxDiffEdits);

}  // namespace tokenlab
