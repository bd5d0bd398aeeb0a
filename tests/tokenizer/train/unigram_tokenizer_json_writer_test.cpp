#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

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
