#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "tokenizer/errors.h"
#include "tokenizer/train/unigram_em.h"
#include "tokenizer/train/unigram_piece_table.h"
#include "tokenizer/train/unigram_seed_pieces.h"
#include "unigram_reference.h"

using namespace tokenlab;
using namespace tokenlab::unigram_reference;

namespace {

constexpr double kEulerGamma = 0.57721566490153286;

}  // namespace

TEST_CASE("digamma matches its known values") {
  CHECK(digamma(1.0) == doctest::Approx(-kEulerGamma).epsilon(1e-12));
  CHECK(digamma(0.5) == doctest::Approx(-kEulerGamma - 2 * std::log(2.0)).epsilon(1e-12));
  CHECK(digamma(4.0) == doctest::Approx(1.0 + 0.5 + 1.0 / 3 - kEulerGamma).epsilon(1e-12));
  CHECK(digamma(10.0) == doctest::Approx(2.251752589066721).epsilon(1e-12));
  CHECK(digamma(1e6) == doctest::Approx(std::log(1e6) - 0.5e-6).epsilon(1e-12));
  // ψ(x + 1) = ψ(x) + 1/x everywhere.
  for (const double x : {0.3, 2.5, 7.25, 123.0}) CHECK(digamma(x + 1) == doctest::Approx(digamma(x) + 1 / x).epsilon(1e-12));
}

TEST_CASE("the M-step drops pieces expected fewer than 0.5 times and scores the rest by digamma") {
  const UnigramMStep step = run_m_step({3.0, 1.0, 0.2, 0.5});
  CHECK(step.kept == std::vector<std::uint32_t>{0, 1, 3});
  REQUIRE(step.scores.size() == 3);
  CHECK(step.scores[0] == doctest::Approx(digamma(3.0) - digamma(4.5)));
  CHECK(step.scores[1] == doctest::Approx(digamma(1.0) - digamma(4.5)));
  CHECK(step.scores[2] == doctest::Approx(digamma(0.5) - digamma(4.5)));
  // The header's example: {a: 3, b: 1, c: 0.2} -> a -1/3, b -11/6.
  const UnigramMStep example = run_m_step({3.0, 1.0, 0.2});
  CHECK(example.scores[0] == doctest::Approx(-1.0 / 3));
  CHECK(example.scores[1] == doctest::Approx(-11.0 / 6));
}

TEST_CASE("the E-step gives the enumerated expected counts, weighted by the word count, and the objective") {
  // ▁ab x2 with pieces ▁, a, b, ▁a, ab: segmentations ▁|a|b, ▁a|b, ▁|ab,
  // checked against their enumeration.
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab", 2}}, 1.0);
  const std::vector<std::string> pieces{"▁", "a", "b", "▁a", "ab"};
  const std::vector<double> scores{-1.0, -1.5, -2.0, -1.2, -2.5};
  const auto edges = matched_edges(corpus, pieces);
  const UnigramLattice lattice(corpus.symbols.size(), edges);
  const UnigramEStep step = run_e_step(lattice, corpus, scores, -12.5);
  const auto all = reference_segmentations(3, edges, scores, -12.5);
  double z = 0.0;
  std::vector<double> expected(5, 0.0);
  for (const auto& segmentation : all) z += std::exp(segmentation.score);
  for (const auto& segmentation : all) {
    for (const auto& edge : segmentation.pieces) expected[edge.piece] += 2.0 * std::exp(segmentation.score) / z;
  }
  for (std::size_t piece = 0; piece < 5; ++piece) CHECK(step.expected[piece] == doctest::Approx(expected[piece]));
  CHECK(step.objective == doctest::Approx(-std::log(z)));
}

TEST_CASE("EM never lowers the likelihood: with the maximum-likelihood M-step the objective only falls") {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 10; ++trial) {
    CAPTURE(trial);
    // Coverage 1.0 keeps every character, so no <unk> edge (whose score is no parameter) appears.
    const UnigramCorpus corpus = build_unigram_corpus(random_words(rng, 40, 8), 1.0);
    const SeedSubstrings found = find_seed_substrings(corpus, 200, 16, {});
    const UnigramLattice lattice(corpus, found);
    std::vector<double> scores(corpus.characters.size() + found.seeds.size(), std::log(0.01));
    double previous = std::numeric_limits<double>::infinity();
    for (int iteration = 0; iteration < 6; ++iteration) {
      const UnigramEStep step = run_e_step(lattice, corpus, scores, -100.0);
      CHECK(step.objective <= previous + 1e-9);
      previous = step.objective;
      double total = 0.0;
      for (const double count : step.expected) total += count;
      for (std::size_t piece = 0; piece < scores.size(); ++piece) scores[piece] = std::log(step.expected[piece] / total);
    }
  }
}

TEST_CASE("the E-step stops with Cancelled") {
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab", 2}}, 1.0);
  const UnigramLattice lattice(corpus.symbols.size(), matched_edges(corpus, {"▁", "a", "b"}));
  const std::atomic<bool> cancel{true};
  CHECK_THROWS_AS(run_e_step(lattice, corpus, {-1.0, -1.0, -1.0}, -11.0, &cancel), Cancelled);
}
