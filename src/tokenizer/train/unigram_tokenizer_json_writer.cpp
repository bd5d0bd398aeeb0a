#include "tokenizer/train/unigram_tokenizer_json_writer.h"

#include <nlohmann/json.hpp>

#include "tokenizer/train/unigram_words.h"

namespace tokenlab {

namespace {

using Json = nlohmann::ordered_json;

Json metaspace() {
  return Json{{"type", "Metaspace"}, {"replacement", std::string(kWordMark)}, {"prepend_scheme", "always"},
              {"split", true}};
}

}  // namespace

std::string write_unigram_tokenizer_json(const UnigramResult& result) {
  Json added_tokens = Json::array();
  Json vocab = Json::array();
  for (std::size_t id = 0; id < result.pieces.size(); ++id) {
    const UnigramPiece& piece = result.pieces[id];
    vocab.push_back(Json::array({piece.text, piece.score}));
    if (piece.type == PieceType::kUnknown || piece.type == PieceType::kControl) {
      added_tokens.push_back(Json{{"id", id},
                                  {"content", piece.text},
                                  {"single_word", false},
                                  {"lstrip", false},
                                  {"rstrip", false},
                                  {"normalized", false},
                                  {"special", true}});
    }
  }
  Json decoder = metaspace();
  if (result.byte_fallback) {
    decoder = Json{{"type", "Sequence"}, {"decoders", Json::array({Json{{"type", "ByteFallback"}}, metaspace()})}};
  }
  Json tokenizer{{"version", "1.0"},
                 {"truncation", nullptr},
                 {"padding", nullptr},
                 {"added_tokens", std::move(added_tokens)},
                 {"normalizer", nullptr},
                 {"pre_tokenizer", Json{{"type", "Sequence"},
                                        {"pretokenizers", Json::array({Json{{"type", "WhitespaceSplit"}}, metaspace()})}}},
                 {"post_processor", nullptr},
                 {"decoder", std::move(decoder)},
                 {"model", Json{{"type", "Unigram"},
                                {"unk_id", result.unk_id},
                                {"vocab", std::move(vocab)},
                                {"byte_fallback", result.byte_fallback}}}};
  return tokenizer.dump(2) + "\n";
}

}  // namespace tokenlab
