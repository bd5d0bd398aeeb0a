#include "tokenizer/train/unigram_em.h"

#include <cmath>

#include "tokenizer/errors.h"

namespace tokenlab {

namespace {

constexpr std::size_t kCancelCheckWords = 4096;

}  // namespace

double digamma(double x) {
  // ψ(x) = ψ(x + 1) - 1/x moves x up to 10, where the asymptotic series
  // ψ(x) ~ ln x - 1/(2x) - 1/(12x²) + 1/(120x⁴) - 1/(252x⁶) + 1/(240x⁸) - 1/(132x¹⁰)
  // is good to about 1e-14.
  double result = 0.0;
  for (; x < 10.0; x += 1.0) result -= 1.0 / x;
  const double inverse = 1.0 / x;
  const double inverse2 = inverse * inverse;
  const double series =
      inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 / 132))));
  return result + std::log(x) - 0.5 * inverse - series;
}

UnigramEStep run_e_step(const UnigramLattice& lattice, const UnigramCorpus& corpus, const std::vector<double>& scores,
                        double unknown_score, const std::atomic<bool>* cancel) {
  UnigramEStep step;
  step.expected.assign(scores.size(), 0.0);
  UnigramLattice::Scratch scratch;
  std::vector<double> probability(scores.size());
  for (std::size_t piece = 0; piece < scores.size(); ++piece) probability[piece] = std::exp(scores[piece]);
  double log_likelihood = 0.0;
  double occurrences = 0.0;
  for (std::size_t word = 0; word < corpus.word_count(); ++word) {
    if (word % kCancelCheckWords == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
      throw Cancelled();
    }
    const auto frequency = static_cast<double>(corpus.frequency[word]);
    const double log_z = lattice.add_expected_counts_linear(corpus.word_begin(word), corpus.word_end(word), frequency,
                                                            scores, probability, unknown_score, step.expected, scratch);
    log_likelihood += frequency * log_z;
    occurrences += frequency;
  }
  step.objective = occurrences > 0 ? -log_likelihood / occurrences : 0.0;
  return step;
}

UnigramMStep run_m_step(const std::vector<double>& expected) {
  UnigramMStep step;
  double sum = 0.0;
  for (std::size_t piece = 0; piece < expected.size(); ++piece) {
    if (expected[piece] < kMinExpectedCount) continue;
    step.kept.push_back(static_cast<std::uint32_t>(piece));
    sum += expected[piece];
  }
  const double log_sum = digamma(sum);
  step.scores.reserve(step.kept.size());
  for (const std::uint32_t piece : step.kept) step.scores.push_back(digamma(expected[piece]) - log_sum);
  return step;
}

}  // namespace tokenlab
