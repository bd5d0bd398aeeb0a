#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "tokenizer/hf/bert_normalizer.h"
#include "tokenizer/hf/normalizer.h"

using namespace tokenlab;

namespace {

NormalizedText original(std::string_view text, std::uint32_t begin = 0) {
  NormalizedText result;
  result.assign_original(text, begin);
  return result;
}

NormalizedText run(const Normalizer& normalizer, std::string_view text, std::uint32_t begin = 0) {
  NormalizedText out;
  normalizer.normalize(original(text, begin), out);
  REQUIRE(out.origins.size() == out.text.size());
  return out;
}

std::string lowered(std::string_view text) {
  NormalizedText out;
  lowercase_text(original(text), out);
  return out.text;
}

bool same_span(ByteSpan a, ByteSpan b) { return a.begin == b.begin && a.end == b.end; }

}  // namespace

TEST_CASE("Prepend and Replace build the SentencePiece text with alignments") {
  std::vector<std::unique_ptr<Normalizer>> steps;
  steps.push_back(std::make_unique<PrependNormalizer>("\u2581"));
  steps.push_back(std::make_unique<ReplaceNormalizer>(" ", "\u2581"));
  const SequenceNormalizer sentence_piece(std::move(steps));
  const NormalizedText out = run(sentence_piece, "Hi there", 10);
  CHECK(out.text == "\u2581Hi\u2581there");
  CHECK(same_span(out.original_span(0, 3), {10, 10}));   // the prepended "▁" stands for nothing
  CHECK(same_span(out.original_span(0, 5), {10, 12}));   // "▁Hi"
  CHECK(same_span(out.original_span(5, 8), {12, 13}));   // the "▁" that was a space
  CHECK(same_span(out.original_span(5, 13), {12, 18}));  // "▁there"
  SUBCASE("empty text stays empty") { CHECK(run(sentence_piece, "").text.empty()); }
}

TEST_CASE("Replace with empty content removes the pattern") {
  const ReplaceNormalizer remove("ab", "");
  const NormalizedText out = run(remove, "xabyab");
  CHECK(out.text == "xy");
  CHECK(same_span(out.original_span(1, 2), {3, 4}));
}

TEST_CASE("lower-casing matches JavaScript's toLowerCase, final sigma included") {
  CHECK(lowered("HeLLo WORLD") == "hello world");
  CHECK(lowered("ΟΔΟΣ") == "οδος");
  CHECK(lowered("ΟΔΟΣ.") == "οδος.");
  CHECK(lowered("ΑΣ.Β") == "ασ.β");             // a cased letter follows past the case-ignorable "."
  CHECK(lowered("Σ") == "σ");                   // nothing cased before it
  CHECK(lowered(" Σ ") == " σ ");
  CHECK(lowered("ΑΣ\u0301") == "ας\u0301");    // a combining accent is case-ignorable
  CHECK(lowered("\u0130") == "i\u0307");
  CHECK(lowered("Straße ẞ") == "straße ß");
  CHECK(lowered("\xff" "A") == "\xff" "a");     // malformed bytes pass through
}

TEST_CASE("lower-casing keeps every output byte aligned to its source character") {
  NormalizedText out;
  lowercase_text(original("xİy"), out);
  REQUIRE(out.text == "xi\u0307y");
  CHECK(same_span(out.original_span(1, 4), {1, 3}));  // "i̇" both come from "İ"
  CHECK(same_span(out.original_span(4, 5), {3, 4}));
}

TEST_CASE("NFD decomposes and puts combining marks in canonical order") {
  const NfdNormalizer nfd;
  CHECK(run(nfd, "é").text == "e\u0301");
  CHECK(run(nfd, "a\u0301\u0323").text == "a\u0323\u0301");  // dot below (220) before acute (230)
  CHECK(run(nfd, "한").text == "\u1112\u1161\u11AB");
  CHECK(run(nfd, "plain").text == "plain");
  CHECK(run(nfd, "\u037e\uf902").text == ";\u8eca");  // singletons: Greek question mark, CJK compatibility ideograph
  NormalizedText out = run(nfd, "xé");
  CHECK(same_span(out.original_span(1, 2), {1, 3}));
}

TEST_CASE("StripAccents removes every combining mark") {
  const StripAccentsNormalizer strip;
  CHECK(run(strip, "e\u0301a\u0903b").text == "eab");  // U+0903 is a spacing mark (Mc)
}

TEST_CASE("BERT's normalizer cleans, spaces CJK, lower-cases and strips accents") {
  const BertNormalizer bert({});
  CHECK(run(bert, "H\xc3\xa9llo,\tWORLD \xe4\xb8\xad").text == "hello, world  \xe4\xb8\xad ");
  CHECK(run(bert, "a\x01" "b\xef\xbf\xbd" "c\xe2\x80\x8b" "d").text == "abcd");  // control, U+FFFD, U+200B (Cf)
  CHECK(run(bert, "a\u00a0b\u3000c\nd").text == "a b c d");
  CHECK(run(bert, "\xff").text.empty());  // malformed UTF-8 reads as U+FFFD
  CHECK(run(bert, "ΟΔΟΣ Ünïcödé").text == "οδος unicode");
  CHECK(run(bert, "\U00020000").text == "\U00020000");  // no spaces outside the BMP, as transformers.js
  SUBCASE("offsets map normalized text back") {
    const NormalizedText out = run(bert, "\xe4\xb8\xad\xc3\x89");  // "中É"
    REQUIRE(out.text == " \xe4\xb8\xad e");
    CHECK(same_span(out.original_span(1, 4), {0, 3}));
    CHECK(same_span(out.original_span(5, 6), {3, 5}));
  }
  SUBCASE("options switch steps off") {
    BertNormalizerOptions cased;
    cased.lowercase = false;
    cased.strip_accents = false;
    CHECK(run(BertNormalizer(cased), "Héllo").text == "Héllo");
    BertNormalizerOptions strip_only = cased;
    strip_only.strip_accents = true;
    CHECK(run(BertNormalizer(strip_only), "Héllo").text == "Hello");
  }
}
