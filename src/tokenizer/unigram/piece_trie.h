// PieceTrie: the pieces of a Unigram vocabulary as a byte trie, for the one
// question Viterbi asks at every position: which pieces start here?
//
//   pieces "a" (id 0), "ab" (1), "abc" (2), "b" (3)
//   for_each_prefix("abd") -> (1 byte, id 0), (2 bytes, id 1)    shortest first
//   find("ab") -> 1;  find("abd") -> kNoRank
//
// Why this layout: XLM-R's and mT5's 250,000 pieces make half a million to a
// million trie nodes, and the page loads them in the browser, so a node must
// cost bytes, not a heap object (a node with a hash map of children, as a
// straightforward trie keeps, is a hundred bytes). Nodes are numbered breadth-first, so the
// children of node n are the consecutive nodes from node_[n] to node_[n + 1],
// sorted by their byte: a node is its label byte plus one 32-bit word (that
// index, and a bit for "a piece ends here"), and a step down compares a few
// adjacent bytes at once. The pieces' ids are stored once per piece, found by
// counting the terminal nodes before a node (a popcount over 64-bit words,
// with a running count every word). The root, where every search starts, has
// a direct 256-entry table. About 5.2 bytes a node plus 4 a piece: 7 MB for a
// million nodes, where a double array (the layout SentencePiece uses) is
// smaller but needs a search to build.
#pragma once

#include <array>
#include <bit>
#include <cstring>
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

  std::size_t node_count() const noexcept { return node_.size() - 1; }
  std::size_t memory_bytes() const noexcept;

 private:
  static constexpr std::uint32_t kNone = 0;  // node 0 is the root, never anyone's child
  static constexpr std::uint32_t kTerminal = 0x80000000;  // in node_: a piece ends at this node
  static constexpr std::uint32_t kIndex = 0x7FFFFFFF;

  std::uint32_t child(std::uint32_t node, unsigned char label) const noexcept {
    std::uint32_t begin = node_[node] & kIndex;
    std::uint32_t count = (node_[node + 1] & kIndex) - begin;
    // The few wide nodes (after "▁", a script's lead byte) halve first,
    // without branches to mispredict.
    while (count > 8) {
      const std::uint32_t half = count / 2;
      begin = labels_[begin + half - 1] < label ? begin + half : begin;
      count -= half;
    }
    // Then the (at most 8) labels left, compared at once as one 64-bit word
    // (labels_ ends with 8 bytes of padding): the lowest byte where word ^
    // label is zero is the child.
    std::uint64_t word;
    std::memcpy(&word, labels_.data() + begin, sizeof word);
    constexpr std::uint64_t kOnes = 0x0101010101010101;
    const std::uint64_t differ = word ^ (kOnes * label);
    std::uint64_t zero = (differ - kOnes) & ~differ & (kOnes << 7);
    zero &= count == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * count)) - 1;
    return zero == 0 ? kNone : begin + static_cast<std::uint32_t>(std::countr_zero(zero) / 8);
  }
  bool is_terminal(std::uint32_t node) const noexcept { return (node_[node] & kTerminal) != 0; }
  TokenId id_of(std::uint32_t node) const noexcept {
    const std::uint64_t below = terminal_bits_[node / 64] & ((std::uint64_t{1} << (node % 64)) - 1);
    return ids_[terminal_rank_[node / 64] + count_ones(below)];
  }
  static std::uint32_t count_ones(std::uint64_t bits) noexcept {
#if defined(__POPCNT__) || defined(__wasm__)
    return static_cast<std::uint32_t>(std::popcount(bits));
#else
    // Without the instruction GCC calls a library function for std::popcount;
    // this is the same count, inline.
    bits -= (bits >> 1) & 0x5555555555555555;
    bits = (bits & 0x3333333333333333) + ((bits >> 2) & 0x3333333333333333);
    bits = (bits + (bits >> 4)) & 0x0F0F0F0F0F0F0F0F;
    return static_cast<std::uint32_t>((bits * 0x0101010101010101) >> 56);
#endif
  }

  std::vector<std::uint8_t> labels_;          // per node: the byte of the edge into it; 8 bytes of padding
  std::vector<std::uint32_t> node_;           // per node, plus one: its first child | kTerminal
  std::vector<std::uint64_t> terminal_bits_;  // bit n: a piece ends at node n (for the rank)
  std::vector<std::uint32_t> terminal_rank_;  // per word: the set bits in the words before it
  std::vector<TokenId> ids_;                  // the pieces' ids, in node order
  std::array<std::uint32_t, 256> root_children_{};
};

}  // namespace tokenlab
