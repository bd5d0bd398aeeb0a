#include <doctest/doctest.h>

#include <vector>

#include "embedding/evaluation.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

TEST_CASE("Spearman's correlation uses ranks with ties averaged") {
  CHECK(spearman({1, 2, 3}, {10, 30, 20}) == doctest::Approx(0.5));
  CHECK(spearman({1, 2, 3, 4}, {4, 3, 2, 1}) == doctest::Approx(-1.0));
  // Ranks {1.5, 1.5, 3} against {1, 2, 3}.
  CHECK(spearman({5, 5, 7}, {1, 2, 3}) == doctest::Approx(0.8660254));
  CHECK(spearman({1, 1}, {1, 2}) == 0.0);
}

TEST_CASE("analogy and similarity scores count coverage and ignore case") {
  Matrix vectors(5, 3);
  const float values[5][3] = {{1, 1, 0.1f}, {0, 1, 0.1f}, {0, -1, 0.1f}, {1, -1, 0.1f}, {0.2f, 0, 1}};
  for (std::size_t r = 0; r < 5; ++r) {
    for (std::size_t i = 0; i < 3; ++i) vectors.row(r)[i] = values[r][i];
  }
  const std::vector<std::string> words = {"king", "man", "woman", "queen", "apple"};
  const Neighbors neighbors(vectors);

  const AnalogyScore analogies = evaluate_analogies(
      neighbors, words, ": family\nman king woman queen\nMan Woman King Queen\nman king woman pear\n");
  CHECK(analogies.questions == 3);
  CHECK(analogies.covered == 2);
  CHECK(analogies.correct == 2);
  CHECK(analogies.accuracy() == doctest::Approx(1.0));

  const SimilarityScore similarity = evaluate_similarity(
      neighbors, words, "# word1 word2 score\nking queen 8\nking apple 1\nman woman 5\npear king 3\n");
  CHECK(similarity.pairs == 4);
  CHECK(similarity.covered == 3);
  // Cosines: king-queen 0, king-apple ~0.19, man-woman ~-0.98: ranks 2, 3, 1
  // against human ranks 3, 1, 2.
  CHECK(similarity.spearman == doctest::Approx(-0.5));

  CHECK_THROWS_AS(evaluate_analogies(neighbors, words, "a b c\n"), tokenlab::VocabError);
  CHECK_THROWS_AS(evaluate_similarity(neighbors, words, "a b high\n"), tokenlab::VocabError);
}
