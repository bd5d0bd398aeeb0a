// Fuzzes the BPE trainer on arbitrary corpora and settings, and the two
// formats it exports.
//
// Input: byte 0 -> merges wanted (0..63), byte 1 -> split pattern (bits 0-2),
// min_frequency (bits 3-4) and train() or step() (bit 5), byte 2 -> special
// tokens (0..2, each 1..8 bytes taken next), byte 3 -> chunk size (1..64);
// the rest is the corpus, fed in chunks of that size.
//
// Checks: the merges equal those of the plain reference trainer
// (tests/tokenizer/train/bpe_trainer_reference.h), whatever the chunking; each merge
// makes the next id from two earlier tokens, with bytes no token had, and
// counts never rise; the vocabulary stops at the requested size. Exported as
// a tiktoken rank file and as tokenizer.json, the vocabulary loads again and
// both encode the corpus back to its exact bytes (except with the whitespace
// pattern, which drops whitespace), with ids inside the vocabulary.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "../tokenizer/train/bpe_trainer_reference.h"
#include "encoding_checks.h"
#include "property.h"
#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_encodings.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/train/tokenizer_json_writer.h"
#include "tokenizer/unicode/utf8.h"

namespace {

using tokenlab::fuzz::check_encoding;

constexpr tokenlab::SplitPattern kPatterns[] = {tokenlab::SplitPattern::kGpt2, tokenlab::SplitPattern::kCl100k,
                                                tokenlab::SplitPattern::kO200k, tokenlab::SplitPattern::kWhitespace,
                                                tokenlab::SplitPattern::kNone};

void check_merges(const tokenlab::BpeResult& result, const tokenlab::BpeTrainerOptions& options) {
  const std::size_t merges_wanted = options.vocab_size - tokenlab::kByteTokenCount - options.special_tokens.size();
  FUZZ_CHECK(result.merges.size() <= merges_wanted, "more merges than the vocabulary size allows");
  if (result.stop_reason == tokenlab::StopReason::kVocabularyFull) {
    FUZZ_CHECK(result.merges.size() == merges_wanted, "stopped as full before the vocabulary size");
  }
  FUZZ_CHECK(result.tokens.size() == tokenlab::kByteTokenCount + result.merges.size(), "token count");
  std::unordered_set<std::string> distinct(result.tokens.begin(), result.tokens.end());
  FUZZ_CHECK(distinct.size() == result.tokens.size(), "two ids with the same bytes");
  for (std::size_t i = 0; i < result.merges.size(); ++i) {
    const tokenlab::BpeMerge& merge = result.merges[i];
    FUZZ_CHECK(merge.id == tokenlab::kByteTokenCount + i, "merge ids are not consecutive");
    FUZZ_CHECK(merge.left < merge.id && merge.right < merge.id, "a merge of a later token");
    FUZZ_CHECK(result.tokens[merge.id] == result.tokens[merge.left] + result.tokens[merge.right],
               "a token's bytes are not its pair's bytes");
    FUZZ_CHECK(merge.count >= std::max<std::uint64_t>(options.min_frequency, 1), "a merge below min_frequency");
    if (i > 0) FUZZ_CHECK(merge.count <= result.merges[i - 1].count, "a merge counted more than the one before");
  }
}

void check_exports(const tokenlab::BpeResult& result, std::string_view corpus) {
  const bool round_trip = result.pretokenizer != tokenlab::SplitPattern::kWhitespace;
  const auto tiktoken = tokenlab::make_custom_tiktoken_tokenizer("trained", result.pretokenizer,
                                                                 tokenlab::write_tiktoken_ranks(result));
  FUZZ_CHECK(tiktoken->vocab_size() == result.tokens.size(), "the rank file's vocabulary size");
  check_encoding(*tiktoken, corpus, tiktoken->encode(corpus), round_trip);

  const bool json_can_hold = std::all_of(result.special_tokens.begin(), result.special_tokens.end(),
                                         [](const std::string& special) { return tokenlab::utf8::is_valid(special); });
  if (!json_can_hold) return;
  const auto json = tokenlab::load_tokenizer_json("trained", tokenlab::write_tokenizer_json(result));
  FUZZ_CHECK(json->vocab_size() == result.vocab_size(), "the tokenizer.json vocabulary size");
  check_encoding(*json, corpus, json->encode(corpus), round_trip);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tokenlab::fuzz::FuzzInput input(data, size);
  const std::size_t merges_wanted = input.take_byte() % 64;
  const std::uint8_t settings = input.take_byte();
  tokenlab::BpeTrainerOptions options;
  options.pretokenizer = kPatterns[(settings & 7) % std::size(kPatterns)];
  options.min_frequency = (settings >> 3) & 3;
  const bool stepwise = (settings & 0x20) != 0;
  const std::size_t special_count = input.take_byte() % 3;
  for (std::size_t i = 0; i < special_count; ++i) {
    options.special_tokens.emplace_back(input.take(1 + input.take_byte() % 8));
  }
  options.vocab_size = tokenlab::kByteTokenCount + options.special_tokens.size() + merges_wanted;
  const std::size_t chunk_size = 1 + input.take_byte() % 64;
  const std::string_view corpus = input.rest();

  std::unique_ptr<tokenlab::BpeTrainer> trainer;
  try {
    trainer = std::make_unique<tokenlab::BpeTrainer>(options);
  } catch (const tokenlab::UsageError&) {
    return 0;  // an empty or repeated special token
  }
  for (std::size_t pos = 0; pos < corpus.size(); pos += chunk_size) trainer->add_text(corpus.substr(pos, chunk_size));
  tokenlab::BpeResult result;
  if (stepwise) {
    while (trainer->step(1 + corpus.size() % 3) > 0) {
      const auto pairs = trainer->top_pairs(4);
      for (std::size_t i = 1; i < pairs.size(); ++i) {
        FUZZ_CHECK(pairs[i - 1].count >= pairs[i].count, "top_pairs out of order");
      }
      (void)trainer->segmentation(8);
    }
    result = trainer->result();
  } else {
    result = trainer->train();
  }

  check_merges(result, options);
  const auto expected = tokenlab::reference::train(corpus, options.pretokenizer, options.vocab_size,
                                                   options.min_frequency, options.special_tokens);
  FUZZ_CHECK(tokenlab::reference::joined(result.merges) == tokenlab::reference::joined(expected),
             "the merges differ from the reference trainer's");
  check_exports(result, corpus);
  return 0;
}
