// What the fuzz targets check, and how they read their choices from the input.
//
//   FuzzInput input(data, size);
//   const int pick = input.take_byte() % 8;     // a choice from the first byte
//   const std::string_view text = input.rest(); // the rest is the payload
//   FUZZ_CHECK(decoded == text, "decode(encode(x)) != x");
//
// A failed property aborts, so libFuzzer saves the input as a crash like any
// sanitizer report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(condition, message)                                                        \
  do {                                                                                        \
    if (!(condition)) {                                                                       \
      std::fprintf(stderr, "property failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, message, \
                   #condition);                                                               \
      std::abort();                                                                           \
    }                                                                                         \
  } while (false)

namespace tokenlab::fuzz {

// Reads leading bytes as choices; a byte past the end reads as 0.
class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size)
      : bytes_(reinterpret_cast<const char*>(data), size) {}

  std::uint8_t take_byte() {
    if (bytes_.empty()) return 0;
    const auto byte = static_cast<std::uint8_t>(bytes_.front());
    bytes_.remove_prefix(1);
    return byte;
  }
  // The next n bytes (fewer at the end).
  std::string_view take(std::size_t n) {
    const std::string_view taken = bytes_.substr(0, n);
    bytes_.remove_prefix(taken.size());
    return taken;
  }
  std::string_view rest() const { return bytes_; }

 private:
  std::string_view bytes_;
};

}  // namespace tokenlab::fuzz
