#include <doctest/doctest.h>

#include <set>

#include "tokenizer/bpe/byte_level.h"
#include "tokenizer/unicode/utf8.h"

using namespace tokenlab;

TEST_CASE("printable bytes stand for themselves and the others move to U+0100 and up") {
  CHECK(byte_level::to_codepoint('A') == U'A');
  CHECK(byte_level::to_codepoint('!') == U'!');
  CHECK(byte_level::to_codepoint(0xFF) == U'\u00FF');
  CHECK(byte_level::to_codepoint(0x00) == U'\u0100');
  CHECK(byte_level::to_codepoint(' ') == U'\u0120');   // "Ġ"
  CHECK(byte_level::to_codepoint('\n') == U'\u010A');  // "Ċ"
  CHECK(byte_level::to_codepoint(0x7F) == U'\u0121');
  CHECK(byte_level::to_codepoint(0xAD) == U'\u0143');  // soft hyphen, the last remapped byte
  CHECK(byte_level::to_byte_level("Hi there\n") == "Hi\xc4\xa0there\xc4\x8a");
}

TEST_CASE("the byte-level alphabet is a bijection over all 256 bytes") {
  std::set<char32_t> seen;
  for (int byte = 0; byte < 256; ++byte) {
    const char32_t codepoint = byte_level::to_codepoint(static_cast<std::uint8_t>(byte));
    CHECK(seen.insert(codepoint).second);
    const auto back = byte_level::from_codepoint(codepoint);
    REQUIRE(back.has_value());
    CHECK(*back == byte);
  }
  std::string all_bytes;
  for (int byte = 0; byte < 256; ++byte) all_bytes.push_back(static_cast<char>(byte));
  const std::string spelled = byte_level::to_byte_level(all_bytes);
  CHECK(utf8::is_valid(spelled));
  CHECK(byte_level::from_byte_level(spelled) == all_bytes);
}

TEST_CASE("characters outside the alphabet do not decode") {
  CHECK_FALSE(byte_level::from_codepoint(U' ').has_value());   // a space is written as U+0120
  CHECK_FALSE(byte_level::from_codepoint(U'\u0144').has_value());
  CHECK_FALSE(byte_level::from_byte_level("a b").has_value());
  CHECK_FALSE(byte_level::from_byte_level("\xe2\x82\xac").has_value());  // "€"
  CHECK_FALSE(byte_level::from_byte_level("\xff").has_value());          // malformed UTF-8
  CHECK(byte_level::from_byte_level("") == std::string());
}
