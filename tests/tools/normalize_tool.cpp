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

#include "tokenizer/hf/tokenizer_json_components.h"

namespace {

bool read_exact(void* buffer, std::size_t size) { return std::fread(buffer, 1, size, stdin) == size; }

void write_u32(std::uint32_t value) {
  const unsigned char bytes[4] = {static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
                                  static_cast<unsigned char>(value >> 16),
                                  static_cast<unsigned char>(value >> 24)};
  std::fwrite(bytes, 1, 4, stdout);
}

int normalize(const char* config, const char* pre_tokenizer_config) {
  namespace json = tokenlab::tokenizer_json;
  const auto normalizer = json::parse_normalizer(json::Json::parse(config));
  const tokenlab::HfPreTokenizer pre_tokenizer =
      pre_tokenizer_config ? json::parse_pre_tokenizer(json::Json::parse(pre_tokenizer_config))
                           : tokenlab::HfPreTokenizer::none();
  std::string text;
  tokenlab::NormalizedText out;
  std::vector<tokenlab::ByteSpan> pieces;
  unsigned char header[4];
  while (read_exact(header, 4)) {
    const std::uint32_t length = std::uint32_t(header[0]) | std::uint32_t(header[1]) << 8 |
                                 std::uint32_t(header[2]) << 16 | std::uint32_t(header[3]) << 24;
    text.resize(length);
    if (!read_exact(text.data(), length)) {
      std::fprintf(stderr, "normalize_tool: truncated record\n");
      return 1;
    }
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
    pre_tokenizer.rewrite(out, true);
    pieces.clear();
    pre_tokenizer.split(out.text, pieces);
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
