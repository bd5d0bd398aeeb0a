// UnigramSegmenter: splits text with a trained Unigram vocabulary the way
// Hugging Face's Unigram model encodes it, through the trainer's own lattice
// and Viterbi (unigram_lattice.h): what the trainer's tokenizer.json gives.
//
//   vocabulary {<unk> 0, ▁ -2, a -1, b -1, ▁ab -1.5}, "ab b" -> [▁ab, ▁, b]
//
// Rules, as the Rust library's: the text splits into words as the trainer's
// pre-tokenizer splits it (unigram_words.h); every piece of the vocabulary,
// special ones included, may match; a character no piece starts with is <unk>,
// scored the lowest score minus 10; ties go to the way whose last piece starts
// first; consecutive <unk> characters fuse into one token, which is the piece
// of that text if there is one, else (with byte fallback) the <0xNN> pieces of
// its bytes, else <unk>. Special pieces are not cut out of the text first (the
// Rust library does that for added tokens: keep their text out of inputs).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tokenizer/token_id.h"
#include "tokenizer/train/unigram_trainer.h"

namespace tokenlab {

class UnigramSegmenter {
 public:
  // Throws UsageError when unk_id is not a piece, or a piece is empty, repeated
  // or longer than kMaxUnigramPieceChars characters.
  explicit UnigramSegmenter(const UnigramResult& result);

  std::vector<TokenId> encode(std::string_view text) const;

 private:
  void encode_word(std::string_view word, std::vector<TokenId>& ids) const;

  std::unordered_map<std::string, TokenId> ids_;
  std::vector<double> scores_;
  std::vector<std::size_t> lengths_;  // characters
  TokenId unk_id_;
  bool byte_fallback_;
  double unknown_score_;
  std::size_t longest_piece_chars_ = 0;
};

}  // namespace tokenlab
