// Fuzzes the tiktoken rank file loader (load_tiktoken_ranks) and the
// tokenizers built on it.
//
// Input: byte 0 picks the encoding (one of the four shipped ones, with their
// special tokens, or a custom file with one of the split patterns); the rest
// is the rank file. A file that loads must map every rank to bytes and back,
// and encode both a fixed sample and its own bytes with ids inside the
// vocabulary and an exact round trip.
#include <cstdint>
#include <string_view>

#include "encoding_checks.h"
#include "property.h"
#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_encodings.h"
#include "tokenizer/bpe/tiktoken_io.h"

namespace {

using tokenlab::fuzz::check_encoding;

constexpr std::string_view kSample = "Hello world's  end<|endoftext|> 12345 caf\xC3\xA9 \xF0\x9F\x98\x80\xFF\n\n";
constexpr tokenlab::SplitPattern kPatterns[] = {tokenlab::SplitPattern::kGpt2, tokenlab::SplitPattern::kCl100k,
                                                tokenlab::SplitPattern::kO200k, tokenlab::SplitPattern::kNone};

void check_ranks(const tokenlab::RankTable& ranks) {
  std::size_t present = 0;
  for (tokenlab::Rank rank = 0; rank < ranks.rank_limit(); ++rank) {
    if (!ranks.contains_rank(rank)) continue;
    ++present;
    FUZZ_CHECK(ranks.find(ranks.bytes_of(rank)) == rank, "rank -> bytes -> rank differs");
  }
  FUZZ_CHECK(present == ranks.size(), "rank count differs from the ranks present");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::uint8_t choice = input.take_byte();
  const std::string_view file = input.rest();
  try {
    check_ranks(tokenlab::load_tiktoken_ranks(file));
  } catch (const tokenlab::VocabError&) {
    return 0;
  }
  std::unique_ptr<tokenlab::ByteLevelBpeTokenizer> tokenizer;
  try {
    const auto& encodings = tokenlab::tiktoken_encodings();
    const std::size_t pick = choice % (encodings.size() + std::size(kPatterns));
    tokenizer = pick < encodings.size()
                    ? tokenlab::make_tiktoken_tokenizer(encodings[pick].name, file)
                    : tokenlab::make_custom_tiktoken_tokenizer("custom", kPatterns[pick - encodings.size()], file);
  } catch (const tokenlab::VocabError&) {
    return 0;  // a rank that collides with a special token's id
  }
  for (const bool allow_special : {false, true}) {
    const tokenlab::EncodeOptions options{.allow_special = allow_special};
    check_encoding(*tokenizer, kSample, tokenizer->encode(kSample, options), true);
    const std::string_view own = file.substr(0, 4096);
    check_encoding(*tokenizer, own, tokenizer->encode(own, options), true);
  }
  return 0;
}
