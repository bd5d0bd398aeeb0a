// BpeModel: the "BPE" model of a Hugging Face tokenizer.json, in its two
// flavours:
//
//  - byte-level (LLaMA 3, GPT-2-style exports): a pre-token's bytes are the
//    initial symbols; the vocabulary is stored as raw bytes (the GPT-2
//    byte-to-character mapping undone at load).
//      LLaMA 3 " world" -> [1917]
//  - character-level, SentencePiece style (LLaMA 2, Mistral): the characters
//    are the initial symbols; a character not in the vocabulary becomes its
//    UTF-8 bytes as <0xNN> tokens (byte_fallback) or the unknown token.
//      Mistral "▁😀" -> [▁, <0xF0>, <0x9F>, <0x98>, <0x80>]
//
// Then pairs merge by priority (pair_merge.h). With ignore_merges (LLaMA 3) a
// pre-token that is itself in the vocabulary is one token without merging.
//
// Why split a character-level piece into chunks: SentencePiece models have no
// pre-tokenizer, so a "piece" is the whole text between special tokens. A
// merge joins two adjacent characters only if some vocabulary entry holds them
// side by side, so wherever no entry does (for Mistral: before every "▁" that
// follows another character), nothing can merge across and the two sides are
// encoded independently, cached like words. The chunking is switched off when a
// merge involves a <0xNN> token, whose text does not show the characters it joins.
#pragma once

#include <string>

#include "tokenizer/bpe/merge_table.h"
#include "tokenizer/bpe/pair_merge.h"
#include "tokenizer/bpe/piece_cache.h"
#include "tokenizer/hf/token_model.h"

namespace tokenlab {

struct BpeModelOptions {
  bool byte_level = false;
  bool byte_fallback = false;
  bool fuse_unk = false;
  bool ignore_merges = false;
  TokenId unk = kNoRank;  // kNoRank: no unknown token (an unknown symbol is then an error)
};

class BpeModel final : public TokenModel {
 public:
  // vocab: token text (raw bytes when byte_level) -> id. merges: over those ids.
  BpeModel(RankTable vocab, MergeTable merges, BpeModelOptions options);

  void encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) override;
  std::size_t vocab_size() const override { return vocab_.rank_limit(); }
  std::string_view token_text(TokenId id) const override { return vocab_.bytes_of(id); }
  TokenId find(std::string_view token_text) const override { return vocab_.find(token_text); }
  std::size_t memory_bytes() const override;

  const BpeModelOptions& options() const { return options_; }
  const MergeTable& merges() const { return merges_; }

 private:
  void encode_chunk(std::string_view piece, std::uint32_t begin, std::uint32_t end, std::vector<TokenId>& ids,
                    std::vector<std::uint32_t>& starts);
  void initial_symbols(std::string_view chunk, std::vector<Symbol>& symbols) const;
  void append_unknown(std::uint32_t start, std::vector<Symbol>& symbols) const;
  bool joinable(char32_t left, char32_t right) const;
  void build_chunking();

  RankTable vocab_;
  MergeTable merges_;
  BpeModelOptions options_;
  TokenId byte_ids_[256];           // byte-level: the token of each byte; byte fallback: <0xNN>
  TokenId ascii_ids_[128];          // character-level: the token of each ASCII character
  bool chunking_ = false;
  std::uint64_t ascii_joinable_[128 * 128 / 64] = {};  // bit left * 128 + right
  MergeTable joinable_pairs_;  // used as a set: the other pairs of adjacent codepoints inside some token
  PieceCache cache_;
  std::vector<Symbol> symbols_;  // scratch
};

}  // namespace tokenlab
