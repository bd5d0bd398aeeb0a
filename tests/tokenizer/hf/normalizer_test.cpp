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
  strip_and_lowercase(original(text), out, false, true);
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

TEST_CASE("lower-casing maps each character as the Rust library does, with no final-sigma rule") {
  CHECK(lowered("HeLLo WORLD") == "hello world");
  CHECK(lowered("ΟΔΟΣ") == "οδοσ");
  CHECK(lowered("ΟΔΟΣ.") == "οδοσ.");
  CHECK(lowered("Σ") == "σ");
  CHECK(lowered("ΑΣ\u0301") == "ασ\u0301");
  CHECK(lowered("\u0130") == "i\u0307");
  CHECK(lowered("Straße ẞ") == "straße ß");
  CHECK(lowered("\xff" "A") == "\xff" "a");     // malformed bytes pass through
}

TEST_CASE("lower-casing keeps every output byte aligned to its source character") {
  NormalizedText out;
  strip_and_lowercase(original("xİy"), out, false, true);
  REQUIRE(out.text == "xi\u0307y");
  CHECK(same_span(out.original_span(1, 4), {1, 3}));  // "i̇" both come from "İ"
  CHECK(same_span(out.original_span(4, 5), {3, 4}));
}

TEST_CASE("NFD decomposes and puts combining marks in canonical order") {
  const UnicodeFormNormalizer nfd(NormalizationForm::kNfd);
  CHECK(run(nfd, "é").text == "e\u0301");
  CHECK(run(nfd, "a\u0301\u0323").text == "a\u0323\u0301");  // dot below (220) before acute (230)
  CHECK(run(nfd, "한").text == "\u1112\u1161\u11AB");
  CHECK(run(nfd, "plain").text == "plain");
  CHECK(run(nfd, "\u037e\uf902").text == ";\u8eca");  // singletons: Greek question mark, CJK compatibility ideograph
  NormalizedText out = run(nfd, "xé");
  CHECK(same_span(out.original_span(1, 2), {1, 3}));
}

TEST_CASE("NFC composes what NFD decomposed, as Hugging Face's Rust crate does") {
  const UnicodeFormNormalizer nfc(NormalizationForm::kNfc);
  CHECK(run(nfc, "e\u0301").text == "é");
  CHECK(run(nfc, "a\u0301\u0323").text == "\u1ea1\u0301");         // ạ then the acute, after canonical order
  CHECK(run(nfc, "\u1e9b\u0323").text == "\u1e9b\u0323");          // long s with dot above stays
  CHECK(run(nfc, "\u1100\u1161\u11a8").text == "\uac01");          // jamo compose into 각
  CHECK(run(nfc, "\uac00\u11a8").text == "\uac01");                 // LV syllable + trailing consonant
  CHECK(run(nfc, "\uac01\u11a8").text == "\uac01\u11a8");          // an LVT syllable takes no more
  CHECK(run(nfc, "\u212b\u0958").text == "\u00c5\u0915\u093c");   // a singleton; an excluded composite
  CHECK(run(nfc, "\u0301e").text == "\u0301e");                      // nothing before the mark to compose with
  CHECK(run(nfc, "e\u0302\u0301").text == "\u1ebf");                // ế: composed twice over
  CHECK(run(nfc, "\xff\u0301e\xfe").text == "\xff\u0301e\xfe");  // malformed bytes pass through
  SUBCASE("characters newer than Unicode 9.0 are starters without mappings") {
    CHECK(run(nfc, "a\u0301\u1df9").text == "\u00e1\u1df9");       // U+1DF9: class 220 since 10.0
    CHECK(run(nfc, "a\u1df9\u0301").text == "a\u1df9\u0301");      // ... so it blocks the acute
    CHECK(run(nfc, "\U00011935\U00011930").text == "\U00011935\U00011930");  // U+11938 = both, since 13.0
  }
}

