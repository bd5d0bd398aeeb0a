// HfPreTokenizer: the "pre_tokenizer" of a tokenizer.json: an optional rewrite
// of the segment, then its splitting steps in turn (see split_step.h).
//
//   Split(Regex = the cl100k/LLaMA 3 or o200k expression, Isolated) + ByteLevel(use_regex=false)
//                                       -> split by that pattern; the model sees bytes
//   Split(\p{N}{1,3}) + Split([一-龥...]+) + Split(...) + ByteLevel   (DeepSeek V3)
//                                       -> each Split applied to the pieces of the one before
//   ByteLevel(use_regex=true)           -> split by GPT-2's pattern; the model sees bytes
//   ByteLevel(add_prefix_space=true)    -> " " first when the segment does not start with one
//   BertPreTokenizer                    -> "Hello, world!" -> "Hello" "," "world" "!"
//                                          (whitespace dropped, each punctuation character alone)
//   Metaspace(replacement "▁", prepend_scheme, split)
//                                       -> " " becomes "▁", "▁" prepended (always, or only to
//                                          the segment at the start of the text with "first");
//                                          with split, a piece starts at every "▁"
//   null                                -> the segment is one piece
//
// Metaspace's split follows Hugging Face's Rust tokenizers; transformers.js
// ignores that option and keeps the segment whole.
#pragma once

#include <string>
#include <vector>

#include "tokenizer/hf/normalized_text.h"
#include "tokenizer/hf/split_step.h"

namespace tokenlab {

class HfPreTokenizer {
 public:
  enum class Prepend { kNever, kFirst, kAlways };

  static HfPreTokenizer none() { return {}; }
  // The steps in order; byte_level: the model sees bytes (ByteLevel anywhere in
  // the sequence); add_prefix_space: ByteLevel's, applied before the steps.
  static HfPreTokenizer steps(std::vector<SplitStep> steps, bool byte_level, bool add_prefix_space);
  static HfPreTokenizer metaspace(std::string replacement, Prepend prepend, bool split);

  // True when the segment's text changes (prefix space, Metaspace), so its
  // pieces need alignments back to the original.
  bool rewrites() const { return add_prefix_space_ || metaspace_; }
  bool byte_level() const { return byte_level_; }

  // Rewrites a segment of normalized text in place (see rewrites());
  // at_text_start: the segment begins at offset 0 of the original text.
  void rewrite(NormalizedText& segment, bool at_text_start) const;

  // Appends the pieces of text (already rewritten) to pieces.
  void split(std::string_view text, std::vector<ByteSpan>& pieces) const;

 private:
  std::vector<SplitStep> steps_;
  bool byte_level_ = false;
  bool add_prefix_space_ = false;
  bool metaspace_ = false;
  std::string replacement_;
  Prepend prepend_ = Prepend::kAlways;
  mutable std::vector<ByteSpan> between_[2];  // pieces between steps, reused
};

}  // namespace tokenlab
