// Fuzzes the fused paths of the Hugging Face pipelines (hf/tokenizer_fused.cpp)
// against the general pipeline they stand in for, on arbitrary bytes.
//
// Input: byte 0 picks the tokenizer (shipped_tokenizers() order; those that are
// not Hugging Face pipelines take the next one that is), byte 1 the options
// (bit 0 allow_special, bit 1 add_special_tokens); the rest is the text, any
// bytes. With the fused paths on and off the ids, starts and ends are the same.
#include <cstdint>
#include <string_view>

#include "property.h"
#include "shipped_tokenizers.h"
#include "tokenizer/hf/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& tokenizers = tokenlab::fuzz::shipped_tokenizers();
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::size_t pick = input.take_byte();
  tokenlab::HfTokenizer* tokenizer = nullptr;
  for (std::size_t i = 0; i < tokenizers.size() && !tokenizer; ++i) {
    tokenizer = dynamic_cast<tokenlab::HfTokenizer*>(tokenizers[(pick + i) % tokenizers.size()].tokenizer.get());
  }
  FUZZ_CHECK(tokenizer != nullptr, "no Hugging Face pipeline among the shipped tokenizers");
  const std::uint8_t flags = input.take_byte();
  const tokenlab::EncodeOptions options{.allow_special = (flags & 1) != 0, .add_special_tokens = (flags & 2) != 0};
  const std::string_view text = input.rest();

  tokenizer->set_fused_paths(false);
  const tokenlab::Encoding general = tokenizer->encode(text, options);
  tokenizer->set_fused_paths(true);
  const tokenlab::Encoding fused = tokenizer->encode(text, options);
  FUZZ_CHECK(fused.ids == general.ids, "the fused path gives other ids than the general pipeline");
  FUZZ_CHECK(fused.starts == general.starts && fused.ends == general.ends,
             "the fused path gives other offsets than the general pipeline");
  return 0;
}
