#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "embedding/kmeans.h"
#include "embedding/rng.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

Matrix rows_of(const std::vector<std::vector<float>>& values) {
  Matrix m(values.size(), values.empty() ? 0 : values[0].size());
  for (std::size_t r = 0; r < values.size(); ++r) {
    for (std::size_t i = 0; i < values[r].size(); ++i) m.row(r)[i] = values[r][i];
  }
  return m;
}

double cosine(const float* a, const float* b, std::size_t dim) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < dim; ++i) {
    ab += double(a[i]) * b[i];
    aa += double(a[i]) * a[i];
    bb += double(b[i]) * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

// Points around `centres` directions in 8 dimensions, scaled by random lengths.
Matrix blobs(std::size_t per_blob, std::size_t centres, Rng& rng) {
  const std::size_t dim = 8;
  Matrix m(per_blob * centres, dim);
  for (std::size_t r = 0; r < m.rows(); ++r) {
    const std::size_t blob = r % centres;
    const float length = 0.5f + 3.0f * rng.uniform();
    for (std::size_t i = 0; i < dim; ++i) {
      const float centre = i == blob ? 1.0f : 0.0f;
      m.row(r)[i] = length * (centre + 0.2f * (rng.uniform() - 0.5f));
    }
  }
  return m;
}

}  // namespace

TEST_CASE("k-means splits the header's four directions into two clusters") {
  const Matrix points = rows_of({{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f}});
  for (std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    const Clustering c = kmeans(points, 4, {2, seed, 50});
    REQUIRE(c.assignment.size() == 4);
    CHECK(c.assignment[0] == c.assignment[1]);
    CHECK(c.assignment[2] == c.assignment[3]);
    CHECK(c.assignment[0] != c.assignment[2]);
    CHECK(c.converged);
    const float* a = c.centroids.row(c.assignment[0]);
    CHECK(a[0] > 0.95f);
    CHECK(std::hypot(a[0], a[1]) == doctest::Approx(1.0).epsilon(1e-5));
    CHECK(c.sizes[c.assignment[0]] == 2);
  }
}

TEST_CASE("k-means ignores lengths and finds well-separated directions") {
  Rng rng(11);
  const Matrix points = blobs(40, 5, rng);
  const Clustering c = kmeans(points, points.rows(), {5, 7, 100});
  REQUIRE(c.converged);
  // Rows made around the same direction share a cluster, and no two directions do.
  std::vector<std::uint32_t> of_blob(5);
  for (std::size_t b = 0; b < 5; ++b) of_blob[b] = c.assignment[b];
  for (std::size_t r = 0; r < points.rows(); ++r) CHECK(c.assignment[r] == of_blob[r % 5]);
  for (std::size_t a = 0; a < 5; ++a) {
    for (std::size_t b = a + 1; b < 5; ++b) CHECK(of_blob[a] != of_blob[b]);
  }
}

TEST_CASE("At convergence each row is in the cluster of its most similar centroid, each centroid its rows' mean direction") {
  Rng rng(5);
  Matrix points(300, 6);
  for (std::size_t r = 0; r < points.rows(); ++r) {
    for (std::size_t i = 0; i < 6; ++i) points.row(r)[i] = rng.uniform() - 0.5f;
  }
  const Clustering c = kmeans(points, 300, {7, 3, 200});
  REQUIRE(c.converged);
  for (std::size_t r = 0; r < points.rows(); ++r) {
    const double own = cosine(points.row(r), c.centroids.row(c.assignment[r]), 6);
    for (std::size_t k = 0; k < 7; ++k) CHECK(own >= cosine(points.row(r), c.centroids.row(k), 6) - 1e-5);
  }
  for (std::size_t k = 0; k < 7; ++k) {
    std::vector<double> mean(6, 0.0);
    std::size_t members = 0;
    for (std::size_t r = 0; r < points.rows(); ++r) {
      if (c.assignment[r] != k) continue;
      ++members;
      double squares = 0;
      for (std::size_t i = 0; i < 6; ++i) squares += double(points.row(r)[i]) * points.row(r)[i];
      const double norm = std::sqrt(squares);
      for (std::size_t i = 0; i < 6; ++i) mean[i] += points.row(r)[i] / norm;
    }
    CHECK(members == c.sizes[k]);
    REQUIRE(members > 0);
    std::vector<float> direction(mean.begin(), mean.end());
    CHECK(cosine(direction.data(), c.centroids.row(k), 6) == doctest::Approx(1.0).epsilon(1e-5));
  }
}

