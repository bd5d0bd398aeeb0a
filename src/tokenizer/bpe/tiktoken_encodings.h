// The OpenAI encodings tokenlab ships: split pattern, special tokens and the
// rank file each needs, as tiktoken defines them.
//
//   make_tiktoken_tokenizer("cl100k_base", bytes of cl100k_base.tiktoken)
//   make_tiktoken_tokenizer("o200k_harmony", bytes of o200k_base.tiktoken)
//     (GPT-OSS: o200k_base's ranks with the harmony chat format's special tokens)
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tokenizer/bpe/byte_level_bpe.h"

namespace tokenlab {

struct TiktokenEncodingSpec {
  std::string_view name;          // "cl100k_base"
  std::string_view display_name;  // "GPT-4"
  std::string_view rank_file;     // the ranks' file name without .tiktoken: "cl100k_base"
  SplitPattern pattern;
  std::vector<std::pair<std::string, TokenId>> specials;
};

const std::vector<TiktokenEncodingSpec>& tiktoken_encodings();

// Throws UsageError listing the known names.
const TiktokenEncodingSpec& tiktoken_encoding(std::string_view name);

// Loads a known encoding from its rank file bytes.
std::unique_ptr<ByteLevelBpeTokenizer> make_tiktoken_tokenizer(std::string_view name, std::string_view rank_file);

// Loads any rank file (a dropped one) with a chosen pattern and no specials.
std::unique_ptr<ByteLevelBpeTokenizer> make_custom_tiktoken_tokenizer(std::string name, SplitPattern pattern,
                                                                      std::string_view rank_file);

}  // namespace tokenlab
