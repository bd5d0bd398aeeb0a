// Fuzzes decoding arbitrary ids, out-of-range ones included, with each of the
// eight shipped tokenizers.
//
// Input: byte 0 picks the tokenizer; then each 4 bytes are one id (little
// endian): with the top bit set the raw value (almost always out of range),
// otherwise the value modulo vocab_size + 8 (mostly in range, a few just
// past the end). Decoding succeeds when every id names a token and throws
// UsageError when one is out of range; tiktoken decodes to the token bytes
// joined; byte-level tokenizers re-encode the decoded bytes into ids that
// decode to the same bytes.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "property.h"
#include "shipped_tokenizers.h"
#include "tokenizer/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& tokenizers = tokenlab::fuzz::shipped_tokenizers();
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::size_t pick = input.take_byte() % tokenizers.size();
  const auto& [tokenizer, byte_level] = tokenizers[pick];
  const bool tiktoken = pick < 4;

  std::vector<tokenlab::TokenId> ids;
  bool all_tokens = true;
  bool any_out_of_range = false;
  std::string joined;
  while (input.rest().size() >= 4) {
    const std::string_view word = input.take(4);
    std::uint32_t value = 0;
    for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<std::uint8_t>(word[static_cast<std::size_t>(i)]);
    const tokenlab::TokenId id = (value >> 31) != 0 ? value : value % (tokenizer->vocab_size() + 8);
    ids.push_back(id);
    const std::string_view bytes = tokenizer->token_bytes(id);
    all_tokens = all_tokens && !bytes.empty();
    any_out_of_range = any_out_of_range || id >= tokenizer->vocab_size();
    joined += bytes;
  }

  std::string decoded;
  try {
    decoded = tokenizer->decode(ids);
  } catch (const tokenlab::UsageError&) {
    FUZZ_CHECK(!all_tokens, "decode refused ids that all name tokens");
    return 0;
  }
  FUZZ_CHECK(!any_out_of_range, "decode accepted an id outside the vocabulary");
  if (tiktoken) FUZZ_CHECK(decoded == joined, "decode differs from the token bytes joined");
  if (byte_level) {
    const tokenlab::EncodeOptions options{.allow_special = true, .add_special_tokens = false};
    FUZZ_CHECK(tokenizer->decode(tokenizer->encode(decoded, options).ids) == decoded,
               "decode(encode(decode(ids))) != decode(ids)");
  }
  return 0;
}
