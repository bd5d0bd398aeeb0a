// Test helper for tests/parity/normalizer-parity.test.mjs,
// bert-parity.test.mjs and precompiled-parity.test.mjs: runs a tokenizer.json
// normalizer, and optionally a pre-tokenizer after it, or SentencePiece's own
// normalizer, over texts.
//
//   normalize_tool NORMALIZER_JSON < records   records: [u32 length][bytes] ..., little-endian
//                                              prints per record: [u32 length][normalized bytes]
//   normalize_tool NORMALIZER_JSON PRE_TOKENIZER_JSON < records
//                                              prints per record: [u32 count], then per piece
//                                              [u32 length][bytes of the normalized text]
//   normalize_tool @FILE ...                   the normalizer's JSON read from FILE (a
//                                              Precompiled charsmap is too long for an argument)
//   normalize_tool --sentencepiece CHARSMAP_FILE [OPTIONS_JSON] < records
//                                              SentencePiece's normalizer over the raw charsmap
//                                              (an empty file: no rules); OPTIONS_JSON sets
//                                              SentencePieceNormalizerOptions by their names
//
// Example: normalize_tool '{"type":"NFKC"}' with a record "ﬁ" prints length 2, then "fi";
// with '{"type":"BertPreTokenizer"}' added, a record "a, b" prints count 3, then "a" "," "b".
// Each output byte's origin must lie inside its record, else the tool fails.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "records.h"
#include "tokenizer/hf/sentencepiece_normalizer.h"
#include "tokenizer/hf/tokenizer_json_components.h"

namespace {

using tokenlab::tools::write_u32;
namespace json = tokenlab::tokenizer_json;

std::string read_file(const char* path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error(std::string("cannot read ") + path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// "--sentencepiece CHARSMAP_FILE [OPTIONS_JSON]" -> SentencePiece's normalizer.
std::unique_ptr<tokenlab::Normalizer> sentencepiece_normalizer(const char* charsmap_path, const char* options_json) {
  tokenlab::SentencePieceNormalizerOptions options;
  if (options_json) {
    const json::Json config = json::Json::parse(options_json);
    options.add_dummy_prefix = json::field_or(config, "add_dummy_prefix", options.add_dummy_prefix);
    options.remove_extra_whitespaces = json::field_or(config, "remove_extra_whitespaces", options.remove_extra_whitespaces);
    options.escape_whitespaces = json::field_or(config, "escape_whitespaces", options.escape_whitespaces);
    options.treat_whitespace_as_suffix =
        json::field_or(config, "treat_whitespace_as_suffix", options.treat_whitespace_as_suffix);
    options.user_defined_symbols =
        json::field_or(config, "user_defined_symbols", std::vector<std::string>{});
  }
  return std::make_unique<tokenlab::SentencePieceNormalizer>(
      tokenlab::PrecompiledCharsmap::parse(read_file(charsmap_path)), std::move(options));
}

int normalize(std::unique_ptr<tokenlab::Normalizer> normalizer, const char* pre_tokenizer_config) {
  const tokenlab::HfPreTokenizer pre_tokenizer =
      pre_tokenizer_config ? json::parse_pre_tokenizer(json::Json::parse(pre_tokenizer_config))
                           : tokenlab::HfPreTokenizer::none();
  std::string text;
  tokenlab::NormalizedText out;
  std::vector<tokenlab::ByteSpan> pieces;
  while (tokenlab::tools::read_record(text, "normalize_tool")) {
    const auto length = static_cast<std::uint32_t>(text.size());
    if (normalizer) {
      normalizer->normalize_original(text, 0, out);
    } else {
      out.assign_original(text, 0);
    }
    for (const tokenlab::ByteSpan& origin : out.origins) {
      if (origin.begin > origin.end || origin.end > length) {
        std::fprintf(stderr, "normalize_tool: an origin [%u, %u) outside the record of %u bytes\n", origin.begin,
                     origin.end, length);
        return 1;
      }
    }
    if (!pre_tokenizer_config) {
      write_u32(out.size());
      std::fwrite(out.text.data(), 1, out.text.size(), stdout);
      continue;
    }
    pieces.clear();
    pre_tokenizer.pre_tokenize(out, true, pieces);
    write_u32(static_cast<std::uint32_t>(pieces.size()));
    for (const tokenlab::ByteSpan& piece : pieces) {
      write_u32(piece.end - piece.begin);
      std::fwrite(out.text.data() + piece.begin, 1, piece.end - piece.begin, stdout);
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if ((argc == 3 || argc == 4) && std::strcmp(argv[1], "--sentencepiece") == 0) {
      return normalize(sentencepiece_normalizer(argv[2], argc == 4 ? argv[3] : nullptr), nullptr);
    }
    if (argc == 2 || argc == 3) {
      const std::string config = argv[1][0] == '@' ? read_file(argv[1] + 1) : std::string(argv[1]);
      return normalize(json::parse_normalizer(json::Json::parse(config)), argc == 3 ? argv[2] : nullptr);
    }
    std::fprintf(stderr,
                 "usage: normalize_tool NORMALIZER_JSON|@FILE [PRE_TOKENIZER_JSON] < records\n"
                 "       normalize_tool --sentencepiece CHARSMAP_FILE [OPTIONS_JSON] < records\n");
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "normalize_tool: %s\n", error.what());
    return 1;
  }
}
