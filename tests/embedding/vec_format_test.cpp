#include <doctest/doctest.h>

#include <string>

#include "embedding/rng.h"
#include "embedding/vec_format.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

// The message of the VocabError that reading text throws.
std::string error_of(const std::string& text) {
  try {
    read_vec(text);
  } catch (const tokenlab::VocabError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a .vec file round-trips exactly") {
  Rng rng(5);
  Matrix vectors(3, 7);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t i = 0; i < 7; ++i) vectors.row(r)[i] = (rng.uniform() - 0.5f) * 1e-3f;
  }
  vectors.row(1)[0] = 0.0f;
  vectors.row(2)[6] = -12345.678f;
  const std::vector<std::string> words = {"king", "queen", "don't"};
  const std::string text = write_vec(words, vectors);
  CHECK(text.rfind("3 7\nking ", 0) == 0);
  const WordVectors back = read_vec(text);
  CHECK(back.words == words);
  REQUIRE(back.vectors.rows() == 3);
  REQUIRE(back.vectors.cols() == 7);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t i = 0; i < 7; ++i) CHECK(back.vectors.row(r)[i] == vectors.row(r)[i]);
  }
  SUBCASE("with fewer digits, close") {
    const WordVectors short_back = read_vec(write_vec(words, vectors, 5));
    CHECK(short_back.vectors.row(2)[6] == doctest::Approx(-12346.0f));
  }
}

TEST_CASE("reading accepts word2vec's trailing spaces, CRLF and GloVe's missing header") {
  const WordVectors with_header = read_vec("2 2\r\na 1 2 \r\nb -3.5 4e-1\r\n");
  CHECK(with_header.words == std::vector<std::string>{"a", "b"});
  CHECK(with_header.vectors.row(1)[0] == -3.5f);
  CHECK(with_header.vectors.row(1)[1] == 0.4f);
  const WordVectors glove = read_vec("the 0.1 0.2 0.3\n\nof 1 2 3");
  CHECK(glove.words == std::vector<std::string>{"the", "of"});
  CHECK(glove.vectors.cols() == 3);
  CHECK(glove.vectors.row(1)[2] == 3.0f);
}

TEST_CASE("malformed .vec files name the line") {
  CHECK(error_of("2 3\na 1 2 3\nb 1 2\n") == ".vec line 3: expected 3 values after \"b\", found 2");
  CHECK(error_of("1 2\na 1 x\n") == ".vec line 2: value 2 of \"a\" is not a number: \"x\"");
  CHECK(error_of("1 2\na 1 nan\n") == ".vec line 2: value 2 of \"a\" is not a number: \"nan\"");
  CHECK(error_of("3 2\na 1 2\nb 3 4\n") == ".vec line 3: the header announces 3 words, the file has 2");
  CHECK(error_of("1 2\na 1 2\nb 3 4\n") == ".vec line 3: more words than the 1 the header announces");
  CHECK(error_of("a 1 2\nb 3 4\na 5 6\n") == ".vec line 3: \"a\" appears twice");
  CHECK(error_of("100000 300\na 1\n").find(".vec line 1: the header announces 100000 words") == 0);
  CHECK(error_of("1 0\n") == ".vec line 1: dimension 0 is outside 1..1000");
  CHECK(error_of("hello\n") == ".vec line 1: expected a header \"count dim\" or a word and its values");
  CHECK(error_of("\n\n") == ".vec file is empty");
}

TEST_CASE("every word read from a .vec file can be written back") {
  // \v and \f separate fields, as in fastText; write_vec refuses them in a word.
  const WordVectors read = read_vec("2 1\nking\v0.5\nqueen\f0.25\n");
  CHECK(read.words == std::vector<std::string>{"king", "queen"});
  const WordVectors again = read_vec(write_vec(read.words, read.vectors));
  CHECK(again.words == read.words);
  CHECK(again.vectors.row(1)[0] == 0.25f);
}

TEST_CASE("writing refuses words a .vec file cannot hold") {
  Matrix vectors(1, 2);
  CHECK_THROWS_AS(write_vec({"two words"}, vectors), tokenlab::UsageError);
  CHECK_THROWS_AS(write_vec({""}, vectors), tokenlab::UsageError);
  CHECK_THROWS_AS(write_vec({"a", "b"}, vectors), tokenlab::UsageError);
}
