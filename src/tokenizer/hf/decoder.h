// HfDecoder: the "decoder" of a tokenizer.json, ids -> text, in the shapes
// tokenlab supports:
//
//   ByteLevel:        token bytes joined ("Hello", " world" -> "Hello world")
//   SentencePiece:    Sequence[Replace "▁"->" ", ByteFallback, Fuse, Strip(" ", n, 0)] or
//                     Metaspace: "▁Hello" "▁world" -> " Hello world" -> n leading spaces
//                     removed -> "Hello world"; <0xNN> tokens are the byte NN
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

namespace tokenlab {

class HfDecoder {
 public:
  enum class Kind { kJoinWithSpaces, kByteLevel, kSentencePiece, kWordPiece };

  static HfDecoder join_with_spaces() { return HfDecoder(Kind::kJoinWithSpaces); }
  static HfDecoder byte_level() { return HfDecoder(Kind::kByteLevel); }
  // replacement: the metaspace character; strip_leading_spaces: how many
  // leading spaces the Strip step (or Metaspace's prepend) removes.
  static HfDecoder sentence_piece(std::string replacement, std::size_t strip_leading_spaces);
  static HfDecoder word_piece(std::string prefix, bool cleanup);

  Kind kind() const { return kind_; }

  // The bytes a vocabulary entry stands for on its own.
  std::string token_bytes(std::string_view token_text) const;

  // Decodes a sequence of tokens; added[i] marks an added token, whose text is
  // its content and passes through unchanged.
  std::string decode(std::span<const std::string_view> texts, std::span<const bool> added) const;

 private:
  explicit HfDecoder(Kind kind) : kind_(kind) {}

  Kind kind_;
  std::string replacement_;
  std::size_t strip_leading_spaces_ = 0;
  std::string prefix_;
  bool cleanup_ = false;
};

}  // namespace tokenlab
