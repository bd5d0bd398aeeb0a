// The eight tokenizers tokenlab ships, loaded once for the fuzz targets that
// encode and decode with each of them, from $TOKENLAB_VOCAB_DIR (else the
// web/dist/vocab folder the build fills).
//
//   const auto& all = shipped_tokenizers();    // r50k_base, ..., bert-base-uncased
//   Tokenizer& pick = *all[byte % all.size()].tokenizer;
//
// A missing file aborts with its path: a fuzz run that silently covered fewer
// tokenizers would report a clean result it did not earn.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "tokenizer/tokenizer.h"

namespace tokenlab::fuzz {

struct ShippedTokenizer {
  std::unique_ptr<Tokenizer> tokenizer;
  // Byte-level BPE: every byte string encodes and decodes back exactly
  // (the four tiktoken encodings and LLaMA 3).
  bool byte_level;
};

const std::vector<ShippedTokenizer>& shipped_tokenizers();

// A fresh instance of one shipped tokenizer.json model ("llama3"), for a
// target that needs its own (two of them set differently).
std::unique_ptr<Tokenizer> load_shipped_json(std::string_view name);

}  // namespace tokenlab::fuzz
