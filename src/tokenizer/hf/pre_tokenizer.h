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
//                                       -> in each piece " " becomes "▁", and "▁" is prepended
//                                          unless the piece starts with one (always, or with
//                                          "first" only to the piece that starts the text);
//                                          with split, a piece starts at every "▁"
//   WhitespaceSplit + Metaspace (T5, ALBERT, XLM-R)
//                                       -> "Hi  there" -> "Hi" "there" -> "▁Hi" "▁there"
//   null                                -> the segment is one piece
//
// Metaspace follows Hugging Face's Rust tokenizers: it rewrites each piece the
// steps before it made, and "first" asks whether the piece starts at offset 0
// of the original text (a whole segment: whether the segment does). Its split
// follows the Rust library too; transformers.js ignores that option.
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

  // Builds a Sequence step by step, in order.
  void add_step(SplitStep step) { steps_.push_back(std::move(step)); }
  void add_metaspace(std::string replacement, Prepend prepend, bool split);
  void set_byte_level(bool add_prefix_space) {
    byte_level_ = true;
    add_prefix_space_ = add_prefix_space_ || add_prefix_space;
  }

  // True when the segment's text changes (prefix space, Metaspace), so its
  // pieces need alignments back to the original: use pre_tokenize, not split.
  bool rewrites() const { return add_prefix_space_ || !metaspaces_.empty(); }
  bool byte_level() const { return byte_level_; }
  // True when every text stays one piece: no steps, or, when the text holds
  // no " " (!text_has_space), only Splits at literals that hold one.
  bool keeps_whole(bool text_has_space) const {
    if (add_prefix_space_ || !metaspaces_.empty()) return false;
    for (const SplitStep& step : steps_) {
      if (text_has_space || !step.is_literal_holding(' ')) return false;
    }
    return true;
  }
  // True when the pre-tokenizer is BertPreTokenizer alone.
  bool is_bert_only() const {
    return !add_prefix_space_ && metaspaces_.empty() && steps_.size() == 1 && steps_[0].is_bert();
  }

  // Rewrites a segment of normalized text in place and appends its pieces, as
  // spans of the rewritten text; at_text_start: the segment begins at offset 0
  // of the original text.
  void pre_tokenize(NormalizedText& segment, bool at_text_start, std::vector<ByteSpan>& pieces) const;

  // Appends the pieces of text to pieces (only when !rewrites()).
  void split(std::string_view text, std::vector<ByteSpan>& pieces) const;

 private:
  struct Metaspace {
    std::size_t before_step;  // runs before steps_[before_step] (after the last: steps_.size())
    std::string replacement;
    Prepend prepend;
  };

  // Runs steps_[first, last) over the pieces in current, leaving the result there.
  void run_steps(std::string_view text, std::size_t first, std::size_t last, std::vector<ByteSpan>& current) const;
  // Metaspace's rewrite of every piece of segment; the pieces become spans of the new text.
  void rewrite_pieces(const Metaspace& metaspace, bool whole_segment, bool at_text_start, NormalizedText& segment,
                      std::vector<ByteSpan>& pieces) const;

  std::vector<SplitStep> steps_;
  std::vector<Metaspace> metaspaces_;  // in order of before_step
  bool byte_level_ = false;
  bool add_prefix_space_ = false;
  mutable std::vector<ByteSpan> between_[2];  // pieces between steps, reused
  mutable NormalizedText rewritten_;          // scratch for rewrite_pieces
};

}  // namespace tokenlab
