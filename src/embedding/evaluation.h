// The standard intrinsic evaluations of word vectors, scored as gensim
// scores them, so any set of vectors (trained here, by fastText, by gensim)
// can be compared with one ruler.
//
// Analogies (Google's questions-words.txt): ": section" lines, then "a b c d"
// lines; a question counts as correct when the nearest row to b - a + c
// (3CosAdd, a, b and c left out) is d. Only questions whose four words are in
// the vocabulary are asked; coverage is reported.
//
// Similarity (WordSim-353, SimLex-999): "word1 word2 score" lines (tabs or
// spaces, '#' starts a comment line); Spearman's rank correlation between the
// human scores and the cosines, over the pairs whose words are both known.
//
// Matching ignores ASCII case; when the vocabulary holds a word in several
// casings the most frequent (lowest row) is used.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "embedding/neighbors.h"

namespace tokenlab::embedding {

struct AnalogyScore {
  std::size_t questions = 0;  // in the file
  std::size_t covered = 0;    // all four words known
  std::size_t correct = 0;
  double accuracy() const { return covered == 0 ? 0.0 : static_cast<double>(correct) / covered; }
};

struct SimilarityScore {
  std::size_t pairs = 0;    // in the file
  std::size_t covered = 0;  // both words known
  double spearman = 0.0;
};

// words[r] names row r of neighbors. Malformed lines throw VocabError naming
// the line.
AnalogyScore evaluate_analogies(const Neighbors& neighbors, const std::vector<std::string>& words,
                                std::string_view questions);
SimilarityScore evaluate_similarity(const Neighbors& neighbors, const std::vector<std::string>& words,
                                    std::string_view pairs);

// Spearman's rank correlation; tied values share their mean rank.
//   spearman({1, 2, 3}, {10, 30, 20}) -> 0.5
double spearman(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace tokenlab::embedding
