#include "tokenizer/bpe/merge_trace.h"

#include <string>

#include "tokenizer/errors.h"

namespace tokenlab {

void check_traced_length(std::size_t bytes) {
  if (bytes > kLongestTracedPiece) {
    throw UsageError("a token story covers one word of at most " + std::to_string(kLongestTracedPiece) +
                     " bytes; this one has " + std::to_string(bytes));
  }
}

namespace {

// The end of symbols[at]: the next symbol's start, or the piece's end.
std::uint32_t end_of(const std::vector<Symbol>& symbols, std::size_t at, std::uint32_t piece_size) {
  return at + 1 < symbols.size() ? symbols[at + 1].start : piece_size;
}

// Joins symbols[at] and symbols[at + 1] into result, recording the step.
void merge_at(std::vector<Symbol>& symbols, std::size_t at, TokenId result, Rank rank, std::uint32_t piece_size,
              std::vector<MergeStep>& steps) {
  steps.push_back({symbols[at].id, symbols[at + 1].id, result, rank, symbols[at].start, symbols[at + 1].start,
                   end_of(symbols, at + 1, piece_size)});
  symbols[at].id = result;
  symbols.erase(symbols.begin() + static_cast<std::ptrdiff_t>(at) + 1);
}

}  // namespace

MergeTrace trace_rank_merges(std::string_view piece, const RankTable& ranks) {
  check_traced_length(piece.size());
  const auto size = static_cast<std::uint32_t>(piece.size());
  MergeTrace trace;
  for (std::uint32_t pos = 0; pos < size; ++pos) {
    const Rank rank = ranks.find(piece.substr(pos, 1));
    if (rank == kNoRank) {
      throw VocabError("byte " + std::to_string(static_cast<unsigned char>(piece[pos])) + " is not a token");
    }
    trace.initial.push_back({rank, pos});
  }
  std::vector<Symbol> symbols = trace.initial;
  for (;;) {
    std::size_t best = symbols.size();
    Rank best_rank = kNoRank;
    for (std::size_t at = 0; at + 1 < symbols.size(); ++at) {
      const std::uint32_t begin = symbols[at].start;
      const Rank rank = ranks.find(piece.substr(begin, end_of(symbols, at + 1, size) - begin));
      // Strictly lower: of equal ranks the leftmost stays chosen.
      if (rank < best_rank) {
        best = at;
        best_rank = rank;
      }
    }
    if (best_rank == kNoRank) break;
    merge_at(symbols, best, best_rank, best_rank, size, trace.steps);
  }
  trace.final = std::move(symbols);
  return trace;
}

MergeTrace trace_pair_merges(std::vector<Symbol> initial, std::uint32_t piece_size, const MergeTable& merges) {
  check_traced_length(piece_size);
  MergeTrace trace;
  trace.initial = std::move(initial);
  std::vector<Symbol> symbols = trace.initial;
  for (;;) {
    std::size_t best = symbols.size();
    MergeTable::Merge best_merge = MergeTable::kNoMerge;
    for (std::size_t at = 0; at + 1 < symbols.size(); ++at) {
      const MergeTable::Merge merge = merges.find(symbols[at].id, symbols[at + 1].id);
      // Strictly lower: of equal priorities the leftmost stays chosen.
      if (merge.rank < best_merge.rank) {
        best = at;
        best_merge = merge;
      }
    }
    if (best_merge.rank == kNoRank) break;
    merge_at(symbols, best, best_merge.result, best_merge.rank, piece_size, trace.steps);
  }
  trace.final = std::move(symbols);
  return trace;
}

}  // namespace tokenlab
