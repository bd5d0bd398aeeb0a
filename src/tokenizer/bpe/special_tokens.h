// Special tokens ("<|endoftext|>") and the scan that finds them in text.
//
//   specials {"<|endoftext|>": 100257}; find_next("a<|endoftext|>b", 0) -> {pos 1, length 13, id 100257}
//
// At one position the longest special wins; positions are scanned left to right.
// o200k_harmony has 1,091 specials, so a candidate position asks a hash map
// once per distinct length instead of comparing every special.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

class SpecialTokens {
 public:
  struct Match {
    std::size_t position;  // npos when there is none
    std::size_t length;
    TokenId id;
  };

  void add(std::string text, TokenId id);
  bool empty() const { return tokens_.empty(); }
  const std::vector<std::pair<std::string, TokenId>>& tokens() const { return tokens_; }
  // The special token with this id, or nullptr.
  const std::string* text_of(TokenId id) const;

  // The first special token at or after from.
  Match find_next(std::string_view text, std::size_t from) const;

 private:
  std::vector<std::pair<std::string, TokenId>> tokens_;
  std::string first_bytes_;                           // distinct first bytes, for a fast skip
  std::vector<std::size_t> lengths_;                  // distinct lengths, longest first
  std::unordered_map<std::string, TokenId> ids_;         // the first id added for a text wins
  std::unordered_map<TokenId, std::size_t> text_index_;  // id -> its first text in tokens_
};

}  // namespace tokenlab