TEST_CASE("NFC aligns a composed character to everything it came from, in order") {
  const UnicodeFormNormalizer nfc(NormalizationForm::kNfc);
  const NormalizedText out = run(nfc, "xe\u0301y", 10);
  REQUIRE(out.text == "xéy");
  CHECK(same_span(out.original_span(1, 3), {11, 14}));
  CHECK(same_span(out.original_span(3, 4), {14, 15}));
  SUBCASE("a character that comes out as it went in keeps its bytes' origins") {
    const NormalizedText unchanged = run(nfc, "\u00e9\u0301");  // é + acute: nothing composes
    REQUIRE(unchanged.text == "\u00e9\u0301");
    CHECK(same_span(unchanged.original_span(0, 1), {0, 1}));
    CHECK(same_span(unchanged.original_span(1, 2), {1, 2}));
  }
  SUBCASE("characters reordered or composed across others share the span of them all") {
    const NormalizedText reordered = run(nfc, "x\u0301\u0323");
    REQUIRE(reordered.text == "x\u0323\u0301");
    CHECK(same_span(reordered.original_span(0, 1), {0, 1}));
    CHECK(same_span(reordered.original_span(1, 3), {1, 5}));
    CHECK(same_span(reordered.original_span(3, 5), {1, 5}));
    const NormalizedText composed = run(nfc, "\u00e9\u0323");  // é + dot below -> ẹ (e of é, dot) + acute (of é)
    REQUIRE(composed.text == "\u1eb9\u0301");
    CHECK(same_span(composed.original_span(0, 3), {0, 4}));
    CHECK(same_span(composed.original_span(3, 5), {0, 4}));
  }
  SUBCASE("origins never go backwards, so every token span is in order") {
    const UnicodeFormNormalizer nfd(NormalizationForm::kNfd);
    for (const char* text : {"x\u0301\u0302\u0323y", "\u1e69\u0334\u0301\u0323", "a\u0301\u0323\u0302\u0334b"}) {
      for (const UnicodeFormNormalizer* normalizer : {&nfc, &nfd}) {
        const NormalizedText out = run(*normalizer, text);
        for (std::size_t i = 1; i < out.origins.size(); ++i) {
          CHECK(out.origins[i - 1].begin <= out.origins[i].begin);
          CHECK(out.origins[i - 1].end <= out.origins[i].end);
        }
      }
    }
  }
}

TEST_CASE("NFKC and NFKD apply compatibility mappings") {
  const UnicodeFormNormalizer nfkc(NormalizationForm::kNfkc);
  const UnicodeFormNormalizer nfkd(NormalizationForm::kNfkd);
  CHECK(run(nfkc, "\ufb01 \u2460 \uff76\uff9e \u00bd").text == "fi 1 \u30ac 1\u20442");
  CHECK(run(nfkd, "\ufb01 \u2460 \uff76\uff9e").text == "fi 1 \u30ab\u3099");
  CHECK(run(nfkc, "\u1e9b\u0323").text == "\u1e69");  // ṩ: long s becomes s, then composes
  CHECK(run(nfkd, "\u1e9b\u0323").text == "s\u0323\u0307");
  CHECK(run(nfkc, "\u3200").text == "(\u1100)");       // ㈀: jamo in parentheses do not compose
  CHECK(run(nfkc, "\U0001fbf0").text == "\U0001fbf0");  // segmented digit zero: Unicode 13.0
  const NormalizedText out = run(nfkd, "a\ufb01b");
  REQUIRE(out.text == "afib");
  CHECK(same_span(out.original_span(1, 2), {1, 4}));
  CHECK(same_span(out.original_span(2, 3), {1, 4}));
}

TEST_CASE("the quick check passes text the forms leave alone") {
  CHECK(passes_quick_check("plain ASCII", NormalizationForm::kNfc));
  CHECK(passes_quick_check("déjà vu, 한국어, 中文", NormalizationForm::kNfc));
  CHECK_FALSE(passes_quick_check("déjà vu", NormalizationForm::kNfd));
  CHECK_FALSE(passes_quick_check("x\u0301", NormalizationForm::kNfc));  // may combine: checked, kept
  CHECK_FALSE(passes_quick_check("x\u0301\u0323", NormalizationForm::kNfd));  // out of canonical order
  CHECK(passes_quick_check("x\u0323\u0301", NormalizationForm::kNfd));
  CHECK_FALSE(passes_quick_check("\ufb01", NormalizationForm::kNfkc));
  CHECK(passes_quick_check("\ufb01", NormalizationForm::kNfc));
}

