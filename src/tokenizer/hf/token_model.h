// TokenModel: the model stage of a Hugging Face pipeline, one pre-token's
// bytes -> token ids, each with its start within the pre-token (a token ends
// where the next starts, the last at the end of the pre-token).
//
//   WordPiece over "unaffable": ids [un, ##aff, ##able], starts [0, 2, 5]
//   BPE with byte fallback over "▁😀": ids [▁, <0xF0>, <0x9F>, <0x98>, <0x80>], starts [0, 3, 4, 5, 6]
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

class TokenModel {
 public:
  virtual ~TokenModel() = default;
  // Appends the tokens of piece (non-empty) to ids and their starts to starts.
  // Not const: models keep a cache of recent pieces.
  virtual void encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) = 0;
  // One past the largest id of the model's own vocabulary.
  virtual std::size_t vocab_size() const = 0;
  // The vocabulary entry of id as the model stores it (raw bytes for
  // byte-level BPE, "▁the" for SentencePiece, "##ing" for WordPiece); empty if none.
  virtual std::string_view token_text(TokenId id) const = 0;
  // The id of a vocabulary entry, or kNoRank.
  virtual TokenId find(std::string_view token_text) const = 0;
  virtual std::size_t memory_bytes() const = 0;
};

}  // namespace tokenlab
