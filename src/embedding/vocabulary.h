// The words a model has vectors for, most frequent first, with their counts.
//
//   from_counts({{"b", 1}, {"a", 3}, {"c", 3}}, 2) -> rows "a" (3), "c" (3);
//   "b" falls below the minimum count.
//
// Rows are ordered by count, highest first; equal counts keep the order of
// the input (for words read from text: first appearance), so row 0 is the most
// frequent word and a prefix of the rows is "the N most frequent words".
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tokenlab::embedding {

struct WordCount {
  std::string word;
  std::uint64_t count = 0;
};

class Vocabulary {
 public:
  Vocabulary() = default;

  // Keeps the words counted at least min_count times.
  static Vocabulary from_counts(std::vector<WordCount> counts, std::uint64_t min_count);

  std::size_t size() const { return words_.size(); }
  bool empty() const { return words_.empty(); }
  const std::string& word(std::int32_t row) const { return words_[static_cast<std::size_t>(row)]; }
  std::uint64_t count(std::int32_t row) const { return counts_[static_cast<std::size_t>(row)]; }
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  std::uint64_t total_count() const { return total_count_; }

  // The row of word, or -1.
  std::int32_t find(std::string_view word) const;

  // word2vec's frequent-word subsampling: a word of frequency f = count /
  // total_count is kept with probability min(1, (sqrt(f / sample) + 1) *
  // sample / f). sample = 0 keeps every word.
  //   sample 1e-3, f 0.01 -> (sqrt(10) + 1) * 0.1 = 0.42
  std::vector<float> keep_probabilities(double sample) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  std::vector<std::string> words_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_count_ = 0;
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> rows_;
};

}  // namespace tokenlab::embedding
