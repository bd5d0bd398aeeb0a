// Differential fuzzing of the byte-level encoder: for any bytes and each
// shipped tiktoken-style tokenizer, the encoder (whole-piece lookup, piece
// cache, the id-pair merge loop of fast_merge.h) gives exactly the ids,
// starts and ends of the reference: the same pre-tokenizer, then
// byte_pair_encode_ref on each piece.
//
// Input: byte 0 picks the tokenizer among the shipped byte-level BPE ones;
// the rest is the text, any bytes. The text is encoded twice, so the second
// pass reads the pieces the first one put in the cache.
#include <cstdint>
#include <string_view>
#include <vector>

#include "property.h"
#include "shipped_tokenizers.h"
#include "tokenizer/bpe/byte_level_bpe.h"
#include "tokenizer/bpe/rank_merge.h"

namespace {

std::vector<tokenlab::ByteLevelBpeTokenizer*> byte_level_tokenizers() {
  std::vector<tokenlab::ByteLevelBpeTokenizer*> found;
  for (const auto& shipped : tokenlab::fuzz::shipped_tokenizers()) {
    if (auto* bpe = dynamic_cast<tokenlab::ByteLevelBpeTokenizer*>(shipped.tokenizer.get())) found.push_back(bpe);
  }
  FUZZ_CHECK(found.size() >= 4, "the four tiktoken encodings are byte-level BPE tokenizers");
  return found;
}

tokenlab::Encoding reference_encoding(const tokenlab::ByteLevelBpeTokenizer& tokenizer, std::string_view text) {
  tokenlab::Encoding expected;
  std::vector<tokenlab::ByteSpan> pieces;
  tokenlab::pre_tokenize(tokenizer.pattern(), text, pieces);
  std::vector<tokenlab::Rank> ranks;
  std::vector<std::uint32_t> starts;
  for (const tokenlab::ByteSpan span : pieces) {
    ranks.clear();
    starts.clear();
    tokenlab::byte_pair_encode_ref(text.substr(span.begin, span.end - span.begin), tokenizer.ranks(), ranks, &starts);
    for (std::size_t i = 0; i < ranks.size(); ++i) {
      expected.ids.push_back(ranks[i]);
      expected.starts.push_back(span.begin + starts[i]);
      expected.ends.push_back(i + 1 < ranks.size() ? span.begin + starts[i + 1] : span.end);
    }
  }
  return expected;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<tokenlab::ByteLevelBpeTokenizer*> tokenizers = byte_level_tokenizers();
  tokenlab::fuzz::FuzzInput input(data, size);
  tokenlab::ByteLevelBpeTokenizer& tokenizer = *tokenizers[input.take_byte() % tokenizers.size()];
  const std::string_view text = input.rest();

  const tokenlab::Encoding expected = reference_encoding(tokenizer, text);
  for (int pass = 0; pass < 2; ++pass) {
    const tokenlab::Encoding got = tokenizer.encode(text, tokenlab::EncodeOptions{});
    FUZZ_CHECK(got.ids == expected.ids, "ids differ from byte_pair_encode_ref");
    FUZZ_CHECK(got.starts == expected.starts, "starts differ from byte_pair_encode_ref");
    FUZZ_CHECK(got.ends == expected.ends, "ends differ from byte_pair_encode_ref");
  }
  return 0;
}
