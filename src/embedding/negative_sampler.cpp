#include "embedding/negative_sampler.h"

#include <cassert>
#include <cmath>

namespace tokenlab::embedding {

// Vose's construction: scale every weight so the mean is 1, then repeatedly
// fill an under-full column ("small") with the surplus of an over-full one
// ("large"). Columns are taken from the back of each list, so the table is a
// pure function of the counts.
NegativeSampler::NegativeSampler(const std::vector<std::uint64_t>& counts, double power) {
  const std::size_t n = counts.size();
  std::vector<double> scaled(n);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = counts[i] == 0 ? 0.0 : std::pow(static_cast<double>(counts[i]), power);
    total += scaled[i];
  }
  assert(total > 0.0);
  std::vector<std::int32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] *= static_cast<double>(n) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::int32_t>(i));
  }
  std::vector<double> keep(n, 1.0);
  alias_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) alias_[i] = static_cast<std::int32_t>(i);
  while (!small.empty() && !large.empty()) {
    const std::int32_t under = small.back();
    small.pop_back();
    const std::int32_t over = large.back();
    keep[under] = scaled[under];
    alias_[under] = over;
    scaled[over] -= 1.0 - scaled[under];
    if (scaled[over] < 1.0) {
      large.pop_back();
      small.push_back(over);
    }
  }
  // Leftovers are full columns up to rounding, except rows that must never
  // be drawn, which hand their column to the heaviest row.
  std::size_t heaviest = 0;
  for (std::size_t i = 1; i < n; ++i) {
    if (counts[i] > counts[heaviest]) heaviest = i;
  }
  for (std::int32_t column : small) {
    keep[column] = counts[column] == 0 ? 0.0 : 1.0;
    alias_[column] = static_cast<std::int32_t>(heaviest);
  }
  for (std::int32_t column : large) keep[column] = 1.0;

  threshold_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    // A coin below 2^32 * keep selects the column itself; keep = 1 must always
    // select it, and the largest 32-bit coin is 2^32 - 1.
    const double scaled_keep = std::ldexp(keep[i], 32);
    threshold_[i] = scaled_keep >= 4294967295.0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(scaled_keep);
    if (keep[i] >= 1.0) alias_[i] = static_cast<std::int32_t>(i);
  }
}

double NegativeSampler::probability(std::int32_t row) const {
  const double n = static_cast<double>(alias_.size());
  double p = 0.0;
  for (std::size_t column = 0; column < alias_.size(); ++column) {
    const double keep = static_cast<double>(threshold_[column]) / 4294967296.0;
    if (static_cast<std::int32_t>(column) == row) p += keep / n;
    if (alias_[column] == row) p += (1.0 - keep) / n;
  }
  return p;
}

}  // namespace tokenlab::embedding
