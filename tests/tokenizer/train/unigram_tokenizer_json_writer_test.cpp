#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tokenizer/hf/tokenizer_json_float.h"
#include "tokenizer/train/unigram_tokenizer_json_writer.h"
#include "tokenizer/train/unigram_trainer.h"

using namespace tokenlab;

namespace {

UnigramResult trained(bool byte_fallback) {
  UnigramTrainerOptions options;
  options.vocab_size = byte_fallback ? 280 : 30;
  options.byte_fallback = byte_fallback;
  UnigramTrainer trainer(options);
  for (int i = 0; i < 50; ++i) trainer.add_text("the cat sat on the mat, then the cat ran. ");
  return trainer.train();
}

}  // namespace

TEST_CASE("tokenizer.json holds the pieces and scores in id order, and the specials as added tokens") {
  const UnigramResult result = trained(false);
  const auto json = nlohmann::json::parse(write_unigram_tokenizer_json(result));
  const auto& model = json.at("model");
  CHECK(model.at("type") == "Unigram");
  CHECK(model.at("unk_id") == 0);
  CHECK(model.at("byte_fallback") == false);
  const auto& vocab = model.at("vocab");
  REQUIRE(vocab.size() == result.pieces.size());
  for (std::size_t id = 0; id < vocab.size(); ++id) {
    CAPTURE(id);
    CHECK(vocab[id].at(0) == result.pieces[id].text);
    CHECK(vocab[id].at(1).get<double>() == result.pieces[id].score);  // exact: doubles round-trip
  }
  const auto& added = json.at("added_tokens");
  REQUIRE(added.size() == 3);
  for (std::size_t id = 0; id < 3; ++id) {
    CHECK(added[id].at("id") == id);
    CHECK(added[id].at("content") == result.pieces[id].text);
    CHECK(added[id].at("special") == true);
  }
  CHECK(json.at("normalizer").is_null());
  CHECK(json.at("post_processor").is_null());
}

TEST_CASE("the text splits as training split it: WhitespaceSplit, then Metaspace always prepending ▁") {
  const auto json = nlohmann::json::parse(write_unigram_tokenizer_json(trained(false)));
  const auto& pre = json.at("pre_tokenizer");
  CHECK(pre.at("type") == "Sequence");
  const auto& steps = pre.at("pretokenizers");
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].at("type") == "WhitespaceSplit");
  CHECK(steps[1].at("type") == "Metaspace");
  CHECK(steps[1].at("replacement") == "▁");
  CHECK(steps[1].at("prepend_scheme") == "always");
  CHECK(steps[1].at("split") == true);
  CHECK(json.at("decoder").at("type") == "Metaspace");
}

TEST_CASE("with byte fallback the model says so and the decoder turns byte pieces back first") {
  const UnigramResult result = trained(true);
  const auto json = nlohmann::json::parse(write_unigram_tokenizer_json(result));
  CHECK(json.at("model").at("byte_fallback") == true);
  CHECK(json.at("model").at("vocab")[3].at(0) == "<0x00>");
  // Byte pieces are not added tokens: only <unk>, <s>, </s> are.
  CHECK(json.at("added_tokens").size() == 3);
  const auto& decoder = json.at("decoder");
  CHECK(decoder.at("type") == "Sequence");
  CHECK(decoder.at("decoders")[0].at("type") == "ByteFallback");
  CHECK(decoder.at("decoders")[1].at("type") == "Metaspace");
}

TEST_CASE("scores are written with 12 decimals at most, trailing zeros dropped") {
  CHECK(unigram_score_text(-3.6571635296273399) == "-3.657163529627");
  CHECK(unigram_score_text(0.0) == "0.0");
  CHECK(unigram_score_text(-0.5) == "-0.5");
  CHECK(unigram_score_text(-12.25) == "-12.25");
  CHECK(round_unigram_score(-3.6571635296273399) == -3.657163529627);
}

TEST_CASE("every score in the file reads as the trained double in every reader, the Rust library's included") {
  UnigramTrainerOptions options;
  options.vocab_size = 400;
  UnigramTrainer trainer(options);
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "w" + std::to_string(i * 7919 % 1000) + "x" + std::to_string(i % 37) + " ";
  trainer.add_text(text);
  const UnigramResult result = trainer.train();
  const std::string written = write_unigram_tokenizer_json(result);
  // Each vocabulary line is ["text", score]: take the score's lexeme.
  std::size_t id = 0;
  for (std::size_t at = written.find("\n      ["); at != std::string::npos; at = written.find("\n      [", at + 1)) {
    const std::size_t end = written.find(']', written.rfind('"', written.find('\n', at + 1)));
    const std::size_t comma = written.rfind(", ", end);
    const std::string lexeme = written.substr(comma + 2, end - comma - 2);
    REQUIRE(id < result.pieces.size());
    CAPTURE(lexeme);
    CHECK(std::strtod(lexeme.c_str(), nullptr) == result.pieces[id].score);
    CHECK(tokenizer_json::serde_json_f64(lexeme) == result.pieces[id].score);
    ++id;
  }
  CHECK(id == result.pieces.size());
  CHECK(nlohmann::json::parse(written).at("model").at("vocab").size() == result.pieces.size());
}
