// UnigramPieceTable: the pieces while a Unigram vocabulary trains, by id: their
// text, score (a log probability), length in characters, and one corpus
// position where each occurs (where pruning looks for its other splits).
//
//   pieces {0 "▁" -1.2, 1 "a" -2.0, 2 "▁a" -1.5}; keep({0, 2}) -> {0 "▁", 1 "▁a"},
//   returning the renumbering {0, kRemoved, 1} for UnigramLattice::remap
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tokenlab {

struct UnigramPieceTable {
  std::vector<std::string> text;
  std::vector<double> score;
  std::vector<std::uint32_t> length;
  std::vector<std::uint32_t> occurrence;

  std::size_t size() const { return text.size(); }
  void add(std::string piece, double piece_score, std::uint32_t piece_length, std::uint32_t position);
  // The lowest score (0 when empty).
  double min_score() const;
  // Keeps the pieces listed (ids ascending), in that order; returns each old
  // id's new one, or UnigramLattice::kRemoved.
  std::vector<std::uint32_t> keep(const std::vector<std::uint32_t>& kept);
};

}  // namespace tokenlab
