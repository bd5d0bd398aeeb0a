// The "added_tokens" of a tokenizer.json (<s>, [CLS], <|begin_of_text|>, ...):
// tokens matched in the text before the model sees it, and the split of text
// into plain segments and added tokens.
//
//   tokens {"<s>": 1, "</s>": 2}; split("a<s>b</s>") -> "a", <s>=1, "b", </s>=2
//
// Matching scans left to right; at a position the longest token wins (as
// Hugging Face's Aho-Corasick with leftmost-longest matching), and of tokens
// with equal contents the one added first. As the Rust
// library does: a token with lstrip/rstrip also takes the White_Space before/
// after it; a single_word token only counts with no word character (regex \w:
// letters, marks, decimal digits, connectors) right before or after it, and a
// match it refuses is plain text, the scan going on after it.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenizer/bpe/rank_table.h"
#include "tokenizer/regex/regex.h"

namespace tokenlab {

struct AddedToken {
  std::string content;
  TokenId id = 0;
  bool special = false;     // a control token; matched only when special tokens are allowed
  bool normalized = false;  // matched in normalized text rather than the original
  bool lstrip = false;
  bool rstrip = false;
  bool single_word = false;
};

class AddedTokenMatcher {
 public:
  struct Segment {
    std::uint32_t begin;
    std::uint32_t end;
    TokenId id;  // kNoRank for plain text
  };

  // Adds the token to the set this matcher finds (empty contents are ignored).
  void add(const AddedToken& token);
  bool empty() const { return tokens_.empty(); }

  // Appends the segments of text to segments; every byte is in exactly one
  // segment, plain segments are never empty, offsets are relative to text.
  void split(std::string_view text, std::vector<Segment>& segments) const;

 private:
  struct Entry {
    std::string content;
    TokenId id;
    bool lstrip;
    bool rstrip;
    bool single_word;
  };
  // Whether a word character ends before / starts at pos (for single_word).
  bool word_before(std::string_view text, std::uint32_t pos) const;
  bool word_at(std::string_view text, std::uint32_t pos) const;

  // The first position from pos on where some token's first byte is, or the
  // text's size.
  std::uint32_t next_candidate(std::string_view text, std::uint32_t pos) const;

  static constexpr std::uint32_t kNoEntry = 0xFFFFFFFF;
  // The trie node after byte from node, or 0 (the root is never a child).
  std::uint32_t child(std::uint32_t node, unsigned char byte) const {
    if (node == 0) return root_children_[byte];
    const auto found = children_.find(std::uint64_t{node} << 8 | byte);
    return found == children_.end() ? 0 : found->second;
  }

  std::vector<Entry> tokens_;
  std::shared_ptr<const Regex> word_;  // \w, compiled when a single_word token is added
  // A byte trie of the contents, walked once per position: the longest token
  // there is the last node with an entry. Why a trie: Gemma 3 adds 6,415
  // tokens, 6,322 of them starting with "<" and 31 with "\n" ("\n" to 31 line
  // breaks), and comparing each in turn was a third of its encode time on
  // English; the walk stops at the first byte no token continues with.
  // Nodes: the entry ending there (kNoEntry: none); node 0 is the root, whose
  // children sit in a table (most bytes start no token: one load says so),
  // the others' in a hash map keyed node << 8 | byte.
  std::vector<std::uint32_t> entry_of_node_ = {kNoEntry};
  std::array<std::uint32_t, 256> root_children_{};
  // The distinct first bytes, while there are at most kMaxSkipBytes of them
  // (LLaMA 3's, Qwen 3's: only "<"): the scan then tests 8 bytes at a time
  // against each, where a byte at a time was a tenth of LLaMA 3's encode.
  static constexpr std::size_t kMaxSkipBytes = 4;
  std::array<unsigned char, kMaxSkipBytes> first_bytes_{};
  std::size_t first_byte_count_ = 0;  // kMaxSkipBytes + 1: more than kMaxSkipBytes
  std::unordered_map<std::uint64_t, std::uint32_t> children_;
};

}  // namespace tokenlab
