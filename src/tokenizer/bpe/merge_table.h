// MergeTable: the merges of a Hugging Face BPE model, (left id, right id) ->
// (priority, id of the merged token). A merge's priority is its index in the
// tokenizer.json "merges" list; lower merges first.
//
//   merges ["a b", "ab c"] over vocab {a:0 b:1 c:2 ab:3 abc:4}:
//   find(0, 1) == {rank 0, result 3}; find(3, 2) == {rank 1, result 4}; find(1, 2) -> none
//
// Why a flat open-addressing table keyed by the id pair: the merge loop asks
// about every adjacent pair of every piece, so lookup is the hot path, and a
// 64-bit key compares in one instruction where a string key would hash and
// compare bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

class MergeTable {
 public:
  struct Merge {
    Rank rank;
    TokenId result;
  };
  static constexpr Merge kNoMerge{kNoRank, kNoRank};

  // Adds a merge. A pair listed twice keeps its last listing, as the
  // references do (Hugging Face's loader and transformers.js build a map from
  // the list, so later entries overwrite earlier ones).
  void add(TokenId left, TokenId right, Rank rank, TokenId result);
  // Makes room for count merges without growing on the way.
  void reserve(std::size_t count);

  Merge find(TokenId left, TokenId right) const noexcept {
    if (slots_.empty()) return kNoMerge;
    const std::uint64_t key = pack(left, right);
    for (std::size_t slot = hash(key) & mask_;; slot = (slot + 1) & mask_) {
      const Slot& entry = slots_[slot];
      if (entry.merge.rank == kNoRank) return kNoMerge;
      if (entry.key == key) return entry.merge;
    }
  }

  std::size_t size() const noexcept { return count_; }

  // Calls visit(left, right, merge) for every merge, in no particular order.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const Slot& entry : slots_) {
      if (entry.merge.rank != kNoRank) visit(TokenId(entry.key >> 32), TokenId(entry.key & 0xFFFFFFFF), entry.merge);
    }
  }
  std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint64_t key;
    Merge merge;
  };
  static std::uint64_t pack(TokenId left, TokenId right) noexcept {
    return static_cast<std::uint64_t>(left) << 32 | right;
  }
  static std::size_t hash(std::uint64_t key) noexcept {
    const std::uint64_t product = key * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(product ^ (product >> 32));
  }
  void grow();

  std::vector<Slot> slots_;  // power-of-two size, at most 5/8 full
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace tokenlab
