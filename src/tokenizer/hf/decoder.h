// HfDecoder: the "decoder" of a tokenizer.json, ids -> text, in the shapes
// tokenlab supports:
//
//   ByteLevel:        token bytes joined ("Hello", " world" -> "Hello world")
//   SentencePiece:    Sequence[Replace "▁"->" ", ByteFallback, Fuse, Strip(" ", n, 0)]:
//                     "▁Hello" "▁world" -> " Hello world" -> n leading spaces
//                     removed -> "Hello world"; <0xNN> tokens are the byte NN
//   Metaspace:        as the Rust library: in each token "▁" becomes " ", except in the
//                     first token, where (prepend_scheme not "never") every "▁" is removed:
//                     "▁Hello" "▁world" -> "Hello world"; "<0x41>" stays as written
//   SentencePiece model: a .model file's own decoding (sentencepiece 0.1.97's
//                     SentencePieceProcessor::Decode): control pieces vanish, <unk> is
//                     " ⁇ ", runs of byte pieces are UTF-8 (U+FFFD for a malformed byte),
//                     "▁" is " ", and one leading "▁" goes (see SentencePieceDecoding)
//   WordPiece:        "un" "##aff" "##able" "," "yes" -> "unaffable, yes" ("##" glues, else
//                     a space; with cleanup " ," -> "," and the like, as transformers.js)
//   none:             token texts joined by spaces
//
// token_bytes gives what one token stands for on its own (for display): the
// raw bytes, the SentencePiece text with "▁" as " " and <0xNN> as its byte, or
// the WordPiece entry as written ("##ing").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tokenlab {

// What a SentencePiece model's decoder needs to know of its pieces and its
// normalizer. The leading "▁" of the first piece that makes text is dropped
// when add_dummy_prefix or remove_extra_whitespaces is set; with
// remove_extra_whitespaces, one "▁" is dropped from every piece until some text
// is made ("▁" "▁a" -> "a"), without it only from the first piece ("▁" "▁a" -> " a").
struct SentencePieceDecoding {
  std::vector<std::string> control_pieces;  // sorted; decode to nothing
  std::string unknown_piece = "<unk>";
  std::string unknown_surface = " \xE2\x81\x87 ";  // trainer_spec.unk_surface
  bool byte_pieces = false;                       // byte_fallback: <0xXX> pieces are bytes
  bool add_dummy_prefix = true;
  bool remove_extra_whitespaces = true;
};

class HfDecoder {
 public:
  enum class Kind { kJoinWithSpaces, kByteLevel, kSentencePiece, kMetaspace, kSentencePieceModel, kWordPiece };

  static HfDecoder join_with_spaces() { return HfDecoder(Kind::kJoinWithSpaces); }
  static HfDecoder byte_level() { return HfDecoder(Kind::kByteLevel); }
  // replacement: the metaspace character; strip_leading_spaces: how many
  // leading spaces the Strip step (or Metaspace's prepend) removes.
  static HfDecoder sentence_piece(std::string replacement, std::size_t strip_leading_spaces);
  static HfDecoder word_piece(std::string prefix, bool cleanup);
  // prepend: the prepend_scheme is not "never".
  static HfDecoder metaspace(std::string replacement, bool prepend);
  static HfDecoder sentence_piece_model(SentencePieceDecoding decoding);

  Kind kind() const { return kind_; }

  // The bytes a vocabulary entry stands for on its own.
  std::string token_bytes(std::string_view token_text) const;

  // Decodes a sequence of tokens; added[i] marks an added token, whose text is
  // its content and passes through unchanged (Metaspace: as the Rust library,
  // added tokens go through the decoder like the others).
  std::string decode(std::span<const std::string_view> texts, std::span<const bool> added) const;

 private:
  explicit HfDecoder(Kind kind) : kind_(kind) {}
  std::string decode_sentence_piece_model(std::span<const std::string_view> texts) const;

  Kind kind_;
  std::string replacement_;
  std::size_t strip_leading_spaces_ = 0;
  std::string prefix_;
  bool cleanup_ = false;
  bool prepend_ = false;
  SentencePieceDecoding model_;
};

}  // namespace tokenlab
