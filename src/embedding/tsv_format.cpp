#include "embedding/tsv_format.h"

#include <algorithm>
#include <unordered_set>

#include "embedding/float_text.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

// The file's lines without their ends; a final line end does not start an
// empty line.
std::vector<std::string_view> lines_of(std::string_view bytes) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

[[noreturn]] void fail(const char* file, std::size_t line, const std::string& message) {
  throw VocabError(std::string(file) + " line " + std::to_string(line) + ": " + message);
}

}  // namespace

WordVectors read_tsv(std::string_view vectors_tsv, std::string_view metadata_tsv, std::size_t max_dim) {
  const std::vector<std::string_view> rows = lines_of(vectors_tsv);
  std::vector<std::string_view> names = lines_of(metadata_tsv);
  if (rows.empty()) throw VocabError("vectors.tsv is empty");
  if (names.empty()) throw VocabError("metadata.tsv is empty");
  // Several columns: the first line is the header.
  const std::size_t first_word_line = names.front().find('\t') != std::string_view::npos ? 2 : 1;
  if (first_word_line == 2) names.erase(names.begin());
  if (names.size() != rows.size()) {
    throw VocabError("metadata.tsv has " + std::to_string(names.size()) + " words" +
                     (first_word_line == 2 ? " after its header line" : "") + " but vectors.tsv has " +
                     std::to_string(rows.size()) + " vectors");
  }

  // 1. The dimension is the first row's number of values.
  const std::size_t dim = static_cast<std::size_t>(std::count(rows.front().begin(), rows.front().end(), '\t')) + 1;
  if (dim > max_dim) {
    fail("vectors.tsv", 1, std::to_string(dim) + " values, more than the " + std::to_string(max_dim) + " this reader takes");
  }
  WordVectors result;
  result.vectors = Matrix(rows.size(), dim);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string_view rest = rows[r];
    if (rest.empty()) fail("vectors.tsv", r + 1, "the line is empty");
    float* row = result.vectors.row(r);
    std::size_t i = 0;
    while (true) {
      const std::size_t tab = rest.find('\t');
      const std::string_view field = rest.substr(0, tab);
      if (i == dim) fail("vectors.tsv", r + 1, "more than the " + std::to_string(dim) + " values of line 1");
      if (!parse_float(field, row[i])) {
        fail("vectors.tsv", r + 1, "value " + std::to_string(i + 1) + " (\"" + std::string(field.substr(0, 40)) +
                                       "\") is not a finite number");
      }
      ++i;
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (i != dim) {
      fail("vectors.tsv", r + 1, std::to_string(i) + " values, but line 1 has " + std::to_string(dim));
    }
  }

  // 2. Words: the first column, distinct and not empty.
  result.words.reserve(names.size());
  std::unordered_set<std::string_view> seen;
  for (std::size_t r = 0; r < names.size(); ++r) {
    const std::string_view word = names[r].substr(0, names[r].find('\t'));
    const std::size_t line = r + first_word_line;
    if (word.empty()) fail("metadata.tsv", line, "the word is empty");
    if (!seen.insert(word).second) fail("metadata.tsv", line, "\"" + std::string(word) + "\" is given twice");
    result.words.emplace_back(word);
  }
  return result;
}

TsvPair write_tsv(const std::vector<std::string>& words, const Matrix& vectors, int significant_digits) {
  if (words.size() != vectors.rows()) {
    throw UsageError("write_tsv: " + std::to_string(words.size()) + " words for " +
                     std::to_string(vectors.rows()) + " vectors");
  }
  if (vectors.cols() == 0 && !words.empty()) throw UsageError("write_tsv: vectors of no dimensions");
  TsvPair pair;
  for (std::size_t r = 0; r < words.size(); ++r) {
    const std::string& word = words[r];
    if (word.empty() || word.find_first_of("\t\n\r") != std::string::npos) {
      throw UsageError("word " + std::to_string(r) + " (\"" + word +
                       "\") is empty or holds a tab or line end, which metadata.tsv cannot hold");
    }
    pair.metadata += word;
    pair.metadata += '\n';
    const float* row = vectors.row(r);
    for (std::size_t i = 0; i < vectors.cols(); ++i) {
      if (i > 0) pair.vectors += '\t';
      append_float(pair.vectors, row[i], significant_digits);
    }
    pair.vectors += '\n';
  }
  return pair;
}

}  // namespace tokenlab::embedding
