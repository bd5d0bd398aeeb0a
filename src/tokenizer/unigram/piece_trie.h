// PieceTrie: the pieces of a Unigram vocabulary as a byte trie, for the one
// question Viterbi asks at every position: which pieces start here?
//
//   pieces "a" (id 0), "ab" (1), "abc" (2), "b" (3)
//   for_each_prefix("abd") -> (1 byte, id 0), (2 bytes, id 1)    shortest first
//   find("ab") -> 1;  find("abd") -> kNoRank
//
// Why this layout: XLM-R's and mT5's 250,000 pieces make over a million trie
// nodes, and the page loads them in the browser, so a node must cost bytes,
// not a heap object (a node with a hash map of children, as a straightforward
// trie keeps, is a hundred bytes). Nodes are numbered breadth-first, so the
// children of node n are the consecutive nodes first_child_[n] ..
// first_child_[n + 1], sorted by their byte: a node is its label byte plus one
// 32-bit index, and a step down is a scan (or a binary search) of a few
// adjacent bytes. Whether a piece ends at a node is one bit; the pieces' ids
// are stored once per piece, found by counting the set bits before that node
// (a popcount over 64-bit words, with a running count every word). The root,
// where every search starts, has a direct 256-entry table. About 5.2 bytes a
// node plus 4 a piece: 7 MB for a million nodes, where a double array (the
// layout SentencePiece uses) is smaller but needs a search to build.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "tokenizer/bpe/rank_table.h"
#include "tokenizer/token_id.h"

namespace tokenlab {

class PieceTrie {
 public:
  PieceTrie();
  // The pieces and their ids (pieces distinct; callers check). An empty piece
  // is kept for find() but is never a prefix.
  explicit PieceTrie(const std::vector<std::pair<std::string_view, TokenId>>& pieces);

  // The id of exactly these bytes, or kNoRank.
  TokenId find(std::string_view bytes) const noexcept;

  // Calls visit(length, id) for every piece that is a prefix of text, shortest
  // first (the order both references' common-prefix searches give, which the
  // Viterbi tie-breaks depend on).
  template <class Visit>
  void for_each_prefix(std::string_view text, Visit&& visit) const {
    if (text.empty()) return;
    std::uint32_t node = root_children_[static_cast<unsigned char>(text[0])];
    for (std::size_t length = 1;; ++length) {
      if (node == kNone) return;
      if (is_terminal(node)) visit(length, id_of(node));
      if (length == text.size()) return;
      node = child(node, static_cast<unsigned char>(text[length]));
    }
  }

  std::size_t node_count() const noexcept { return labels_.size(); }
  std::size_t memory_bytes() const noexcept;

 private:
  static constexpr std::uint32_t kNone = 0;  // node 0 is the root, never anyone's child

  std::uint32_t child(std::uint32_t node, unsigned char label) const noexcept {
    std::uint32_t begin = first_child_[node];
    std::uint32_t end = first_child_[node + 1];
    // Most nodes have a child or two: scan; the few wide ones: halve first.
    while (end - begin > 8) {
      const std::uint32_t middle = begin + (end - begin) / 2;
      if (labels_[middle] < label) {
        begin = middle + 1;
      } else {
        end = middle + 1;  // the child, if any, is at or before middle
      }
    }
    for (; begin < end; ++begin) {
      if (labels_[begin] == label) return begin;
      if (labels_[begin] > label) return kNone;
    }
    return kNone;
  }
  bool is_terminal(std::uint32_t node) const noexcept { return (terminal_bits_[node / 64] >> (node % 64)) & 1; }
  TokenId id_of(std::uint32_t node) const noexcept {
    const std::uint64_t below = terminal_bits_[node / 64] & ((std::uint64_t{1} << (node % 64)) - 1);
    return ids_[terminal_rank_[node / 64] + static_cast<std::uint32_t>(std::popcount(below))];
  }

  std::vector<std::uint8_t> labels_;         // per node: the byte of the edge into it
  std::vector<std::uint32_t> first_child_;   // per node, plus one past the last
  std::vector<std::uint64_t> terminal_bits_;  // bit n: a piece ends at node n
  std::vector<std::uint32_t> terminal_rank_;  // per word: the set bits in the words before it
  std::vector<TokenId> ids_;                  // the pieces' ids, in node order
  std::array<std::uint32_t, 256> root_children_{};
};

}  // namespace tokenlab
