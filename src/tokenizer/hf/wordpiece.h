// WordPieceModel: BERT's greedy longest-match-first split of a word into
// vocabulary entries; pieces after the first carry the continuing prefix "##".
//
//   vocab {un, ##aff, ##able, [UNK]}: "unaffable" -> [un, ##aff, ##able]
//   "unaffablex" -> [[UNK]]: a word with any part not in the vocabulary is one [UNK]
//   a word of more than max_input_chars_per_word characters (100) -> [[UNK]]
//
// At each position the longest vocabulary entry wins, shrinking the candidate
// one character at a time from the end of the word (or from the longest entry's
// length, which gives the same answer sooner).
#pragma once

#include <string>

#include "tokenizer/bpe/piece_cache.h"
#include "tokenizer/hf/token_model.h"

namespace tokenlab {

class WordPieceModel final : public TokenModel {
 public:
  WordPieceModel(RankTable vocab, TokenId unk, std::string continuing_prefix, std::size_t max_input_chars_per_word);

  void encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) override;
  std::size_t vocab_size() const override { return vocab_.rank_limit(); }
  std::string_view token_text(TokenId id) const override { return vocab_.bytes_of(id); }
  TokenId find(std::string_view token_text) const override { return vocab_.find(token_text); }
  std::size_t memory_bytes() const override;

  const std::string& continuing_prefix() const { return prefix_; }

 private:
  void split_word(std::string_view word, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts);

  RankTable vocab_;
  TokenId unk_;
  std::string prefix_;
  std::size_t max_chars_;
  std::size_t longest_entry_ = 0;  // bytes of the longest vocabulary entry
  std::string candidate_;          // scratch: prefix + substring
  std::vector<std::uint32_t> boundaries_;  // scratch: character starts of the word, then its end
  PieceCache cache_;
};

}  // namespace tokenlab
