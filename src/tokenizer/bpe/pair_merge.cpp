#include "tokenizer/bpe/pair_merge.h"

#include <queue>

namespace tokenlab {

namespace {

void merge_by_scan(std::vector<Symbol>& symbols, const MergeTable& merges) {
  // pair[i] is the merge of symbols i and i + 1.
  MergeTable::Merge pair[kPairScanLimit];
  std::size_t count = symbols.size();
  for (std::size_t i = 0; i + 1 < count; ++i) pair[i] = merges.find(symbols[i].id, symbols[i + 1].id);
  while (count > 1) {
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < count; ++i) {
      if (pair[i].rank < pair[best].rank) best = i;  // strict: the leftmost of equal priorities stays
    }
    if (pair[best].rank == kNoRank) break;
    symbols[best].id = pair[best].result;
    for (std::size_t i = best + 1; i + 1 < count; ++i) {
      symbols[i] = symbols[i + 1];
      pair[i] = pair[i + 1];
    }
    --count;
    if (best + 1 < count) pair[best] = merges.find(symbols[best].id, symbols[best + 1].id);
    if (best > 0) pair[best - 1] = merges.find(symbols[best - 1].id, symbols[best].id);
  }
  symbols.resize(count);
}

void merge_by_heap(std::vector<Symbol>& symbols, const MergeTable& merges) {
  const auto count = static_cast<std::uint32_t>(symbols.size());
  constexpr std::uint32_t kNone = 0xFFFFFFFF;
  std::vector<std::uint32_t> next(count), prev(count);
  std::vector<bool> alive(count, true);
  for (std::uint32_t i = 0; i < count; ++i) {
    next[i] = i + 1 < count ? i + 1 : kNone;
    prev[i] = i == 0 ? kNone : i - 1;
  }
  struct Candidate {
    Rank rank;
    std::uint32_t left;
    std::uint32_t right;
    TokenId left_id;  // ids when the candidate was made: a merge since then makes it stale
    TokenId right_id;
    TokenId result;
    bool operator>(const Candidate& other) const {
      return rank != other.rank ? rank > other.rank : left > other.left;
    }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  auto push_candidate = [&](std::uint32_t left) {
    const std::uint32_t right = next[left];
    if (right == kNone) return;
    const MergeTable::Merge merge = merges.find(symbols[left].id, symbols[right].id);
    if (merge.rank != kNoRank) heap.push({merge.rank, left, right, symbols[left].id, symbols[right].id, merge.result});
  };
  for (std::uint32_t i = 0; i + 1 < count; ++i) push_candidate(i);
  while (!heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    // Token ids only grow longer by merging, so equal ids mean an unchanged pair.
    if (!alive[top.left] || !alive[top.right] || next[top.left] != top.right || symbols[top.left].id != top.left_id ||
        symbols[top.right].id != top.right_id) {
      continue;
    }
    symbols[top.left].id = top.result;
    alive[top.right] = false;
    next[top.left] = next[top.right];
    if (next[top.right] != kNone) prev[next[top.right]] = top.left;
    push_candidate(top.left);
    if (prev[top.left] != kNone) push_candidate(prev[top.left]);
  }
  std::size_t kept = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (alive[i]) symbols[kept++] = symbols[i];
  }
  symbols.resize(kept);
}

}  // namespace

void merge_pairs(std::vector<Symbol>& symbols, const MergeTable& merges) {
  if (symbols.size() < 2) return;
  if (symbols.size() <= kPairScanLimit) {
    merge_by_scan(symbols, merges);
  } else {
    merge_by_heap(symbols, merges);
  }
}

}  // namespace tokenlab