TEST_CASE("Strip removes White_Space at either end") {
  CHECK(run(StripNormalizer(true, true), " \t hi there\u3000\n").text == "hi there");
  CHECK(run(StripNormalizer(true, false), "  hi  ").text == "hi  ");
  CHECK(run(StripNormalizer(false, true), "  hi  ").text == "  hi");
  CHECK(run(StripNormalizer(false, false), "  hi  ").text == "  hi  ");
  CHECK(run(StripNormalizer(true, true), " \u00a0 ").text.empty());
  CHECK(run(StripNormalizer(true, true), "\u200bhi\u200b").text == "\u200bhi\u200b");  // U+200B is not White_Space
  const NormalizedText out = run(StripNormalizer(true, true), "  hi ", 5);
  CHECK(same_span(out.original_span(0, 2), {7, 9}));
  NormalizedText original;
  StripNormalizer(true, true).normalize_original("  hi ", 5, original);
  CHECK(original.text == out.text);
  CHECK(original.origins.size() == 2);
  CHECK(same_span(original.original_span(0, 2), {7, 9}));
}

TEST_CASE("StripAccents removes every combining mark") {
  const StripAccentsNormalizer strip;
  CHECK(run(strip, "e\u0301a\u0903b").text == "eab");  // U+0903 is a spacing mark (Mc)
}

TEST_CASE("BERT's normalizer cleans, spaces CJK, strips accents and lower-cases as the Rust library does") {
  const BertNormalizer bert({});
  CHECK(run(bert, "H\xc3\xa9llo,\tWORLD \xe4\xb8\xad").text == "hello, world  \xe4\xb8\xad ");
  CHECK(run(bert, "a\x01" "b\xef\xbf\xbd" "c\xe2\x80\x8b" "d").text == "abcd");  // control, U+FFFD, U+200B (Cf)
  CHECK(run(bert, "a\u00a0b\u3000c\nd").text == "a b c d");
  CHECK(run(bert, "a\vb\u0085c").text == "abc");  // White_Space, but controls first: dropped
  CHECK(run(bert, "\xff").text.empty());           // malformed UTF-8 reads as U+FFFD
  CHECK(run(bert, "a\u0378b\U000E0001c").text == "a\u0378bc");  // unassigned kept; U+E0001 is Cf
  SUBCASE("capital sigma lower-cases to σ everywhere, not to a final ς") {
    CHECK(run(bert, "ΟΔΟΣ Ünïcödé").text == "οδοσ unicode");
  }
  SUBCASE("only nonspacing marks of Unicode 8.0 go") {
    CHECK(run(bert, "a\u0903b\u20ddc").text == "a\u0903b\u20ddc");  // Mc and Me stay
    CHECK(run(bert, "e\u1df9").text == "e\u1df9");                    // Mn since Unicode 10.0
    CHECK(run(bert, "\u1885").text == "\u1885");                      // Lo in 8.0, Mn today
  }
  SUBCASE("CJK ideographs of every block BERT lists, but not U+2B820..2B91F") {
    CHECK(run(bert, "\U00020000").text == " \U00020000 ");
    CHECK(run(bert, "\U0002B820").text == "\U0002B820");
    CHECK(run(bert, "\U0002B920").text == " \U0002B920 ");
  }
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
    BertNormalizerOptions lower_only = cased;
    lower_only.lowercase = true;
    CHECK(run(BertNormalizer(lower_only), "H\u0130").text == "hi\u0307");  // the mark lower-casing makes stays
  }
}

TEST_CASE("Replace with a Regex pattern replaces every match, mapping the content to what it replaced") {
  const RegexReplaceNormalizer spaces(std::make_shared<const Regex>(R"(\s+)"), " ");
  const NormalizedText out = run(spaces, "a \t\n b", 10);
  CHECK(out.text == "a b");
  CHECK(out.original_span(1, 2).begin == 11);
  CHECK(out.original_span(1, 2).end == 15);
  CHECK(run(RegexReplaceNormalizer(std::make_shared<const Regex>(R"(\p{N}+)"), ""), "a12b3").text == "ab");
  // A malformed byte is never part of a match and is kept.
  CHECK(run(spaces, "x \xff  y").text == "x \xff y");
}
