// Draws negative samples: row r with probability count[r]^0.75 / sum, the
// smoothed unigram distribution of word2vec.
//
//   counts {8, 1} -> weights 8^0.75 = 4.76 and 1: row 0 drawn 82.6% of the time
//
// Why an alias table (Walker/Vose) and not word2vec's table of 10^8 rows:
// the alias table is exact, costs two vectors of vocabulary size instead of
// hundreds of megabytes (it must fit in a browser tab), and being small it
// stays in cache, so a draw is one random column plus one coin flip.
#pragma once

#include <cstdint>
#include <vector>

#include "embedding/rng.h"

namespace tokenlab::embedding {

class NegativeSampler {
 public:
  NegativeSampler() = default;
  // Rows with count 0 are never drawn. Requires at least one positive count.
  explicit NegativeSampler(const std::vector<std::uint64_t>& counts, double power = 0.75);

  std::size_t size() const { return alias_.size(); }

  std::int32_t sample(Rng& rng) const {
    const std::uint32_t column = rng.below(static_cast<std::uint32_t>(alias_.size()));
    return rng.next() < threshold_[column] ? static_cast<std::int32_t>(column) : alias_[column];
  }

  // The probability that sample() returns row (for tests and displays).
  double probability(std::int32_t row) const;

 private:
  // Column c returns c when the coin (a 32-bit number) is below threshold_[c],
  // otherwise alias_[c].
  std::vector<std::uint32_t> threshold_;
  std::vector<std::int32_t> alias_;
};

}  // namespace tokenlab::embedding
