#include "tokenizer/train/tokenizer_json_writer.h"

#include <nlohmann/json.hpp>

#include "tokenizer/bpe/base64.h"
#include "tokenizer/bpe/byte_level.h"
#include "tokenizer/errors.h"
#include "tokenizer/unicode/utf8.h"

namespace tokenlab {

namespace {

using Json = nlohmann::ordered_json;  // keeps the vocabulary in id order

Json byte_level_step() {
  return Json{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", true}, {"use_regex", false}};
}

Json pre_tokenizer(SplitPattern pattern) {
  if (pattern == SplitPattern::kNone) return byte_level_step();
  Json split;
  if (pattern == SplitPattern::kWhitespace) {
    split = Json{{"type", "WhitespaceSplit"}};
  } else {
    split = Json{{"type", "Split"},
                 {"pattern", Json{{"Regex", std::string(split_pattern_regex(pattern))}}},
                 {"behavior", "Isolated"},
                 {"invert", false}};
  }
  return Json{{"type", "Sequence"}, {"pretokenizers", Json::array({split, byte_level_step()})}};
}

}  // namespace

std::string write_tokenizer_json(const BpeResult& result) {
  Json added_tokens = Json::array();
  for (std::size_t i = 0; i < result.special_tokens.size(); ++i) {
    const std::string& special = result.special_tokens[i];
    if (!utf8::is_valid(special)) {
      throw UsageError("special token " + std::to_string(result.tokens.size() + i) +
                       " is not valid UTF-8, which tokenizer.json cannot hold");
    }
    added_tokens.push_back(Json{{"id", result.tokens.size() + i},
                                {"content", special},
                                {"single_word", false},
                                {"lstrip", false},
                                {"rstrip", false},
                                {"normalized", false},
                                {"special", true}});
  }

  // ordered_json looks keys up by linear search, so inserting n keys one by one
  // costs O(n^2); token bytes are distinct, so append to the underlying vector.
  Json vocab = Json::object();
  auto& entries = static_cast<Json::object_t::Container&>(vocab.get_ref<Json::object_t&>());
  entries.reserve(result.tokens.size());
  for (std::size_t id = 0; id < result.tokens.size(); ++id) {
    entries.emplace_back(byte_level::to_byte_level(result.tokens[id]), id);
  }
  // Byte-level spellings hold no spaces (' ' is written 'Ġ'), so "left right" is unambiguous.
  Json merges = Json::array();
  for (const BpeMerge& merge : result.merges) {
    merges.push_back(byte_level::to_byte_level(result.tokens[merge.left]) + " " +
                     byte_level::to_byte_level(result.tokens[merge.right]));
  }

  Json model{{"type", "BPE"},
             {"dropout", nullptr},
             {"unk_token", nullptr},
             {"continuing_subword_prefix", nullptr},
             {"end_of_word_suffix", nullptr},
             {"fuse_unk", false},
             {"byte_fallback", false},
             {"vocab", std::move(vocab)},
             {"merges", std::move(merges)}};
  Json tokenizer{{"version", "1.0"},
                 {"truncation", nullptr},
                 {"padding", nullptr},
                 {"added_tokens", std::move(added_tokens)},
                 {"normalizer", nullptr},
                 {"pre_tokenizer", pre_tokenizer(result.pretokenizer)},
                 {"post_processor", nullptr},
                 {"decoder", Json{{"type", "ByteLevel"},
                                  {"add_prefix_space", true},
                                  {"trim_offsets", true},
                                  {"use_regex", true}}},
                 {"model", std::move(model)}};
  return tokenizer.dump(2) + "\n";
}

std::string write_tiktoken_ranks(const BpeResult& result) {
  std::string out;
  out.reserve(result.tokens.size() * 16);
  for (std::size_t id = 0; id < result.tokens.size(); ++id) {
    out += base64::encode(result.tokens[id]);
    out += ' ';
    out += std::to_string(id);
    out += '\n';
  }
  return out;
}

}  // namespace tokenlab
