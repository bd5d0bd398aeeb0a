// Loading tiktoken rank files from bytes: one "base64(token) rank" per line.
//
//   "IQ== 0\nIg== 1\n" -> {"!": 0, "\"": 1}
//
// Takes bytes, not a path, so the same code loads a file natively, a fetched
// buffer in the browser, or a dropped file.
#pragma once

#include <string_view>

#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

// Throws VocabError naming the line for a malformed line, a duplicate token
// or rank, a rank above the file's size in bytes, or an empty file.
RankTable load_tiktoken_ranks(std::string_view file_bytes);

}  // namespace tokenlab
