#include "tokenizer/bpe/tiktoken_encodings.h"

#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_io.h"

namespace tokenlab {

const std::vector<TiktokenEncodingSpec>& tiktoken_encodings() {
  static const std::vector<TiktokenEncodingSpec> kEncodings = {
      {"r50k_base", "GPT-2", SplitPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"p50k_base", "GPT-3", SplitPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"cl100k_base",
       "GPT-4",
       SplitPattern::kCl100k,
       {{"<|endoftext|>", 100257},
        {"<|fim_prefix|>", 100258},
        {"<|fim_middle|>", 100259},
        {"<|fim_suffix|>", 100260},
        {"<|endofprompt|>", 100276}}},
      {"o200k_base", "GPT-4o", SplitPattern::kO200k, {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}}},
  };
  return kEncodings;
}

const TiktokenEncodingSpec& tiktoken_encoding(std::string_view name) {
  std::string known;
  for (const auto& spec : tiktoken_encodings()) {
    if (spec.name == name) return spec;
    known += known.empty() ? "" : ", ";
    known += spec.name;
  }
  throw UsageError("unknown tokenizer \"" + std::string(name) + "\"; known: " + known);
}

std::unique_ptr<ByteLevelBpeTokenizer> make_tiktoken_tokenizer(std::string_view name, std::string_view rank_file) {
  const TiktokenEncodingSpec& spec = tiktoken_encoding(name);
  RankTable ranks = load_tiktoken_ranks(rank_file);
  SpecialTokens specials;
  for (const auto& [text, id] : spec.specials) specials.add(std::string(text), id);
  return std::make_unique<ByteLevelBpeTokenizer>(std::string(spec.name), spec.pattern, std::move(ranks),
                                                 std::move(specials));
}

std::unique_ptr<ByteLevelBpeTokenizer> make_custom_tiktoken_tokenizer(std::string name, SplitPattern pattern,
                                                                      std::string_view rank_file) {
  return std::make_unique<ByteLevelBpeTokenizer>(std::move(name), pattern, load_tiktoken_ranks(rank_file),
                                                 SpecialTokens{});
}

}  // namespace tokenlab
