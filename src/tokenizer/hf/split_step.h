// SplitStep: one splitting step of a tokenizer.json pre_tokenizer. A Sequence
// applies its steps in turn, each to every piece the steps before it made.
//
//   Split(Regex "\p{N}{1,3}", Isolated)  "ab12345c" -> "ab" "123" "45" "c"
//   Split(String " ", MergedWithPrevious) "a b  c"  -> "a " "b " " " "c"
//   Split(Regex "\s+", Removed)           "a  b"    -> "a" "b"
//   Digits(individual_digits=false)        "a12b"    -> "a" "12" "b"
//   Punctuation(Isolated)                  "Hi!?"    -> "Hi" "!" "?"
//
// A Split finds its matches, marks the text between them as non-matches
// (invert swaps the marks), then the behaviour decides which marked spans are
// kept, merged or dropped, as Hugging Face's NormalizedString::split does.
// Empty pieces are never made. A Split whose regex is one a hand-written
// splitter implements (GPT-2, cl100k, Qwen 2, o200k, DeepSeek V3's; Isolated) runs it,
// except on text holding a character whose properties Unicode 16.0 changed
// (unicode_versions.h): the splitters read the engine's older tables, while
// the reference matches with Unicode 16.0, so such text goes to the regex.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/regex/regex.h"

namespace tokenlab {

enum class SplitBehavior { kIsolated, kRemoved, kMergedWithPrevious, kMergedWithNext, kContiguous };

class SplitStep {
 public:
  // A hand-written splitter; for GPT-2, cl100k and o200k, Oniguruma runs the
  // same expression on text that needs Unicode 16.0.
  static SplitStep pattern(SplitPattern pattern);
  static SplitStep regex(std::shared_ptr<const Regex> regex, SplitBehavior behavior, bool invert);
  static SplitStep literal(std::string text, SplitBehavior behavior, bool invert);
  // BertPreTokenizer: whitespace dropped, each punctuation character alone.
  static SplitStep bert();
  // Metaspace's split: a piece starts at every marker ("▁a▁▁b" -> "▁a" "▁" "▁b").
  static SplitStep before_each(std::string marker);
  // Digits: numeric characters (N*) as runs, or one by one.
  static SplitStep digits(bool individual);
  // Punctuation: ASCII punctuation and P* characters, each a match.
  static SplitStep punctuation(SplitBehavior behavior);

  bool is_bert() const { return kind_ == Kind::kBert; }
  // A Split at a literal holding byte, not inverted: it leaves text without that byte whole.
  bool is_literal_holding(char byte) const {
    return kind_ == Kind::kLiteral && !invert_ && text_.find(byte) != std::string::npos;
  }

  // Appends the pieces of text[piece.begin, piece.end) to pieces, as spans of text.
  void split(std::string_view text, ByteSpan piece, std::vector<ByteSpan>& pieces) const;

 private:
  enum class Kind { kPattern, kRegex, kLiteral, kBert, kBeforeEach, kDigits, kPunctuation };
  struct Marked {
    ByteSpan span;
    bool match;
  };

  // The matches of this step in part, as spans of part.
  void find_matches(std::string_view part, std::vector<ByteSpan>& matches) const;
  // Appends to pieces the spans marked kept by the behaviour, shifted by offset.
  void apply_behavior(std::uint32_t offset, std::vector<ByteSpan>& pieces) const;

  Kind kind_ = Kind::kPattern;
  SplitPattern pattern_ = SplitPattern::kNone;
  mutable std::shared_ptr<const Regex> regex_;  // for kPattern, compiled when first needed
  std::string text_;
  SplitBehavior behavior_ = SplitBehavior::kIsolated;
  bool invert_ = false;
  bool individual_ = false;
  mutable std::vector<ByteSpan> matches_;  // scratch, reused between calls
  mutable std::vector<Marked> marked_;
};

}  // namespace tokenlab
