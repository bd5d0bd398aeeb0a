// k-means on word directions (spherical k-means), for colouring the word map.
//
//   rows (1,0), (0.9,0.1), (0,1), (0.1,0.9) with k = 2 and any seed:
//   assignment {a, a, b, b} with a != b, centroids about (0.99, 0.05) and
//   (0.05, 0.99), each of unit length
//
// Every row is scaled to unit length first, so closeness is cosine similarity,
// as in the neighbour lists. Seeding is k-means++ (Arthur & Vassilvitskii,
// 2007) with the project's seeded Rng: the first centre is a uniformly chosen
// row, each next one a row drawn with probability proportional to its squared
// distance 2 − 2·cos to the nearest centre so far. Lloyd iterations then
// assign every row to its most similar centroid and move each centroid to the
// unit-length mean of its rows, until no row changes cluster or the iteration
// limit is reached. The result is the same for a seed on every platform up to
// float rounding in the dot products.
//
// Tie-breaks: a row equally similar to two centroids goes to the lower
// cluster number (a zero row, similar to none, goes to cluster 0); when every
// remaining row is at distance 0 from a centre (duplicates), the next centre
// is the first row in order not yet a centre; a cluster left empty keeps its
// centroid. Among a cluster's top rows, equal similarity → lower row first
// (rows come in frequency order, so the more frequent word).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "embedding/matrix.h"

namespace tokenlab::embedding {

struct KMeansOptions {
  std::size_t clusters = 10;
  std::uint64_t seed = 1;
  int max_iterations = 50;
};

struct Clustering {
  std::vector<std::uint32_t> assignment;  // one cluster number per row
  Matrix centroids;                       // clusters × dim, unit length (zero if all rows are)
  std::vector<std::size_t> sizes;         // rows per cluster
  int iterations = 0;                     // Lloyd iterations run
  bool converged = false;                 // the last iteration moved no row
};

// Called after each Lloyd iteration with (iteration, max_iterations); it may
// throw Cancelled to stop.
using KMeansProgress = std::function<void(int, int)>;

// Clusters the first `count` rows (all rows when count is larger). Throws
// UsageError when clusters is 0 or more than the rows, or max_iterations < 1.
Clustering kmeans(const Matrix& vectors, std::size_t count, const KMeansOptions& options,
                  const KMeansProgress& progress = {});

// Each cluster's `per_cluster` rows most similar to its centroid, best first:
// clusters × per_cluster row numbers, -1 where a cluster has fewer rows.
std::vector<std::int32_t> cluster_top_rows(const Matrix& vectors, const Clustering& clustering,
                                           std::size_t per_cluster);

}  // namespace tokenlab::embedding
