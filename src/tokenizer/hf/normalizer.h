// Normalizers: the first stage of a Hugging Face tokenizer pipeline, text ->
// normalized text with alignments back to the original (see normalized_text.h).
// The components of tokenizer.json's "normalizer" that tokenlab supports:
//
//   Prepend("▁") + Replace(" " -> "▁"):  "Hi there" -> "▁Hi▁there"   (LLaMA 2, Mistral)
//   Lowercase:                           "ΟΔΟΣ" -> "οδοσ"  (per character, as the Rust library)
//   NFD:                                 "é" -> "e" U+0301
//   NFC:                                 "e" U+0301 -> "é"
//   NFKD:                                "ﬁ①" -> "fi1"
//   NFKC:                                "ｶﾞ" -> "ガ"
//   Strip:                               " hi\u3000" -> "hi"  (White_Space, left and/or right)
//   StripAccents:                        "e" U+0301 -> "e"  (removes the marks, M, of Unicode 9.0 as the Rust library)
//   BertNormalizer:                      see bert_normalizer.h
//   Replace(Regex "\s+" -> " "):         "a \t b" -> "a b"
//   Sequence:                            each in turn
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tokenizer/hf/normalized_text.h"
#include "tokenizer/regex/regex.h"

namespace tokenlab {

// What a normalizer does when all it does is put prefix before non-empty text
// and replace every " " with space: Prepend("▁") + Replace(" " -> "▁") is
// {"▁", "▁"} ("Hi there" -> "▁Hi▁there"); no normalizer at all is {"", " "}.
struct SpaceRewrite {
  std::string prefix;
  std::string space = " ";
};

// Normalizers are not thread-safe: they keep scratch buffers between calls,
// as the tokenizers that own them do.
class Normalizer {
 public:
  virtual ~Normalizer() = default;
  // Writes the normalization of in to out (out is cleared first; in and out differ).
  virtual void normalize(const NormalizedText& in, NormalizedText& out) const = 0;
  // The same for original text starting at offset begin. Normalizers that read
  // each byte once override it to skip building the identity alignment first.
  virtual void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const;
  // If this normalizer, run after the steps that did rewrite, leaves a space
  // rewrite, sets rewrite to it and returns true; otherwise returns false
  // (rewrite is then unspecified).
  virtual bool space_rewrite(SpaceRewrite& /*rewrite*/) const { return false; }

 private:
  mutable NormalizedText original_;  // scratch for the default normalize_original
};

class SequenceNormalizer final : public Normalizer {
 public:
  explicit SequenceNormalizer(std::vector<std::unique_ptr<Normalizer>> steps) : steps_(std::move(steps)) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;
  bool space_rewrite(SpaceRewrite& rewrite) const override;

 private:
  // Runs steps_[first..] over in, the last one writing out.
  void run_from(std::size_t first, const NormalizedText& in, NormalizedText& out) const;

  std::vector<std::unique_ptr<Normalizer>> steps_;
  mutable NormalizedText first_;      // the first step's output
  mutable NormalizedText scratch_[2];  // the later steps', alternating
};

// Puts prefix before non-empty text; the prefix maps to an empty span where the text starts.
class PrependNormalizer final : public Normalizer {
 public:
  explicit PrependNormalizer(std::string prefix) : prefix_(std::move(prefix)) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;
  bool space_rewrite(SpaceRewrite& rewrite) const override;

 private:
  std::string prefix_;
};

// Replaces every occurrence of a literal string, scanning left to right
// without overlaps; the replacement maps to the span of what it replaced.
class ReplaceNormalizer final : public Normalizer {
 public:
  ReplaceNormalizer(std::string pattern, std::string content);
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;
  // Only for the pattern " " and a content that is not empty (an empty one could empty the text).
  bool space_rewrite(SpaceRewrite& rewrite) const override;

 private:
  std::string pattern_;
  std::string content_;
};

// Replace with a Regex pattern: every match of the expression (Oniguruma, as the
// reference matches it) becomes content; the content maps to the span of what
// it replaced ("\s+" -> " ": "a \t b" -> "a b").
class RegexReplaceNormalizer final : public Normalizer {
 public:
  RegexReplaceNormalizer(std::shared_ptr<const Regex> regex, std::string content)
      : regex_(std::move(regex)), content_(std::move(content)) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;

 private:
  std::shared_ptr<const Regex> regex_;
  std::string content_;
  mutable std::vector<ByteSpan> matches_;  // scratch
};

class LowercaseNormalizer final : public Normalizer {
 public:
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
};

enum class NormalizationForm { kNfc, kNfd, kNfkc, kNfkd };

// NFC, NFD, NFKC or NFKD (see normalize_form).
class UnicodeFormNormalizer final : public Normalizer {
 public:
  explicit UnicodeFormNormalizer(NormalizationForm form) : form_(form) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;

 private:
  NormalizationForm form_;
};

// Removes the White_Space characters (Rust's char::is_whitespace) at the start
// of the text, the end, or both; what remains keeps its origins.
class StripNormalizer final : public Normalizer {
 public:
  StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
  void normalize_original(std::string_view text, std::uint32_t begin, NormalizedText& out) const override;

 private:
  // The bytes [first, second) of text that remain.
  std::pair<std::uint32_t, std::uint32_t> kept(std::string_view text) const;

  bool left_;
  bool right_;
};

class StripAccentsNormalizer final : public Normalizer {
 public:
  void normalize(const NormalizedText& in, NormalizedText& out) const override;
};

// The text transforms the normalizers are built from, usable on their own.

// As Hugging Face's Rust library lower-cases (Lowercase, BertNormalizer): each
// character to its own full lower case (Rust's char::to_lowercase: U+0130 ->
// "i̇", a capital sigma always σ); with strip, BERT's strip_accents first drops
// the nonspacing marks (Mn of Unicode 8.0, the Rust library's categories).
// Malformed bytes pass through.
void strip_and_lowercase(const NormalizedText& in, NormalizedText& out, bool strip, bool lower);

// A Unicode normalization form as Hugging Face tokenizers computes it: the
// algorithm of UAX #15 with the Unicode 9.0 data of its Rust crate, so a
// character assigned since passes through as a starter (normalization_tables.h).
// Malformed bytes pass through.
void normalize_form(const NormalizedText& in, NormalizedText& out, NormalizationForm form);

// True when the quick check alone shows that form leaves text unchanged
// ("e" U+0301 fails it for NFC; "x" U+0301 fails it too, and NFC keeps it).
bool passes_quick_check(std::string_view text, NormalizationForm form);

}  // namespace tokenlab
