// A plain, slow BPE trainer for tests: before every merge it recounts every
// pair of every word, then rewrites every word. It shares nothing with
// BpeTrainer but pre_tokenize, so agreement merge for merge is evidence.
//
//   reference_train("aaabdaaabac", kNone, 259) -> "97 97 256 4\n97 98 257 2\n256 257 258 2\n"
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"

namespace tokenlab::reference {

struct Merge {
  std::uint32_t left, right, id;
  std::uint64_t count;
};

// Splits text around special tokens: at each position the longest one that
// starts there is cut out; returns the stretches in between.
inline std::vector<std::string_view> cut_specials(std::string_view text, const std::vector<std::string>& specials) {
  std::vector<std::string_view> stretches;
  std::size_t start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t longest = 0;
    for (const std::string& special : specials) {
      if (special.size() > longest && text.substr(pos, special.size()) == special) longest = special.size();
    }
    if (longest == 0) {
      ++pos;
      continue;
    }
    stretches.push_back(text.substr(start, pos - start));
    pos += longest;
    start = pos;
  }
  stretches.push_back(text.substr(start));
  return stretches;
}

inline std::map<std::string, std::uint64_t> count_pieces(std::string_view text, SplitPattern pattern,
                                                         const std::vector<std::string>& specials = {}) {
  std::map<std::string, std::uint64_t> counts;
  for (const std::string_view stretch : cut_specials(text, specials)) {
    if (stretch.empty()) continue;
    std::vector<ByteSpan> spans;
    pre_tokenize(pattern, stretch, spans);
    for (const ByteSpan span : spans) ++counts[std::string(stretch.substr(span.begin, span.end - span.begin))];
  }
  return counts;
}

// Merges until the vocabulary holds vocab_size tokens (256 + learned + specials)
// or no pair occurs min_frequency times. Ties: smaller left id, then smaller right id.
inline std::vector<Merge> train(std::string_view text, SplitPattern pattern, std::size_t vocab_size,
                                std::uint64_t min_frequency = 2, const std::vector<std::string>& specials = {}) {
  std::vector<std::pair<std::vector<std::uint32_t>, std::uint64_t>> words;
  for (const auto& [piece, count] : count_pieces(text, pattern, specials)) {
    std::vector<std::uint32_t> symbols;
    for (const char byte : piece) symbols.push_back(static_cast<unsigned char>(byte));
    words.emplace_back(std::move(symbols), count);
  }
  std::vector<std::string> tokens;
  for (int byte = 0; byte < 256; ++byte) tokens.emplace_back(1, static_cast<char>(byte));

  std::vector<Merge> merges;
  while (tokens.size() + specials.size() < vocab_size) {
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> pair_counts;
    for (const auto& [symbols, count] : words) {
      for (std::size_t i = 0; i + 1 < symbols.size(); ++i) pair_counts[{symbols[i], symbols[i + 1]}] += count;
    }
    // The map is ordered by pair, so the first pair with the highest count wins ties.
    std::pair<std::uint32_t, std::uint32_t> best{};
    std::uint64_t best_count = 0;
    for (const auto& [pair, count] : pair_counts) {
      if (count > best_count) {
        best = pair;
        best_count = count;
      }
    }
    if (best_count == 0 || best_count < min_frequency) break;

    const auto id = static_cast<std::uint32_t>(tokens.size());
    tokens.push_back(tokens[best.first] + tokens[best.second]);
    merges.push_back({best.first, best.second, id, best_count});

    for (auto& [symbols, count] : words) {
      std::vector<std::uint32_t> merged;
      for (std::size_t i = 0; i < symbols.size(); ++i) {
        if (i + 1 < symbols.size() && symbols[i] == best.first && symbols[i + 1] == best.second) {
          merged.push_back(id);
          ++i;
        } else {
          merged.push_back(symbols[i]);
        }
      }
      symbols = std::move(merged);
    }
  }
  return merges;
}

// Applies merges in order to the bytes of one piece, each left to right.
template <class MergeList>
std::vector<std::uint32_t> apply_merges(std::string_view piece, const MergeList& merges) {
  std::vector<std::uint32_t> symbols;
  for (const char byte : piece) symbols.push_back(static_cast<unsigned char>(byte));
  for (const auto& merge : merges) {
    std::vector<std::uint32_t> merged;
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      if (i + 1 < symbols.size() && symbols[i] == merge.left && symbols[i + 1] == merge.right) {
        merged.push_back(merge.id);
        ++i;
      } else {
        merged.push_back(symbols[i]);
      }
    }
    symbols = std::move(merged);
  }
  return symbols;
}

// Merges as one string, "left right id count" per line, to compare whole runs at once.
template <class MergeList>
std::string joined(const MergeList& merges) {
  std::string out;
  for (const auto& merge : merges) {
    out += std::to_string(merge.left) + " " + std::to_string(merge.right) + " " + std::to_string(merge.id) + " " +
           std::to_string(merge.count) + "\n";
  }
  return out;
}

}  // namespace tokenlab::reference
