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
  static constexpr std::size_t kMaxTokens = 8;

  explicit PieceCache(std::size_t slot_count_log2 = 14) : slots_(std::size_t{1} << slot_count_log2) {}

  static bool cacheable(std::string_view piece) { return piece.size() <= kMaxBytes; }

  // Appends the cached tokens of piece (starts offset by base) and returns true, or returns false.
  bool find(std::string_view piece, std::uint32_t hash, std::uint32_t base, std::vector<TokenId>& ids,
            std::vector<std::uint32_t>& starts) const {
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.hash != hash || slot.length != piece.size() || slot.count == 0 ||
        std::memcmp(slot.bytes, piece.data(), piece.size()) != 0) {
      return false;
    }
    for (std::size_t i = 0; i < slot.count; ++i) {
      ids.push_back(slot.ids[i]);
      starts.push_back(base + slot.starts[i]);
    }
    return true;
  }

  // Remembers the count tokens ids/starts (starts relative to the piece) of a cacheable piece.
  void put(std::string_view piece, std::uint32_t hash, const TokenId* ids, const std::uint32_t* starts,
           std::size_t count) {
    if (!cacheable(piece) || count == 0 || count > kMaxTokens) return;
    Slot& slot = slots_[hash & (slots_.size() - 1)];
    slot.hash = hash;
    slot.length = static_cast<std::uint8_t>(piece.size());
    slot.count = static_cast<std::uint8_t>(count);
    std::memcpy(slot.bytes, piece.data(), piece.size());
    for (std::size_t i = 0; i < count; ++i) {
      slot.ids[i] = ids[i];
      slot.starts[i] = static_cast<std::uint8_t>(starts[i]);
    }
  }

  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint8_t length = 0;
    std::uint8_t count = 0;  // 0: empty
    char bytes[kMaxBytes];
    TokenId ids[kMaxTokens];
    std::uint8_t starts[kMaxTokens];
  };
  std::vector<Slot> slots_;
};

}  // namespace tokenlab
