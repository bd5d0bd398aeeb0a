#include "tokenizer/train/unigram_piece_table.h"

#include <algorithm>
#include <cassert>

#include "tokenizer/train/unigram_lattice.h"

namespace tokenlab {

void UnigramPieceTable::add(std::string piece, double piece_score, std::uint32_t piece_length,
                            std::uint32_t position) {
  text.push_back(std::move(piece));
  score.push_back(piece_score);
  length.push_back(piece_length);
  occurrence.push_back(position);
}

double UnigramPieceTable::min_score() const {
  return score.empty() ? 0.0 : *std::min_element(score.begin(), score.end());
}

std::vector<std::uint32_t> UnigramPieceTable::keep(const std::vector<std::uint32_t>& kept) {
  assert(std::is_sorted(kept.begin(), kept.end()));
  std::vector<std::uint32_t> new_id(size(), UnigramLattice::kRemoved);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::uint32_t old = kept[i];
    new_id[old] = static_cast<std::uint32_t>(i);
    if (old != i) {
      text[i] = std::move(text[old]);
      score[i] = score[old];
      length[i] = length[old];
      occurrence[i] = occurrence[old];
    }
  }
  text.resize(kept.size());
  score.resize(kept.size());
  length.resize(kept.size());
  occurrence.resize(kept.size());
  return new_id;
}

}  // namespace tokenlab
