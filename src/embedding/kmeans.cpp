#include "embedding/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "embedding/kernels.h"
#include "embedding/rng.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

using kernels::axpy;
using kernels::dot;
using kernels::scale;

// The first `rows` rows scaled to unit length; zero rows stay zero.
Matrix unit_rows(const Matrix& vectors, std::size_t rows) {
  const std::size_t dim = vectors.cols();
  Matrix unit(rows, dim);
  for (std::size_t r = 0; r < rows; ++r) {
    std::copy(vectors.row(r), vectors.row(r) + dim, unit.row(r));
    const float norm = std::sqrt(dot(unit.row(r), unit.row(r), dim));
    if (norm > 0.0f) scale(1.0f / norm, unit.row(r), dim);
  }
  return unit;
}

// The most similar centroid; ties go to the lower cluster number.
std::uint32_t nearest_centroid(const Matrix& centroids, const float* row, float* similarity) {
  std::uint32_t best = 0;
  float best_similarity = -std::numeric_limits<float>::infinity();
  for (std::size_t c = 0; c < centroids.rows(); ++c) {
    const float s = dot(centroids.row(c), row, centroids.cols());
    if (s > best_similarity) {
      best_similarity = s;
      best = static_cast<std::uint32_t>(c);
    }
  }
  if (similarity) *similarity = best_similarity;
  return best;
}

// 1. k-means++ seeding: each next centre drawn with probability proportional
// to the squared distance to the nearest centre chosen so far.
Matrix seed_centroids(const Matrix& unit, std::size_t clusters, Rng& rng) {
  const std::size_t rows = unit.rows();
  const std::size_t dim = unit.cols();
  Matrix centroids(clusters, dim);
  std::vector<bool> chosen(rows, false);
  std::vector<double> distance(rows, std::numeric_limits<double>::infinity());
  std::size_t pick = std::min<std::size_t>(rng.below(static_cast<std::uint32_t>(rows)), rows - 1);
  for (std::size_t c = 0; c < clusters; ++c) {
    chosen[pick] = true;
    std::copy(unit.row(pick), unit.row(pick) + dim, centroids.row(c));
    if (c + 1 == clusters) break;
    double total = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double d = std::max(0.0, 2.0 - 2.0 * static_cast<double>(dot(unit.row(r), centroids.row(c), dim)));
      distance[r] = chosen[r] ? 0.0 : std::min(distance[r], d);
      total += distance[r];
    }
    if (total <= 0.0) {
      // Every row left sits on a centre: the first row not yet a centre.
      pick = static_cast<std::size_t>(std::find(chosen.begin(), chosen.end(), false) - chosen.begin());
      continue;
    }
    // The row where the running sum first passes a uniform draw in [0, total).
    const double target = static_cast<double>(rng.uniform()) * total;
    double running = 0.0;
    pick = rows;
    for (std::size_t r = 0; r < rows; ++r) {
      if (distance[r] <= 0.0) continue;
      pick = r;  // the last row with weight, should rounding leave running below target
      running += distance[r];
      if (running > target) break;
    }
  }
  return centroids;
}

}  // namespace

Clustering kmeans(const Matrix& vectors, std::size_t count, const KMeansOptions& options,
                  const KMeansProgress& progress) {
  const std::size_t rows = std::min(count, vectors.rows());
  const std::size_t dim = vectors.cols();
  if (options.clusters == 0) throw UsageError("k-means needs at least one cluster");
  if (options.clusters > rows) {
    throw UsageError("k-means cannot make " + std::to_string(options.clusters) + " clusters of " +
                     std::to_string(rows) + " rows");
  }
  if (options.max_iterations < 1) throw UsageError("k-means needs at least one iteration");

  const Matrix unit = unit_rows(vectors, rows);
  Rng rng(options.seed);
  Clustering result;
  result.centroids = seed_centroids(unit, options.clusters, rng);
  result.assignment.assign(rows, std::numeric_limits<std::uint32_t>::max());
  result.sizes.assign(options.clusters, 0);

  std::vector<float> sums(options.clusters * dim);
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    // 2. Assignment: every row to its most similar centroid.
    bool moved = false;
    for (std::size_t r = 0; r < rows; ++r) {
      const std::uint32_t cluster = nearest_centroid(result.centroids, unit.row(r), nullptr);
      if (cluster != result.assignment[r]) {
        result.assignment[r] = cluster;
        moved = true;
      }
    }
    result.iterations = iteration;
    // 3. Update: each centroid to the unit-length mean of its rows.
    std::fill(sums.begin(), sums.end(), 0.0f);
    std::fill(result.sizes.begin(), result.sizes.end(), 0);
    for (std::size_t r = 0; r < rows; ++r) {
      const std::uint32_t cluster = result.assignment[r];
      axpy(1.0f, unit.row(r), sums.data() + cluster * dim, dim);
      ++result.sizes[cluster];
    }
    if (!moved) {
      result.converged = true;  // same rows as the centroids were made from
    } else {
      for (std::size_t c = 0; c < options.clusters; ++c) {
        float* sum = sums.data() + c * dim;
        const float norm = std::sqrt(dot(sum, sum, dim));
        if (result.sizes[c] == 0 || norm <= 0.0f) continue;  // an empty cluster keeps its centroid
        scale(1.0f / norm, sum, dim);
        std::copy(sum, sum + dim, result.centroids.row(c));
      }
    }
    if (progress) progress(iteration, options.max_iterations);
    if (result.converged) break;
  }
  return result;
}

std::vector<std::int32_t> cluster_top_rows(const Matrix& vectors, const Clustering& clustering,
                                           std::size_t per_cluster) {
  const std::size_t rows = std::min(clustering.assignment.size(), vectors.rows());
  const std::size_t clusters = clustering.centroids.rows();
  const Matrix unit = unit_rows(vectors, rows);
  std::vector<std::vector<std::pair<float, std::int32_t>>> members(clusters);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::uint32_t cluster = clustering.assignment[r];
    const float s = dot(clustering.centroids.row(cluster), unit.row(r), unit.cols());
    members[cluster].emplace_back(s, static_cast<std::int32_t>(r));
  }
  std::vector<std::int32_t> top(clusters * per_cluster, -1);
  for (std::size_t c = 0; c < clusters; ++c) {
    auto& list = members[c];
    const std::size_t keep = std::min(per_cluster, list.size());
    // Higher similarity first; equal similarity → lower row.
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end(),
                      [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    for (std::size_t i = 0; i < keep; ++i) top[c * per_cluster + i] = list[i].second;
  }
  return top;
}

}  // namespace tokenlab::embedding
