#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/hf/tokenizer_json_float.h"
#include "test_data.h"

using namespace tokenlab;
using tokenlab::testing::replaced;
using tokenlab::testing::test_data;

namespace {

// T5's layout: WhitespaceSplit + Metaspace, TemplateProcessing with </s>, the
// Metaspace decoder; a Unigram vocabulary with <0xC3> and <0xA9> only.
std::string tiny_unigram() { return test_data("tiny-unigram.json"); }

std::vector<TokenId> ids(Tokenizer& tokenizer, std::string_view text) {
  EncodeOptions options;
  options.allow_special = true;
  return tokenizer.encode(text, options).ids;
}

std::string error_of(const std::string& json) {
  try {
    load_tokenizer_json("test", json);
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The fixture with another pre_tokenizer.
std::string with_pre_tokenizer(const std::string& json, const std::string& pre_tokenizer) {
  const std::size_t begin = json.find("\"pre_tokenizer\": ");
  const std::size_t end = json.find("\"post_processor\": ");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return json.substr(0, begin) + "\"pre_tokenizer\": " + pre_tokenizer + ",\n  " + json.substr(end);
}

}  // namespace

// Expected ids and texts below are what Hugging Face's Rust library (npm
// tokenizers 0.23.2) gives for the same file.
TEST_CASE("a Unigram tokenizer.json in T5's layout encodes and decodes as the Rust library") {
  auto tokenizer = load_tokenizer_json("tiny", tiny_unigram());
  CHECK(tokenizer->vocab_size() == 18);
  CHECK(ids(*tokenizer, "the a ab  b") == std::vector<TokenId>{4, 5, 3, 12, 11, 1});
  CHECK(ids(*tokenizer, "  the") == std::vector<TokenId>{4, 1});
  // é: its bytes; ü: <0xBC> is missing, so <unk>.
  CHECK(ids(*tokenizer, "th\xC3\xA9 \xC3\xBC") == std::vector<TokenId>{3, 16, 14, 15, 3, 2, 1});
  CHECK(ids(*tokenizer, "ab</s>") == std::vector<TokenId>{3, 12, 1, 1});
  CHECK(ids(*tokenizer, "\xE2\x96\x81the") == std::vector<TokenId>{4, 1});
  CHECK(ids(*tokenizer, "x\xE2\x96\x81y z") == std::vector<TokenId>{3, 2, 3, 2, 3, 2, 1});
  const std::vector<TokenId> sentence{4, 5, 3, 12, 11, 1};
  CHECK(tokenizer->decode(sentence) == "the a ab b</s>");
  const std::vector<TokenId> unknowns{3, 2, 3, 2, 3, 2, 1};
  CHECK(tokenizer->decode(unknowns) == "<unk> <unk> <unk></s>");
  const std::vector<TokenId> bytes{3, 16, 14, 15, 3, 2, 1};
  CHECK(tokenizer->decode(bytes) == "th<0xC3><0xA9> <unk></s>");  // the Metaspace decoder leaves byte pieces
}

TEST_CASE("Metaspace inside a Sequence rewrites each piece; \"first\" asks where the piece starts") {
  auto tokenizer = load_tokenizer_json("first", replaced(replaced(tiny_unigram(), "\"always\"", "\"first\""),
                                                         "\"always\"", "\"first\""));
  CHECK(ids(*tokenizer, "the the") == std::vector<TokenId>{4, 16, 8, 1});
  // WhitespaceSplit drops the leading spaces, so no piece starts at offset 0.
  CHECK(ids(*tokenizer, "  the the") == std::vector<TokenId>{16, 8, 16, 8, 1});
  // After an added token the text does not start the input either.
  CHECK(ids(*tokenizer, "ab</s>ab") == std::vector<TokenId>{3, 12, 1, 12, 1});
  const std::vector<TokenId> two{4, 16, 8, 1};
  CHECK(tokenizer->decode(two) == "thethe</s>");
}

TEST_CASE("Metaspace alone, without split, with \"never\" or before WhitespaceSplit, as the Rust library runs it") {
  const std::string good = tiny_unigram();
  struct Case {
    const char* pre_tokenizer;
    std::vector<TokenId> spaced, after_added, leading_space;  // "the  a", "ab</s>the", " the"
  };
  const Case cases[] = {
      {R"({"type": "Metaspace", "replacement": "\u2581", "add_prefix_space": true})",
       {4, 3, 5, 1}, {3, 12, 1, 4, 1}, {4, 1}},
      {R"({"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": false})",
       {4, 3, 5, 1}, {3, 12, 1, 4, 1}, {4, 1}},
      {R"({"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"},
          {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "never", "split": true}]})",
       {16, 8, 9, 1}, {12, 1, 16, 8, 1}, {16, 8, 1}},
      {R"({"type": "Sequence", "pretokenizers": [
          {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first", "split": true}, {"type": "WhitespaceSplit"}]})",
       {4, 3, 5, 1}, {3, 12, 1, 16, 8, 1}, {4, 1}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pre_tokenizer);
    auto tokenizer = load_tokenizer_json("variant", with_pre_tokenizer(good, c.pre_tokenizer));
    CHECK(ids(*tokenizer, "the  a") == c.spaced);
    CHECK(ids(*tokenizer, "ab</s>the") == c.after_added);
    CHECK(ids(*tokenizer, " the") == c.leading_space);
  }
}

