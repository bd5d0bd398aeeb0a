// PairMemo: remembers, for pairs of adjacent token ids met while merging,
// the token their joined bytes form (kNoRank when none), so the merge loop
// asks the byte-keyed vocabulary about a pair once, not at every piece.
//
//   memo.find(id("ab"), id("c")) -> miss; memo.put(id("ab"), id("c"), id("abc"));
//   memo.find(id("ab"), id("c")) -> id("abc"); a pair hashing to the same slot later replaces it
//
// Why a memo and not a full table of every pair built at load: a full table
// (233 378 pairs for cl100k_base, 446 189 for o200k_base, found by splitting
// every token) took about as long to build as the whole vocabulary took to
// load before it, and 8-16 MB of slots is far beyond the L2 cache; the pairs
// that real text meets are few and repeat, and 2^16 slots of 12 bytes (768
// KB) hold them. Direct-mapped: a new pair overwrites its slot, no probing.
// The hash is two 32-bit multiplies, cheap on wasm32 too.
#pragma once

#include <cstdint>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

class PairMemo {
 public:
  static constexpr unsigned kSlotBits = 16;

  PairMemo() : slots_(std::size_t{1} << kSlotBits) {}

  // True and the merged token (kNoRank: the pair does not merge) if the pair is remembered.
  bool find(TokenId left, TokenId right, TokenId& merged) const noexcept {
    const Slot& slot = slots_[index(left, right)];
    if (slot.left != left || slot.right != right) return false;
    merged = slot.merged;
    return true;
  }

  void put(TokenId left, TokenId right, TokenId merged) noexcept { slots_[index(left, right)] = {left, right, merged}; }

  std::size_t memory_bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    // kNoRank in left marks an empty slot: no token has that id.
    TokenId left = kNoRank;
    TokenId right = kNoRank;
    TokenId merged = kNoRank;
  };
  static std::size_t index(TokenId left, TokenId right) noexcept {
    const std::uint32_t mixed = left * 0x9E3779B1u ^ right * 0x85EBCA77u;
    return mixed >> (32 - kSlotBits);
  }
  std::vector<Slot> slots_;
};

}  // namespace tokenlab
