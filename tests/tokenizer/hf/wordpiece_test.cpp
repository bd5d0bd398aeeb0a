#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/hf/wordpiece.h"

using namespace tokenlab;

namespace {

WordPieceModel model(std::size_t max_chars = 100) {
  RankTable vocab;
  const char* entries[] = {"[UNK]", "un", "##aff", "##able", "a", "##b", "unaff", "é", "##é"};
  Rank id = 0;
  for (const char* entry : entries) REQUIRE(vocab.add(entry, id++));
  return WordPieceModel(std::move(vocab), 0, "##", max_chars);
}

struct Split {
  std::vector<TokenId> ids;
  std::vector<std::uint32_t> starts;
};

Split split(WordPieceModel& wordpiece, std::string_view word) {
  Split result;
  wordpiece.encode_piece(word, result.ids, result.starts);
  return result;
}

}  // namespace

TEST_CASE("WordPiece takes the longest entry first, continuing with ##") {
  WordPieceModel wordpiece = model();
  Split result = split(wordpiece, "unaffable");
  CHECK(result.ids == std::vector<TokenId>{6, 3});  // "unaff" beats "un"
  CHECK(result.starts == std::vector<std::uint32_t>{0, 5});
  CHECK(split(wordpiece, "abb").ids == std::vector<TokenId>{4, 5, 5});
  CHECK(split(wordpiece, "éé").starts == std::vector<std::uint32_t>{0, 2});
  SUBCASE("the second call comes from the cache and is the same") {
    CHECK(split(wordpiece, "unaffable").ids == std::vector<TokenId>{6, 3});
  }
}

TEST_CASE("a word with an unknown part is one [UNK]") {
  WordPieceModel wordpiece = model();
  const Split result = split(wordpiece, "unaffablex");
  CHECK(result.ids == std::vector<TokenId>{0});
  CHECK(result.starts == std::vector<std::uint32_t>{0});
  CHECK(split(wordpiece, "ba").ids == std::vector<TokenId>{0});  // no entry starts with "b"
}

TEST_CASE("a word longer than max_input_chars_per_word characters is [UNK]") {
  WordPieceModel wordpiece = model(3);
  CHECK(split(wordpiece, "abb").ids == std::vector<TokenId>{4, 5, 5});
  CHECK(split(wordpiece, "abbb").ids == std::vector<TokenId>{0});
  CHECK(split(wordpiece, "ééé").ids == std::vector<TokenId>{7, 8, 8});  // characters, not bytes
}

TEST_CASE("WordPiece needs its unknown token in the vocabulary") {
  RankTable vocab;
  REQUIRE(vocab.add("a", 0));
  CHECK_THROWS_AS(WordPieceModel(std::move(vocab), 5, "##", 100), VocabError);
}
