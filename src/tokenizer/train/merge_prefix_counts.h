// How many tokens a text takes under every prefix of a trained merge list.
// The vocabulary of 256 + k tokens is the first k merges of one training run,
// so one run to the largest size gives every smaller vocabulary, and one pass
// over the text gives the token count of each.
//
//   merges (a,a)->256, (a,b)->257, (256,257)->258; kNone; "aaabdaaabac" ->
//     {11, 9, 7, 5}: 11 bytes; [aa,a,b,d,aa,a,b,a,c]; [aa,ab,d,aa,ab,a,c]; [aab,d,aab,a,c]
//
// Why one pass suffices: the text is encoded as Hugging Face BPE encodes it
// (the lowest merge first, equal merges leftmost first). A merge creates token
// 256 + i, and every pair containing that token was learned after it, so its
// merge index is above i; pairs that already existed were not below i either.
// The merges applied to a piece therefore come in non-decreasing index order,
// and encoding with only the first k merges applies exactly those with index
// below k, in the same order, and stops. Counting, per merge index, how many
// token boundaries it removes gives every prefix's count.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/pretokenize/pretokenizer.h"

namespace tokenlab {

// counts[k] = tokens of text under the bytes and the first k merges, for k = 0
// .. merges.size(). merges[i] must create id 256 + i from earlier ids (as
// BpeTrainer makes them). Special tokens are not looked for: the text is plain.
std::vector<std::uint64_t> token_counts_by_merge_prefix(std::span<const BpeMerge> merges, SplitPattern pattern,
                                                        std::string_view text);

}  // namespace tokenlab
