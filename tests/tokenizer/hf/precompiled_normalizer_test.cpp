// Hugging Face's Precompiled normalizer and SentencePiece's own, on the nine
// rules of tests/data/tiny-precompiled-charsmap.bin (see
// precompiled_charsmap_test.cpp): A -> a, A U+0301 -> á, ﬁ -> fi, U+200B -> "",
// U+3000 -> " ", \t -> " ", ｶ -> カ, ﾞ -> U+3099, ｶﾞ -> ガ. The expected texts
// are what the tokenizers npm package (precompiled(bytes).normalizeString)
// and spm_normalize print for the same charsmap.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "tokenizer/bpe/base64.h"
#include "tokenizer/errors.h"
#include "tokenizer/hf/precompiled_normalizer.h"
#include "tokenizer/hf/sentencepiece_normalizer.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/hf/tokenizer_json_components.h"
#include "test_data.h"

using namespace tokenlab;

namespace {

PrecompiledCharsmap tiny_charsmap() { return PrecompiledCharsmap::parse(testing::test_data("tiny-precompiled-charsmap.bin")); }

// Both entry points must agree; returns normalize_original's result.
NormalizedText run(const Normalizer& normalizer, std::string_view text, std::uint32_t begin = 0) {
  NormalizedText direct;
  normalizer.normalize_original(text, begin, direct);
  REQUIRE(direct.origins.size() == direct.text.size());
  NormalizedText aligned;
  NormalizedText in;
  in.assign_original(text, begin);
  normalizer.normalize(in, aligned);
  CHECK(aligned.text == direct.text);
  REQUIRE(aligned.origins.size() == direct.origins.size());
  for (std::size_t i = 0; i < direct.origins.size(); ++i) {
    CHECK(aligned.origins[i].begin == direct.origins[i].begin);
    CHECK(aligned.origins[i].end == direct.origins[i].end);
  }
  return direct;
}

std::string text_of(const Normalizer& normalizer, std::string_view text) { return run(normalizer, text).text; }

bool same_span(ByteSpan a, ByteSpan b) { return a.begin == b.begin && a.end == b.end; }

}  // namespace

TEST_CASE("Precompiled replaces short clusters whole by their shortest rule, as Hugging Face does") {
  const PrecompiledNormalizer normalizer(tiny_charsmap());
  CHECK(text_of(normalizer, "A") == "a");
  CHECK(text_of(normalizer, "AAA") == "aaa");
  CHECK(text_of(normalizer, "x\uFB01y") == "xfiy");
  CHECK(text_of(normalizer, "a\u200Bb") == "ab");
  CHECK(text_of(normalizer, "\tx\u3000") == " x ");
  SUBCASE("the shortest rule takes the whole cluster, marks and all") {
    CHECK(text_of(normalizer, "A\u0301") == "a");              // not "á", the longer rule
    CHECK(text_of(normalizer, "A\u0301\u0301") == "a");        // 5 bytes
    CHECK(text_of(normalizer, "A\u200D") == "a");              // ZWJ joins the cluster too
  }
  SUBCASE("clusters of 6 bytes and more go character by character") {
    CHECK(text_of(normalizer, "A\u0301\u0301\u0301") == "a\u0301\u0301\u0301");  // 7 bytes
    CHECK(text_of(normalizer, "\uFF76\uFF9E") == "\u30AB\u3099");                // not "ガ"
  }
  SUBCASE("NUL and malformed bytes pass through") {
    CHECK(text_of(normalizer, std::string("\0A", 2)) == std::string("\0a", 2));
    CHECK(text_of(normalizer, "\xFF" "A\xC3") == "\xFF" "a\xC3");
  }
  SUBCASE("no rules: the text as it is") {
    const PrecompiledNormalizer identity{PrecompiledCharsmap()};
    CHECK(text_of(identity, "A\u0301 \t") == "A\u0301 \t");
  }
}

TEST_CASE("Precompiled maps each replacement to what it replaced") {
  const PrecompiledNormalizer normalizer(tiny_charsmap());
  const NormalizedText out = run(normalizer, "x\uFB01A\u0301\u200By", 10);
  REQUIRE(out.text == "xfiay");
  CHECK(same_span(out.origins[0], {10, 11}));  // x
  CHECK(same_span(out.origins[1], {11, 14}));  // f and i: the ligature
  CHECK(same_span(out.origins[2], {11, 14}));
  CHECK(same_span(out.origins[3], {14, 17}));  // a: the cluster "A\u0301"
  CHECK(same_span(out.origins[4], {20, 21}));  // y; U+200B left nothing
}

