#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "embedding/trainer.h"

using namespace tokenlab::embedding;

TEST_CASE("a trainer starts from initial_input_vectors of its size, dim and seed") {
  WordCorpus data = read_words("a b c a b a\nc d e\n", 1);
  TrainingOptions options;
  options.dim = 7;
  options.seed = 99;
  Trainer trainer(data.vocabulary, std::move(data.corpus), options);
  const Matrix expected = initial_input_vectors(data.vocabulary.size(), options.dim, options.seed);
  REQUIRE(trainer.input_vectors().rows() == expected.rows());
  REQUIRE(trainer.input_vectors().cols() == expected.cols());
  for (std::size_t row = 0; row < expected.rows(); ++row) {
    CHECK(std::memcmp(trainer.input_vectors().row(row), expected.row(row), 7 * sizeof(float)) == 0);
  }
}

TEST_CASE("initial vectors of fewer rows are a prefix of those of more rows") {
  const Matrix few = initial_input_vectors(3, 5, 1);
  const Matrix many = initial_input_vectors(10, 5, 1);
  for (std::size_t row = 0; row < 3; ++row) {
    for (std::size_t i = 0; i < 5; ++i) CHECK(few.row(row)[i] == many.row(row)[i]);
  }
  SUBCASE("values lie in [-0.5 / dim, 0.5 / dim]") {
    for (std::size_t row = 0; row < many.rows(); ++row) {
      for (std::size_t i = 0; i < 5; ++i) {
        CHECK(many.row(row)[i] >= -0.1f);
        CHECK(many.row(row)[i] <= 0.1f);
      }
    }
  }
  SUBCASE("another seed gives other values") {
    const Matrix other = initial_input_vectors(3, 5, 2);
    CHECK(std::memcmp(other.row(0), few.row(0), 5 * sizeof(float)) != 0);
  }
}
