// Nearest neighbours by cosine similarity, analogies and similarities over a
// set of word vectors.
//
//   rows king (1, 0), queen (0.9, 0.1), apple (0, 1):
//   nearest_to_row(king, 1) -> {queen}, score 0.994
//
// The rows are normalised to length 1 once, so every cosine is one dot
// product and a query scans the matrix with the SIMD dot_matrix kernel. A
// zero row (a word never trained) has cosine 0 with everything.
//
// Ties: equal scores rank the lower row (the more frequent word) first.
// Rows outside the matrix throw UsageError.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "embedding/matrix.h"

namespace tokenlab::embedding {

struct NeighborList {
  std::vector<std::int32_t> rows;  // best first
  std::vector<float> scores;       // cosine similarities
};

class Neighbors {
 public:
  Neighbors() = default;
  explicit Neighbors(const Matrix& vectors);

  std::size_t size() const { return unit_.rows(); }
  const Matrix& unit_vectors() const { return unit_; }

  // The k rows most similar to query (any length-dim vector; it need not be
  // normalised), leaving out the rows in exclude.
  NeighborList nearest(const float* query, std::size_t k,
                       std::span<const std::int32_t> exclude = {}) const;

  // The k rows nearest to row, leaving out row itself.
  NeighborList nearest_to_row(std::int32_t row, std::size_t k) const;

  // 3CosAdd: the rows nearest to unit(a) - unit(b) + unit(c), leaving out a,
  // b and c. king - man + woman -> queen is analogy(king, man, woman).
  NeighborList analogy(std::int32_t a, std::int32_t b, std::int32_t c, std::size_t k) const;

  // Cosine similarity of two rows.
  float similarity(std::int32_t a, std::int32_t b) const;

 private:
  void check_row(std::int32_t row) const;  // throws UsageError

  Matrix unit_;
};

}  // namespace tokenlab::embedding
