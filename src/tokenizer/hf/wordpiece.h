// WordPieceModel: BERT's greedy longest-match-first split of a word into
// vocabulary entries; pieces after the first carry the continuing prefix "##".
//
//   vocab {un, ##aff, ##able, [UNK]}: "unaffable" -> [un, ##aff, ##able]
//   "unaffablex" -> [[UNK]]: a word with any part not in the vocabulary is one [UNK]
//   a word of more than max_input_chars_per_word characters (100) -> [[UNK]]
//
// At each position the longest vocabulary entry wins: the search walks a byte
// trie of the vocabulary from the position (from the node of "##" after the
// first piece) and keeps the deepest entry that ends at a character boundary.
// Why a trie: trying each candidate length in turn built a string and hashed
// it per length, O(n^2) bytes per piece; split_word and its hashing were a
// third of BERT's time on multilingual text. The walk reads each byte once
// (BERT on 1 MB of multilingual text, with the fused path: 20 -> 24 MB/s).
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
  // The trie: node 0 is the root; child links in an open-addressing table of
  // 64-bit slots, (node << 8 | byte) + 1 in the high half (0: empty), the child in the low.
  std::uint32_t child(std::uint32_t node, unsigned char byte) const;
  void add_to_trie(std::string_view entry, TokenId id);

  std::size_t longest_entry_ = 0;  // bytes of the longest vocabulary entry
  std::vector<TokenId> node_token_;      // the entry ending at each node, or kNoRank
  std::vector<std::uint64_t> links_;     // the child table, a power of two long
  std::uint32_t prefix_node_ = 0;        // the node of the continuing prefix (0 if no entry starts with it)
  std::vector<std::uint32_t> boundaries_;  // scratch: character starts of the word, then its end
  PieceCache cache_;
};

}  // namespace tokenlab
