// Byte-level BPE tokenizer as in tiktoken (GPT-2, GPT-3, GPT-4, GPT-4o) and the
// byte-level models of Hugging Face (LLaMA 3, trained vocabularies):
// pre-tokenize with a split pattern, then merge each piece's bytes by rank.
//
//   cl100k: "Hello world" -> pieces "Hello", " world" -> ids [9906, 1917]
//
// How a piece is encoded, cheapest first:
// 1. looked up whole: most English words are one token, and its hash is kept
//    for step 2;
// 2. the piece cache (piece_cache.h): real text repeats its words. A fixed
//    direct-mapped table, where a std::unordered_map allocated for every new
//    piece and had to be cleared whole once full (17% of the multilingual
//    encode profile with its rehashes, clears and mallocs);
// 3. the merge loop over token ids with a memo of pairs (fast_merge.h). A vocabulary that
//    lacks some single byte cannot use it (a piece with that byte may still
//    merge past it, or fail) and runs the reference loop byte_pair_encode_ref.
// Measured in-process on the 4 MB bench corpora (one thread, CPU time, a
// fresh tokenizer): cl100k English / code / multilingual went from 21 / 17 /
// 6.5 MB/s to 31 / 30 / 17, o200k from 15 / 13 / 4.9 to 22 / 23 / 10.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/bpe/fast_merge.h"
#include "tokenizer/bpe/pair_memo.h"
#include "tokenizer/bpe/piece_cache.h"
#include "tokenizer/bpe/rank_table.h"
#include "tokenizer/bpe/special_tokens.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab {

class ByteLevelBpeTokenizer final : public Tokenizer {
 public:
  ByteLevelBpeTokenizer(std::string name, SplitPattern pattern, RankTable ranks, SpecialTokens specials);

  using Tokenizer::encode;
  void encode(std::string_view text, const EncodeOptions& options, Encoding& out) override;
  std::string decode(std::span<const TokenId> ids) const override;
  std::size_t vocab_size() const override { return vocab_size_; }
  std::string_view token_bytes(TokenId id) const override;
  bool is_special(TokenId id) const override { return specials_.text_of(id) != nullptr; }
  std::string_view name() const override { return name_; }
  std::size_t memory_bytes() const override;

  SplitPattern pattern() const { return pattern_; }
  const RankTable& ranks() const { return ranks_; }
  const SpecialTokens& specials() const { return specials_; }

 private:
  // Scratch buffers grown past this many elements by one huge text are given
  // back after it, so the engine's memory returns to what its vocabulary needs.
  static constexpr std::size_t kKeptScratchElements = 1 << 16;

  void encode_ordinary(std::string_view text, std::uint32_t base_offset, Encoding& out);
  void encode_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out);
  void merge_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out);
  void release_large_scratch();

  std::string name_;
  SplitPattern pattern_;
  RankTable ranks_;
  SpecialTokens specials_;
  std::size_t vocab_size_;
  ByteTokens byte_tokens_;              // the tokens of single bytes and of byte pairs
  bool all_bytes_ = false;              // every byte has a token: the fast loop applies
  PairMemo pairs_;
  std::vector<ByteSpan> pieces_;        // scratch, reused across calls
  std::vector<Rank> ref_ranks_;         // scratch of the reference loop
  std::vector<std::uint32_t> ref_starts_;
  PieceCache cache_;
};

}  // namespace tokenlab
