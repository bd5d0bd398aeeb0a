#include "tokenizer/train/unigram_tokenizer_json_writer.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tokenizer/train/unigram_words.h"

namespace tokenlab {

namespace {

using Json = nlohmann::ordered_json;

// Stands for the vocabulary while the rest is written; no piece text can
// spell it, since a piece's text is written as an escaped JSON string.
constexpr std::string_view kVocabPlaceholder = "\"vocab\": \"\\u0000vocab\"";

Json metaspace() {
  return Json{{"type", "Metaspace"}, {"replacement", std::string(kWordMark)}, {"prepend_scheme", "always"},
              {"split", true}};
}

}  // namespace

std::string unigram_score_text(double score) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", kUnigramScoreDecimals, score);
  std::string out(text);
  while (out.ends_with('0') && !out.ends_with(".0")) out.pop_back();
  return out;
}

double round_unigram_score(double score) { return std::strtod(unigram_score_text(score).c_str(), nullptr); }

std::string write_unigram_tokenizer_json(const UnigramResult& result) {
  Json added_tokens = Json::array();
  // One piece a line: ["text", score], the score as unigram_score_text writes it.
  std::string vocab = "[";
  for (std::size_t id = 0; id < result.pieces.size(); ++id) {
    const UnigramPiece& piece = result.pieces[id];
    vocab += id == 0 ? "\n      [" : ",\n      [";
    vocab += Json(piece.text).dump();
    vocab += ", ";
    vocab += unigram_score_text(piece.score);
    vocab += "]";
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
                                {"vocab", std::string("\0vocab", 6)},
                                {"byte_fallback", result.byte_fallback}}}};
  vocab += result.pieces.empty() ? "]" : "\n    ]";
  std::string text = tokenizer.dump(2) + "\n";
  const std::size_t at = text.find(kVocabPlaceholder);
  text.replace(at + kVocabPlaceholder.find(':') + 2, kVocabPlaceholder.size() - kVocabPlaceholder.find(':') - 2, vocab);
  return text;
}

}  // namespace tokenlab
