#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "embedding/negative_sampler.h"
#include "embedding/vocabulary.h"

using namespace tokenlab::embedding;

TEST_CASE("a vocabulary keeps words at the minimum count, most frequent first") {
  const Vocabulary vocabulary =
      Vocabulary::from_counts({{"b", 1}, {"a", 3}, {"c", 3}, {"d", 2}}, 2);
  REQUIRE(vocabulary.size() == 3);
  // Equal counts keep their input order: "a" before "c".
  CHECK(vocabulary.word(0) == "a");
  CHECK(vocabulary.word(1) == "c");
  CHECK(vocabulary.word(2) == "d");
  CHECK(vocabulary.count(2) == 2);
  CHECK(vocabulary.total_count() == 8);
  CHECK(vocabulary.find("c") == 1);
  CHECK(vocabulary.find("b") == -1);
  CHECK(vocabulary.find("") == -1);
}

TEST_CASE("keep probabilities follow word2vec's subsampling formula") {
  // total 1000; "the" has frequency 0.5, "rare" 0.001.
  const Vocabulary vocabulary = Vocabulary::from_counts({{"the", 500}, {"x", 499}, {"rare", 1}}, 1);
  const std::vector<float> keep = vocabulary.keep_probabilities(1e-3);
  const double t = 1e-3;
  CHECK(keep[0] == doctest::Approx((std::sqrt(0.5 / t) + 1) * t / 0.5));
  CHECK(keep[2] == 1.0f);  // the formula gives more than 1 for rare words
  SUBCASE("sample 0 keeps everything") {
    for (float p : vocabulary.keep_probabilities(0.0)) CHECK(p == 1.0f);
  }
}

TEST_CASE("negatives are drawn in proportion to count^0.75") {
  const std::vector<std::uint64_t> counts = {8, 1, 0, 27, 3};
  const NegativeSampler sampler(counts);
  double total = 0.0;
  for (auto c : counts) total += std::pow(static_cast<double>(c), 0.75);
  for (std::size_t row = 0; row < counts.size(); ++row) {
    CAPTURE(row);
    CHECK(sampler.probability(static_cast<std::int32_t>(row)) ==
          doctest::Approx(std::pow(static_cast<double>(counts[row]), 0.75) / total).epsilon(1e-6));
  }

  SUBCASE("empirically") {
    Rng rng(7);
    std::vector<int> seen(counts.size(), 0);
    const int draws = 200000;
    for (int i = 0; i < draws; ++i) ++seen[static_cast<std::size_t>(sampler.sample(rng))];
    CHECK(seen[2] == 0);  // a zero count is never drawn
    for (std::size_t row = 0; row < counts.size(); ++row) {
      const double expected = std::pow(static_cast<double>(counts[row]), 0.75) / total;
      CHECK(static_cast<double>(seen[row]) / draws == doctest::Approx(expected).epsilon(0.05));
    }
  }
}

TEST_CASE("a single-word vocabulary always draws that word") {
  const NegativeSampler sampler(std::vector<std::uint64_t>{5});
  Rng rng(1);
  for (int i = 0; i < 100; ++i) CHECK(sampler.sample(rng) == 0);
}
