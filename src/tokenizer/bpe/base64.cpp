#include "tokenizer/bpe/base64.h"

#include <array>
#include <cstdint>

namespace tokenlab::base64 {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_decode_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table) entry = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return table;
}
constexpr auto kDecodeTable = make_decode_table();

}  // namespace

std::optional<std::string> decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    std::uint32_t group = 0;
    const bool last_group = i + 4 == text.size();
    const std::size_t data_chars = last_group ? 4 - padding : 4;
    for (std::size_t j = 0; j < 4; ++j) {
      const auto c = static_cast<unsigned char>(text[i + j]);
      std::int8_t value = 0;
      if (j < data_chars) {
        value = kDecodeTable[c];
        if (value < 0) return std::nullopt;
      } else if (c != '=') {
        return std::nullopt;
      }
      group = group << 6 | static_cast<std::uint32_t>(value);
    }
    out.push_back(static_cast<char>(group >> 16));
    if (data_chars > 2) out.push_back(static_cast<char>(group >> 8 & 0xFF));
    if (data_chars > 3) out.push_back(static_cast<char>(group & 0xFF));
  }
  return out;
}

std::string encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t available = bytes.size() - i < 3 ? bytes.size() - i : 3;
    std::uint32_t group = 0;
    for (std::size_t j = 0; j < 3; ++j) {
      group = group << 8 | (j < available ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    }
    out.push_back(kAlphabet[group >> 18]);
    out.push_back(kAlphabet[group >> 12 & 63]);
    out.push_back(available > 1 ? kAlphabet[group >> 6 & 63] : '=');
    out.push_back(available > 2 ? kAlphabet[group & 63] : '=');
  }
  return out;
}

}  // namespace tokenlab::base64
