#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tokenizer/hf/tokenizer_json.h"
#include "test_data.h"

using namespace tokenlab;
using tokenlab::testing::replaced;
using tokenlab::testing::test_data;

namespace {

// Texts built from pieces that stress the fused paths' hand-overs: spaces,
// tabs, line breaks, ▁ typed by the user, accents, combining marks, CJK, emoji,
// controls, malformed and truncated UTF-8, capitals, punctuation, unknown
// characters and added tokens; a fixed generator, so every run checks the same.
std::vector<std::string> hard_texts() {
  const std::vector<std::string> parts = {
      "a", "b", "c", "ab", " ", "  ", "\t", "\n", "\r\n", "\xe2\x96\x81", "x", "y", "A", "HELLO", "hello", ",", "!",
      "un", "aff", "able", "caf\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xe4\xb8\xad", "\xf0\x9f\x98\x80", "\x01", "\x7f",
      "\xff", "\xe2\x96", "\xc3", "<s>", "</s>", "[CLS]", "\xce\x9f\xce\x94\xce\x9f\xce\xa3", "\xc2\xa0", "\xe3\x80\x80"};
  std::vector<std::string> texts = {"", " ", "a", "  a  b  ", "\xe2\x96\x81\xe2\x96\x81", "xy", "x y", "x\xe2\x96\x81y"};
  std::uint32_t state = 12345;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    state = state * 1103515245 + 12345;
    const std::uint32_t count = 1 + (state >> 16) % 10;
    for (std::uint32_t j = 0; j < count; ++j) {
      state = state * 1103515245 + 12345;
      text += parts[(state >> 16) % parts.size()];
    }
    texts.push_back(text);
  }
  return texts;
}

// Every hard text encodes to the same ids and offsets with the fused paths as without them.
void check_fused_equals_general(HfTokenizer& tokenizer) {
  HfTokenizer& general = tokenizer;
  for (const bool allow_special : {false, true}) {
    EncodeOptions options;
    options.allow_special = allow_special;
    for (const std::string& text : hard_texts()) {
      CAPTURE(text);
      general.set_fused_paths(false);
      const Encoding expected = general.encode(text, options);
      tokenizer.set_fused_paths(true);
      const Encoding fused = tokenizer.encode(text, options);
      REQUIRE(fused.ids == expected.ids);
      REQUIRE(fused.starts == expected.starts);
      REQUIRE(fused.ends == expected.ends);
    }
  }
}

struct Spans {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> ends;
};

Spans spans(HfTokenizer& tokenizer, std::string_view text) {
  EncodeOptions options;
  options.add_special_tokens = false;
  const Encoding encoding = tokenizer.encode(text, options);
  return {encoding.ids, encoding.starts, encoding.ends};
}

}  // namespace

TEST_CASE("the fused SentencePiece path gives the general pipeline's tokens and offsets") {
  const std::string json = test_data("tiny-sentencepiece-bpe.json");
  SUBCASE("Prepend + Replace, byte fallback (LLaMA 2, Mistral)") {
    auto tokenizer = load_tokenizer_json("sp", json);
    // ▁ab [0,2) ▁a [2,4): each ▁ maps to the space it replaced, the first to nothing before "ab".
    const Spans known = spans(*tokenizer, "ab a");
    CHECK(known.ids == std::vector<TokenId>{265, 263});
    CHECK(known.starts == std::vector<std::uint32_t>{0, 2});
    CHECK(known.ends == std::vector<std::uint32_t>{2, 4});
    check_fused_equals_general(*tokenizer);
  }
  SUBCASE("unknown characters fuse across chunks (no byte fallback)") {
    auto tokenizer = load_tokenizer_json("sp", replaced(json, "\"byte_fallback\": true", "\"byte_fallback\": false"));
    // "xy": the two unknown characters are two chunks (no entry joins them) and one <unk> [0,2).
    const Spans known = spans(*tokenizer, "xy");
    CHECK(known.ids == std::vector<TokenId>{259, 0});
    CHECK(known.starts == std::vector<std::uint32_t>{0, 0});
    CHECK(known.ends == std::vector<std::uint32_t>{0, 2});
    check_fused_equals_general(*tokenizer);
  }
  SUBCASE("Replace alone and a Split at \" \" (Gemma)") {
    std::string gemma = replaced(json, "\"pre_tokenizer\": null",
                                 R"("pre_tokenizer": {"type": "Split", "pattern": {"String": " "},
                                    "behavior": "MergedWithPrevious", "invert": false})");
    gemma = replaced(gemma, R"({
    "type": "Prepend",
    "prepend": "▁"
   },)", "");
    auto tokenizer = load_tokenizer_json("gemma-like", gemma);
    const Spans known = spans(*tokenizer, "ab a");
    CHECK(known.ids == std::vector<TokenId>{264, 263});
    CHECK(known.ends == std::vector<std::uint32_t>{2, 4});
    check_fused_equals_general(*tokenizer);
  }
  SUBCASE("merges of <0xNN> tokens switch chunking off") {
    const std::string merged = replaced(json, "\"▁▁\": 266", "\"<0xFD><0xFE>\": 266");
    auto tokenizer = load_tokenizer_json("sp", replaced(merged, "\"▁ ▁\"", "\"<0xFD> <0xFE>\""));
    check_fused_equals_general(*tokenizer);
  }
}

TEST_CASE("the fused BERT path gives the general pipeline's tokens and offsets") {
  const std::string json = test_data("tiny-wordpiece.json");
  SUBCASE("uncased") {
    auto tokenizer = load_tokenizer_json("bert", json);
    // ASCII words lower-cased in place, each punctuation character alone; "Café!" goes the general way.
    const Spans known = spans(*tokenizer, "HELLO, unaffable\tworld caf\xc3\xa9!");
    CHECK(known.ids == std::vector<TokenId>{8, 9, 5, 6, 7, 11, 15, 10});
    CHECK(known.starts == std::vector<std::uint32_t>{0, 5, 7, 9, 12, 17, 23, 28});
    CHECK(known.ends == std::vector<std::uint32_t>{5, 6, 9, 12, 16, 22, 28, 29});
    check_fused_equals_general(*tokenizer);
  }
  SUBCASE("cased") {
    auto tokenizer = load_tokenizer_json("bert", replaced(json, "\"lowercase\": true", "\"lowercase\": false"));
    check_fused_equals_general(*tokenizer);
  }
}
