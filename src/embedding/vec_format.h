// word2vec's text format for word vectors (.vec), as written by word2vec,
// fastText and gensim:
//
//   2 3
//   king 0.1 0.2 0.3
//   queen 0.1 0.25 0.3
//
// The header line "count dim" is optional when reading, so GloVe's header-less
// text files load too (dim is then the number of values on the first line).
// Lines end in \n or \r\n; fields are separated by spaces or tabs (or \v, \f,
// as fastText reads them); a trailing space, as word2vec writes, is allowed;
// blank lines are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "embedding/matrix.h"

namespace tokenlab::embedding {

struct WordVectors {
  std::vector<std::string> words;
  Matrix vectors;  // one row per word
};

// Throws VocabError naming the line: a bad header, a wrong number of values,
// a value that is not a finite number, a count that disagrees with the header,
// a word given twice, or a dimension above max_dim.
WordVectors read_vec(std::string_view bytes, std::size_t max_dim = 1000);

// significant_digits 0 writes each value in the shortest form that reads
// back exactly; fastText writes 5, word2vec 6 decimals. Throws UsageError for
// an empty word or one containing whitespace (it could not be read back), or
// when words and rows differ in number.
std::string write_vec(const std::vector<std::string>& words, const Matrix& vectors,
                      int significant_digits = 0);

}  // namespace tokenlab::embedding
