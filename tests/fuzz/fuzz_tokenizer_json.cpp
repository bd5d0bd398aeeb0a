// Fuzzes the tokenizer.json loader (load_tokenizer_json) and the Hugging Face
// pipelines it builds.
//
// Input: the whole tokenizer.json. A file that loads must encode a fixed sample
// and its own bytes, with every option, into ids inside the vocabulary that
// name tokens, and decode them; every id decodes alone, or is refused with a
// UsageError.
#include <cstdint>
#include <string_view>

#include "encoding_checks.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/tokenizer_json.h"

namespace {

constexpr std::string_view kSample = "Hello world's  end <s>[CLS] 12345 Caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD \xF0\x9F\x98\x80\xFF\t\n";
constexpr tokenlab::TokenId kMaxIdsDecodedAlone = 2048;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  std::unique_ptr<tokenlab::HfTokenizer> tokenizer;
  try {
    tokenizer = tokenlab::load_tokenizer_json("fuzz", file);
  } catch (const tokenlab::VocabError&) {
    return 0;
  } catch (const tokenlab::UsageError&) {
    return 0;  // an unsupported component
  }
  const std::string_view own = file.substr(0, 2048);
  for (const bool allow_special : {false, true}) {
    for (const bool add_special_tokens : {false, true}) {
      const tokenlab::EncodeOptions options{.allow_special = allow_special, .add_special_tokens = add_special_tokens};
      tokenlab::fuzz::check_encoding(*tokenizer, kSample, tokenizer->encode(kSample, options), false);
      tokenlab::fuzz::check_encoding(*tokenizer, own, tokenizer->encode(own, options), false);
    }
  }
  const auto limit = static_cast<tokenlab::TokenId>(std::min<std::size_t>(tokenizer->vocab_size(), kMaxIdsDecodedAlone));
  for (tokenlab::TokenId id = 0; id < limit; ++id) {
    try {
      (void)tokenizer->decode(std::span<const tokenlab::TokenId>(&id, 1));
    } catch (const tokenlab::UsageError&) {
      FUZZ_CHECK(tokenizer->token_bytes(id).empty(), "an id with token bytes does not decode");
    }
  }
  return 0;
}
