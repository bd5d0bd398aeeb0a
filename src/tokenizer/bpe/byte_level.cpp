#include "tokenizer/bpe/byte_level.h"

#include <array>

#include "tokenizer/unicode/utf8.h"

namespace tokenlab::byte_level {

namespace {

constexpr bool is_self_printing(unsigned byte) {
  return (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || (byte >= 0xAE && byte <= 0xFF);
}

constexpr std::array<char32_t, 256> make_byte_to_codepoint() {
  std::array<char32_t, 256> table{};
  char32_t next_extra = 0x100;
  for (unsigned byte = 0; byte < 256; ++byte) {
    table[byte] = is_self_printing(byte) ? char32_t(byte) : next_extra++;
  }
  return table;
}

constexpr auto kByteToCodepoint = make_byte_to_codepoint();
constexpr char32_t kLastCodepoint = 0x143;  // 0x100 + 68 remapped bytes - 1

constexpr std::array<std::int16_t, kLastCodepoint + 1> make_codepoint_to_byte() {
  std::array<std::int16_t, kLastCodepoint + 1> table{};
  for (auto& entry : table) entry = -1;
  for (unsigned byte = 0; byte < 256; ++byte) table[kByteToCodepoint[byte]] = std::int16_t(byte);
  return table;
}

constexpr auto kCodepointToByte = make_codepoint_to_byte();

}  // namespace

char32_t to_codepoint(std::uint8_t byte) { return kByteToCodepoint[byte]; }

std::optional<std::uint8_t> from_codepoint(char32_t codepoint) {
  if (codepoint > kLastCodepoint || kCodepointToByte[codepoint] < 0) return std::nullopt;
  return std::uint8_t(kCodepointToByte[codepoint]);
}

std::string to_byte_level(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char byte : bytes) utf8::append(out, kByteToCodepoint[static_cast<unsigned char>(byte)]);
  return out;
}

std::optional<std::string> from_byte_level(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const utf8::Decoded unit = utf8::decode(text, pos);
    const auto byte = from_codepoint(unit.codepoint);
    if (!byte) return std::nullopt;
    out.push_back(static_cast<char>(*byte));
    pos += unit.length;
  }
  return out;
}

}  // namespace tokenlab::byte_level
