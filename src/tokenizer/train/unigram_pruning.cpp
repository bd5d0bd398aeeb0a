#include "tokenizer/train/unigram_pruning.h"

#include <algorithm>
#include <cmath>

#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

constexpr std::size_t kCancelCheckInterval = 4096;

void check_cancel(std::size_t counter, const std::atomic<bool>* cancel) {
  if (counter % kCancelCheckInterval == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
    throw Cancelled();
  }
}

struct Candidate {
  std::uint32_t piece;
  double loss;
};

}  // namespace

UnigramPruning prune_pieces(const UnigramLattice& lattice, const UnigramCorpus& corpus,
                            const UnigramPieceTable& pieces, std::size_t target, double shrinking_factor,
                            const std::atomic<bool>* cancel) {
  const std::size_t size = pieces.size();
  const double unknown_score = pieces.min_score() - UnigramLattice::kUnknownPenalty;
  UnigramLattice::Scratch scratch;

  // 1. Each piece's best split without itself, on one of its occurrences.
  std::vector<bool> removable(size, false);
  std::vector<std::uint32_t> alternative_first(size + 1, 0);
  std::vector<std::uint32_t> alternatives;
  for (std::uint32_t piece = 0; piece < size; ++piece) {
    check_cancel(piece, cancel);
    const std::uint32_t length = pieces.length[piece];
    if (length > 1) {
      const std::uint32_t position = pieces.occurrence[piece];
      const std::size_t before = alternatives.size();
      const double split = lattice.viterbi(position, position + length, pieces.score, unknown_score, alternatives,
                                           scratch, position, length);
      if (split > pieces.score[piece]) {
        removable[piece] = true;
        alternatives.resize(before);
      }
    }
    alternative_first[piece + 1] = static_cast<std::uint32_t>(alternatives.size());
  }

  // 2. How often each piece is used by the best segmentations of the text.
  UnigramPruning pruning;
  std::vector<double> used(size, 0.0);
  double occurrences = 0.0;
  std::vector<std::uint32_t> path;
  for (std::size_t word = 0; word < corpus.word_count(); ++word) {
    check_cancel(word, cancel);
    path.clear();
    lattice.viterbi(corpus.word_begin(word), corpus.word_end(word), pieces.score, unknown_score, path, scratch);
    const auto frequency = static_cast<double>(corpus.frequency[word]);
    occurrences += frequency;
    pruning.tokens += path.size() * corpus.frequency[word];
    for (const std::uint32_t piece : path) {
      if (piece != UnigramLattice::kUnknown) used[piece] += frequency;
    }
  }
  double total = 0.0;
  for (const double count : used) total += count;
  const double log_total = std::log(total);

  // 3. The loss of each piece that could go.
  std::vector<std::uint32_t>& kept = pruning.kept;
  std::vector<Candidate> candidates;
  for (std::uint32_t piece = 0; piece < size; ++piece) {
    if (used[piece] == 0.0 || removable[piece]) continue;
    const std::uint32_t first = alternative_first[piece];
    const std::uint32_t last = alternative_first[piece + 1];
    if (first == last) {
      kept.push_back(piece);
      continue;
    }
    const double count = used[piece];
    // Without the piece its count moves to each piece of its split; the total
    // grows by count × (pieces in the split - 1).
    const double log_total_without = std::log(total + count * static_cast<double>(last - first - 1));
    double log_probability_without = 0.0;
    for (std::uint32_t i = first; i < last; ++i) {
      const std::uint32_t other = alternatives[i];
      const double other_count = other == UnigramLattice::kUnknown ? 0.0 : used[other];
      log_probability_without += std::log(other_count + count) - log_total_without;
    }
    const double log_probability = std::log(count) - log_total;
    candidates.push_back({piece, count / occurrences * (log_probability - log_probability_without)});
  }

  // 4. Keep the largest losses until the size is reached.
  const auto shrunk = static_cast<std::size_t>(shrinking_factor * static_cast<double>(size));
  const std::size_t keep_size = std::max(target, shrunk);
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
    if (a.loss != b.loss) return a.loss > b.loss;
    return pieces.text[a.piece] < pieces.text[b.piece];
  });
  for (const Candidate& candidate : candidates) {
    if (kept.size() >= keep_size) break;
    kept.push_back(candidate.piece);
  }
  std::sort(kept.begin(), kept.end());
  return pruning;
}

}  // namespace tokenlab
