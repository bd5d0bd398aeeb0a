// RankTable: the vocabulary of a byte-level BPE tokenizer, token bytes <-> rank.
// In tiktoken's files a token's rank is both its id and its merge priority
// (lower merges first).
//
//   table.add("ab", 256); table.find("ab") == 256; table.bytes_of(256) == "ab"
//
// Why a hand-written table: encoding looks up every candidate merge, so lookup
// is the hot path. Open addressing over a flat slot array with a stored 32-bit
// hash touches one cache line per probe and compares bytes only on a hash hit;
// token bytes live in one contiguous blob instead of one heap string each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/short_bytes.h"
#include "tokenizer/token_id.h"

namespace tokenlab {

using Rank = std::uint32_t;
inline constexpr Rank kNoRank = 0xFFFFFFFF;

class RankTable {
 public:
  // Adds a token. Returns false (and adds nothing) if the bytes or the rank are
  // already present; callers turn that into an error with context.
  bool add(std::string_view bytes, Rank rank);

  // The rank of these exact bytes, or kNoRank.
  Rank find(std::string_view bytes) const noexcept { return find(bytes, hash_bytes(bytes)); }
  // The same, with hash == hash_bytes(bytes) already known (the tokenizer
  // reuses it for its piece cache).
  Rank find(std::string_view bytes, std::uint32_t hash) const noexcept {
    if (slots_.empty()) return kNoRank;
    for (std::size_t slot = hash & slot_mask_;; slot = (slot + 1) & slot_mask_) {
      const Slot& entry = slots_[slot];
      if (entry.rank == kNoRank) return kNoRank;
      if (entry.hash == hash && short_bytes::same_bytes(bytes_of(entry.rank), bytes)) return entry.rank;
    }
  }

  // The bytes of a rank; empty for a rank that is not in the table.
  std::string_view bytes_of(Rank rank) const noexcept {
    if (rank >= spans_.size()) return {};
    const Span span = spans_[rank];
    return std::string_view(blob_).substr(span.offset, span.length);
  }

  bool contains_rank(Rank rank) const noexcept { return rank < spans_.size() && spans_[rank].length > 0; }
  std::size_t size() const noexcept { return count_; }
  // One past the largest rank (ranks may have holes).
  std::size_t rank_limit() const noexcept { return spans_.size(); }
  std::size_t memory_bytes() const noexcept;

  // Multiply-fold hash over 8-byte words; tokens are short, so the tail load
  // (up to 7 bytes) matters as much as the loop. Inline: it runs once a piece.
  static std::uint32_t hash_bytes(std::string_view bytes) noexcept {
    constexpr std::uint64_t kSeed = 0x9E3779B97F4A7C15ull;
    constexpr std::uint64_t kMultiplier = 0xD6E8FEB86659FD93ull;
    std::uint64_t state = kSeed ^ bytes.size();
    const char* data = bytes.data();
    std::size_t remaining = bytes.size();
    while (remaining >= 8) {
      state = mix(state ^ short_bytes::load_u64(data), kMultiplier);
      data += 8;
      remaining -= 8;
    }
    if (remaining > 0) state = mix(state ^ short_bytes::load_tail(data, remaining), kMultiplier);
    state = mix(state, kSeed);
    return static_cast<std::uint32_t>(state ^ (state >> 32));
  }

 private:
  struct Slot {
    std::uint32_t hash;
    Rank rank;
  };
  struct Span {
    std::uint32_t offset;
    std::uint32_t length;
  };
  void grow();
  // 64-bit multiply then xor-shift: cheap on wasm32 too, where a 128-bit
  // product would be a library call.
  static std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
    const std::uint64_t product = a * b;
    return product ^ (product >> 29);
  }

  std::string blob_;
  std::vector<Span> spans_;  // indexed by rank; length 0 marks a hole
  std::vector<Slot> slots_;  // power-of-two size, at most half full
  std::size_t slot_mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace tokenlab
