// Byte-level BPE tokenizer as in tiktoken (GPT-2, GPT-3, GPT-4, GPT-4o) and the
// byte-level models of Hugging Face (LLaMA 3, trained vocabularies):
// pre-tokenize with a split pattern, then merge each piece's bytes by rank.
//
//   cl100k: "Hello world" -> pieces "Hello", " world" -> ids [9906, 1917]
//
// Why the piece cache: real text repeats its words, and a piece that is not a
// whole token costs a full merge loop. Pieces are looked up whole first (most
// English words are one token), then in the cache, and only then merged.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
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
  // A merged piece: ranks and each token's start within the piece.
  struct CachedPiece {
    std::vector<Rank> ranks;
    std::vector<std::uint32_t> starts;
  };
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept { return RankTable::hash_bytes(text); }
  };
  static constexpr std::size_t kCacheLimit = 1 << 18;  // entries; the cache is cleared when full
  // Pieces longer than this are merged but not cached: they rarely repeat, and
  // one pasted 10 MB word would otherwise stay in memory for good.
  static constexpr std::size_t kLongestCachedPiece = 256;
  // Scratch buffers grown past this many elements by one huge text are given
  // back after it, so the engine's memory returns to what its vocabulary needs.
  static constexpr std::size_t kKeptScratchElements = 1 << 16;

  void encode_ordinary(std::string_view text, std::uint32_t base_offset, Encoding& out);
  void encode_piece(std::string_view piece, std::uint32_t piece_start, Encoding& out);
  void release_large_scratch();

  std::string name_;
  SplitPattern pattern_;
  RankTable ranks_;
  SpecialTokens specials_;
  std::size_t vocab_size_;
  std::vector<ByteSpan> pieces_;  // scratch, reused across calls
  std::unordered_map<std::string, CachedPiece, StringHash, std::equal_to<>> cache_;
  CachedPiece scratch_;
};

}  // namespace tokenlab
