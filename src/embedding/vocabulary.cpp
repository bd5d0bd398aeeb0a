#include "embedding/vocabulary.h"

#include <algorithm>
#include <cmath>

namespace tokenlab::embedding {

Vocabulary Vocabulary::from_counts(std::vector<WordCount> counts, std::uint64_t min_count) {
  std::erase_if(counts, [&](const WordCount& entry) { return entry.count < min_count; });
  // Stable: equal counts keep their input order.
  std::stable_sort(counts.begin(), counts.end(),
                   [](const WordCount& a, const WordCount& b) { return a.count > b.count; });
  Vocabulary vocabulary;
  vocabulary.words_.reserve(counts.size());
  vocabulary.counts_.reserve(counts.size());
  vocabulary.rows_.reserve(counts.size());
  for (WordCount& entry : counts) {
    // A repeated word keeps its first (most frequent) row.
    auto [it, inserted] =
        vocabulary.rows_.emplace(entry.word, static_cast<std::int32_t>(vocabulary.words_.size()));
    if (!inserted) continue;
    vocabulary.total_count_ += entry.count;
    vocabulary.counts_.push_back(entry.count);
    vocabulary.words_.push_back(std::move(entry.word));
  }
  return vocabulary;
}

std::int32_t Vocabulary::find(std::string_view word) const {
  auto it = rows_.find(word);
  return it == rows_.end() ? -1 : it->second;
}

std::vector<float> Vocabulary::keep_probabilities(double sample) const {
  std::vector<float> keep(counts_.size(), 1.0f);
  if (sample <= 0.0 || total_count_ == 0) return keep;
  const double threshold = sample * static_cast<double>(total_count_);
  for (std::size_t row = 0; row < counts_.size(); ++row) {
    const double count = static_cast<double>(counts_[row]);
    const double p = (std::sqrt(count / threshold) + 1.0) * threshold / count;
    keep[row] = static_cast<float>(std::min(1.0, p));
  }
  return keep;
}

}  // namespace tokenlab::embedding
