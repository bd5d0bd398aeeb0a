#include "tokenizer/bpe/rank_merge.h"

#include <queue>
#include <string>

#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

void emit(std::string_view piece, std::uint32_t begin, std::uint32_t end, const RankTable& table,
          std::vector<Rank>& ranks, std::vector<std::uint32_t>* starts) {
  const Rank rank = table.find(piece.substr(begin, end - begin));
  if (rank == kNoRank) {
    throw VocabError("vocabulary lacks the byte 0x" +
                     std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(piece[begin]) >> 4]) +
                     std::string(1, "0123456789ABCDEF"[static_cast<unsigned char>(piece[begin]) & 15]) +
                     "; byte-level BPE needs all 256 single bytes");
  }
  ranks.push_back(rank);
  if (starts) starts->push_back(begin);
}

// tiktoken's loop: boundaries[i] is the start of part i and pair_rank[i] the
// rank of part i joined with part i+1 (kNoRank if not a token).
void encode_by_scan(std::string_view piece, const RankTable& table, std::vector<Rank>& ranks,
                    std::vector<std::uint32_t>* starts) {
  struct Part {
    std::uint32_t start;
    Rank pair_rank;
  };
  Part parts[kLinearScanLimit + 2];
  const std::size_t byte_count = piece.size();
  auto rank_of_span = [&](std::size_t begin, std::size_t end) {
    return table.find(piece.substr(begin, end - begin));
  };
  std::size_t part_count = byte_count + 1;  // the last part is the end sentinel
  for (std::size_t i = 0; i < part_count; ++i) parts[i] = {static_cast<std::uint32_t>(i), kNoRank};
  for (std::size_t i = 0; i + 2 < part_count; ++i) parts[i].pair_rank = rank_of_span(i, i + 2);

  while (part_count > 2) {
    Rank best = kNoRank;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i + 2 < part_count; ++i) {
      if (parts[i].pair_rank < best) {
        best = parts[i].pair_rank;
        best_index = i;
      }
    }
    if (best == kNoRank) break;
    // Remove the boundary after best_index, then refresh the two pairs that changed.
    for (std::size_t i = best_index + 1; i + 1 < part_count; ++i) parts[i] = parts[i + 1];
    --part_count;
    parts[best_index].pair_rank =
        best_index + 2 < part_count ? rank_of_span(parts[best_index].start, parts[best_index + 2].start) : kNoRank;
    if (best_index > 0) {
      parts[best_index - 1].pair_rank = rank_of_span(parts[best_index - 1].start, parts[best_index + 1].start);
    }
  }
  for (std::size_t i = 0; i + 1 < part_count; ++i) emit(piece, parts[i].start, parts[i + 1].start, table, ranks, starts);
}

// Same result as the scan, for long pieces: parts form a linked list and
// candidate merges sit in a min-heap ordered by (rank, start) so that equal
// ranks still merge leftmost first; stale entries are skipped when popped.
void encode_by_heap(std::string_view piece, const RankTable& table, std::vector<Rank>& ranks,
                    std::vector<std::uint32_t>* starts) {
  const auto byte_count = static_cast<std::uint32_t>(piece.size());
  constexpr std::uint32_t kNone = 0xFFFFFFFF;
  // Parts are identified by their start byte; next/prev index by start byte.
  std::vector<std::uint32_t> next(byte_count), prev(byte_count);
  std::vector<bool> alive(byte_count, true);
  for (std::uint32_t i = 0; i < byte_count; ++i) {
    next[i] = i + 1;  // byte_count marks the end
    prev[i] = i == 0 ? kNone : i - 1;
  }
  auto end_of = [&](std::uint32_t start) { return next[start]; };
  auto pair_rank = [&](std::uint32_t start) -> Rank {
    const std::uint32_t second = next[start];
    if (second >= byte_count) return kNoRank;
    return table.find(piece.substr(start, end_of(second) - start));
  };
  struct Candidate {
    Rank rank;
    std::uint32_t start;
    std::uint32_t end;  // end of the merged span, to detect stale entries
    bool operator>(const Candidate& other) const {
      return rank != other.rank ? rank > other.rank : start > other.start;
    }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
  auto push_candidate = [&](std::uint32_t start) {
    const Rank rank = pair_rank(start);
    if (rank != kNoRank) heap.push({rank, start, end_of(next[start])});
  };
  for (std::uint32_t i = 0; i + 1 < byte_count; ++i) push_candidate(i);

  while (!heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    const std::uint32_t second = next[top.start];
    if (!alive[top.start] || second >= byte_count || end_of(second) != top.end) continue;
    // Merge second into top.start.
    alive[second] = false;
    next[top.start] = next[second];
    if (next[second] < byte_count) prev[next[second]] = top.start;
    push_candidate(top.start);
    if (prev[top.start] != kNone) push_candidate(prev[top.start]);
  }
  for (std::uint32_t start = 0; start < byte_count; start = next[start]) {
    emit(piece, start, next[start], table, ranks, starts);
  }
}

}  // namespace

void byte_pair_encode_ref(std::string_view piece, const RankTable& table, std::vector<Rank>& ranks,
                      std::vector<std::uint32_t>* starts) {
  if (piece.empty()) return;
  if (piece.size() <= kLinearScanLimit) {
    encode_by_scan(piece, table, ranks, starts);
  } else {
    encode_by_heap(piece, table, ranks, starts);
  }
}

}  // namespace tokenlab
