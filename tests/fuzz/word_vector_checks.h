// Properties every word-vector file reader must give, shared by the fuzz
// targets of the .vec reader and the Projector's TSV pair: one row per word,
// a width in 1..max_dim, non-empty distinct words, finite values; and, for the
// round trip through a writer, the same floats bit for bit.
//
//   check_word_vectors(read_vec(file, 300), 300);
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "embedding/vec_format.h"
#include "property.h"

namespace tokenlab::fuzz {

inline void check_word_vectors(const embedding::WordVectors& read, std::size_t max_dim) {
  FUZZ_CHECK(read.words.size() == read.vectors.rows(), "words and rows differ in number");
  FUZZ_CHECK(read.vectors.cols() >= 1 && read.vectors.cols() <= max_dim, "dimension outside 1..max_dim");
  std::unordered_set<std::string_view> distinct;
  for (std::size_t r = 0; r < read.words.size(); ++r) {
    FUZZ_CHECK(!read.words[r].empty(), "an empty word");
    FUZZ_CHECK(distinct.insert(read.words[r]).second, "a word given twice");
    for (std::size_t i = 0; i < read.vectors.cols(); ++i) {
      FUZZ_CHECK(std::isfinite(read.vectors.row(r)[i]), "a value that is not finite");
    }
  }
}

inline bool same_bits(const embedding::Matrix& a, const embedding::Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (std::size_t r = 0; r < a.rows(); ++r) {
    if (std::memcmp(a.row(r), b.row(r), a.cols() * sizeof(float)) != 0) return false;
  }
  return true;
}

}  // namespace tokenlab::fuzz
