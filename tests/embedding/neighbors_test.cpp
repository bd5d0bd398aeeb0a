#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "embedding/neighbors.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

Matrix make_matrix(const std::vector<std::vector<float>>& rows) {
  Matrix m(rows.size(), rows.front().size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t i = 0; i < rows[r].size(); ++i) m.row(r)[i] = rows[r][i];
  }
  return m;
}

}  // namespace

TEST_CASE("nearest neighbours rank by cosine and leave the word out") {
  // 0 king, 1 queen, 2 apple, 3 a longer king.
  const Neighbors neighbors(make_matrix({{1, 0}, {0.9f, 0.1f}, {0, 1}, {10, 0.5f}}));
  const NeighborList list = neighbors.nearest_to_row(0, 10);
  REQUIRE(list.rows.size() == 3);
  CHECK(list.rows == std::vector<std::int32_t>{3, 1, 2});
  CHECK(list.scores[0] == doctest::Approx(10 / std::sqrt(100.25)));
  CHECK(list.scores[2] == doctest::Approx(0.0).epsilon(1e-6));
  CHECK(neighbors.similarity(0, 2) == doctest::Approx(0.0).epsilon(1e-6));
  CHECK(neighbors.similarity(1, 1) == doctest::Approx(1.0));
}

TEST_CASE("equal scores rank the lower row first") {
  const Neighbors neighbors(make_matrix({{1, 0}, {0, 1}, {0, 2}, {0, 3}}));
  const NeighborList list = neighbors.nearest_to_row(1, 2);
  CHECK(list.rows == std::vector<std::int32_t>{2, 3});
}

TEST_CASE("analogies use 3CosAdd and exclude the three inputs") {
  // Dimensions: royalty, gender (+ male), filler.
  const Neighbors neighbors(make_matrix({
      {1, 1, 0.1f},     // 0 king
      {0, 1, 0.1f},     // 1 man
      {0, -1, 0.1f},    // 2 woman
      {1, -1, 0.1f},    // 3 queen
      {0.2f, 0, 1},     // 4 apple
  }));
  const NeighborList list = neighbors.analogy(0, 1, 2, 2);
  REQUIRE(list.rows.size() == 2);
  CHECK(list.rows[0] == 3);
  for (std::int32_t row : list.rows) {
    CHECK(row != 0);
    CHECK(row != 1);
    CHECK(row != 2);
  }
  SUBCASE("without exclusion the nearest row to the target can be an input") {
    const float target[3] = {1.0f, -1.0f, 0.1f};
    CHECK(neighbors.nearest(target, 1).rows[0] == 3);
    const std::int32_t exclude[] = {3};
    CHECK(neighbors.nearest(target, 1, exclude).rows[0] != 3);
  }
}

TEST_CASE("zero rows have cosine 0 and k beyond the size is clipped") {
  const Neighbors neighbors(make_matrix({{1, 0}, {0, 0}}));
  const NeighborList list = neighbors.nearest_to_row(0, 5);
  REQUIRE(list.rows.size() == 1);
  CHECK(list.scores[0] == 0.0f);
}

TEST_CASE("rows outside the matrix are usage errors") {
  const Neighbors neighbors(make_matrix({{1, 0}, {0, 1}}));
  CHECK_THROWS_AS(neighbors.nearest_to_row(2, 1), tokenlab::UsageError);
  CHECK_THROWS_AS(neighbors.analogy(0, 1, -1, 1), tokenlab::UsageError);
  CHECK_THROWS_AS(neighbors.similarity(0, 5), tokenlab::UsageError);
}
