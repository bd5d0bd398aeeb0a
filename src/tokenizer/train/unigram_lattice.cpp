#include "tokenizer/train/unigram_lattice.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

constexpr double kNegativeInfinity = -std::numeric_limits<double>::infinity();
constexpr std::uint32_t kUnreached = std::numeric_limits<std::uint32_t>::max();

// log(exp(a) + exp(b)). Past a difference of 50 the smaller term is below
// double precision's notice (e^-50 < 2e-22), so it is skipped, as sentencepiece does.
inline double log_add(double a, double b) {
  if (a < b) std::swap(a, b);
  const double difference = b - a;
  if (!(difference > -50.0)) return a;  // also when both are -infinity
  return a + std::log1p(std::exp(difference));
}

void check_edges_fit(std::size_t edges) {
  if (edges >= std::numeric_limits<std::uint32_t>::max()) {
    throw UsageError("training text too large: its lattice passes 2^32 edges (use fewer seed pieces or less text)");
  }
}

}  // namespace

UnigramLattice::UnigramLattice(const UnigramCorpus& corpus, const SeedSubstrings& found) {
  const std::size_t n = corpus.symbols.size();
  const std::size_t characters = corpus.characters.size();
  if (characters + found.seeds.size() >= kMaxPieces) {
    throw UsageError("too many seed pieces: at most " + std::to_string(kMaxPieces - 1) + " pieces");
  }
  // The piece of each kept character, by codepoint.
  std::vector<std::uint32_t> character_piece(std::size_t{UnigramCorpus::kRareCharacter} + 1, kUnknown);
  for (std::size_t i = 0; i < characters; ++i) {
    character_piece[corpus.characters[i].codepoint] = static_cast<std::uint32_t>(i);
  }
  const auto piece_of_symbol = [&](char32_t symbol) {
    return symbol == UnigramCorpus::kWordEnd ? kUnknown : character_piece[symbol];
  };

  // 1. Count the edges of every position: its character, and every seed occurring there.
  std::vector<std::uint32_t> count(n + 1, 0);
  std::size_t total = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (piece_of_symbol(corpus.symbols[p]) != kUnknown) ++count[p];
  }
  for (const SeedSubstring& seed : found.seeds) {
    for (std::uint32_t j = seed.first; j <= seed.last; ++j) ++count[found.suffix_array[j]];
  }
  first_edge_.assign(n + 1, 0);
  for (std::size_t p = 0; p < n; ++p) {
    total += count[p];
    check_edges_fit(total);
    first_edge_[p + 1] = static_cast<std::uint32_t>(total);
  }

  // 2. Fill them in: characters first, then seeds in seed order.
  edges_.resize(total);
  std::vector<std::uint32_t>& cursor = count;
  std::copy(first_edge_.begin(), first_edge_.end() - 1, cursor.begin());
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t piece = piece_of_symbol(corpus.symbols[p]);
    if (piece != kUnknown) edges_[cursor[p]++] = pack(piece, 1);
  }
  for (std::size_t k = 0; k < found.seeds.size(); ++k) {
    const SeedSubstring& seed = found.seeds[k];
    const auto piece = static_cast<std::uint32_t>(characters + k);
    for (std::uint32_t j = seed.first; j <= seed.last; ++j) {
      edges_[cursor[found.suffix_array[j]]++] = pack(piece, seed.length);
    }
  }
  sort_edges();
}

UnigramLattice::UnigramLattice(std::size_t positions, const std::vector<std::vector<Edge>>& edges) {
  first_edge_.assign(positions + 1, 0);
  for (std::size_t p = 0; p < positions; ++p) {
    for (const Edge& edge : edges.size() > p ? edges[p] : std::vector<Edge>{}) {
      if (edge.piece >= kMaxPieces || edge.length == 0 || edge.length > kMaxUnigramPieceChars ||
          p + edge.length > positions) {
        throw UsageError("lattice edge at position " + std::to_string(p) + " is out of range");
      }
      edges_.push_back(pack(edge.piece, edge.length));
    }
    check_edges_fit(edges_.size());
    first_edge_[p + 1] = static_cast<std::uint32_t>(edges_.size());
  }
  sort_edges();
}

