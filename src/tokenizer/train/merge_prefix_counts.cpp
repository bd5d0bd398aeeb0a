#include "tokenizer/train/merge_prefix_counts.h"

#include <algorithm>
#include <functional>
#include <string>

#include "tokenizer/errors.h"
#include "tokenizer/bpe/merge_table.h"
#include "tokenizer/train/piece_counter.h"

namespace tokenlab {

namespace {

constexpr std::uint32_t kNoSymbol = 0xFFFFFFFF;

struct Candidate {
  Rank rank;               // merge index
  std::uint32_t position;  // left symbol
  // The min-heap's order: lower merge index, then further left.
  bool operator>(const Candidate& other) const {
    return rank != other.rank ? rank > other.rank : position > other.position;
  }
};

// Merges one piece completely and calls applied(rank) for every merge, in the
// order they happen. A heap with lazy deletion keeps long pieces (kNone makes
// the whole text one piece) O(n log n).
template <class Applied>
void merge_piece(std::string_view piece, const MergeTable& table, std::vector<TokenId>& ids,
                 std::vector<std::uint32_t>& next, std::vector<std::uint32_t>& prev, std::vector<Candidate>& heap,
                 Applied&& applied) {
  const auto size = static_cast<std::uint32_t>(piece.size());
  ids.resize(size);
  next.resize(size);
  prev.resize(size);
  heap.clear();
  for (std::uint32_t i = 0; i < size; ++i) {
    ids[i] = static_cast<unsigned char>(piece[i]);
    next[i] = i + 1 < size ? i + 1 : kNoSymbol;
    prev[i] = i > 0 ? i - 1 : kNoSymbol;
  }
  const auto push_pair = [&](std::uint32_t position) {
    if (position == kNoSymbol || next[position] == kNoSymbol) return;
    const MergeTable::Merge merge = table.find(ids[position], ids[next[position]]);
    if (merge.rank == kNoRank) return;
    heap.push_back({merge.rank, position});
    std::push_heap(heap.begin(), heap.end(), std::greater<>{});
  };
  for (std::uint32_t i = 0; i + 1 < size; ++i) push_pair(i);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
    const Candidate top = heap.back();
    heap.pop_back();
    const std::uint32_t position = top.position;
    // Stale when the symbol was absorbed or either side changed since the push
    // (ids only grow, so an unchanged pair is the one pushed).
    if (ids[position] == kNoRank || next[position] == kNoSymbol) continue;
    const MergeTable::Merge merge = table.find(ids[position], ids[next[position]]);
    if (merge.rank != top.rank) continue;
    const std::uint32_t absorbed = next[position];
    ids[position] = merge.result;
    ids[absorbed] = kNoRank;
    next[position] = next[absorbed];
    if (next[position] != kNoSymbol) prev[next[position]] = position;
    applied(merge.rank);
    push_pair(prev[position]);
    push_pair(position);
  }
}

}  // namespace

std::vector<std::uint64_t> token_counts_by_merge_prefix(std::span<const BpeMerge> merges, SplitPattern pattern,
                                                        std::string_view text) {
  // 1. The merges as a table: (left, right) -> (index, new id).
  MergeTable table;
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const BpeMerge& merge = merges[i];
    if (merge.id != kByteTokenCount + i || merge.left >= merge.id || merge.right >= merge.id) {
      throw UsageError("merge " + std::to_string(i) + " does not create token " + std::to_string(kByteTokenCount + i) +
                       " from earlier tokens");
    }
    table.add(merge.left, merge.right, static_cast<Rank>(i), merge.id);
  }

  // 2. Distinct pieces of the text, each merged once; removed[i] counts the
  // token boundaries merge i removes over the whole text.
  PieceCounter counter(pattern);
  counter.add_text(text);
  counter.finish();
  std::vector<std::uint64_t> removed(merges.size(), 0);
  std::uint64_t bytes = 0;
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> next;
  std::vector<std::uint32_t> prev;
  std::vector<Candidate> heap;
  for (const PieceCount& piece : counter.pieces()) {
    bytes += piece.count * piece.piece.size();
    merge_piece(piece.piece, table, ids, next, prev, heap, [&](Rank rank) { removed[rank] += piece.count; });
  }

  // 3. Prefix sums: k merges remove what merges 0 .. k-1 remove.
  std::vector<std::uint64_t> counts(merges.size() + 1);
  counts[0] = bytes;
  for (std::size_t k = 1; k <= merges.size(); ++k) counts[k] = counts[k - 1] - removed[k - 1];
  return counts;
}

}  // namespace tokenlab
