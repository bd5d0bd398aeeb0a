#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

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
