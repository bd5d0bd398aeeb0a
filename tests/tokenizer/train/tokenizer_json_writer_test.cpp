#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bpe_trainer_reference.h"
#include "tokenizer/bpe/base64.h"
#include "tokenizer/train/bpe_trainer.h"
#include "tokenizer/bpe/byte_level.h"
#include "tokenizer/errors.h"
#include "tokenizer/bpe/tiktoken_io.h"
#include "tokenizer/hf/tokenizer_json.h"
#include "tokenizer/train/tokenizer_json_writer.h"

using namespace tokenlab;

namespace {

BpeResult train(std::string_view text, SplitPattern pattern, std::size_t vocab_size,
                std::vector<std::string> specials = {}) {
  BpeTrainer trainer(BpeTrainerOptions{vocab_size, pattern, 1, std::move(specials)});
  trainer.add_text(text);
  return trainer.train();
}

constexpr std::string_view kText = "Hello world, hello there!\nThe    world's\tcode: x = 1234;\n caf\xc3\xa9 caf\xc3\xa9 \xff";

}  // namespace

TEST_CASE("tokenizer.json holds the vocabulary, the merges and the special tokens") {
  const BpeResult result = train(kText, SplitPattern::kGpt2, 256 + 20, {"<|endoftext|>"});
  REQUIRE(result.merges.size() == 19);
  const auto json = nlohmann::json::parse(write_tokenizer_json(result));

  const auto& model = json.at("model");
  CHECK(model.at("type") == "BPE");
  const auto& vocab = model.at("vocab");
  REQUIRE(vocab.size() == result.tokens.size());
  for (std::size_t id = 0; id < result.tokens.size(); ++id) {
    const std::string key = byte_level::to_byte_level(result.tokens[id]);
    REQUIRE(vocab.contains(key));
    CHECK(vocab.at(key) == id);
  }
  CHECK(vocab.at("\xc4\xa0") == ' ');  // "Ġ" is the space byte

  const auto& merges = model.at("merges");
  REQUIRE(merges.size() == result.merges.size());
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const std::string line = merges[i];
    const std::size_t space = line.find(' ');
    REQUIRE(space != std::string::npos);
    CHECK(byte_level::from_byte_level(line.substr(0, space)) == result.tokens[result.merges[i].left]);
    CHECK(byte_level::from_byte_level(line.substr(space + 1)) == result.tokens[result.merges[i].right]);
    CHECK(vocab.at(line.substr(0, space) + line.substr(space + 1)) == result.merges[i].id);
  }

  REQUIRE(json.at("added_tokens").size() == 1);
  CHECK(json.at("added_tokens")[0].at("content") == "<|endoftext|>");
  CHECK(json.at("added_tokens")[0].at("id") == 256 + 19);
  CHECK(json.at("added_tokens")[0].at("special") == true);
  CHECK(json.at("decoder").at("type") == "ByteLevel");
}

TEST_CASE("tokenizer.json splits text with the training pattern") {
  SUBCASE("regex patterns write the expression the pre-tokenizer accepts") {
    for (const SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k}) {
      CAPTURE(split_pattern_name(pattern));
      const auto json = nlohmann::json::parse(write_tokenizer_json(train(kText, pattern, 260)));
      const auto& steps = json.at("pre_tokenizer").at("pretokenizers");
      REQUIRE(steps.size() == 2);
      CHECK(steps[0].at("type") == "Split");
      CHECK(steps[0].at("behavior") == "Isolated");
      const std::string regex = steps[0].at("pattern").at("Regex");
      CHECK(split_pattern_from_name(regex) == pattern);
      CHECK(steps[1].at("type") == "ByteLevel");
      CHECK(steps[1].at("use_regex") == false);
      CHECK(steps[1].at("add_prefix_space") == false);
    }
  }
  SUBCASE("whitespace splits on whitespace, none only maps bytes") {
    const auto whitespace = nlohmann::json::parse(write_tokenizer_json(train(kText, SplitPattern::kWhitespace, 260)));
    CHECK(whitespace.at("pre_tokenizer").at("pretokenizers")[0].at("type") == "WhitespaceSplit");
    const auto none = nlohmann::json::parse(write_tokenizer_json(train(kText, SplitPattern::kNone, 260)));
    CHECK(none.at("pre_tokenizer").at("type") == "ByteLevel");
  }
}

TEST_CASE("a special token that is not UTF-8 cannot go into tokenizer.json") {
  const BpeResult result = train(kText, SplitPattern::kGpt2, 260, {"<\xff>"});
  CHECK_THROWS_AS(write_tokenizer_json(result), UsageError);
}

TEST_CASE("tiktoken ranks list every token as base64 and its id, and load back") {
  const BpeResult result = train(kText, SplitPattern::kCl100k, 256 + 40, {"<|endoftext|>"});
  const std::string file = write_tiktoken_ranks(result);
  std::istringstream lines(file);
  std::string line;
  std::size_t id = 0;
  while (std::getline(lines, line)) {
    const std::size_t space = line.find(' ');
    REQUIRE(space != std::string::npos);
    CHECK(base64::decode(line.substr(0, space)) == result.tokens[id]);
    CHECK(line.substr(space + 1) == std::to_string(id));
    ++id;
  }
  CHECK(id == result.tokens.size());  // special tokens are not part of the file

  const RankTable loaded = load_tiktoken_ranks(file);
  CHECK(loaded.size() == result.tokens.size());
  for (const BpeMerge& merge : result.merges) CHECK(loaded.find(result.tokens[merge.id]) == merge.id);
}

TEST_CASE("an exported tokenizer.json loads back and encodes as training split the text") {
  std::string text;
  for (int copy = 0; copy < 6; ++copy) text += std::string(kText) + " More text, more words: hello again.\n";
  for (const SplitPattern pattern : {SplitPattern::kGpt2, SplitPattern::kCl100k, SplitPattern::kO200k,
                                     SplitPattern::kNone}) {
    CAPTURE(split_pattern_name(pattern));
    BpeTrainer trainer(BpeTrainerOptions{256 + 60, pattern, 2, {"<|endoftext|>"}});
    trainer.add_text(text);
    const BpeResult result = trainer.train();
    std::map<std::string, std::vector<TokenId>> split_of;
    for (const PieceSegmentation& piece : trainer.segmentation()) split_of[piece.piece] = piece.tokens;
    std::vector<TokenId> expected;
    std::vector<ByteSpan> spans;
    pre_tokenize(pattern, text, spans);
    for (const ByteSpan span : spans) {
      const auto& tokens = split_of.at(text.substr(span.begin, span.end - span.begin));
      expected.insert(expected.end(), tokens.begin(), tokens.end());
    }

    const auto loaded = load_tokenizer_json("trained", write_tokenizer_json(result));
    CHECK(loaded->vocab_size() == result.vocab_size());
    CHECK(loaded->encode(text).ids == expected);
    CHECK(loaded->decode(expected) == text);
    CHECK(loaded->encode("a<|endoftext|>", EncodeOptions{true}).ids.back() == result.tokens.size());
  }
}
