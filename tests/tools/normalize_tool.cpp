// Test helper for tests/parity/normalizer-parity.test.mjs and
// bert-parity.test.mjs: runs a tokenizer.json normalizer, and optionally a
// pre-tokenizer after it, over texts.
//
//   normalize_tool NORMALIZER_JSON < records   records: [u32 length][bytes] ..., little-endian
//                                              prints per record: [u32 length][normalized bytes]
//   normalize_tool NORMALIZER_JSON PRE_TOKENIZER_JSON < records
//                                              prints per record: [u32 count], then per piece
//                                              [u32 length][bytes of the normalized text]
//
// Example: normalize_tool '{"type":"NFKC"}' with a record "ﬁ" prints length 2, then "fi";
// with '{"type":"BertPreTokenizer"}' added, a record "a, b" prints count 3, then "a" "," "b".
// Each output byte's origin must lie inside its record, else the tool fails.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "records.h"
#include "tokenizer/hf/tokenizer_json_components.h"

namespace {

using tokenlab::tools::write_u32;

int normalize(const char* config, const char* pre_tokenizer_config) {
  namespace json = tokenlab::tokenizer_json;
  const auto normalizer = json::parse_normalizer(json::Json::parse(config));
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
    if (argc == 2 || argc == 3) return normalize(argv[1], argc == 3 ? argv[2] : nullptr);
    std::fprintf(stderr, "usage: normalize_tool NORMALIZER_JSON [PRE_TOKENIZER_JSON] < records\n");
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "normalize_tool: %s\n", error.what());
    return 1;
  }
}
