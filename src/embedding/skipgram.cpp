// Skip-gram with the window's negatives shared (see negative_sampling.h).
#include <algorithm>

#include "embedding/kernels.h"
#include "embedding/negative_sampling.h"

namespace tokenlab::embedding {

double skipgram_update(Matrix& input, Matrix& output, std::span<const std::int32_t> contexts,
                       std::span<const std::int32_t> targets, float learning_rate,
                       const SigmoidTable& sigmoid, UpdateScratch& scratch) {
  const kernels::KernelSet& ops = *scratch.kernels;
  const std::size_t context_count = contexts.size();
  const std::size_t target_count = targets.size();
  const std::size_t dim = input.cols();
  const std::size_t stride = input.stride();

  // 1. Gather the rows of the window.
  scratch.gather_rows(input, output, contexts, targets);

  // 2. All context x target scores.
  scratch.scores.resize(context_count * target_count);
  for (std::size_t c = 0; c < context_count; ++c) {
    ops.dot_rows(scratch.input_rows[c], scratch.output_rows.data(), target_count, dim,
               scratch.scores.data() + c * target_count);
  }

  // 3. Gradients (already scaled by the learning rate) and loss.
  scratch.gradients.resize(context_count * target_count);
  scratch.gradients_by_target.resize(context_count * target_count);
  double loss = 0.0;
  for (std::size_t c = 0; c < context_count; ++c) {
    for (std::size_t t = 0; t < target_count; ++t) {
      const float gradient =
          negative_sampling_gradient(scratch.scores[c * target_count + t], t == 0, learning_rate, sigmoid, loss);
      scratch.gradients[c * target_count + t] = gradient;
      scratch.gradients_by_target[t * context_count + c] = gradient;
    }
  }

  // 4. Input deltas from the old output rows, kept aside.
  scratch.deltas.resize(context_count * stride);
  std::fill(scratch.deltas.begin(), scratch.deltas.end(), 0.0f);
  for (std::size_t c = 0; c < context_count; ++c) {
    ops.add_weighted_rows(scratch.output_rows.data(), scratch.gradients.data() + c * target_count,
                        target_count, dim, scratch.deltas.data() + c * stride);
  }

  // 5. Output rows updated from the old input rows, then the input rows.
  for (std::size_t t = 0; t < target_count; ++t) {
    ops.add_weighted_rows(scratch.input_rows.data(),
                        scratch.gradients_by_target.data() + t * context_count, context_count,
                        dim, output.row(targets[t]));
  }
  for (std::size_t c = 0; c < context_count; ++c) {
    ops.axpy(1.0f, scratch.deltas.data() + c * stride, input.row(contexts[c]), dim);
  }
  return loss;
}

}  // namespace tokenlab::embedding
