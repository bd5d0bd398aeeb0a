#include "tokenizer/bpe/rank_table.h"

#include <cstring>

namespace tokenlab {

namespace {

std::uint64_t load_u64(const char* data) noexcept {
  std::uint64_t value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

std::uint32_t load_u32(const char* data) noexcept {
  std::uint32_t value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

// The 1..7 bytes at data as the little-endian word a memcpy into a zeroed
// uint64 would give, without that memcpy: its length is not a constant, so
// it was a library call for every piece. From 4 bytes on, two 4-byte loads
// overlap and agree on the bytes they share; below, the bytes one by one.
std::uint64_t load_tail(const char* data, std::size_t length) noexcept {
  if (length >= 4) {
    return load_u32(data) | std::uint64_t{load_u32(data + length - 4)} << (8 * (length - 4));
  }
  const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(data[i])}; };
  std::uint64_t tail = byte(0);
  if (length > 1) tail |= byte(1) << 8;
  if (length > 2) tail |= byte(2) << 16;
  return tail;
}

// 64-bit multiply then xor-shift: cheap on wasm32 too, where a 128-bit
// product would be a library call.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  const std::uint64_t product = a * b;
  return product ^ (product >> 29);
}

}  // namespace

// Multiply-fold hash over 8-byte words; tokens are short, so the tail load
// (up to 7 bytes) matters as much as the loop.
std::uint32_t RankTable::hash_bytes(std::string_view bytes) noexcept {
  constexpr std::uint64_t kSeed = 0x9E3779B97F4A7C15ull;
  constexpr std::uint64_t kMultiplier = 0xD6E8FEB86659FD93ull;
  std::uint64_t state = kSeed ^ bytes.size();
  const char* data = bytes.data();
  std::size_t remaining = bytes.size();
  while (remaining >= 8) {
    state = mix(state ^ load_u64(data), kMultiplier);
    data += 8;
    remaining -= 8;
  }
  if (remaining > 0) state = mix(state ^ load_tail(data, remaining), kMultiplier);
  state = mix(state, kSeed);
  return static_cast<std::uint32_t>(state ^ (state >> 32));
}

bool RankTable::add(std::string_view bytes, Rank rank) {
  if (rank == kNoRank || bytes.empty()) return false;
  if (contains_rank(rank) || find(bytes) != kNoRank) return false;
  if ((count_ + 1) * 2 > slots_.size()) grow();
  if (rank >= spans_.size()) spans_.resize(std::size_t{rank} + 1, Span{0, 0});
  spans_[rank] = Span{static_cast<std::uint32_t>(blob_.size()), static_cast<std::uint32_t>(bytes.size())};
  blob_.append(bytes);
  const std::uint32_t hash = hash_bytes(bytes);
  std::size_t slot = hash & slot_mask_;
  while (slots_[slot].rank != kNoRank) slot = (slot + 1) & slot_mask_;
  slots_[slot] = Slot{hash, rank};
  ++count_;
  return true;
}

void RankTable::grow() {
  const std::size_t new_size = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(new_size, Slot{0, kNoRank});
  slot_mask_ = new_size - 1;
  for (const Slot& entry : old) {
    if (entry.rank == kNoRank) continue;
    std::size_t slot = entry.hash & slot_mask_;
    while (slots_[slot].rank != kNoRank) slot = (slot + 1) & slot_mask_;
    slots_[slot] = entry;
  }
}

std::size_t RankTable::memory_bytes() const noexcept {
  return blob_.capacity() + spans_.capacity() * sizeof(Span) + slots_.capacity() * sizeof(Slot);
}

}  // namespace tokenlab
