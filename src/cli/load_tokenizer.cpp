#include "cli/load_tokenizer.h"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>

#include "cli/gzip_file.h"
#include "tokenizer/errors.h"
#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/bpe/tiktoken_encodings.h"
#include "tokenizer/hf/sentencepiece_file.h"
#include "tokenizer/hf/tokenizer_json.h"

namespace tokenlab::cli {

namespace {

// The Hugging Face tokenizers build-scripts/extract-vocabularies.mjs writes.
struct HfModelFile {
  std::string_view name;
  std::string_view file;
};
constexpr HfModelFile kHfModels[] = {
    {"llama2", "llama2.json"},
    {"llama3", "llama3.json"},
    {"mistral", "mistral.json"},
    {"bert-base-uncased", "bert-base-uncased.json"},
    {"qwen3", "qwen3.json.gz"},
    {"deepseek-v3", "deepseek-v3.json.gz"},
    {"gemma3", "gemma3.json.gz"},
    {"gpt-oss", "gpt-oss.json.gz"},
    {"llama3.1", "llama3.1.json.gz"},
};

std::string read_file(const std::string& path, const std::string& what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read " + what + " " + path + " (run build-scripts/run or pass --vocab-dir)");
  std::string bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>{});
  return path.ends_with(".gz") ? gunzip(bytes, what + " " + path) : bytes;
}

std::string known_names() {
  std::string names;
  for (const auto& spec : tiktoken_encodings()) names += std::string(names.empty() ? "" : ", ") + std::string(spec.name);
  for (const auto& model : kHfModels) names += ", " + std::string(model.name);
  return names;
}

bool looks_like_json(std::string_view bytes) {
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '{';
}

std::unique_ptr<Tokenizer> load_file(const ParsedArgs& args, const std::string& path) {
  const std::string bytes = read_file(path, "tokenizer file");
  std::string stem = path.substr(path.find_last_of('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  if (looks_like_json(bytes)) return load_tokenizer_json(stem, bytes);
  if (looks_like_sentencepiece_model(bytes) || path.ends_with(".model")) return load_sentencepiece_model(stem, bytes);
  if (const auto pattern = args.get("pattern")) {
    return make_custom_tiktoken_tokenizer(stem, split_pattern_from_name(*pattern), bytes);
  }
  for (const auto& spec : tiktoken_encodings()) {
    if (spec.name == stem) return make_tiktoken_tokenizer(spec.name, bytes);
  }
  throw UsageError("tiktoken file " + path + ": its name is not a known encoding; pass --pattern NAME "
                   "(gpt2, cl100k, o200k, ...)");
}

}  // namespace

void add_tokenizer_options(ArgSpec& spec) {
  spec.value_options.insert({"tokenizer", "tokenizer-file", "pattern", "vocab-dir"});
}

std::string vocab_dir(const ParsedArgs& args) {
  if (const auto dir = args.get("vocab-dir")) return *dir;
  if (const char* env = std::getenv("TOKENLAB_VOCAB_DIR"); env && *env) return env;
  return TOKENLAB_DEFAULT_VOCAB_DIR;
}

std::unique_ptr<Tokenizer> load_tokenizer(const ParsedArgs& args) {
  const auto file = args.get("tokenizer-file");
  const auto name = args.get("tokenizer");
  if (file && name) throw UsageError("give either --tokenizer or --tokenizer-file, not both");
  if (file) return load_file(args, *file);
  if (!name) throw UsageError("missing --tokenizer NAME (or --tokenizer-file FILE)");
  for (const auto& model : kHfModels) {
    if (model.name == *name) {
      const std::string path = vocab_dir(args) + "/" + std::string(model.file);
      return load_tokenizer_json(std::string(model.name), read_file(path, "tokenizer file"));
    }
  }
  for (const auto& spec : tiktoken_encodings()) {
    if (spec.name == *name) {
      const std::string path = vocab_dir(args) + "/" + std::string(spec.rank_file) + ".tiktoken";
      return make_tiktoken_tokenizer(spec.name, read_file(path, "rank file"));
    }
  }
  // A path given as the name (--tokenizer path/to/spiece.model).
  if (name->find('/') != std::string::npos || name->ends_with(".model") || name->ends_with(".json") ||
      name->ends_with(".json.gz") || name->ends_with(".tiktoken")) {
    return load_file(args, *name);
  }
  throw UsageError("unknown tokenizer \"" + *name + "\"; known: " + known_names());
}

}  // namespace tokenlab::cli