TEST_CASE("Unigram tokens map back to the original text") {
  auto tokenizer = load_tokenizer_json("tiny", tiny_unigram());
  const Encoding encoding = tokenizer->encode("the a ab  b");
  REQUIRE(encoding.ids.size() == 6);
  CHECK(encoding.starts == std::vector<std::uint32_t>{0, 4, 6, 6, 10, 11});
  CHECK(encoding.ends == std::vector<std::uint32_t>{3, 5, 6, 8, 11, 11});
}

TEST_CASE("bad Unigram files give errors that say what failed") {
  const std::string good = tiny_unigram();
  CHECK(contains(error_of(replaced(good, "\"unk_id\": 2", "\"unk_id\": null")), "has no unk_id"));
  CHECK(contains(error_of(replaced(good, "\"unk_id\": 2", "\"unk_id\": 18")), "model.unk_id 18 is not the index of a piece (18 pieces)"));
  CHECK(contains(error_of(replaced(good, "\"unk_id\": 2", "\"unk_id\": -1")), "model.unk_id -1"));
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "[\"t\", \"-5\"]")), "model.vocab entry 6 is not [piece, score]"));
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "\"t\"")), "model.vocab entry 6 is not [piece, score]"));
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "[\"t\", -5.0, 1]")), "model.vocab entry 6 is not [piece, score]"));
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "{\"t\": -5.0}")), "model.vocab entry 6 is not [piece, score]"));
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "[\"h\", -5.0]")), "piece \"h\" appears twice (ids 6 and 7)"));
  // Out of range for the Rust library (though strtod makes it the largest double): not a finite score.
  CHECK(contains(error_of(replaced(good, "[\"t\", -5.0]", "[\"t\", -1.7976931348623158e308]")),
                 "piece 6 (\"t\") has a score that is not a finite number"));
  const std::size_t vocab = good.find("\"vocab\": [");
  REQUIRE(vocab != std::string::npos);
  const std::string object_vocab = good.substr(0, vocab) + "\"vocab\": {\"<unk>\": 0}\n  }\n}\n";
  CHECK(contains(error_of(object_vocab), "model.vocab of a Unigram model is not an array of [piece, score]"));
  const std::string empty_vocab = good.substr(0, vocab) + "\"vocab\": []\n  }\n}\n";
  CHECK(contains(error_of(empty_vocab), "model.unk_id 2 is not the index of a piece (0 pieces)"));
  CHECK(contains(error_of(replaced(good, "\"replacement\": \"\xE2\x96\x81\"", "\"replacement\": \"\"")),
                 "Metaspace replacement \"\" is not one character"));
  CHECK(contains(error_of(replaced(good, "{\n        \"type\": \"WhitespaceSplit\"\n      }", "{\"type\": \"ByteLevel\"}")),
                 "Unigram model after a ByteLevel pre-tokenizer is not supported"));
}

TEST_CASE("JSON numbers read as serde_json reads them, not always the nearest double") {
  // Each pair: the number as written, and the Rust library's value of it (what
  // it writes back when it saves the file, the shortest spelling of its double).
  const std::pair<const char*, const char*> cases[] = {
      {"-3.8020238876342773", "-3.802023887634278"},
      {"-7.2620930671691895", "-7.262093067169189"},
      {"1.5", "1.5"},
      {"-0.25", "-0.25"},
      {"1e2", "100"},
      {"0.1", "0.1"},
      {"0.30000000000000004", "0.30000000000000004"},
      {"12345678901234567890123", "1.2345678901234568e+22"},
      {"12345678901234567890.123", "12345678901234567000"},
      {"1.7976931348623157e308", "1.7976931348623157e+308"},
      {"4.9e-324", "5e-324"},
      {"2.2250738585072014e-308", "2.2250738585072014e-308"},
      {"123.456e-310", "1.23456e-308"},
  };
  // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
  for (const auto& test_case : cases) {
    const char* written = test_case.first;
    const char* rust = test_case.second;
    CAPTURE(written);
    const auto value = tokenizer_json::serde_json_f64(written);
    REQUIRE(value.has_value());
    CHECK(*value == std::strtod(rust, nullptr));
  }
  // The first differs from the nearest double, which is what strtod gives.
  CHECK(std::strtod("-3.8020238876342773", nullptr) != std::strtod("-3.802023887634278", nullptr));
  CHECK_FALSE(tokenizer_json::serde_json_f64("1.8e308").has_value());
  CHECK_FALSE(tokenizer_json::serde_json_f64("1.7976931348623158e308").has_value());
  CHECK_FALSE(tokenizer_json::serde_json_f64("1e99999999999").has_value());
  CHECK(*tokenizer_json::serde_json_f64("-1e-99999999999") == 0.0);
}
