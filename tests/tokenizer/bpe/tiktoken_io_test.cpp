#include <doctest/doctest.h>

#include "tokenizer/bpe/base64.h"
#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_io.h"

using namespace tokenlab;

namespace {

std::string byte_lines() {
  std::string file;
  for (int byte = 0; byte < 256; ++byte) {
    file += base64::encode(std::string(1, static_cast<char>(byte))) + " " + std::to_string(byte) + "\n";
  }
  return file;
}

std::string error_of(const std::string& file) {
  try {
    load_tiktoken_ranks(file);
  } catch (const VocabError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a tiktoken rank file loads from bytes") {
  const RankTable table = load_tiktoken_ranks(byte_lines() + base64::encode("hello") + " 256\r\n\n");
  CHECK(table.size() == 257);
  CHECK(table.find("hello") == 256);
  CHECK(table.find("h") == 'h');
}

TEST_CASE("malformed rank files are refused with the line number") {
  SUBCASE("missing rank") { CHECK(error_of("aGk=\n") == "tiktoken file line 1: expected \"<base64 token> <rank>\""); }
  SUBCASE("bad base64") { CHECK(error_of(byte_lines() + "a!== 300\n").find("line 257: token is not valid") != std::string::npos); }
  SUBCASE("bad rank") { CHECK(error_of(byte_lines() + "aGk= x1\n").find("line 257: rank") != std::string::npos); }
  SUBCASE("duplicate rank") { CHECK(error_of(byte_lines() + "aGk= 5\n").find("line 257: rank 5 appears twice") != std::string::npos); }
  SUBCASE("duplicate token") { CHECK(error_of(byte_lines() + "YQ== 300\n").find("line 257: token appears twice") != std::string::npos); }
  SUBCASE("rank far above the line count") {
    // Would size the rank table for 20 million ranks from one line.
    CHECK(error_of("IQ== 20000000\n") == "tiktoken file line 1: rank 20000000 is above the file's size (14 bytes): ranks number its lines");
  }
  SUBCASE("empty file") { CHECK(error_of("").find("empty") != std::string::npos); }
  SUBCASE("truncated file lacking bytes") { CHECK(error_of("IQ== 0\n").find("lacks the single byte") != std::string::npos); }
}
