#include "embedding/vec_format.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_set>

#include "embedding/float_text.h"
#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

// The whitespace write_vec refuses in a word, less the line end, so that
// every word read can be written back; \v and \f also separate words in
// fastText's reader.
bool is_field_separator(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits one line into fields.
void split_fields(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_field_separator(line[i])) ++i;
    const std::size_t begin = i;
    while (i < line.size() && !is_field_separator(line[i])) ++i;
    if (i > begin) fields.push_back(line.substr(begin, i - begin));
  }
}

[[noreturn]] void fail(std::size_t line, const std::string& message) {
  throw VocabError(".vec line " + std::to_string(line) + ": " + message);
}

bool parse_count(std::string_view field, std::size_t& value) {
  if (field.empty() || field.size() > 12) return false;
  value = 0;
  for (char c : field) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return true;
}

}  // namespace

WordVectors read_vec(std::string_view bytes, std::size_t max_dim) {
  WordVectors result;
  std::vector<std::string_view> fields;
  std::vector<float> values;  // rows of a file without header, until its end
  std::unordered_set<std::string_view> seen;
  std::size_t dim = 0;
  std::size_t announced = 0;  // rows promised by the header
  bool has_header = false;
  bool started = false;
  std::size_t line_number = 0;
  std::size_t last_line = 0;

  for (std::size_t begin = 0; begin < bytes.size();) {
    std::size_t end = bytes.find('\n', begin);
    if (end == std::string_view::npos) end = bytes.size();
    const std::string_view line = bytes.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    split_fields(line, fields);
    if (fields.empty()) continue;
    last_line = line_number;

    if (!started) {
      started = true;
      std::size_t count = 0, header_dim = 0;
      if (fields.size() == 2 && parse_count(fields[0], count) && parse_count(fields[1], header_dim)) {
        if (header_dim == 0 || header_dim > max_dim) {
          fail(line_number, "dimension " + std::to_string(header_dim) + " is outside 1.." +
                                std::to_string(max_dim));
        }
        // Each value takes at least two bytes ("0 "), so a larger header lies.
        if (count > bytes.size() / (2 * header_dim)) {
          fail(line_number, "the header announces " + std::to_string(count) + " words of dimension " +
                                std::to_string(header_dim) + ", more than the file can hold");
        }
        has_header = true;
        announced = count;
        dim = header_dim;
        result.vectors = Matrix(count, dim);
        result.words.reserve(count);
        continue;
      }
      if (fields.size() < 2) fail(line_number, "expected a header \"count dim\" or a word and its values");
      dim = fields.size() - 1;
      if (dim > max_dim) {
        fail(line_number, "dimension " + std::to_string(dim) + " is above " + std::to_string(max_dim));
      }
    }

    const std::string_view word = fields[0];
    if (fields.size() - 1 != dim) {
      fail(line_number, "expected " + std::to_string(dim) + " values after \"" + std::string(word) +
                            "\", found " + std::to_string(fields.size() - 1));
    }
    if (has_header && result.words.size() == announced) {
      fail(line_number, "more words than the " + std::to_string(announced) + " the header announces");
    }
    if (!seen.insert(word).second) fail(line_number, "\"" + std::string(word) + "\" appears twice");
    float* row = nullptr;
    if (has_header) {
      row = result.vectors.row(result.words.size());
    } else {
      values.resize(values.size() + dim);
      row = values.data() + values.size() - dim;
    }
    for (std::size_t i = 0; i < dim; ++i) {
      if (!parse_float(fields[i + 1], row[i])) {
        fail(line_number, "value " + std::to_string(i + 1) + " of \"" + std::string(word) + "\" is not a number: \"" +
                              std::string(fields[i + 1]) + "\"");
      }
    }
    result.words.emplace_back(word);
  }

  if (!started) throw VocabError(".vec file is empty");
  if (has_header && result.words.size() != announced) {
    fail(last_line, "the header announces " + std::to_string(announced) + " words, the file has " +
                        std::to_string(result.words.size()));
  }
  if (!has_header) {
    result.vectors = Matrix(result.words.size(), dim);
    for (std::size_t r = 0; r < result.words.size(); ++r) {
      std::copy_n(values.data() + r * dim, dim, result.vectors.row(r));
    }
  }
  return result;
}

std::string write_vec(const std::vector<std::string>& words, const Matrix& vectors,
                      int significant_digits) {
  if (words.size() != vectors.rows()) {
    throw UsageError("write_vec: " + std::to_string(words.size()) + " words for " +
                     std::to_string(vectors.rows()) + " vectors");
  }
  std::string out = std::to_string(words.size()) + " " + std::to_string(vectors.cols()) + "\n";
  for (std::size_t r = 0; r < words.size(); ++r) {
    const std::string& word = words[r];
    if (word.empty() || word.find_first_of(" \t\n\v\f\r") != std::string::npos) {
      throw UsageError("word " + std::to_string(r) + " (\"" + word +
                       "\") is empty or contains whitespace, which a .vec file cannot hold");
    }
    out += word;
    const float* row = vectors.row(r);
    for (std::size_t i = 0; i < vectors.cols(); ++i) {
      out += ' ';
      append_float(out, row[i], significant_digits);
    }
    out += '\n';
  }
  return out;
}

}  // namespace tokenlab::embedding