TEST_CASE("k-means with one seed gives one answer, and stops at the iteration limit") {
  Rng rng(8);
  Matrix points(200, 4);
  for (std::size_t r = 0; r < points.rows(); ++r) {
    for (std::size_t i = 0; i < 4; ++i) points.row(r)[i] = rng.uniform() - 0.5f;
  }
  const Clustering a = kmeans(points, 200, {6, 42, 50});
  const Clustering b = kmeans(points, 200, {6, 42, 50});
  CHECK(a.assignment == b.assignment);
  int calls = 0;
  const Clustering one = kmeans(points, 200, {6, 42, 1}, [&](int iteration, int limit) {
    ++calls;
    CHECK(iteration == 1);
    CHECK(limit == 1);
  });
  CHECK(calls == 1);
  CHECK(one.iterations == 1);
}

TEST_CASE("k-means takes only the first count rows and handles duplicates and zero rows") {
  const Matrix points = rows_of({{1, 0}, {1, 0}, {1, 0}, {0, 0}, {0, 1}});
  SUBCASE("three clusters of three equal rows: the first rows not yet centres") {
    const Clustering c = kmeans(points, 3, {3, 1, 10});
    CHECK(c.assignment.size() == 3);
    // All three centroids are (1, 0): every row ties and goes to cluster 0.
    CHECK(c.assignment == std::vector<std::uint32_t>{0, 0, 0});
    CHECK(c.sizes == std::vector<std::size_t>{3, 0, 0});
  }
  SUBCASE("a zero row goes to cluster 0") {
    const Clustering c = kmeans(points, 5, {2, 9, 20});
    CHECK(c.assignment[3] == 0);
    CHECK(c.assignment[0] != c.assignment[4]);
  }
}

TEST_CASE("k-means refuses impossible requests") {
  const Matrix points = rows_of({{1, 0}, {0, 1}});
  CHECK_THROWS_AS(kmeans(points, 2, {0, 1, 10}), tokenlab::UsageError);
  CHECK_THROWS_AS(kmeans(points, 2, {3, 1, 10}), tokenlab::UsageError);
  CHECK_THROWS_AS(kmeans(points, 1, {2, 1, 10}), tokenlab::UsageError);
  CHECK_THROWS_AS(kmeans(points, 2, {1, 1, 0}), tokenlab::UsageError);
  CHECK_THROWS_AS(kmeans(points, 2, {2, 1, 10}, [](int, int) { throw tokenlab::Cancelled(); }), tokenlab::Cancelled);
}

TEST_CASE("A cluster's top rows are its members most similar to the centroid, ties to the lower row") {
  const Matrix points = rows_of({{1, 0}, {0, 1}, {0.8f, 0.2f}, {1, 0}, {0.1f, 0.9f}, {0, 1}});
  const Clustering c = kmeans(points, 6, {2, 1, 20});
  const std::vector<std::int32_t> top = cluster_top_rows(points, c, 3);
  REQUIRE(top.size() == 6);
  const std::size_t first = c.assignment[0];
  const std::size_t second = c.assignment[1];
  // Rows 0 and 3 (and 1 and 5) are the same direction: the lower row first.
  CHECK(std::vector<std::int32_t>(top.begin() + first * 3, top.begin() + first * 3 + 3) ==
        std::vector<std::int32_t>{0, 3, 2});
  CHECK(std::vector<std::int32_t>(top.begin() + second * 3, top.begin() + second * 3 + 3) ==
        std::vector<std::int32_t>{1, 5, 4});
  CHECK(cluster_top_rows(points, c, 4)[first * 4 + 3] == -1);
}
