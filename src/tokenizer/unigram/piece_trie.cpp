#include "tokenizer/unigram/piece_trie.h"

#include <algorithm>
#include <numeric>

#include "tokenizer/errors.h"

namespace tokenlab {

PieceTrie::PieceTrie() : PieceTrie(std::vector<std::pair<std::string_view, TokenId>>{}) {}

PieceTrie::PieceTrie(const std::vector<std::pair<std::string_view, TokenId>>& pieces) {
  std::vector<std::uint32_t> order(pieces.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t left, std::uint32_t right) { return pieces[left].first < pieces[right].first; });
  auto piece = [&](std::uint32_t index) { return pieces[order[index]].first; };

  // Breadth-first: pending[n] is node n, the pieces order[begin..end) that
  // start with its prefix of `depth` bytes; its children are appended as the
  // next nodes, so every node's children are consecutive.
  struct Pending {
    std::uint32_t begin;
    std::uint32_t end;
    std::uint32_t depth;
  };
  std::vector<Pending> pending{{0, static_cast<std::uint32_t>(order.size()), 0}};
  std::vector<std::uint32_t> terminal_nodes;
  labels_.push_back(0);
  for (std::uint32_t node = 0; node < pending.size(); ++node) {
    const Pending range = pending[node];
    node_.push_back(static_cast<std::uint32_t>(pending.size()));
    std::uint32_t i = range.begin;
    // The piece that is the prefix itself sorts first (a repeat, which callers
    // rule out, would be dropped here).
    if (i < range.end && piece(i).size() == range.depth) {
      node_.back() |= kTerminal;
      terminal_nodes.push_back(node);
      ids_.push_back(pieces[order[i]].second);
      while (i < range.end && piece(i).size() == range.depth) ++i;
    }
    while (i < range.end) {
      const char byte = piece(i)[range.depth];
      std::uint32_t j = i + 1;
      while (j < range.end && piece(j)[range.depth] == byte) ++j;
      labels_.push_back(static_cast<std::uint8_t>(byte));
      pending.push_back({i, j, range.depth + 1});
      i = j;
    }
  }
  node_.push_back(static_cast<std::uint32_t>(pending.size()));
  if (pending.size() > kIndex) throw VocabError("Unigram vocabulary: too many trie nodes");
  labels_.resize(labels_.size() + 8, 0);  // so child() may read 8 labels from any node's first child

  terminal_bits_.assign(node_.size() / 64 + 1, 0);
  for (const std::uint32_t node : terminal_nodes) terminal_bits_[node / 64] |= std::uint64_t{1} << (node % 64);
  terminal_rank_.resize(terminal_bits_.size());
  std::uint32_t count = 0;
  for (std::size_t word = 0; word < terminal_bits_.size(); ++word) {
    terminal_rank_[word] = count;
    count += static_cast<std::uint32_t>(std::popcount(terminal_bits_[word]));
  }
  for (std::uint32_t child = node_[0] & kIndex; child < (node_[1] & kIndex); ++child) {
    root_children_[labels_[child]] = child;
  }
}

TokenId PieceTrie::find(std::string_view bytes) const noexcept {
  std::uint32_t node = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto label = static_cast<unsigned char>(bytes[i]);
    node = i == 0 ? root_children_[label] : child(node, label);
    if (node == kNone) return kNoRank;
  }
  return is_terminal(node) ? id_of(node) : kNoRank;
}

std::size_t PieceTrie::memory_bytes() const noexcept {
  return labels_.capacity() + node_.capacity() * 4 + terminal_bits_.capacity() * 8 +
         terminal_rank_.capacity() * 4 + ids_.capacity() * sizeof(TokenId) + sizeof(root_children_);
}

}  // namespace tokenlab
