// Loads a SentencePiece .model file (a ModelProto, protobuf) from its bytes
// into an HfTokenizer that encodes and decodes as sentencepiece 0.1.97 does
// (spm_encode --output_format=id, spm_decode --input_format=id):
//
//   SentencePiece's normalizer (sentencepiece_normalizer.h) -> the whole text as one piece ->
//   the Unigram model in its SentencePiece flavour (unigram_model.h) -> SentencePiece's decoding
//
//   auto model = load_sentencepiece_model("u8k", bytes of u8k.model);
//   model->encode("Hello world") -> the ids spm_encode prints, no BOS or EOS added
//
// Pieces keep their types: USER_DEFINED pieces are matched in the text (the
// normalizer leaves them as they are, the model gives them SentencePiece's
// bonus); CONTROL pieces (<s>, </s>) never come from text and decode to
// nothing; the UNKNOWN piece decodes to trainer_spec.unk_surface (" ⁇ ");
// BYTE pieces (<0x00>..<0xFF>, with byte_fallback) spell unknown characters.
//
// Read: ModelProto.pieces {piece, score, type}; trainer_spec {model_type,
// byte_fallback, treat_whitespace_as_suffix, unk_surface}; normalizer_spec
// {precompiled_charsmap, add_dummy_prefix, remove_extra_whitespaces,
// escape_whitespaces}. Everything else is skipped by its wire type (the
// normalizer's name too: the compiled charsmap is what SentencePiece runs; a
// denormalizer_spec is not applied). As protobuf reads proto2, a field written
// twice keeps its last value (a message merges both), and an enum value it does
// not know leaves the field as it was.
//
// Malformed bytes (a truncated field, a length past the end, a group) and
// models SentencePiece itself refuses (an empty or repeated piece, no or two
// UNKNOWN pieces, BYTE pieces without byte_fallback or not all 256 of them
// with it, a malformed charsmap) are VocabErrors naming what is wrong; a BPE,
// WORD or CHAR model is a UsageError (only Unigram models are supported).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/hf/tokenizer.h"
#include "tokenizer/unigram/unigram_model.h"

namespace tokenlab {

// The fields of a ModelProto the engine reads, with SentencePiece's defaults.
struct SentencePieceModelProto {
  enum class ModelType { kUnigram = 1, kBpe = 2, kWord = 3, kChar = 4 };

  std::vector<UnigramPiece> pieces;  // score: the float's value; type as in the file
  ModelType model_type = ModelType::kUnigram;
  bool byte_fallback = false;
  bool treat_whitespace_as_suffix = false;
  std::string unk_surface = " \xE2\x81\x87 ";
  std::string precompiled_charsmap;
  bool add_dummy_prefix = true;
  bool remove_extra_whitespaces = true;
  bool escape_whitespaces = true;
};

// Parses the protobuf; throws VocabError for malformed bytes. Checks nothing
// about the pieces (load_sentencepiece_model does).
SentencePieceModelProto parse_sentencepiece_model(std::string_view bytes);

std::unique_ptr<HfTokenizer> load_sentencepiece_model(std::string name, std::string_view bytes);

// True when bytes start as a ModelProto does (its first field, pieces, is
// field 1 of wire type 2: byte 0x0A); a tokenizer.json starts with "{" and a
// tiktoken file with base64.
bool looks_like_sentencepiece_model(std::string_view bytes);

}  // namespace tokenlab
