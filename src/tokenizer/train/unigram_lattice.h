// UnigramLattice: every way each training word splits into the current pieces,
// kept as the pieces that start at each position of the corpus (its edges),
// shortest first.
//
//   word ▁ab, pieces {0 ▁, 1 a, 2 b, 3 ▁a, 4 ab}:
//     position 0: ▁ (0, 1 char), ▁a (3, 2);  position 1: a (1, 1), ab (4, 2);  position 2: b (2, 1)
//     segmentations: ▁|a|b, ▁a|b, ▁|ab
//
// A position with no single-character piece (a rare character, or one whose
// piece was dropped) gets an <unk> edge of one character instead, scored the
// lowest piece score minus 10 (sentencepiece's and Hugging Face's kUnkPenalty),
// so every word has a segmentation.
//
// The edges are built once, from the seed substrings' occurrences (their suffix
// array ranges), so no piece is ever looked up by its text; training only ever
// removes pieces, and remap() drops their edges.
//
// Scores are log probabilities. Forward-backward gives each piece's expected
// count, the E-step of EM; Viterbi gives the best segmentation. Viterbi's
// tie-break is Hugging Face's and sentencepiece's: of equal-scoring ways to
// reach a position, the one whose last piece starts first (the longest) wins.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_seed_pieces.h"

namespace tokenlab {

class UnigramLattice {
 public:
  static constexpr std::uint32_t kUnknown = std::numeric_limits<std::uint32_t>::max();  // the <unk> edge's piece
  static constexpr std::uint32_t kRemoved = std::numeric_limits<std::uint32_t>::max();  // in remap()
  // Piece ids and lengths share 32 bits: 28 for the id, 4 for the length.
  static constexpr std::uint32_t kMaxPieces = std::uint32_t{1} << 28;
  static constexpr double kUnknownPenalty = 10.0;

  struct Edge {
    std::uint32_t piece;
    std::uint32_t length;  // characters, 1 .. kMaxUnigramPieceChars
  };

  // Piece i < corpus.characters.size() is character i; piece
  // corpus.characters.size() + k is found.seeds[k]. Throws UsageError when the
  // pieces or edges outgrow 32 bits.
  UnigramLattice(const UnigramCorpus& corpus, const SeedSubstrings& found);
  // Edges listed by hand: edges[p] are the pieces starting at corpus position p
  // (any order). For tests and small vocabularies.
  UnigramLattice(std::size_t positions, const std::vector<std::vector<Edge>>& edges);

  std::size_t positions() const { return first_edge_.size() - 1; }
  std::size_t edge_count() const { return edges_.size(); }
  std::vector<Edge> edges_at(std::uint32_t position) const;

  // Scratch space, one per thread of work.
  struct Scratch {
    std::vector<double> forward;
    std::vector<double> backward;
    std::vector<std::uint32_t> from;
    std::vector<std::uint32_t> piece;
  };

  // Forward-backward over positions [begin, end): adds weight × P(edge) to
  // expected[piece] for every edge (not <unk>) and returns log Z, the log of
  // the summed probability of every segmentation. In log space throughout.
  double add_expected_counts(std::uint32_t begin, std::uint32_t end, double weight, const std::vector<double>& scores,
                             double unknown_score, std::vector<double>& expected, Scratch& scratch) const;

  // The same, for every word at once, in linear space where that is exact.
  //
  // Why: log space costs an exp and a log1p per edge, most of the training
  // time. Probabilities need only a multiply-add, but underflow on long words.
  // Multiplying every piece's probability by e^(shift × its length) multiplies
  // every segmentation of a word by the same e^(shift × word length), so the
  // posteriors do not change; with shift = -unknown_score / 2 every piece's
  // per-character factor lies in [e^-shift, e^shift] (scores are between the
  // <unk> score and 0), and a word of L characters stays within e^±((shift +
  // ln 2) × L), which doubles hold while that is below 680. Longer words take
  // the log-space path. probability[piece] is e^scores[piece].
  double add_expected_counts_linear(std::uint32_t begin, std::uint32_t end, double weight,
                                    const std::vector<double>& scores, const std::vector<double>& probability,
                                    double unknown_score,
                                    std::vector<double>& expected, Scratch& scratch) const;
  // The longest word add_expected_counts_linear takes for this <unk> score.
  static std::uint32_t longest_linear_word(double unknown_score);

  // The best segmentation of [begin, end) (edges reaching past end are left
  // out): its pieces (kUnknown for <unk>) go to pieces, its score is returned.
  // The edge (skip_position, skip_length) is left out too, if given: the best
  // way to split a piece's own occurrence without the piece itself. (Leaving
  // out a position's only one-character edge may leave no way at all: then
  // the score is -infinity and no piece is added.)
  double viterbi(std::uint32_t begin, std::uint32_t end, const std::vector<double>& scores, double unknown_score,
                 std::vector<std::uint32_t>& pieces, Scratch& scratch, std::uint32_t skip_position = 0,
                 std::uint32_t skip_length = 0) const;

  // Renumbers the pieces: piece p becomes new_id[p], or loses its edges when
  // new_id[p] is kRemoved.
  void remap(const std::vector<std::uint32_t>& new_id);

 private:
  static constexpr std::uint32_t kLengthBits = 4;
  static std::uint32_t pack(std::uint32_t piece, std::uint32_t length) { return piece << kLengthBits | (length - 1); }
  static std::uint32_t piece_of(std::uint32_t edge) { return edge >> kLengthBits; }
  static std::uint32_t length_of(std::uint32_t edge) { return (edge & ((1u << kLengthBits) - 1)) + 1; }
  bool has_single_character(std::uint32_t position) const {
    return first_edge_[position] != first_edge_[position + 1] && length_of(edges_[first_edge_[position]]) == 1;
  }
  void sort_edges();

  std::vector<std::uint32_t> first_edge_;  // edges of position p: edges_[first_edge_[p] .. first_edge_[p + 1])
  std::vector<std::uint32_t> edges_;       // packed, shortest first at each position
};

}  // namespace tokenlab
