// Test helper for tests/parity/normalizer-parity.test.mjs: runs a tokenizer.json
// normalizer over texts.
//
//   normalize_tool NORMALIZER_JSON < records   records: [u32 length][bytes] ..., little-endian
//                                              prints per record: [u32 length][normalized bytes]
//
// Example: normalize_tool '{"type":"NFKC"}' with a record "ﬁ" prints length 2, then "fi".
// Each output byte's origin must lie inside its record, else the tool fails.
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

#include "tokenizer/hf/tokenizer_json_components.h"

namespace {

bool read_exact(void* buffer, std::size_t size) { return std::fread(buffer, 1, size, stdin) == size; }

void write_u32(std::uint32_t value) {
  const unsigned char bytes[4] = {static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
                                  static_cast<unsigned char>(value >> 16),
                                  static_cast<unsigned char>(value >> 24)};
  std::fwrite(bytes, 1, 4, stdout);
}

int normalize(const char* config) {
  const auto normalizer = tokenlab::tokenizer_json::parse_normalizer(tokenlab::tokenizer_json::Json::parse(config));
  std::string text;
  tokenlab::NormalizedText out;
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
    write_u32(out.size());
    std::fwrite(out.text.data(), 1, out.text.size(), stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc == 2) return normalize(argv[1]);
    std::fprintf(stderr, "usage: normalize_tool NORMALIZER_JSON < records\n");
    return 2;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "normalize_tool: %s\n", error.what());
    return 1;
  }
}
