#include <doctest/doctest.h>

#include "tokenizer/bpe/base64.h"

using namespace tokenlab;

TEST_CASE("base64 decodes and encodes the RFC 4648 test vectors") {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    CHECK(base64::encode(plain) == encoded);
    REQUIRE(base64::decode(encoded).has_value());
    CHECK(*base64::decode(encoded) == plain);
  }
}

TEST_CASE("base64 round-trips every byte value") {
  std::string all;
  for (int byte = 0; byte < 256; ++byte) all.push_back(static_cast<char>(byte));
  CHECK(*base64::decode(base64::encode(all)) == all);
}

TEST_CASE("base64 rejects malformed text") {
  CHECK_FALSE(base64::decode("Zg=").has_value());    // length not a multiple of 4
  CHECK_FALSE(base64::decode("Z!==").has_value());   // bad character
  CHECK_FALSE(base64::decode("Zg==Zg==").has_value());  // padding before the end
  CHECK_FALSE(base64::decode("Z===").has_value());   // too much padding
}
