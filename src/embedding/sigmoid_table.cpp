#include <cmath>

#include "embedding/negative_sampling.h"

namespace tokenlab::embedding {

// Buckets hold the value at their middle. The saturated entries give the
// gradient word2vec gives beyond +-6 (exactly 0 or 1); their loss is the loss
// at the bound, so one wild score cannot swamp the reported average.
SigmoidTable::SigmoidTable() {
  const auto fill = [this](int i, double x, double s) {
    sigmoid_[i] = static_cast<float>(s);
    log_sigmoid_[i] = static_cast<float>(-std::log1p(std::exp(-x)));
  };
  fill(0, -kBound, 0.0);
  fill(kSize + 1, kBound, 1.0);
  for (int i = 1; i <= kSize; ++i) {
    const double x = -kBound + (i - 0.5) * (2.0 * kBound / kSize);
    fill(i, x, 1.0 / (1.0 + std::exp(-x)));
  }
}

}  // namespace tokenlab::embedding
