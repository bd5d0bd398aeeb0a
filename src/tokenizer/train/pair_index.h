// PairIndex: token pair -> dense pair number, for the BPE trainer.
//
//   add (104,105) -> 0, add (105,33) -> 1; find((104,105)) == 0; find((1,2)) == kMissing
//
// Why hand-written: the trainer looks up four pairs per merged occurrence, so
// this is its hot path. Keys are (left, right) packed into 64 bits; open
// addressing with linear probing over one flat slot array, kept at most half
// full. Pairs are never removed (a pair whose count drops to 0 keeps its slot).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tokenlab {

class PairIndex {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFF;

  std::uint32_t find(std::uint64_t key) const noexcept {
    if (slots_.empty()) return kMissing;
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask_) {
      const Slot& entry = slots_[slot];
      if (entry.index == kMissing || entry.key == key) return entry.index;
    }
  }

  // The number of key; when absent, key is added as new_index and added is set.
  std::uint32_t find_or_add(std::uint64_t key, std::size_t new_index, bool& added) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask_) {
      Slot& entry = slots_[slot];
      if (entry.index == kMissing) {
        entry = Slot{key, static_cast<std::uint32_t>(new_index)};
        ++count_;
        added = true;
        return entry.index;
      }
      if (entry.key == key) {
        added = false;
        return entry.index;
      }
    }
  }

  std::size_t size() const noexcept { return count_; }

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t index;
  };

  // Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive ids.
  std::size_t home(std::uint64_t key) const noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_) & mask_;
  }

  void grow() {
    const std::size_t size = slots_.empty() ? 1024 : slots_.size() * 2;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(size, Slot{0, kMissing});
    mask_ = size - 1;
    shift_ = 64;
    for (std::size_t bits = size; bits > 1; bits >>= 1) --shift_;
    for (const Slot& entry : old) {
      if (entry.index == kMissing) continue;
      std::size_t slot = home(entry.key);
      while (slots_[slot].index != kMissing) slot = (slot + 1) & mask_;
      slots_[slot] = entry;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t count_ = 0;
};

}  // namespace tokenlab
