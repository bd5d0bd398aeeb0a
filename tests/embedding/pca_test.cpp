#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "embedding/pca.h"
#include "embedding/rng.h"

using namespace tokenlab::embedding;

TEST_CASE("PCA recovers the main axis of points spread along a line") {
  // Points along (1, 2, 2)/3 with small noise along (2, -1, 0)/sqrt(5) and
  // none along the third axis.
  Rng rng(3);
  const std::size_t count = 200;
  Matrix points(count, 3);
  for (std::size_t r = 0; r < count; ++r) {
    const float along = (rng.uniform() - 0.5f) * 10.0f;
    const float across = (rng.uniform() - 0.5f) * 1.0f;
    points.row(r)[0] = 5 + along / 3 + across * 2 / std::sqrt(5.0f);
    points.row(r)[1] = -1 + along * 2 / 3 - across / std::sqrt(5.0f);
    points.row(r)[2] = 2 + along * 2 / 3;
  }
  const Projection2d projection = pca_2d(points, count);
  REQUIRE(projection.x.size() == count);
  // Sign convention: the largest coordinate of each axis is positive.
  CHECK(projection.axes[0][0] == doctest::Approx(1.0 / 3).epsilon(0.01));
  CHECK(projection.axes[0][1] == doctest::Approx(2.0 / 3).epsilon(0.01));
  CHECK(projection.axes[0][2] == doctest::Approx(2.0 / 3).epsilon(0.01));
  CHECK(std::abs(projection.axes[1][0]) == doctest::Approx(2 / std::sqrt(5.0)).epsilon(0.05));
  CHECK(projection.variance[0] > 10 * projection.variance[1]);
  CHECK(projection.variance[0] + projection.variance[1] ==
        doctest::Approx(projection.total_variance).epsilon(1e-6));
  // The first coordinate is the centered position along the line.
  double mean_x = 0.0;
  for (float x : projection.x) mean_x += x;
  CHECK(mean_x / count == doctest::Approx(0.0).epsilon(1e-5));
}

TEST_CASE("PCA projects the textbook example and limits the rows") {
  Matrix points(4, 2);
  const float values[4][2] = {{0, 0}, {2, 0}, {4, 0.1f}, {100, 100}};
  for (std::size_t r = 0; r < 4; ++r) {
    points.row(r)[0] = values[r][0];
    points.row(r)[1] = values[r][1];
  }
  const Projection2d projection = pca_2d(points, 3);  // the outlier is left out
  REQUIRE(projection.x.size() == 3);
  CHECK(projection.x[0] == doctest::Approx(-2.0).epsilon(0.01));
  CHECK(projection.x[1] == doctest::Approx(0.0).epsilon(0.01));
  CHECK(projection.x[2] == doctest::Approx(2.0).epsilon(0.01));
  CHECK(projection.axes[0][0] > 0.99f);
}

TEST_CASE("PCA of no rows is empty and repeated runs agree") {
  CHECK(pca_2d(Matrix(0, 3), 10).x.empty());
  Matrix points(5, 4);
  Rng rng(9);
  for (std::size_t r = 0; r < 5; ++r) {
    for (std::size_t i = 0; i < 4; ++i) points.row(r)[i] = rng.uniform();
  }
  const Projection2d a = pca_2d(points, 5), b = pca_2d(points, 5);
  CHECK(a.x == b.x);
  CHECK(a.y == b.y);
}