TEST_CASE("SentencePiece's normalizer takes the longest rule and handles whitespace as spm_normalize does") {
  const PrecompiledCharsmap charsmap = tiny_charsmap();
  SUBCASE("the defaults: dummy prefix, extra whitespace removed, spaces escaped") {
    const SentencePieceNormalizer normalizer(charsmap, {});
    CHECK(text_of(normalizer, "A") == "\u2581a");
    CHECK(text_of(normalizer, "A\u0301") == "\u2581\u00E1");
    CHECK(text_of(normalizer, "\uFF76\uFF9E") == "\u2581\u30AC");
    CHECK(text_of(normalizer, "  A\u0301 \uFB01\t\u3000x  ") == "\u2581\u00E1\u2581fi\u2581x");
    CHECK(text_of(normalizer, "\u200B a") == "\u2581a");
    CHECK(text_of(normalizer, "a \u200B") == "\u2581a");
    CHECK(text_of(normalizer, "a\u2581") == "\u2581a");  // a typed ▁ at the end goes too
    CHECK(text_of(normalizer, "\u3000\t").empty());       // whitespace only
    CHECK(text_of(normalizer, "\u200B").empty());         // the prefix alone is trailing space
    CHECK(text_of(normalizer, "").empty());
  }
  SUBCASE("neither dummy prefix nor escaping (spm_normalize without its model's switches)") {
    SentencePieceNormalizerOptions options;
    options.add_dummy_prefix = false;
    options.escape_whitespaces = false;
    const SentencePieceNormalizer normalizer(charsmap, options);
    CHECK(text_of(normalizer, "  A\u0301 \uFB01\t\u3000x  ") == "\u00E1 fi x");
    CHECK(text_of(normalizer, "a  b") == "a b");
    CHECK(text_of(normalizer, "\tx") == "x");
    options.remove_extra_whitespaces = false;
    const SentencePieceNormalizer keeping(charsmap, options);
    CHECK(text_of(keeping, "  A\u0301 \uFB01\t\u3000x  ") == "  \u00E1 fi  x  ");
    CHECK(text_of(keeping, "\u3000\t") == "  ");
    CHECK(text_of(keeping, "\u200B a") == " a");
  }
  SUBCASE("a malformed byte becomes U+FFFD, one byte at a time") {
    SentencePieceNormalizerOptions options;
    options.add_dummy_prefix = false;
    const SentencePieceNormalizer normalizer(charsmap, options);
    CHECK(text_of(normalizer, "\xFF" "A") == "\uFFFDa");
    CHECK(text_of(normalizer, "\xED\xA0\x80x") == "\uFFFD\uFFFD\uFFFDx");  // a surrogate's three bytes
    CHECK(text_of(normalizer, "\uFFFD") == "\uFFFD");
  }
  SUBCASE("whitespace as a suffix") {
    SentencePieceNormalizerOptions options;
    options.treat_whitespace_as_suffix = true;
    const SentencePieceNormalizer normalizer(charsmap, options);
    CHECK(text_of(normalizer, " a  b ") == "a\u2581b\u2581");
  }
  SUBCASE("user-defined symbols are never normalized") {
    SentencePieceNormalizerOptions options;
    options.user_defined_symbols = {"A", "A\u0301\u0301", "\t"};
    const SentencePieceNormalizer normalizer(charsmap, options);
    CHECK(text_of(normalizer, "A\u0301\u0301A\u0301") == "\u2581A\u0301\u0301A\u0301");  // longest symbol first
    CHECK(text_of(normalizer, "\tx") == "\u2581\tx");  // no longer whitespace
  }
}

TEST_CASE("SentencePiece's normalizer maps output bytes to input spans") {
  const SentencePieceNormalizer normalizer(tiny_charsmap(), {});
  const NormalizedText out = run(normalizer, "  A\u0301 b\u3000", 5);
  REQUIRE(out.text == "\u2581\u00E1\u2581b");
  CHECK(same_span(out.original_span(0, 3), {7, 7}));    // the dummy prefix, where the text starts
  CHECK(same_span(out.original_span(3, 5), {7, 10}));   // á: "A\u0301"
  CHECK(same_span(out.original_span(5, 8), {10, 11}));  // the escaped space
  CHECK(same_span(out.original_span(8, 9), {11, 12}));  // b
}

TEST_CASE("tokenizer.json's Precompiled normalizer, alone or in a Sequence") {
  namespace json = tokenizer_json;
  const std::string charsmap = base64::encode(testing::test_data("tiny-precompiled-charsmap.bin"));
  const json::Json precompiled = {{"type", "Precompiled"}, {"precompiled_charsmap", charsmap}};
  const auto alone = json::parse_normalizer(precompiled);
  REQUIRE(alone);
  CHECK(text_of(*alone, "A\u0301 \uFB01") == "a fi");
  const json::Json sequence = {{"type", "Sequence"},
                               {"normalizers", {precompiled, {{"type", "Replace"}, {"pattern", {{"String", " "}}},
                                                              {"content", "\u2581"}}}}};
  const auto both = json::parse_normalizer(sequence);
  REQUIRE(both);
  CHECK(text_of(*both, "\tA") == "\u2581a");
  SUBCASE("an empty, null or missing charsmap is refused, as Hugging Face's library refuses it") {
    // A whole file, so that the loader's own errors are VocabErrors too.
    const std::string file = testing::test_data("tiny-wordpiece.json");
    json::Json config = json::Json::parse(file);
    for (const json::Json& bad : {json::Json(""), json::Json(nullptr), json::Json("AAAAAA==")}) {
      config["normalizer"] = {{"type", "Precompiled"}, {"precompiled_charsmap", bad}};
      CHECK_THROWS_AS(load_tokenizer_json("test", config.dump()), VocabError);
    }
    config["normalizer"] = {{"type", "Precompiled"}};
    CHECK_THROWS_AS(load_tokenizer_json("test", config.dump()), VocabError);
  }
}
