#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tokenizer/errors.h"
#include "tokenizer/hf/model_trace.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "test_data.h"

using namespace tokenlab;
using tokenlab::testing::test_data;

namespace {

std::vector<TokenId> encoded(Tokenizer& tokenizer, std::string_view text) {
  EncodeOptions options;
  options.add_special_tokens = false;
  return tokenizer.encode(text, options).ids;
}

std::vector<TokenId> final_ids(const MergeTrace& trace) {
  std::vector<TokenId> ids;
  for (const Symbol& symbol : trace.final) ids.push_back(symbol.id);
  return ids;
}

}  // namespace

TEST_CASE("the trace of a byte-level word replays the file's merges into the encoder's ids") {
  auto tokenizer = load_tokenizer_json("tiny", test_data("tiny-byte-level-bpe.json"));
  const std::vector<TokenId> ids = encoded(*tokenizer, "abcd");  // [97, 256, 100]: "b c" merges, nothing joins a + bc
  const TokenTrace trace = trace_tokens(*tokenizer, ids);
  CHECK(trace.kind == TraceKind::kMergeBpe);
  CHECK(trace.piece == "abcd");
  CHECK(trace.matches);
  CHECK(trace.replayed == ids);
  CHECK(final_ids(trace.merges) == ids);
  REQUIRE(trace.merges.steps.size() == 1);
  CHECK(trace.merges.steps[0].result == 256);
  CHECK(trace.merges.steps[0].begin == 1);
  CHECK(trace.merges.steps[0].split == 2);
  CHECK(trace.merges.steps[0].end == 3);
}

TEST_CASE("the trace of a SentencePiece word turns byte tokens back into bytes and matches the encoder") {
  auto tokenizer = load_tokenizer_json("sp", test_data("tiny-sentencepiece-bpe.json"));
  for (const std::string text : {"ab", "a\xf0\x9f\x98\x80", "ab a"}) {
    CAPTURE(text);
    const std::vector<TokenId> ids = encoded(*tokenizer, text);
    const TokenTrace trace = trace_tokens(*tokenizer, ids);
    CHECK(trace.kind == TraceKind::kMergeBpe);
    CHECK(trace.matches);
    CHECK(trace.replayed == ids);
    for (const MergeStep& step : trace.merges.steps) CHECK(step.begin < step.split);
  }
}

TEST_CASE("the trace of a WordPiece word is its longest matches; of a Unigram word, its best path") {
  auto word_piece = load_tokenizer_json("wp", test_data("tiny-wordpiece.json"));
  const std::vector<TokenId> pieces = encoded(*word_piece, "unaffable");
  const TokenTrace matches = trace_tokens(*word_piece, pieces);
  CHECK(matches.kind == TraceKind::kWordPiece);
  CHECK(matches.piece == "unaffable");
  CHECK(matches.matches);
  REQUIRE(matches.pieces.size() == pieces.size());
  CHECK(matches.pieces.front().begin == 0);
  CHECK(matches.pieces.back().end == 9);

  auto unigram = load_tokenizer_json("uni", test_data("tiny-unigram.json"));
  const std::vector<TokenId> ids = encoded(*unigram, "theab");
  const TokenTrace best = trace_tokens(*unigram, ids);
  CHECK(best.kind == TraceKind::kUnigram);
  CHECK(best.matches);
  double sum = 0;
  for (const TracedPiece& piece : best.pieces) sum += piece.score;
  CHECK(best.total_score == doctest::Approx(sum));
  for (const UnigramAlternative& other : best.alternatives) CHECK(other.best_total <= best.total_score + 1e-9);
}

TEST_CASE("a trace refuses no ids, an id past the vocabulary and a special token") {
  auto tokenizer = load_tokenizer_json("tiny", test_data("tiny-byte-level-bpe.json"));
  CHECK_THROWS_AS(trace_tokens(*tokenizer, std::vector<TokenId>{}), UsageError);
  CHECK_THROWS_AS(trace_tokens(*tokenizer, std::vector<TokenId>{302}), UsageError);
  CHECK_THROWS_AS(trace_tokens(*tokenizer, std::vector<TokenId>{300}), UsageError);
}
