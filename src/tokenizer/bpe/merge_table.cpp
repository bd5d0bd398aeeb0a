#include "tokenizer/bpe/merge_table.h"

namespace tokenlab {

void MergeTable::add(TokenId left, TokenId right, Rank rank, TokenId result) {
  if ((count_ + 1) * 8 > slots_.size() * 5) grow();
  const std::uint64_t key = pack(left, right);
  std::size_t slot = hash(key) & mask_;
  while (slots_[slot].merge.rank != kNoRank) {
    if (slots_[slot].key == key) {
      slots_[slot].merge = {rank, result};
      return;
    }
    slot = (slot + 1) & mask_;
  }
  slots_[slot] = {key, {rank, result}};
  ++count_;
}

void MergeTable::reserve(std::size_t count) {
  while (count * 8 > slots_.size() * 5) grow();
}

void MergeTable::grow() {
  const std::size_t new_size = slots_.empty() ? 1024 : slots_.size() * 2;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(new_size, Slot{0, kNoMerge});
  mask_ = new_size - 1;
  for (const Slot& entry : old) {
    if (entry.merge.rank == kNoRank) continue;
    std::size_t slot = hash(entry.key) & mask_;
    while (slots_[slot].merge.rank != kNoRank) slot = (slot + 1) & mask_;
    slots_[slot] = entry;
  }
}

}  // namespace tokenlab
