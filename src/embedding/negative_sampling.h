// One update step of word2vec's two models with negative sampling, over the
// input vectors (one row per word, the embeddings) and output vectors (one row
// per word as a prediction target).
//
// Skip-gram: every context word of a window predicts the center word (label
// 1) against the negatives (label 0). Why the negatives are shared by the
// whole window (Ji et al., "Parallelizing Word2Vec in Shared and Distributed
// Memory", 2016): with C context rows and T = 1 + negatives target rows, the
// C x T scores become one small matrix product, every row is loaded once
// instead of C times, and the updates are independent of each other, so
// vector units stay busy instead of waiting on the previous sigmoid. All
// gradients are computed from the rows as they were before the step.
//
//   contexts {cat, on}, targets {sat, the, dog} (sat is the center word):
//   scores s[c][t] = input[c] . output[t]; g[c][t] = lr * (label[t] - sigmoid(s[c][t]))
//   input[c] += sum_t g[c][t] output[t];  output[t] += sum_c g[c][t] input[c]
//
// CBOW: the mean of the context rows predicts the center word; the gradient of
// that mean is added to every context row, as word2vec does.
//
// Both return the summed loss -log sigmoid(s) for the label-1 scores and
// -log sigmoid(-s) for the label-0 scores: one prediction per context row for
// skip-gram, one per call for CBOW.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "embedding/kernels.h"
#include "embedding/matrix.h"

namespace tokenlab::embedding {

// word2vec's clipped sigmoid: tabulated on [-6, 6], saturated outside, where
// the gradient of a confident prediction is taken as exactly 0 or 1.
class SigmoidTable {
 public:
  static constexpr float kBound = 6.0f;
  static constexpr int kSize = 1024;

  SigmoidTable();
  float sigmoid(float x) const { return sigmoid_[index(x)]; }
  float log_sigmoid(float x) const { return log_sigmoid_[index(x)]; }  // log(sigmoid(x))

 private:
  // Entry 0 is x <= -6 (and NaN), entries 1..kSize the buckets of [-6, 6),
  // entry kSize + 1 is x >= 6.
  static int index(float x) {
    if (!(x > -kBound)) return 0;
    if (x >= kBound) return kSize + 1;
    return 1 + static_cast<int>((x + kBound) * (kSize / (2 * kBound)));
  }

  float sigmoid_[kSize + 2];
  float log_sigmoid_[kSize + 2];
};

// Per-thread buffers, grown on demand and reused by every step.
struct UpdateScratch {
  const kernels::KernelSet* kernels = &kernels::best_kernels();  // the kernels the steps use
  std::vector<const float*> input_rows;
  std::vector<const float*> output_rows;
  std::vector<float> scores;           // contexts x targets
  std::vector<float> gradients;        // contexts x targets
  std::vector<float> gradients_by_target;  // targets x contexts
  std::vector<float> deltas;           // contexts x stride, or one row for CBOW
  std::vector<float> weights;

  // Points input_rows at the context rows and output_rows at the target rows.
  void gather_rows(const Matrix& input, const Matrix& output, std::span<const std::int32_t> contexts,
                   std::span<const std::int32_t> targets) {
    input_rows.resize(contexts.size());
    output_rows.resize(targets.size());
    for (std::size_t c = 0; c < contexts.size(); ++c) input_rows[c] = input.row(contexts[c]);
    for (std::size_t t = 0; t < targets.size(); ++t) output_rows[t] = output.row(targets[t]);
  }
};

// One (context, target) score's gradient, already scaled by the learning rate,
// and its share of the loss, added to `loss`: label 1 for the center word
// (positive), 0 for a negative. Both updates below use it, in the same order.
//   score 0, positive, rate 0.025 -> gradient ≈ 0.0125, loss += ≈ log 2
inline float negative_sampling_gradient(float score, bool positive, float learning_rate,
                                        const SigmoidTable& sigmoid, double& loss) {
  loss -= positive ? sigmoid.log_sigmoid(score) : sigmoid.log_sigmoid(-score);
  return learning_rate * ((positive ? 1.0f : 0.0f) - sigmoid.sigmoid(score));
}

// targets[0] is the center word (label 1), the rest negatives (label 0).
double skipgram_update(Matrix& input, Matrix& output, std::span<const std::int32_t> contexts,
                       std::span<const std::int32_t> targets, float learning_rate,
                       const SigmoidTable& sigmoid, UpdateScratch& scratch);

double cbow_update(Matrix& input, Matrix& output, std::span<const std::int32_t> contexts,
                   std::span<const std::int32_t> targets, float learning_rate,
                   const SigmoidTable& sigmoid, UpdateScratch& scratch);

}  // namespace tokenlab::embedding