// Shortest first. Two edges at one position never share a length (they would
// be the same substring, so the same piece).
void UnigramLattice::sort_edges() {
  for (std::size_t p = 0; p + 1 < first_edge_.size(); ++p) {
    std::sort(edges_.begin() + first_edge_[p], edges_.begin() + first_edge_[p + 1],
              [](std::uint32_t a, std::uint32_t b) { return length_of(a) < length_of(b); });
  }
}

std::vector<UnigramLattice::Edge> UnigramLattice::edges_at(std::uint32_t position) const {
  std::vector<Edge> out;
  for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
    out.push_back({piece_of(edges_[e]), length_of(edges_[e])});
  }
  return out;
}

double UnigramLattice::add_expected_counts(std::uint32_t begin, std::uint32_t end, double weight,
                                           const std::vector<double>& scores, double unknown_score,
                                           std::vector<double>& expected, Scratch& scratch) const {
  const std::uint32_t length = end - begin;
  std::vector<double>& forward = scratch.forward;
  std::vector<double>& backward = scratch.backward;
  forward.assign(length + 1, kNegativeInfinity);
  backward.assign(length + 1, kNegativeInfinity);

  // 1. Backward: backward[k] = log of the summed probability of every way to
  // segment positions k .. end.
  backward[length] = 0.0;
  for (std::uint32_t k = length; k-- > 0;) {
    const std::uint32_t position = begin + k;
    double sum = has_single_character(position) ? kNegativeInfinity : unknown_score + backward[k + 1];
    for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
      const std::uint32_t reach = k + length_of(edges_[e]);
      if (reach > length) break;  // shortest first: the rest reach further
      sum = log_add(sum, scores[piece_of(edges_[e])] + backward[reach]);
    }
    backward[k] = sum;
  }
  const double log_z = backward[0];

  // 2. Forward, adding each edge's posterior probability
  // forward(start) + score + backward(end) - log Z as it goes.
  forward[0] = 0.0;
  for (std::uint32_t k = 0; k < length; ++k) {
    const std::uint32_t position = begin + k;
    const double here = forward[k];
    if (!has_single_character(position)) forward[k + 1] = log_add(forward[k + 1], here + unknown_score);
    for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
      const std::uint32_t reach = k + length_of(edges_[e]);
      if (reach > length) break;
      const std::uint32_t piece = piece_of(edges_[e]);
      const double through = here + scores[piece];
      forward[reach] = log_add(forward[reach], through);
      expected[piece] += weight * std::exp(through + backward[reach] - log_z);
    }
  }
  return log_z;
}

std::uint32_t UnigramLattice::longest_linear_word(double unknown_score) {
  const double shift = -unknown_score / 2;
  return static_cast<std::uint32_t>(680.0 / (shift + std::log(2.0)));
}

double UnigramLattice::add_expected_counts_linear(std::uint32_t begin, std::uint32_t end, double weight,
                                                  const std::vector<double>& scores,
                                                  const std::vector<double>& probability, double unknown_score,
                                                  std::vector<double>& expected, Scratch& scratch) const {
  const std::uint32_t length = end - begin;
  if (length > longest_linear_word(unknown_score)) {
    // Too long to stay in range.
    return add_expected_counts(begin, end, weight, scores, unknown_score, expected, scratch);
  }
  const double shift = -unknown_score / 2;
  // factor[l] = e^(shift × l): the shift of a piece of l characters.
  double factor[kMaxUnigramPieceChars + 1];
  factor[0] = 1.0;
  for (std::size_t l = 1; l <= kMaxUnigramPieceChars; ++l) factor[l] = factor[l - 1] * std::exp(shift);
  const double unknown = std::exp(unknown_score) * factor[1];
  std::vector<double>& forward = scratch.forward;
  std::vector<double>& backward = scratch.backward;
  forward.assign(length + 1, 0.0);
  backward.assign(length + 1, 0.0);

  backward[length] = 1.0;
  for (std::uint32_t k = length; k-- > 0;) {
    const std::uint32_t position = begin + k;
    double sum = has_single_character(position) ? 0.0 : unknown * backward[k + 1];
    for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
      const std::uint32_t edge_length = length_of(edges_[e]);
      if (k + edge_length > length) break;
      sum += probability[piece_of(edges_[e])] * factor[edge_length] * backward[k + edge_length];
    }
    backward[k] = sum;
  }
  const double z = backward[0];
  const double scale = weight / z;

  forward[0] = 1.0;
  for (std::uint32_t k = 0; k < length; ++k) {
    const std::uint32_t position = begin + k;
    const double here = forward[k];
    if (!has_single_character(position)) forward[k + 1] += here * unknown;
    for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
      const std::uint32_t edge_length = length_of(edges_[e]);
      const std::uint32_t reach = k + edge_length;
      if (reach > length) break;
      const std::uint32_t piece = piece_of(edges_[e]);
      const double through = here * probability[piece] * factor[edge_length];
      forward[reach] += through;
      expected[piece] += scale * through * backward[reach];
    }
  }
  return std::log(z) - shift * length;
}

