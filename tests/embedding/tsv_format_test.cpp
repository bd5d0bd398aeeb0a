#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "embedding/rng.h"
#include "embedding/tsv_format.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;

namespace {

// The message of the VocabError that reading the pair throws.
std::string error_of(const std::string& vectors, const std::string& metadata) {
  try {
    read_tsv(vectors, metadata, 4);
  } catch (const tokenlab::VocabError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("The header's TSV pair reads as two words of three values") {
  const WordVectors read = read_tsv("0.1\t0.2\t0.3\n0.1\t0.25\t0.3\n", "king\nqueen\n");
  CHECK(read.words == std::vector<std::string>{"king", "queen"});
  REQUIRE(read.vectors.rows() == 2);
  REQUIRE(read.vectors.cols() == 3);
  CHECK(read.vectors.row(1)[1] == 0.25f);
}

TEST_CASE("A TSV pair round-trips exactly, words with spaces included") {
  Rng rng(4);
  Matrix vectors(3, 5);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t i = 0; i < 5; ++i) vectors.row(r)[i] = (rng.uniform() - 0.5f) * 1e-3f;
  }
  vectors.row(2)[4] = -12345.678f;
  const std::vector<std::string> words = {"king", "new york", "don't"};
  const TsvPair pair = write_tsv(words, vectors);
  CHECK(pair.metadata == "king\nnew york\ndon't\n");
  CHECK(std::count(pair.vectors.begin(), pair.vectors.end(), '\t') == 12);
  const WordVectors back = read_tsv(pair.vectors, pair.metadata);
  CHECK(back.words == words);
  REQUIRE(back.vectors.rows() == 3);
  REQUIRE(back.vectors.cols() == 5);
  for (std::size_t r = 0; r < 3; ++r) CHECK(std::memcmp(back.vectors.row(r), vectors.row(r), 5 * sizeof(float)) == 0);
}

TEST_CASE("Metadata with several columns has a header line, and the word is the first column") {
  const WordVectors read = read_tsv("1\t2\r\n3\t4", "word\tcount\r\nking\t12\r\nqueen\t7\r\n");
  CHECK(read.words == std::vector<std::string>{"king", "queen"});
  CHECK(read.vectors.row(1)[0] == 3.0f);
  CHECK(error_of("1\t2\n3\t4\n", "word\tcount\nking\t12\nqueen\t7\nrook\t1\n") ==
        "metadata.tsv has 3 words after its header line but vectors.tsv has 2 vectors");
}

TEST_CASE("Bad TSV pairs name the file and line") {
  CHECK(error_of("", "a\n") == "vectors.tsv is empty");
  CHECK(error_of("1\n", "") == "metadata.tsv is empty");
  CHECK(error_of("1\t2\n3\t4\n", "a\n") == "metadata.tsv has 1 words but vectors.tsv has 2 vectors");
  CHECK(error_of("1\t2\n3\n", "a\nb\n") == "vectors.tsv line 2: 1 values, but line 1 has 2");
  CHECK(error_of("1\t2\n3\t4\t5\n", "a\nb\n") == "vectors.tsv line 2: more than the 2 values of line 1");
  CHECK(error_of("1\t2\n3\tx\n", "a\nb\n") == "vectors.tsv line 2: value 2 (\"x\") is not a finite number");
  CHECK(error_of("1\tnan\n", "a\n") == "vectors.tsv line 1: value 2 (\"nan\") is not a finite number");
  CHECK(error_of("1\n\n2\n", "a\nb\nc\n") == "vectors.tsv line 2: the line is empty");
  CHECK(error_of("1\t2\t3\t4\t5\n", "a\n") == "vectors.tsv line 1: 5 values, more than the 4 this reader takes");
  CHECK(error_of("1\n2\n", "a\na\n") == "metadata.tsv line 2: \"a\" is given twice");
  CHECK(error_of("1\n2\n", "a\n\n") == "metadata.tsv line 2: the word is empty");
}

TEST_CASE("write_tsv refuses words it could not read back") {
  Matrix vectors(1, 2);
  CHECK_THROWS_AS(write_tsv({"a\tb"}, vectors), tokenlab::UsageError);
  CHECK_THROWS_AS(write_tsv({""}, vectors), tokenlab::UsageError);
  CHECK_THROWS_AS(write_tsv({"a", "b"}, vectors), tokenlab::UsageError);
}
