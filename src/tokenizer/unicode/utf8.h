// UTF-8 decoding that never fails: a byte that does not start a well-formed
// sequence decodes as one "invalid" unit of length 1, so every byte string
// splits into units and byte-level tokenizers round-trip arbitrary input.
//
//   "a€" -> {U+0061, len 1}, {U+20AC, len 3};  "\xff" -> {kInvalidCodepoint, len 1}
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tokenlab::utf8 {

inline constexpr char32_t kInvalidCodepoint = 0xFFFFFFFF;

struct Decoded {
  char32_t codepoint;  // kInvalidCodepoint for a malformed byte
  std::uint32_t length;     // bytes consumed, 1..4
};

// Decodes the unit starting at text[pos]; pos < text.size().
// Rejects overlong forms, surrogates (U+D800..U+DFFF) and values above U+10FFFF,
// as a conforming decoder must.
inline Decoded decode(std::string_view text, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  const unsigned char lead = bytes[pos];
  if (lead < 0x80) return {lead, 1};
  auto continuation = [&](std::size_t i) {
    return pos + i < size && (bytes[pos + i] & 0xC0) == 0x80;
  };
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (continuation(1)) return {char32_t((lead & 0x1F) << 6 | (bytes[pos + 1] & 0x3F)), 2};
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    if (continuation(1) && continuation(2)) {
      const char32_t cp = (lead & 0x0F) << 12 | (bytes[pos + 1] & 0x3F) << 6 | (bytes[pos + 2] & 0x3F);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    if (continuation(1) && continuation(2) && continuation(3)) {
      const char32_t cp = (lead & 0x07) << 18 | (bytes[pos + 1] & 0x3F) << 12 |
                          (bytes[pos + 2] & 0x3F) << 6 | (bytes[pos + 3] & 0x3F);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
    }
  }
  return {kInvalidCodepoint, 1};
}

// Appends the UTF-8 encoding of a valid codepoint.
template <class String>
void append(String& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(char(cp));
  } else if (cp < 0x800) {
    out.push_back(char(0xC0 | cp >> 6));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(char(0xE0 | cp >> 12));
    out.push_back(char(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(char(0xF0 | cp >> 18));
    out.push_back(char(0x80 | (cp >> 12 & 0x3F)));
    out.push_back(char(0x80 | (cp >> 6 & 0x3F)));
    out.push_back(char(0x80 | (cp & 0x3F)));
  }
}

// True when every byte of text belongs to a well-formed sequence.
inline bool is_valid(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const Decoded unit = decode(text, pos);
    if (unit.codepoint == kInvalidCodepoint) return false;
    pos += unit.length;
  }
  return true;
}

}  // namespace tokenlab::utf8
