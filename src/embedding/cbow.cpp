// CBOW: the mean of the context rows predicts the center word (see
// negative_sampling.h).
#include <algorithm>

#include "embedding/kernels.h"
#include "embedding/negative_sampling.h"

namespace tokenlab::embedding {

double cbow_update(Matrix& input, Matrix& output, std::span<const std::int32_t> contexts,
                   std::span<const std::int32_t> targets, float learning_rate,
                   const SigmoidTable& sigmoid, UpdateScratch& scratch) {
  const kernels::KernelSet& ops = *scratch.kernels;
  const std::size_t context_count = contexts.size();
  const std::size_t target_count = targets.size();
  const std::size_t dim = input.cols();
  const std::size_t stride = input.stride();

  // 1. The hidden vector: mean of the context rows.
  scratch.gather_rows(input, output, contexts, targets);
  scratch.weights.assign(context_count, 1.0f / static_cast<float>(context_count));
  scratch.deltas.assign(2 * stride, 0.0f);
  float* hidden = scratch.deltas.data();
  float* hidden_gradient = scratch.deltas.data() + stride;
  ops.add_weighted_rows(scratch.input_rows.data(), scratch.weights.data(), context_count, dim, hidden);

  // 2. Scores, gradients and loss.
  scratch.scores.resize(target_count);
  scratch.gradients.resize(target_count);
  ops.dot_rows(hidden, scratch.output_rows.data(), target_count, dim, scratch.scores.data());
  double loss = 0.0;
  for (std::size_t t = 0; t < target_count; ++t) {
    scratch.gradients[t] = negative_sampling_gradient(scratch.scores[t], t == 0, learning_rate, sigmoid, loss);
  }

  // 3. The hidden gradient from the old output rows, then every update.
  ops.add_weighted_rows(scratch.output_rows.data(), scratch.gradients.data(), target_count, dim,
                      hidden_gradient);
  for (std::size_t t = 0; t < target_count; ++t) {
    ops.axpy(scratch.gradients[t], hidden, output.row(targets[t]), dim);
  }
  for (std::size_t c = 0; c < context_count; ++c) {
    ops.axpy(1.0f, hidden_gradient, input.row(contexts[c]), dim);
  }
  return loss;
}

}  // namespace tokenlab::embedding
