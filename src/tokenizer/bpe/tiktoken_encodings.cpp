#include "tokenizer/bpe/tiktoken_encodings.h"

#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_io.h"

namespace tokenlab {

namespace {

// o200k_harmony as tiktoken defines it: the harmony format's tokens among
// reserved ones, every id from 199,998 to 201,087 taken. <|endofprompt|> keeps
// o200k_base's id 200,018, which <|reserved_200018|> names too (decoding it
// gives <|endofprompt|>, the first name).
std::vector<std::pair<std::string, TokenId>> harmony_specials() {
  std::vector<std::pair<std::string, TokenId>> specials = {
      {"<|startoftext|>", 199998}, {"<|endoftext|>", 199999}, {"<|return|>", 200002}, {"<|constrain|>", 200003},
      {"<|channel|>", 200005},     {"<|start|>", 200006},     {"<|end|>", 200007},    {"<|message|>", 200008},
      {"<|call|>", 200012},        {"<|endofprompt|>", 200018},
  };
  for (TokenId id = 200000; id < 201088; ++id) {
    const bool named = id == 200002 || id == 200003 || id == 200005 || id == 200006 || id == 200007 ||
                       id == 200008 || id == 200012;
    if (!named) specials.emplace_back("<|reserved_" + std::to_string(id) + "|>", id);
  }
  return specials;
}

}  // namespace

const std::vector<TiktokenEncodingSpec>& tiktoken_encodings() {
  static const std::vector<TiktokenEncodingSpec> kEncodings = {
      {"r50k_base", "GPT-2", "r50k_base", SplitPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"p50k_base", "GPT-3", "p50k_base", SplitPattern::kGpt2, {{"<|endoftext|>", 50256}}},
      {"cl100k_base",
       "GPT-4",
       "cl100k_base",
       SplitPattern::kCl100k,
       {{"<|endoftext|>", 100257},
        {"<|fim_prefix|>", 100258},
        {"<|fim_middle|>", 100259},
        {"<|fim_suffix|>", 100260},
        {"<|endofprompt|>", 100276}}},
      {"o200k_base", "GPT-4o", "o200k_base", SplitPattern::kO200k, {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}}},
      {"o200k_harmony", "GPT-OSS", "o200k_base", SplitPattern::kO200k, harmony_specials()},
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
  for (const auto& [text, id] : spec.specials) specials.add(text, id);
  return std::make_unique<ByteLevelBpeTokenizer>(std::string(spec.name), spec.pattern, std::move(ranks),
                                                 std::move(specials));
}

std::unique_ptr<ByteLevelBpeTokenizer> make_custom_tiktoken_tokenizer(std::string name, SplitPattern pattern,
                                                                      std::string_view rank_file) {
  return std::make_unique<ByteLevelBpeTokenizer>(std::move(name), pattern, load_tiktoken_ranks(rank_file),
                                                 SpecialTokens{});
}

}  // namespace tokenlab
