// BertNormalizer: the text clean-up of BERT's basic tokenizer, as the
// "BertNormalizer" of tokenizer.json configures it.
//
//   clean_text:            drop NUL, U+FFFD and control/format characters (not \t \n \r);
//                          every other whitespace character becomes " "
//   handle_chinese_chars:  " " around each CJK ideograph ("中文" -> " 中  文 ")
//   lowercase:             JavaScript's toLowerCase ("Ünïcödé" -> "ünïcödé")
//   strip_accents:         NFD, then drop nonspacing marks (Mn) ("ünïcödé" -> "unicode");
//                          unset means "same as lowercase"
//
//   bert-base-uncased: "Héllo,\tWORLD 中" -> "hello, world  中 "
//
// Where this follows transformers.js rather than Google's BERT or Hugging Face's
// Rust tokenizers (tokenlab's parity reference is transformers.js):
//  - CJK ideographs are recognised in the Basic Multilingual Plane only
//    (U+3400..4DBF, U+4E00..9FFF, U+F900..FAFF); the Python/Rust references also
//    space the supplementary-plane blocks (U+20000.., U+2F800..).
//  - Control means Cc, Cf, Co or Cs; the references also drop unassigned (Cn)
//    codepoints.
//  - Lower-casing applies final sigma in context as JavaScript and Python's
//    str.lower() do; Rust's per-character mapping always gives σ.
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

  // The CJK test of handle_chinese_chars.
  static bool is_chinese_char(char32_t codepoint) {
    return (codepoint >= 0x4E00 && codepoint <= 0x9FFF) || (codepoint >= 0x3400 && codepoint <= 0x4DBF) ||
           (codepoint >= 0xF900 && codepoint <= 0xFAFF);
  }

 private:
  // Lower-casing and accent stripping after the clean-up pass.
  void finish(const NormalizedText& cleaned, NormalizedText& out) const;

  BertNormalizerOptions options_;
  mutable NormalizedText cleaned_;  // scratch
  mutable NormalizedText lowered_;
};

}  // namespace tokenlab
