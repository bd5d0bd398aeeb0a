// The TensorFlow Embedding Projector's pair of TSV files: vectors.tsv holds
// one vector per line, values separated by tabs; metadata.tsv one word per
// line, in the same order. A metadata file with several columns starts with
// a header line naming them (the Projector's rule), and the word is the first
// column:
//
//   vectors.tsv           metadata.tsv
//   0.1\t0.2\t0.3         king
//   0.1\t0.25\t0.3        queen
//   → words {king, queen}, vectors 2 × 3
//
// Lines end in \n or \r\n, and the last line may lack its end. A metadata
// file is taken to have a header when its first line holds a tab.
#pragma once

#include <string>
#include <string_view>

#include "embedding/vec_format.h"

namespace tokenlab::embedding {

// Throws VocabError naming the file and line: an empty file or line, a row
// with another number of values than the first, a value that is not a finite
// number, a dimension above max_dim, line counts that differ, a word given
// twice.
WordVectors read_tsv(std::string_view vectors_tsv, std::string_view metadata_tsv, std::size_t max_dim = 1000);

struct TsvPair {
  std::string vectors;   // vectors.tsv
  std::string metadata;  // metadata.tsv, one column, no header
};

// significant_digits as write_vec. Throws UsageError for an empty word, one
// holding a tab or line end (it could not be read back), or words and rows
// that differ in number.
TsvPair write_tsv(const std::vector<std::string>& words, const Matrix& vectors, int significant_digits = 0);

}  // namespace tokenlab::embedding
