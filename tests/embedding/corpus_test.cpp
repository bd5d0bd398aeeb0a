#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "embedding/corpus.h"
#include "tokenizer/errors.h"

using namespace tokenlab::embedding;
constexpr std::int32_t kEnd = Corpus::kSentenceEnd;

TEST_CASE("words are split on fastText's separators, lines end sentences") {
  const WordCorpus data = read_words("the cat\nthe\tdog\r\n\n  sat\v\fthe", 1);
  REQUIRE(data.vocabulary.size() == 4);
  CHECK(data.vocabulary.word(0) == "the");
  CHECK(data.vocabulary.count(0) == 3);
  // Equal counts: first appearance first.
  CHECK(data.vocabulary.word(1) == "cat");
  CHECK(data.vocabulary.word(2) == "dog");
  CHECK(data.vocabulary.word(3) == "sat");
  CHECK(data.corpus.rows == std::vector<std::int32_t>{0, 1, kEnd, 0, 2, kEnd, 3, 0});
  CHECK(data.corpus.word_count == 6);
}

TEST_CASE("words are bytes: no case folding and punctuation stays attached") {
  const WordCorpus data = read_words("The the, the", 1);
  CHECK(data.vocabulary.size() == 3);
  CHECK(data.vocabulary.find("the,") >= 0);
  CHECK(data.vocabulary.find("The") >= 0);
}

TEST_CASE("rare words are dropped from the corpus without leaving a gap") {
  const WordCorpus data = read_words("a b a c a b\nc", 2);
  REQUIRE(data.vocabulary.size() == 3);
  CHECK(data.vocabulary.words() == std::vector<std::string>{"a", "b", "c"});
  const WordCorpus strict = read_words("a b a c a b\nc", 3);
  CHECK(strict.vocabulary.words() == std::vector<std::string>{"a"});
  CHECK(strict.corpus.rows == std::vector<std::int32_t>{0, 0, 0, kEnd});
  CHECK(strict.corpus.word_count == 3);
}

TEST_CASE("document mode runs across line ends") {
  const WordCorpus data = read_words("a b\nb a\n", 1, SentenceBreak::kDocument);
  CHECK(data.corpus.rows == std::vector<std::int32_t>{0, 1, 1, 0});
}

TEST_CASE("text read in chunks gives the same corpus as read whole") {
  const std::string text = "one two  three\nfour one\n\ntwo three four five\n";
  const WordCorpus whole = read_words(text, 1);
  for (std::size_t chunk : {1u, 2u, 3u, 7u}) {
    CAPTURE(chunk);
    WordCorpusBuilder builder;
    for (std::size_t i = 0; i < text.size(); i += chunk) builder.add(std::string_view(text).substr(i, chunk));
    CHECK(builder.words_read() == 9);
    const WordCorpus pieces = builder.finish(1);
    CHECK(pieces.vocabulary.words() == whole.vocabulary.words());
    CHECK(pieces.corpus.rows == whole.corpus.rows);
  }
}

TEST_CASE("an empty text gives an empty vocabulary and corpus") {
  const WordCorpus data = read_words(" \n\n\t", 1);
  CHECK(data.vocabulary.empty());
  CHECK(data.corpus.rows.empty());
  CHECK(data.corpus.word_count == 0);
}

TEST_CASE("token ids of any tokenizer become a corpus") {
  const std::vector<std::string> names = {"<a>", "<b>", "<c>", "<d>"};
  const std::vector<std::int32_t> ids = {3, 1, 3, kEnd, 1, 3, 0};
  const IdVocabulary counted = count_ids(ids, names, 2);
  // id 3 seen 3 times, id 1 twice; ids 0 and 2 below the minimum.
  CHECK(counted.vocabulary.words() == std::vector<std::string>{"<d>", "<b>"});
  CHECK(counted.row_of_id == std::vector<std::int32_t>{-1, 1, -1, 0});
  const Corpus corpus = encode_ids(ids, counted.row_of_id);
  CHECK(corpus.rows == std::vector<std::int32_t>{0, 1, 0, kEnd, 1, 0});
  CHECK(corpus.word_count == 5);

  SUBCASE("an id out of range is an error") {
    const std::vector<std::int32_t> bad = {1, 4};
    CHECK_THROWS_AS(count_ids(bad, names, 1), tokenlab::UsageError);
    CHECK_THROWS_AS(encode_ids(bad, counted.row_of_id), tokenlab::UsageError);
  }
}
