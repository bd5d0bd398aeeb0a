// Whether a byte-level tokenizer.json's merge list is tiktoken's rule written
// out: two adjacent parts merge exactly when their joined bytes are a token,
// and a merge listed earlier makes a token with a lower id. Then the id is the
// merge's priority, and BpeModel encodes with the byte-level tokenizers' merge
// loop over token ids (fast_merge.h) instead of the merge list's.
//
//   LLaMA 3, Llama 3.1, GPT-OSS (converted from tiktoken rank files): yes
//   Qwen 3, DeepSeek V3 (trained as merge lists; "1" + "01" is no merge of "101"): no
//
// Checked at load on the whole vocabulary, so a file that breaks the rule
// anywhere keeps the merge-list loop: both conditions together make the two
// loops take the same merges in the same order.
#pragma once

#include "tokenizer/bpe/merge_table.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

// True when every merge (left, right) -> result has result's bytes = left's +
// right's, listing order never lowers the result's id, and every split of a
// token into two tokens is a merge that gives it.
bool merges_follow_token_ids(const RankTable& vocab, const MergeTable& merges);

}  // namespace tokenlab
