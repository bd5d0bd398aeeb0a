// Loads and comparisons of short byte strings (tokens, pieces) without a
// library call: a memcpy or memcmp of a length known only at run time is a
// call per piece, which showed in the encode profile.
//
//   load_tail("abc", 3) == 0x636261;  same_bytes("token", "token") == true
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tokenlab::short_bytes {

inline std::uint64_t load_u64(const char* data) noexcept {
  std::uint64_t value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

inline std::uint32_t load_u32(const char* data) noexcept {
  std::uint32_t value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

// The 1..7 bytes at data as the little-endian word a memcpy into a zeroed
// uint64 would give. From 4 bytes on, two 4-byte loads overlap and agree on
// the bytes they share; below, the bytes one by one.
inline std::uint64_t load_tail(const char* data, std::size_t length) noexcept {
  if (length >= 4) {
    return load_u32(data) | std::uint64_t{load_u32(data + length - 4)} << (8 * (length - 4));
  }
  const auto byte = [&](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(data[i])}; };
  std::uint64_t tail = byte(0);
  if (length > 1) tail |= byte(1) << 8;
  if (length > 2) tail |= byte(2) << 16;
  return tail;
}

// a == b. Up to 16 bytes by two overlapping loads of each (for 1 to 3 bytes,
// the first, middle and last byte cover them all); longer, memcmp.
inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    return load_u64(x) == load_u64(y) && load_u64(x + n - 8) == load_u64(y + n - 8);
  }
  if (n >= 4) return load_u32(x) == load_u32(y) && load_u32(x + n - 4) == load_u32(y + n - 4);
  if (n == 0) return true;
  return x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1];
}

}  // namespace tokenlab::short_bytes
