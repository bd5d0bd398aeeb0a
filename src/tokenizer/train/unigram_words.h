// The words a Unigram vocabulary is trained on and applied to: the text split
// at whitespace, each word marked with "▁" (U+2581) where it starts, exactly as
// the tokenizer.json the trainer writes pre-tokenizes (WhitespaceSplit, then
// Metaspace with prepend_scheme "always" and split; T5's files do the same).
//
//   "Hello  world\n"   -> "▁Hello", "▁world"
//   "a▁b" (a literal ▁) -> "▁a", "▁b"     (Metaspace splits before every ▁)
//   "▁x"               -> "▁x"            (no second ▁ before one already there)
//
// This is sentencepiece's view of text with its defaults (add_dummy_prefix,
// remove_extra_whitespaces, split_by_whitespace): every word starts with ▁ and
// no piece crosses a word. The trainer assumes no other normalization
// (identity): the text is trained on as it is. Each malformed UTF-8 byte reads
// as U+FFFD (pieces must be valid UTF-8 for tokenizer.json).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/train/piece_counter.h"

namespace tokenlab {

inline constexpr std::string_view kWordMark = "\xE2\x96\x81";  // ▁ U+2581
inline constexpr char32_t kWordMarkCodepoint = 0x2581;

struct UnigramWord {
  std::string text;  // valid UTF-8, starts with ▁
  std::uint64_t count;
};

// Calls emit once per word of one whitespace-free stretch, in order.
void split_metaspace_word(std::string_view stretch, const std::function<void(std::string_view)>& emit);

// All words of a text, in order.
std::vector<std::string> metaspace_words(std::string_view text);

// The distinct words of counted whitespace-free stretches (PieceCounter with
// SplitPattern::kWhitespace), merged where two stretches give the same word,
// in a fixed order: count descending, then bytes ascending.
std::vector<UnigramWord> count_metaspace_words(const std::vector<PieceCount>& stretches);

}  // namespace tokenlab
