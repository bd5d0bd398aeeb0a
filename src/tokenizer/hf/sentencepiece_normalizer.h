// SentencePieceNormalizer: the normalizer of SentencePiece itself (0.1.97,
// normalizer.cc), what a .model file's NormalizerSpec asks for. Unlike
// Hugging Face's Precompiled (precompiled_normalizer.h) it knows no graphemes:
// at each position it takes the rule with the longest key that the text
// starts with, and copies one character where none does.
//
//   nmt_nfkc, the defaults:  "  Hello\u3000 ｗｏｒｌｄ  " -> "▁Hello▁world"
//                            "Ａ\u0301" -> "Á" (the longest rule is the pair's)
//   escape_whitespaces off:  "a b" -> " a b"
//   add_dummy_prefix off:    "a b" -> "a▁b"
//
// The steps, as SentencePiece takes them:
//   1. a user-defined symbol at the position is copied as it is (the longest
//      one; the model's user-defined pieces are never normalized);
//   2. else the longest rule replaces its key; else one character is copied,
//      and a malformed byte becomes U+FFFD;
//   remove_extra_whitespaces: what a rule turns into exactly " " is dropped at
//      the start; a replacement's leading spaces are dropped after a space;
//      then trailing space symbols are dropped (a typed "▁" at the end too,
//      as SentencePiece does);
//   add_dummy_prefix: a space symbol first (last, with treat_whitespace_as_suffix),
//      unless nothing but whitespace was there;
//   escape_whitespaces: every space of a replacement or copied text becomes "▁".
//
// Alignments: each output byte maps to the span of input it came from; the
// dummy prefix to an empty span where the kept text starts (the suffix, where
// it ends).
#pragma once

#include <string>
#include <vector>

#include "tokenizer/hf/normalizer.h"
#include "tokenizer/hf/precompiled_charsmap.h"

namespace tokenlab {

// NormalizerSpec's switches (and TrainerSpec's treat_whitespace_as_suffix),
// with SentencePiece's defaults.
struct SentencePieceNormalizerOptions {
  bool add_dummy_prefix = true;
  bool remove_extra_whitespaces = true;
  bool escape_whitespaces = true;
  bool treat_whitespace_as_suffix = false;
  // Pieces of type USER_DEFINED: matched before the rules and kept as they are.
  std::vector<std::string> user_defined_symbols;
};

class SentencePieceNormalizer final : public Normalizer {
 public:
  SentencePieceNormalizer(PrecompiledCharsmap charsmap, SentencePieceNormalizerOptions options);
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;

  static constexpr std::string_view kSpaceSymbol = "\u2581";  // ▁ LOWER ONE EIGHTH BLOCK

 private:
  // What the input at a position turns into: text, and how many input bytes it takes.
  struct Piece {
    std::string_view text;
    std::uint32_t length;
    bool copied;  // text is the input's own bytes at the position
  };
  Piece next_piece(std::string_view text, std::uint32_t pos) const;
  // The length of the longest user-defined symbol text starts with at pos (0: none).
  std::uint32_t user_symbol_length(std::string_view text, std::uint32_t pos) const;
  template <class Source>
  void run(const Source& source, NormalizedText& out) const;

  PrecompiledCharsmap charsmap_;
  SentencePieceNormalizerOptions options_;
  // The user-defined symbols by first byte, longest first (same length: as given).
  std::vector<std::vector<std::string>> symbols_by_byte_;
};

}  // namespace tokenlab
