// Regex: a compiled Split pattern of a tokenizer.json, matched by Oniguruma as
// Hugging Face's tokenizers match it (UTF-8, Oniguruma's default syntax, no
// options): leftmost-first alternation, \p{...} classes, lookaround,
// possessive quantifiers.
//
//   Regex digits("\\p{N}{1,3}");
//   digits.find_all("in 2024, 12345", spans)  -> {3,6} {6,7} {9,12} {12,14}
//
// Matching is bounded: a search that backtracks more than a fixed budget (a
// pathological pattern on a long text) stops with a UsageError naming the
// pattern, instead of running for minutes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"

namespace tokenlab {

class Regex {
 public:
  // Throws UsageError with Oniguruma's message when the pattern does not compile.
  explicit Regex(std::string_view pattern);
  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  const std::string& pattern() const { return pattern_; }

  // Appends the spans of the successive non-overlapping matches in text, as
  // the Rust onig crate's find_iter gives them: each search starts where the
  // last match ended, and after a match the next empty match is skipped by
  // searching again one character further. Oniguruma reads a lead byte's
  // length on trust, and the reference only ever sees valid UTF-8, so text
  // with malformed bytes is matched one valid run at a time: a malformed byte
  // is never part of a match.
  void find_all(std::string_view text, std::vector<ByteSpan>& matches) const;

 private:
  // find_all over valid UTF-8.
  void find_all_valid(std::string_view text, std::vector<ByteSpan>& matches) const;
  struct Compiled;
  std::string pattern_;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace tokenlab
