// The record format the test tools and their parity scripts speak over
// stdin/stdout: [u32 length][bytes] ..., little-endian.
//
//   std::string text;
//   while (read_record(text, "split_tool")) { ...; write_u32(count); }
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace tokenlab::tools {

inline void write_u32(std::uint32_t value) {
  const unsigned char bytes[4] = {static_cast<unsigned char>(value), static_cast<unsigned char>(value >> 8),
                                  static_cast<unsigned char>(value >> 16), static_cast<unsigned char>(value >> 24)};
  std::fwrite(bytes, 1, 4, stdout);
}

// Reads the next record into text: false at the end of the input; a record cut
// short is reported (naming the tool) and ends the input too.
inline bool read_record(std::string& text, const char* tool) {
  unsigned char header[4];
  if (std::fread(header, 1, 4, stdin) != 4) return false;
  const std::uint32_t length = std::uint32_t(header[0]) | std::uint32_t(header[1]) << 8 |
                               std::uint32_t(header[2]) << 16 | std::uint32_t(header[3]) << 24;
  text.resize(length);
  if (std::fread(text.data(), 1, length, stdin) != length) {
    std::fprintf(stderr, "%s: truncated record\n", tool);
    std::exit(1);
  }
  return true;
}

}  // namespace tokenlab::tools
