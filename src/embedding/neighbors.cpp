#include "embedding/neighbors.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "embedding/kernels.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

// Scales x to length 1; a zero vector stays zero.
void normalize(float* x, std::size_t n) {
  const float norm = std::sqrt(kernels::dot(x, x, n));
  if (norm > 0.0f) kernels::scale(1.0f / norm, x, n);
}

}  // namespace

void Neighbors::check_row(std::int32_t row) const {
  if (row < 0 || static_cast<std::size_t>(row) >= unit_.rows()) {
    throw UsageError("row " + std::to_string(row) + " is outside the " + std::to_string(unit_.rows()) +
                     " vectors");
  }
}

Neighbors::Neighbors(const Matrix& vectors) : unit_(vectors) {
  for (std::size_t r = 0; r < unit_.rows(); ++r) normalize(unit_.row(r), unit_.cols());
}

NeighborList Neighbors::nearest(const float* query, std::size_t k,
                                std::span<const std::int32_t> exclude) const {
  const std::size_t dim = unit_.cols();
  std::vector<float> unit_query(query, query + dim);
  normalize(unit_query.data(), dim);
  std::vector<float> scores(unit_.rows());
  kernels::best_kernels().dot_matrix(unit_.data(), unit_.rows(), unit_.stride(), unit_query.data(),
                                     dim, scores.data());

  std::vector<std::int32_t> candidates;
  candidates.reserve(unit_.rows());
  for (std::size_t r = 0; r < unit_.rows(); ++r) {
    const auto row = static_cast<std::int32_t>(r);
    if (std::find(exclude.begin(), exclude.end(), row) == exclude.end()) candidates.push_back(row);
  }
  k = std::min(k, candidates.size());
  const auto better = [&](std::int32_t a, std::int32_t b) {
    const float sa = scores[static_cast<std::size_t>(a)], sb = scores[static_cast<std::size_t>(b)];
    return sa != sb ? sa > sb : a < b;
  };
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k),
                    candidates.end(), better);

  NeighborList result;
  result.rows.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(k));
  for (std::int32_t row : result.rows) result.scores.push_back(scores[static_cast<std::size_t>(row)]);
  return result;
}

NeighborList Neighbors::nearest_to_row(std::int32_t row, std::size_t k) const {
  check_row(row);
  const std::int32_t exclude[] = {row};
  return nearest(unit_.row(static_cast<std::size_t>(row)), k, exclude);
}

NeighborList Neighbors::analogy(std::int32_t a, std::int32_t b, std::int32_t c, std::size_t k) const {
  check_row(a);
  check_row(b);
  check_row(c);
  const std::size_t dim = unit_.cols();
  std::vector<float> target(unit_.row(static_cast<std::size_t>(a)),
                            unit_.row(static_cast<std::size_t>(a)) + dim);
  kernels::axpy(-1.0f, unit_.row(static_cast<std::size_t>(b)), target.data(), dim);
  kernels::axpy(1.0f, unit_.row(static_cast<std::size_t>(c)), target.data(), dim);
  const std::int32_t exclude[] = {a, b, c};
  return nearest(target.data(), k, exclude);
}

float Neighbors::similarity(std::int32_t a, std::int32_t b) const {
  check_row(a);
  check_row(b);
  return kernels::dot(unit_.row(static_cast<std::size_t>(a)), unit_.row(static_cast<std::size_t>(b)),
                      unit_.cols());
}

}  // namespace tokenlab::embedding
