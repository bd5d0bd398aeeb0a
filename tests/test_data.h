// The test fixtures under tests/data/, read whole, and the one edit the tests
// make to them to build a corrupt variant.
//
//   const std::string json = test_data("tiny-unigram.json");
//   load_tokenizer_json("bad", replaced(json, "\"unk_id\": 0", "\"unk_id\": 9"));  // a VocabError
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <doctest/doctest.h>

namespace tokenlab::testing {

// The bytes of tests/data/<name>; the test fails if the file is missing.
inline std::string test_data(const std::string& name) {
  std::ifstream file(std::string(TOKENLAB_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  REQUIRE_MESSAGE(file, "missing test fixture tests/data/" << name);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// text with the first occurrence of from replaced by to; the test fails if there is none.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "the fixture has no \"" << from << "\"");
  return text.replace(at, from.size(), to);
}

}  // namespace tokenlab::testing
