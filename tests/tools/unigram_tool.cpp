// Test helper for tests/cli/train-unigram.test.mjs: encodes texts with a
// Unigram tokenizer.json as the trainer's own Viterbi does (UnigramSegmenter),
// for comparison with Hugging Face's Rust library on the same file.
//
//   unigram_tool segment TOKENIZER_JSON < records   records: [u32 length][bytes] ..., little-endian
//                                                   prints per record: [u32 count][u32 id] * count
//
// Example: with a vocabulary holding ▁ab, a record "ab" prints count 1, then ▁ab's id.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "records.h"
#include "tokenizer/train/unigram_segmenter.h"

namespace {

using tokenlab::tools::write_u32;

tokenlab::UnigramResult read_unigram(const char* path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(std::string("cannot open ") + path);
  std::stringstream text;
  text << file.rdbuf();
  const auto json = nlohmann::json::parse(text.str());
  const auto& model = json.at("model");
  if (model.at("type") != "Unigram") throw std::runtime_error("not a Unigram model");
  tokenlab::UnigramResult result;
  result.unk_id = model.at("unk_id").get<tokenlab::TokenId>();
  result.byte_fallback = model.value("byte_fallback", false);
  for (const auto& entry : model.at("vocab")) {
    result.pieces.push_back({entry.at(0).get<std::string>(), entry.at(1).get<double>(), tokenlab::PieceType::kNormal});
  }
  return result;
}

int segment(const char* path) {
  const tokenlab::UnigramSegmenter segmenter(read_unigram(path));
  std::string text;
  while (tokenlab::tools::read_record(text, "unigram_tool")) {
    const std::vector<tokenlab::TokenId> ids = segmenter.encode(text);
    write_u32(static_cast<std::uint32_t>(ids.size()));
    for (const tokenlab::TokenId id : ids) write_u32(id);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 3 && std::string(argv[1]) == "segment") return segment(argv[2]);
    std::fprintf(stderr, "usage: unigram_tool segment TOKENIZER_JSON < records\n");
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "unigram_tool: %s\n", error.what());
    return 2;
  }
}
