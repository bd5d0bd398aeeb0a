// The "added_tokens" of a tokenizer.json (<s>, [CLS], <|begin_of_text|>, ...):
// tokens matched in the text before the model sees it, and the split of text
// into plain segments and added tokens.
//
//   tokens {"<s>": 1, "</s>": 2}; split("a<s>b</s>") -> "a", <s>=1, "b", </s>=2
//
// Matching scans left to right; at a position the longest token wins (as
// transformers.js's DictionarySplitter and Hugging Face's Aho-Corasick with
// leftmost-longest matching). A token with lstrip/rstrip also takes the
// whitespace before/after it. single_word is not honoured, as in transformers.js.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

struct AddedToken {
  std::string content;
  TokenId id = 0;
  bool special = false;     // a control token; matched only when special tokens are allowed
  bool normalized = false;  // matched in normalized text rather than the original
  bool lstrip = false;
  bool rstrip = false;
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
  };
  std::vector<Entry> tokens_;
  // Indices into tokens_ by first byte, longest content first.
  std::array<std::vector<std::uint32_t>, 256> by_first_byte_;
};

}  // namespace tokenlab
