// One round of EM for a Unigram vocabulary, as sentencepiece's trainer runs it.
//
// E-step: forward-backward over every distinct word's lattice gives each piece
// its expected count, weighted by the word's frequency, and the objective: the
// negative log-likelihood of the text, per word occurrence.
//
// M-step: pieces expected fewer than 0.5 times are dropped; the others are
// scored by the "Bayesianified" EM update (a sparse Dirichlet-process prior,
// Liang's tutorial) sentencepiece uses in place of log(count / total):
//
//   score(piece) = digamma(expected(piece)) - digamma(sum of the kept expected counts)
//
//   expected {a: 3, b: 1, c: 0.2} -> c dropped; a: digamma(3) - digamma(4) = -0.333...,
//                                    b: digamma(1) - digamma(4) = -1.833...
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_lattice.h"

namespace tokenlab {

inline constexpr double kMinExpectedCount = 0.5;

// The digamma function ψ(x) = d/dx log Γ(x), for x > 0.
double digamma(double x);

struct UnigramEStep {
  std::vector<double> expected;  // by piece id
  double objective = 0.0;        // -sum(frequency × log Z) / sum(frequency)
};

// Throws Cancelled when *cancel becomes true.
UnigramEStep run_e_step(const UnigramLattice& lattice, const UnigramCorpus& corpus, const std::vector<double>& scores,
                        double unknown_score, const std::atomic<bool>* cancel = nullptr);

struct UnigramMStep {
  std::vector<std::uint32_t> kept;  // piece ids, ascending
  std::vector<double> scores;       // of the kept pieces, in that order
};

UnigramMStep run_m_step(const std::vector<double>& expected);

}  // namespace tokenlab
