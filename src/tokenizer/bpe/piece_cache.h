// PieceCache: the tokens of recently seen short pieces (words, SentencePiece
// chunks), so a repeated piece skips the merge loop or the WordPiece search.
//
//   cache.put("▁world", hash, ids {1526}, starts {0}); cache.find("▁world", hash, ...) -> true
//
// Why a fixed direct-mapped table: a std::unordered_map<std::string, ...>
// allocates for every new piece and, once full, must be cleared whole, which
// showed as a fifth of encode time on multilingual text. Here a slot holds the
// piece and its tokens inline; a new piece simply overwrites the slot its hash
// picks. Pieces over kMaxBytes bytes or kMaxTokens tokens are not cached.
//
// A slot is one 64-byte cache line (the tokens' starts packed 5 bits each,
// as a piece is at most 30 bytes long), so a lookup costs one memory access.
// The byte-level tokenizers take 2^16 slots (4 MB): at 2^14 (and 76-byte
// slots) the distinct pieces of a few MB of text overwrote each other, and a
// second pass over the same 4 MB re-merged them: 7% (English) to 13%
// (multilingual) more work, counted by cachegrind as instructions plus
// 10 per L1 miss and 80 per miss of a 1 MB L2.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

class PieceCache {
 public:
  static constexpr std::size_t kMaxBytes = 30;
  static constexpr std::size_t kMaxTokens = 6;
  static constexpr unsigned kStartBits = 5;
  static_assert(kMaxBytes < (1u << kStartBits) && kMaxTokens * kStartBits <= 32);

  // Slot counts (log2): the byte-level tokenizers' caches (see above), the others'.
  static constexpr std::size_t kByteLevelSlotBits = 16;
  static constexpr std::size_t kDefaultSlotBits = 14;

  explicit PieceCache(std::size_t slot_count_log2 = kDefaultSlotBits) : slots_(std::size_t{1} << slot_count_log2) {}

  static bool cacheable(std::string_view piece) { return piece.size() <= kMaxBytes; }

  // Appends the cached tokens of piece (starts offset by base) and returns true, or returns false.
  bool find(std::string_view piece, std::uint32_t hash, std::uint32_t base, std::vector<TokenId>& ids,
            std::vector<std::uint32_t>& starts) const {
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.hash != hash || slot.length != piece.size() || slot.count == 0 ||
        std::memcmp(slot.bytes, piece.data(), piece.size()) != 0) {
      return false;
    }
    std::uint32_t packed = slot.starts;
    for (std::size_t i = 0; i < slot.count; ++i, packed >>= kStartBits) {
      ids.push_back(slot.ids[i]);
      starts.push_back(base + (packed & ((1u << kStartBits) - 1)));
    }
    return true;
  }

  // Remembers the count tokens ids/starts (starts relative to the piece) of a cacheable piece.
  void put(std::string_view piece, std::uint32_t hash, const TokenId* ids, const std::uint32_t* starts,
           std::size_t count) {
    if (!cacheable(piece) || count == 0 || count > kMaxTokens) return;
    for (std::size_t i = 0; i < count; ++i) {
      if (starts[i] >= piece.size()) return;  // not a start inside the piece: nothing to cache
    }
    Slot& slot = slots_[hash & (slots_.size() - 1)];
    slot.hash = hash;
    slot.length = static_cast<std::uint8_t>(piece.size());
    slot.count = static_cast<std::uint8_t>(count);
    std::memcpy(slot.bytes, piece.data(), piece.size());
    std::uint32_t packed = 0;
    for (std::size_t i = 0; i < count; ++i) {
      slot.ids[i] = ids[i];
      packed |= starts[i] << (kStartBits * i);
    }
    slot.starts = packed;
  }

  // Forgets every piece.
  void clear() {
    for (Slot& slot : slots_) slot.count = 0;
  }

  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct alignas(64) Slot {
    std::uint32_t hash = 0;
    std::uint8_t length = 0;
    std::uint8_t count = 0;  // 0: empty
    char bytes[kMaxBytes];
    TokenId ids[kMaxTokens];
    std::uint32_t starts = 0;  // token i's start in bits [5i, 5i + 5)
  };
  static_assert(sizeof(Slot) == 64);
  std::vector<Slot> slots_;
};

}  // namespace tokenlab
