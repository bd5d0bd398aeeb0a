#include "shipped_tokenizers.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "tokenizer/bpe/tiktoken_encodings.h"
#include "tokenizer/hf/tokenizer_json.h"

namespace tokenlab::fuzz {

namespace {

std::string read_vocabulary_file(std::string_view file_name) {
  const char* env = std::getenv("TOKENLAB_VOCAB_DIR");
  const std::string path = std::string(env && *env ? env : TOKENLAB_DEFAULT_VOCAB_DIR) + "/" + std::string(file_name);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "cannot read %s: build the vocabularies (build-scripts/run) or set TOKENLAB_VOCAB_DIR\n",
                 path.c_str());
    std::abort();
  }
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::vector<ShippedTokenizer> load_all() {
  std::vector<ShippedTokenizer> all;
  for (const std::string_view name : {"r50k_base", "p50k_base", "cl100k_base", "o200k_base"}) {
    const std::string bytes = read_vocabulary_file(std::string(name) + ".tiktoken");
    all.push_back({make_tiktoken_tokenizer(name, bytes), true});
  }
  struct HfModel {
    std::string_view name;
    bool byte_level;
  };
  for (const HfModel model : {HfModel{"llama2", false}, HfModel{"llama3", true}, HfModel{"mistral", false},
                              HfModel{"bert-base-uncased", false}}) {
    all.push_back({load_shipped_json(model.name), model.byte_level});
  }
  return all;
}

}  // namespace

std::unique_ptr<Tokenizer> load_shipped_json(std::string_view name) {
  return load_tokenizer_json(std::string(name), read_vocabulary_file(std::string(name) + ".json"));
}

const std::vector<ShippedTokenizer>& shipped_tokenizers() {
  static const std::vector<ShippedTokenizer> all = load_all();
  return all;
}

}  // namespace tokenlab::fuzz
