// BertNormalizer: the text clean-up of BERT's basic tokenizer, as the
// "BertNormalizer" of tokenizer.json configures it, step by step as Hugging
// Face tokenizers' Rust library runs it (its character classes and their
// Unicode versions: hf_rust_tables.h):
//
//   clean_text:            drop NUL, U+FFFD and "other" characters (Cc, Cf, Co of Unicode 8.0,
//                          but not \t \n \r); then every White_Space character becomes " "
//   handle_chinese_chars:  " " around each CJK ideograph of BERT's blocks ("中文" -> " 中  文 ")
//   strip_accents:         NFD (Unicode 9.0), then drop nonspacing marks (Mn of Unicode 8.0);
//                          unset means "same as lowercase"
//   lowercase:             each character's own lower case, so Σ -> σ even at a word's end
//
//   bert-base-uncased: "Héllo,\tWORLD 中" -> "hello, world  中 "
//
// Where transformers.js differs: JavaScript's toLowerCase gives final sigma (ς)
// in context, and runs before accent stripping; its \p{...} classes and NFD
// follow node's Unicode; it keeps unassigned characters (Cn) too but spaces CJK
// ideographs of the Basic Multilingual Plane only (it reads UTF-16 units).
// Malformed UTF-8 bytes read as U+FFFD, so clean_text drops them.
#pragma once

#include "tokenizer/hf/normalizer.h"

namespace tokenlab {

struct BertNormalizerOptions {
  bool clean_text = true;
  bool handle_chinese_chars = true;
  bool lowercase = true;
  bool strip_accents = true;  // resolve "unset" to lowercase before constructing
};

class BertNormalizer final : public Normalizer {
 public:
  explicit BertNormalizer(BertNormalizerOptions options) : options_(options) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;
  const BertNormalizerOptions& options() const { return options_; }

  // The CJK test of handle_chinese_chars: the blocks of Google's BERT as the
  // Rust library lists them (CJK Unified Ideographs and Extensions A to E, the
  // compatibility ideographs and their supplement), Extension E from U+2B920:
  // U+2B820..2B91F, its first 256, are not spaced.
  static bool is_chinese_char(char32_t codepoint) {
    return (codepoint >= 0x4E00 && codepoint <= 0x9FFF) || (codepoint >= 0x3400 && codepoint <= 0x4DBF) ||
           (codepoint >= 0x20000 && codepoint <= 0x2A6DF) || (codepoint >= 0x2A700 && codepoint <= 0x2B73F) ||
           (codepoint >= 0x2B740 && codepoint <= 0x2B81F) || (codepoint >= 0x2B920 && codepoint <= 0x2CEAF) ||
           (codepoint >= 0xF900 && codepoint <= 0xFAFF) || (codepoint >= 0x2F800 && codepoint <= 0x2FA1F);
  }

 private:
  // Accent stripping and lower-casing after the clean-up pass.
  void finish(const NormalizedText& cleaned, NormalizedText& out) const;

  BertNormalizerOptions options_;
  mutable NormalizedText cleaned_;  // scratch
  mutable NormalizedText decomposed_;
};

}  // namespace tokenlab
