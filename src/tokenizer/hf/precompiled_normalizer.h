// PrecompiledNormalizer: tokenizer.json's {"type": "Precompiled"}, the
// SentencePiece rules of T5, ALBERT, XLM-R and mBART as Hugging Face's Rust
// library applies them (spm_precompiled's normalize_string and the tokenizers
// crate's Precompiled::normalize), which is not how SentencePiece does
// (sentencepiece_normalizer.h). Text is read by extended grapheme clusters
// (grapheme_break.h, Unicode 17.0):
//
//   1. a cluster shorter than 6 bytes is looked up whole; when some rule's key
//      is a prefix of it, the rule with the shortest such key replaces the
//      whole cluster, whatever the key covered;
//   2. otherwise each character is looked up alone, and the shortest rule
//      whose key is a prefix of it replaces it; a character no rule matches
//      stays.
//
//   nmt_nfkc: "ａb" -> "ab";  "ﬁ" -> "fi";  "e\u0301" -> "é" (a rule for the pair)
//             "Ａ\u0301" -> "A": the cluster's shortest rule is "Ａ" -> "A", and the mark goes with it
//             "ｶﾞ" (6 bytes) -> "カ\u3099": character by character, so not "ガ"
//
// Why keep that: it is the reference's output, what T5's and XLM-R's ids are
// made from. A NUL byte ends every trie walk in the reference, so no rule
// touches it; malformed bytes (which the reference, reading Rust strings,
// never sees) are clusters of their own and pass through.
//
// Alignments: a replacement maps to the span of the cluster or character it
// replaced; what passes through keeps its origins.
#pragma once

#include "tokenizer/hf/normalizer.h"
#include "tokenizer/hf/precompiled_charsmap.h"

namespace tokenlab {

class PrecompiledNormalizer final : public Normalizer {
 public:
  explicit PrecompiledNormalizer(PrecompiledCharsmap charsmap) : charsmap_(std::move(charsmap)) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;

  // The reference's limit: clusters of fewer bytes are looked up whole.
  static constexpr std::uint32_t kWholeClusterBytes = 6;

 private:
  template <class Source>
  void run(const Source& source, NormalizedText& out) const;

  PrecompiledCharsmap charsmap_;
};

}  // namespace tokenlab
