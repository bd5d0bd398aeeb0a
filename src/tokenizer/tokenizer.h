// Tokenizer: the pipeline every model shares, normalize -> pre-tokenize ->
// model -> post-process on the way in, and ids -> bytes on the way out.
//
//   auto gpt4 = make_tiktoken_tokenizer("cl100k_base", file_bytes);
//   gpt4->encode("Hello world", {}) -> ids [9906, 1917]; gpt4->decode(ids) == "Hello world"
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "tokenizer/encoding.h"

namespace tokenlab {

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // Appends the encoding of text to out (out is cleared first).
  virtual void encode(std::string_view text, const EncodeOptions& options, Encoding& out) = 0;
  Encoding encode(std::string_view text, const EncodeOptions& options = {}) {
    Encoding out;
    encode(text, options, out);
    return out;
  }
  // Exact bytes of the ids; throws UsageError naming the first id out of range.
  virtual std::string decode(std::span<const TokenId> ids) const = 0;

  // One past the largest id (the size of the model's embedding table).
  virtual std::size_t vocab_size() const = 0;
  // Bytes a token stands for; empty for an id that is not a token.
  virtual std::string_view token_bytes(TokenId id) const = 0;
  virtual bool is_special(TokenId id) const = 0;
  virtual std::string_view name() const = 0;
  // Approximate memory held by the vocabulary and caches.
  virtual std::size_t memory_bytes() const = 0;
};

}  // namespace tokenlab
