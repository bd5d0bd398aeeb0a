// The result of encoding: struct-of-arrays, so the whole thing crosses to
// JavaScript as three typed arrays. starts/ends are UTF-8 byte offsets into the
// encoded text; a token may end in the middle of a multi-byte character.
//
//   cl100k "Hi!" -> ids [13347, 0], starts [0, 2], ends [2, 3]
#pragma once

#include <cstdint>
#include <vector>

#include "tokenizer/token_id.h"

namespace tokenlab {

struct Encoding {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> ends;

  void clear() {
    ids.clear();
    starts.clear();
    ends.clear();
  }
  std::size_t size() const { return ids.size(); }
};

struct EncodeOptions {
  // Text spelling a special token ("<|endoftext|>") becomes its id only when
  // true; otherwise it is encoded as ordinary text, like tiktoken's encode_ordinary.
  bool allow_special = false;
  // Tokens the tokenizer's post-processor adds around the text (LLaMA's BOS
  // <s>, BERT's [CLS] ... [SEP]) are added when true, the references' default.
  // Tokenizers without a post-processor (the tiktoken ones) add none either way.
  bool add_special_tokens = true;
};

}  // namespace tokenlab
