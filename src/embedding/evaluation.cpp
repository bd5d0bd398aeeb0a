#include "embedding/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <unordered_map>

#include "tokenizer/errors.h"

namespace tokenlab::embedding {
namespace {

std::string ascii_lower(std::string_view word) {
  std::string lower(word);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

class Lookup {
 public:
  explicit Lookup(const std::vector<std::string>& words) {
    rows_.reserve(words.size());
    // try_emplace keeps the first, most frequent, casing.
    for (std::size_t r = 0; r < words.size(); ++r) rows_.try_emplace(ascii_lower(words[r]), static_cast<std::int32_t>(r));
  }
  std::int32_t find(std::string_view word) const {
    auto it = rows_.find(ascii_lower(word));
    return it == rows_.end() ? -1 : it->second;
  }

 private:
  std::unordered_map<std::string, std::int32_t> rows_;
};

// Calls visit(line_number, fields) for every line that is not blank or a
// comment (starting with one of comment_marks).
template <typename Visit>
void for_each_line(std::string_view text, std::string_view comment_marks, Visit visit) {
  std::vector<std::string_view> fields;
  std::size_t line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    fields.clear();
    for (std::size_t i = 0; i < line.size();) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const std::size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
      if (i > start) fields.push_back(line.substr(start, i - start));
    }
    if (fields.empty() || comment_marks.find(fields[0][0]) != std::string_view::npos) continue;
    visit(line_number, fields);
  }
}

std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> result(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) result[order[k]] = mean_rank;
    i = j + 1;
  }
  return result;
}

}  // namespace

double spearman(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n < 2) return 0.0;
  const std::vector<double> ra = ranks(a), rb = ranks(b);
  const double mean = (static_cast<double>(n) + 1.0) / 2.0;
  double covariance = 0.0, variance_a = 0.0, variance_b = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    covariance += (ra[i] - mean) * (rb[i] - mean);
    variance_a += (ra[i] - mean) * (ra[i] - mean);
    variance_b += (rb[i] - mean) * (rb[i] - mean);
  }
  if (variance_a == 0.0 || variance_b == 0.0) return 0.0;
  return covariance / std::sqrt(variance_a * variance_b);
}

AnalogyScore evaluate_analogies(const Neighbors& neighbors, const std::vector<std::string>& words,
                                std::string_view questions) {
  const Lookup lookup(words);
  AnalogyScore score;
  for_each_line(questions, ":", [&](std::size_t line, const std::vector<std::string_view>& fields) {
    if (fields.size() != 4) {
      throw VocabError("analogy questions line " + std::to_string(line) + ": expected 4 words, found " +
                       std::to_string(fields.size()));
    }
    ++score.questions;
    std::int32_t rows[4];
    for (int i = 0; i < 4; ++i) {
      rows[i] = lookup.find(fields[static_cast<std::size_t>(i)]);
      if (rows[i] < 0) return;
    }
    ++score.covered;
    // "a b c d": d is to c as b is to a, so d ~ b - a + c.
    const NeighborList best = neighbors.analogy(rows[1], rows[0], rows[2], 1);
    if (!best.rows.empty() && best.rows[0] == rows[3]) ++score.correct;
  });
  return score;
}

SimilarityScore evaluate_similarity(const Neighbors& neighbors, const std::vector<std::string>& words,
                                    std::string_view pairs) {
  const Lookup lookup(words);
  SimilarityScore score;
  std::vector<double> human, model;
  for_each_line(pairs, "#", [&](std::size_t line, const std::vector<std::string_view>& fields) {
    char* end = nullptr;
    const std::string value = fields.size() == 3 ? std::string(fields[2]) : std::string();
    const double human_score = std::strtod(value.c_str(), &end);
    if (fields.size() != 3 || value.empty() || end != value.c_str() + value.size()) {
      throw VocabError("word pairs line " + std::to_string(line) + ": expected \"word word score\"");
    }
    ++score.pairs;
    const std::int32_t a = lookup.find(fields[0]), b = lookup.find(fields[1]);
    if (a < 0 || b < 0) return;
    ++score.covered;
    human.push_back(human_score);
    model.push_back(neighbors.similarity(a, b));
  });
  score.spearman = spearman(human, model);
  return score;
}

}  // namespace tokenlab::embedding
