// Fuzzes encoding arbitrary bytes with each of the eight shipped tokenizers.
//
// Input: byte 0 picks the tokenizer (shipped_tokenizers() order), byte 1 the
// options (bit 0 allow_special, bit 1 add_special_tokens); the rest is the
// text, any bytes, valid UTF-8 or not. Every encoding has ids inside the
// vocabulary and spans inside the text; byte-level tokenizers decode it back
// to the exact bytes (without the post-processor's added tokens, which take no
// text); encoding the same text again (now from the piece cache) gives the
// same ids.
#include <cstdint>
#include <string_view>

#include "encoding_checks.h"
#include "property.h"
#include "shipped_tokenizers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& tokenizers = tokenlab::fuzz::shipped_tokenizers();
  tokenlab::fuzz::FuzzInput input(data, size);
  const auto& [tokenizer, byte_level] = tokenizers[input.take_byte() % tokenizers.size()];
  const std::uint8_t flags = input.take_byte();
  const tokenlab::EncodeOptions options{.allow_special = (flags & 1) != 0, .add_special_tokens = (flags & 2) != 0};
  const std::string_view text = input.rest();

  const tokenlab::Encoding first = tokenizer->encode(text, options);
  tokenlab::fuzz::check_encoding(*tokenizer, text, first, byte_level && !options.add_special_tokens);
  const tokenlab::Encoding again = tokenizer->encode(text, options);
  FUZZ_CHECK(again.ids == first.ids && again.starts == first.starts && again.ends == first.ends,
             "encoding the same text twice differs");
  return 0;
}
