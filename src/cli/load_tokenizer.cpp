#include "cli/load_tokenizer.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "tokenizer/errors.h"
#include "tokenizer/tiktoken_encodings.h"

namespace tokenlab::cli {

namespace {

std::string read_file(const std::string& path, const std::string& what) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot read " + what + " " + path + " (run build-scripts/run or pass --vocab-dir)");
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

void add_tokenizer_options(ArgSpec& spec) {
  spec.value_options.insert({"tokenizer", "vocab-dir"});
}

std::string vocab_dir(const ParsedArgs& args) {
  if (const auto dir = args.get("vocab-dir")) return *dir;
  if (const char* env = std::getenv("TOKENLAB_VOCAB_DIR"); env && *env) return env;
  return TOKENLAB_DEFAULT_VOCAB_DIR;
}

std::unique_ptr<Tokenizer> load_tokenizer(const ParsedArgs& args) {
  const auto name = args.get("tokenizer");
  if (!name) throw UsageError("missing --tokenizer NAME");
  const TiktokenEncodingSpec& spec = tiktoken_encoding(*name);  // rejects unknown names before any I/O
  const std::string path = vocab_dir(args) + "/" + std::string(spec.name) + ".tiktoken";
  return make_tiktoken_tokenizer(spec.name, read_file(path, "rank file"));
}

}  // namespace tokenlab::cli
