// Parsers for the pipeline components of a tokenizer.json (normalizer,
// pre_tokenizer, post_processor, decoder), shared by tokenizer_json.cpp.
// Each takes the component's JSON value (null for none) and throws UsageError
// naming an unsupported component and listing the supported ones.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "tokenizer/hf/decoder.h"
#include "tokenizer/hf/pre_tokenizer.h"
#include "tokenizer/hf/normalizer.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab::tokenizer_json {

using Json = nlohmann::json;

// A field of an object, or fallback when it is absent or null.
template <class T>
T field_or(const Json& object, const char* key, T fallback) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return fallback;
  return found->get<T>();
}

std::unique_ptr<Normalizer> parse_normalizer(const Json& config);
HfPreTokenizer parse_pre_tokenizer(const Json& config);
HfDecoder parse_decoder(const Json& config);

// The ids the post-processor puts before and after a single sequence.
// token_id looks a token up by its text (kNoRank when unknown).
struct PostProcessorIds {
  std::vector<TokenId> prefix;
  std::vector<TokenId> suffix;
};
PostProcessorIds parse_post_processor(const Json& config, const std::function<TokenId(const std::string&)>& token_id);

}  // namespace tokenlab::tokenizer_json
