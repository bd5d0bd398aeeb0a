#include <doctest/doctest.h>

#include "tokenizer/train/piece_counter.h"
#include "tokenizer/train/unigram_corpus.h"
#include "tokenizer/train/unigram_words.h"

using namespace tokenlab;

namespace {

using Words = std::vector<std::string>;

std::vector<UnigramWord> counted(std::string_view text) {
  PieceCounter counter(SplitPattern::kWhitespace);
  counter.add_text(text);
  counter.finish();
  return count_metaspace_words(counter.pieces());
}

}  // namespace

TEST_CASE("words split at whitespace and start with ▁, as WhitespaceSplit then Metaspace split them") {
  CHECK(metaspace_words("Hello  world\n") == Words{"▁Hello", "▁world"});
  CHECK(metaspace_words("\t\xE3\x80\x80x\xC2\xA0y \r\n") == Words{"▁x", "▁y"});  // U+3000 and U+00A0 are White_Space
  CHECK(metaspace_words("") == Words{});
  CHECK(metaspace_words(" \n\t ") == Words{});
}

TEST_CASE("a literal ▁ starts a word of its own, and is not doubled") {
  CHECK(metaspace_words("a▁b") == Words{"▁a", "▁b"});
  CHECK(metaspace_words("▁x") == Words{"▁x"});
  CHECK(metaspace_words("▁▁a a▁") == Words{"▁", "▁a", "▁a", "▁"});
}

TEST_CASE("each malformed UTF-8 byte reads as U+FFFD") {
  CHECK(metaspace_words("a\xFF" "b \xE2\x82") == Words{"▁a\xEF\xBF\xBD" "b", "▁\xEF\xBF\xBD\xEF\xBF\xBD"});
}

TEST_CASE("counted words merge the stretches that give the same word and sort by count, then bytes") {
  // b x2, a, a▁b, ▁a -> ▁b: 2 + 1, ▁a: 1 + 1 + 1
  const std::vector<UnigramWord> words = counted("b a a▁b ▁a b");
  REQUIRE(words.size() == 2);
  CHECK(words[0].text == "▁a");
  CHECK(words[0].count == 3);
  CHECK(words[1].text == "▁b");
  CHECK(words[1].count == 3);
  const std::vector<UnigramWord> ordered = counted("z y y x x x");
  REQUIRE(ordered.size() == 3);
  CHECK(ordered[0].text == "▁x");
  CHECK(ordered[1].text == "▁y");
  CHECK(ordered[2].text == "▁z");
}

TEST_CASE("the corpus lays the words out as codepoints, each followed by a word end") {
  const UnigramCorpus corpus = build_unigram_corpus({{"▁ab", 2}, {"▁b", 1}}, 1.0);
  const std::vector<char32_t> expected{0x2581, 'a', 'b', UnigramCorpus::kWordEnd, 0x2581, 'b', UnigramCorpus::kWordEnd};
  CHECK(corpus.symbols == expected);
  CHECK(corpus.word_start == std::vector<std::uint32_t>{0, 4, 7});
  CHECK(corpus.frequency == std::vector<std::uint64_t>{2, 1});
  CHECK(corpus.word_begin(1) == 4);
  CHECK(corpus.word_end(1) == 6);
  // Characters by count; b and ▁ both 3: the smaller codepoint first.
  REQUIRE(corpus.characters.size() == 3);
  CHECK(corpus.characters[0].codepoint == U'b');
  CHECK(corpus.characters[1].codepoint == 0x2581);
  CHECK(corpus.characters[2].codepoint == U'a');
  CHECK(corpus.characters[2].count == 2);
  CHECK(corpus.character_occurrences == 8);
}

TEST_CASE("character coverage keeps the most frequent characters until they cover the share") {
  const std::vector<UnigramWord> words{{"▁ab", 2}, {"▁b", 1}};  // b 3, ▁ 3, a 2 of 8
  SUBCASE("1.0 keeps every character") {
    CHECK(build_unigram_corpus(words, 1.0).characters.size() == 3);
  }
  SUBCASE("0.75: b and ▁ cover 6 of 8, so a is left out and reads as rare") {
    const UnigramCorpus corpus = build_unigram_corpus(words, 0.75);
    CHECK(corpus.characters.size() == 2);
    CHECK(corpus.rare_kinds == 1);
    CHECK(corpus.rare_occurrences == 2);
    CHECK(corpus.symbols[1] == UnigramCorpus::kRareCharacter);
  }
  SUBCASE("0.76 needs a too") {
    CHECK(build_unigram_corpus(words, 0.76).characters.size() == 3);
  }
}

TEST_CASE("U+0000 is never a character of the vocabulary") {
  const UnigramCorpus corpus = build_unigram_corpus({{std::string("\xE2\x96\x81" "a\0b", 6), 1}}, 1.0);
  CHECK(corpus.characters.size() == 3);
  CHECK(corpus.symbols[2] == UnigramCorpus::kRareCharacter);
  CHECK(corpus.rare_kinds == 1);
  CHECK(corpus.character_occurrences == 3);
}