double UnigramLattice::viterbi(std::uint32_t begin, std::uint32_t end, const std::vector<double>& scores,
                               double unknown_score, std::vector<std::uint32_t>& pieces, Scratch& scratch,
                               std::uint32_t skip_position, std::uint32_t skip_length) const {
  const std::uint32_t length = end - begin;
  std::vector<double>& best = scratch.forward;
  std::vector<std::uint32_t>& from = scratch.from;
  std::vector<std::uint32_t>& piece_to = scratch.piece;
  best.assign(length + 1, kNegativeInfinity);
  from.assign(length + 1, kUnreached);
  piece_to.assign(length + 1, kUnknown);
  best[0] = 0.0;
  from[0] = 0;
  // Starts in increasing order, and only a strictly better score replaces the
  // way found first: ties go to the last piece that starts first.
  const auto relax = [&](std::uint32_t start, std::uint32_t reach, std::uint32_t piece, double score) {
    const double candidate = best[start] + score;
    if (from[reach] == kUnreached || candidate > best[reach]) {
      best[reach] = candidate;
      from[reach] = start;
      piece_to[reach] = piece;
    }
  };
  for (std::uint32_t k = 0; k < length; ++k) {
    if (from[k] == kUnreached) continue;
    const std::uint32_t position = begin + k;
    for (std::uint32_t e = first_edge_[position]; e < first_edge_[position + 1]; ++e) {
      const std::uint32_t edge_length = length_of(edges_[e]);
      const std::uint32_t reach = k + edge_length;
      if (reach > length) break;
      if (position == skip_position && edge_length == skip_length) continue;
      relax(k, reach, piece_of(edges_[e]), scores[piece_of(edges_[e])]);
    }
    if (!has_single_character(position)) relax(k, k + 1, kUnknown, unknown_score);
  }
  // Every position has a one-character edge or <unk>, so the end is reached
  // unless the edge left out was a position's only one-character edge.
  if (from[length] == kUnreached) return kNegativeInfinity;

  const std::size_t first_new = pieces.size();
  for (std::uint32_t k = length; k > 0; k = from[k]) pieces.push_back(piece_to[k]);
  std::reverse(pieces.begin() + static_cast<std::ptrdiff_t>(first_new), pieces.end());
  return best[length];
}

void UnigramLattice::remap(const std::vector<std::uint32_t>& new_id) {
  std::uint32_t kept = 0;
  const std::size_t n = positions();
  for (std::size_t p = 0; p < n; ++p) {
    const std::uint32_t begin = first_edge_[p];
    const std::uint32_t end = first_edge_[p + 1];
    first_edge_[p] = kept;
    for (std::uint32_t e = begin; e < end; ++e) {
      const std::uint32_t id = new_id[piece_of(edges_[e])];
      if (id != kRemoved) edges_[kept++] = pack(id, length_of(edges_[e]));
    }
  }
  first_edge_[n] = kept;
  edges_.resize(kept);
  // Pruning shrinks the lattice a quarter at a time: give the memory back.
  if (edges_.capacity() > 2 * edges_.size() + 1024) edges_.shrink_to_fit();
}

}  // namespace tokenlab
