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
// A byte-level model whose merge list is tiktoken's rule written out
// (merges_as_ranks.h: LLaMA 3, Llama 3.1, GPT-OSS) merges as the tiktoken
// encodings do, over token ids with a memo of pairs (fast_merge.h): on
// multilingual text 9% fewer instructions than the merge-list loop. Both give
// the same tokens, so the switch is made once it pays: checking the rule
// costs about 15% of loading LLaMA 3 (cachegrind), which a page encoding a
// few sentences would never earn back, so it runs once kIdPairCheckAfterBytes
// have gone through the merge loop.
//
// Why split a character-level piece into chunks: SentencePiece models have no
// pre-tokenizer, so a "piece" is the whole text between special tokens. A
// merge joins two adjacent characters only if some vocabulary entry holds them
// side by side, so wherever no entry does (for Mistral: before every "▁" that
// follows another character), nothing can merge across and the two sides are
// encoded independently, cached like words. The chunking is switched off when a
// merge involves a <0xNN> token, whose text does not show the characters it joins.
//
// encode_rewritten is the fused path of LLaMA 2's, Mistral's and Gemma's
// pipelines (Prepend "▁" and/or Replace " " -> "▁", no pre-tokenizer that
// splits): it walks the original text once, building each chunk's normalized
// bytes and their origins in a small buffer, instead of normalizing the whole
// segment first (two passes writing eight bytes of alignment per byte) and
// then chunking it. The joinability of the space's replacement with each
// ASCII character is read from bit tables (a hash lookup per space before).
#pragma once

#include <memory>
#include <string>

#include "tokenizer/bpe/fast_merge.h"
#include "tokenizer/bpe/merge_table.h"
#include "tokenizer/bpe/pair_merge.h"
#include "tokenizer/bpe/piece_cache.h"
#include "tokenizer/encoding.h"
#include "tokenizer/hf/token_model.h"
#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/unicode/utf8.h"

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

  // Whether encode_piece_at serves this model: byte-level, so no piece is
  // cut into chunks (LLaMA 3, Qwen 3, DeepSeek V3, GPT-OSS, GPT-2).
  bool encodes_whole_pieces() const { return options_.byte_level && !chunking_; }
  // encode_piece for such a model, appending straight to out with the spans
  // moved to offset, and hashing the piece once for the vocabulary and the
  // cache: "Hello" at 7 -> Hello [7,12).
  void encode_piece_at(std::string_view piece, std::uint32_t offset, Encoding& out);

  // Encodes, as encode_piece would, the text prefix + text with every " "
  // replaced by space (nothing when text is empty), and appends the tokens to
  // out with offsets into the original text, which starts at offset begin:
  // the prefix maps to {begin, begin}, a replacement to the space it replaced.
  // prefix and space are well-formed UTF-8; character-level models only.
  //   Mistral, prefix "▁", space "▁": "Hi there" at 0 -> ▁Hi [0,2) ▁there [2,8)
  void encode_rewritten(std::string_view text, std::uint32_t begin, std::string_view prefix, std::string_view space,
                        Encoding& out);
  const MergeTable& merges() const { return merges_; }
  // On: checks now, rather than after kIdPairCheckAfterBytes, whether the
  // merges follow the token ids, and merges over ids from then on if they do.
  // Off: the merge-list loop from then on (the reference the tests compare
  // with). Returns whether the loop over ids is used.
  bool set_id_pair_merging(bool enabled);

  static constexpr std::size_t kIdPairCheckAfterBytes = std::size_t{4} << 20;

 private:
  void encode_chunk(std::string_view piece, std::uint32_t begin, std::uint32_t end, std::vector<TokenId>& ids,
                    std::vector<std::uint32_t>& starts);
  // The merges over chunk, without the cache: tokens appended, starts + base.
  void merge_chunk(std::string_view chunk, std::uint32_t base, std::vector<TokenId>& ids,
                   std::vector<std::uint32_t>& starts);
  void initial_symbols(std::string_view chunk, std::vector<Symbol>& symbols) const;
  void append_unknown(std::uint32_t start, std::vector<Symbol>& symbols) const;
  bool joinable(char32_t left, char32_t right) const;
  void build_chunking();
  // Encodes piece[begin, end) and appends its tokens, fusing an unknown token
  // with one right before it from the same piece (first_token: where the piece's tokens start).
  void emit_chunk(std::string_view piece, std::uint32_t begin, std::uint32_t end, std::size_t first_token,
                  std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts);
  // encode_rewritten's joinability test, with the tables for the space's replacement.
  void prepare_rewrite(char32_t space);
  bool joinable_fast(char32_t left, char32_t right) const;
  void check_id_pair_merging();
  // Appends the tokens of chunk_ to out (fusing an unknown token with out's last
  // if that came from the same text, at or after first_token).
  void flush_rewritten_chunk(std::size_t first_token, Encoding& out);

  RankTable vocab_;
  MergeTable merges_;
  BpeModelOptions options_;
  TokenId byte_ids_[256];           // byte-level: the token of each byte; byte fallback: <0xNN>
  TokenId ascii_ids_[128];          // character-level: the token of each ASCII character
  bool chunking_ = false;
  std::uint64_t ascii_joinable_[128 * 128 / 64] = {};  // bit left * 128 + right
  MergeTable joinable_pairs_;  // used as a set: the other pairs of adjacent codepoints inside some token
  // The merge loop over token ids, when the merges follow the ids (null otherwise).
  struct IdPairMerging {
    ByteTokens bytes;
    PairMemo memo;
  };
  std::unique_ptr<IdPairMerging> id_pairs_;
  bool id_pairs_enabled_ = false;
  bool id_pair_check_due_ = false;  // byte-level with ignore_merges, not checked yet
  std::size_t merged_bytes_ = 0;    // bytes through the merge loop until the check
  PieceCache cache_;
  std::vector<Symbol> symbols_;  // scratch
  // encode_rewritten's state: the replacement's code point and its joinability
  // with ASCII characters (bit c: joinable(c, space) / joinable(space, c)).
  char32_t rewrite_space_ = utf8::kInvalidCodepoint;
  std::uint64_t ascii_then_space_[2] = {};
  std::uint64_t space_then_ascii_[2] = {};
  bool space_then_space_ = false;
  std::string chunk_;                     // the normalized bytes of the chunk being built
  std::vector<ByteSpan> chunk_origins_;  // their original spans
  std::vector<TokenId> chunk_ids_;
  std::vector<std::uint32_t> chunk_starts_;
};

}  // namespace tokenlab
