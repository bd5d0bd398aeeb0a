// Exports a trained byte-level BPE vocabulary in the two formats other tools
// load: Hugging Face's tokenizer.json and tiktoken's rank file.
//
//   merges (a,a)->256, (a,b)->257 ->
//     tokenizer.json model: {"type": "BPE", "vocab": {..., "aa": 256, "ab": 257}, "merges": ["a a", "a b"]}
//     tiktoken: "... YWE= 256\nYWI= 257\n"  (base64 of the token bytes, space, rank)
//
// tokenizer.json spells token bytes in GPT-2's byte-level alphabet (byte_level.h)
// and splits text the way training did: a Split pre-tokenizer with the pattern's
// regular expression (WhitespaceSplit for kWhitespace, nothing for kNone), then
// ByteLevel without its own regex. Special tokens are added_tokens only, as in
// LLaMA 3's file, so their text never collides with a byte-level vocab key.
// The tiktoken file lists ids 0 .. tokens-1; tiktoken keeps special tokens apart.
#pragma once

#include <string>
#include <string_view>

#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/pretokenize/pretokenizer.h"

namespace tokenlab {

// Throws UsageError when a special token is not valid UTF-8 (JSON cannot hold it).
std::string write_tokenizer_json(const BpeResult& result);

std::string write_tiktoken_ranks(const BpeResult& result);

}  // namespace tokenlab
