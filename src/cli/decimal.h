// Writes token ids as decimal digits straight into a buffer, two digits per
// table lookup, with no stream or locale in the way:
//
//   char digits[kMaxDecimalDigits]; write_decimal(digits, 100257) -> "100257", returns digits + 6
//
// Why hand-written: encode prints a million ids for 4 MB of text, and a stream
// insertion per id (or even std::to_chars, which is general over bases and
// widths) costs a visible share of the encoding itself.
#pragma once

#include <cstdint>
#include <cstring>

namespace tokenlab::cli {

inline constexpr std::size_t kMaxDecimalDigits = 10;  // 4294967295

// Writes value's digits at out (no terminator) and returns one past the last.
inline char* write_decimal(char* out, std::uint32_t value) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  // Count the digits first so the pairs can be written from the right in place.
  std::size_t length = 1;
  for (std::uint32_t rest = value; rest >= 10; rest /= 10) ++length;
  char* end = out + length;
  char* cursor = end;
  while (value >= 100) {
    const std::uint32_t pair = value % 100;
    value /= 100;
    cursor -= 2;
    std::memcpy(cursor, kPairs + 2 * pair, 2);
  }
  if (value >= 10) {
    cursor -= 2;
    std::memcpy(cursor, kPairs + 2 * value, 2);
  } else {
    *--cursor = static_cast<char>('0' + value);
  }
  return end;
}

}  // namespace tokenlab::cli
