// UnigramModel: a vocabulary of scored pieces (log probabilities), and a
// pre-token split into the pieces whose scores sum highest: Viterbi over the
// lattice of the pieces that start at each character. The "Unigram" model of a
// tokenizer.json (T5, ALBERT, XLM-R, mT5) and the model of a SentencePiece
// .model file (sentencepiece_file.h).
//
//   pieces <unk> 0, a 0, b 0, c 0, d 0, cd 1, ab 2, abc 5, abcd 10; unk_id 0
//   "abcdacdxx" -> abcd (10) + a (0) + cd (1) + x, x (unknown)  ->  ids [8, 1, 5, 0]
//   (the two unknown x's fuse into one <unk>)
//
// Two flavours, each exactly as its reference computes:
//
//  - kHuggingFace (Hugging Face tokenizers' Rust Unigram, encode_optimized):
//    scores and path sums in f64; every piece of the vocabulary can match text
//    (<unk>, </s> and <0x41> included); a character no one-character piece
//    covers gets an unknown edge scored min(all scores) - 10; consecutive
//    tokens whose id is unk_id fuse into one (always on in the Rust library,
//    and a literal "<unk>" in the text fuses with its unknown neighbours); a
//    fused run that is not itself a piece becomes, with byte_fallback, one
//    <0xXX> token per byte when all of them exist, else the unknown token.
//
//  - kSentencePiece (sentencepiece 0.1.97, Model::EncodeOptimized): piece
//    scores are float, the path sums are stored as float, and a candidate is
//    added in double before it is compared and stored (a piece's score is
//    promoted, since the user-defined branch of the same expression is double),
//    while the unknown candidate is added in float; only NORMAL and
//    USER_DEFINED pieces match text (UNUSED ones are skipped; CONTROL, UNKNOWN
//    and BYTE ones are not in its trie); a user-defined piece scores
//    bytes * max(NORMAL scores, FLT_MIN) - 0.1; the unknown edge scores
//    min(NORMAL scores) - 10 in float. An unknown character becomes, with
//    byte_fallback, its bytes as <0xXX> pieces (never fused); without, runs of
//    unknowns merge into one <unk>.
//
// Tie-break (both flavours, the same loop): positions are visited left to
// right one character at a time, and at each the matching pieces shortest
// first, the unknown edge last; a candidate replaces the best path ending at
// its end only when its score is strictly greater. So among equal-scoring
// segmentations of text[0, e) the one whose last piece starts earliest (the
// longest last piece) wins, and so on backwards: "ab" (score -1) beats
// "a" (-0.5) + "b" (-0.5), whose sum is the same -1.
//
// Why no lattice of nodes: only the best path ending at each byte is kept (a
// score, where it starts, its piece), in a buffer reused across calls; the
// pieces are read from the trie and dropped at once, as both references'
// optimized encoders do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/bpe/piece_cache.h"
#include "tokenizer/hf/token_model.h"
#include "tokenizer/unigram/piece_trie.h"

namespace tokenlab {

enum class UnigramFlavor { kHuggingFace, kSentencePiece };

// SentencePiece's piece types (ModelProto.SentencePiece.Type); kHuggingFace
// treats every piece as kNormal.
enum class PieceType : std::uint8_t { kNormal, kUnknown, kControl, kUserDefined, kUnused, kByte };

struct UnigramPiece {
  std::string text;
  double score = 0;  // kSentencePiece: a float's value
  PieceType type = PieceType::kNormal;
};

struct UnigramOptions {
  UnigramFlavor flavor = UnigramFlavor::kHuggingFace;
  TokenId unk_id = kNoRank;  // required; kSentencePiece: the kUnknown piece
  bool byte_fallback = false;
};

// One step of a best path: pieces[id] over text[begin, end), or an unknown
// edge (id is unk_id, score the unknown score).
struct UnigramSegment {
  TokenId id;
  std::uint32_t begin;
  std::uint32_t end;
  double score;
  bool unknown;
};

struct UnigramSegmentation {
  std::vector<UnigramSegment> segments;
  double total_score = 0;  // kSentencePiece: the float sum the reference keeps
};

class UnigramModel final : public TokenModel {
 public:
  // Throws VocabError for an empty vocabulary, a repeated piece, a score that
  // is not finite, or an unk_id that is missing, out of range, or (kSentencePiece)
  // not the kUnknown piece.
  UnigramModel(std::vector<UnigramPiece> pieces, UnigramOptions options);

  void encode_piece(std::string_view piece, std::vector<TokenId>& ids, std::vector<std::uint32_t>& starts) override;
  std::size_t vocab_size() const override { return scores_.size(); }
  std::string_view token_text(TokenId id) const override;
  TokenId find(std::string_view token_text) const override { return trie_.find(token_text); }
  std::size_t memory_bytes() const override;

  // The best path through text as Viterbi finds it, before unknown edges
  // fuse or fall back to bytes (what a token's story shows).
  UnigramSegmentation best_segmentation(std::string_view text) const;

  const UnigramOptions& options() const { return options_; }
  double score(TokenId id) const { return scores_[id]; }
  PieceType type(TokenId id) const { return types_.empty() ? PieceType::kNormal : types_[id]; }
  // The score of an unknown edge.
  double unknown_score() const { return unknown_score_; }

 private:
  // The best path ending at a byte: its score, where its last piece starts
  // (kUnreached: not reached yet), and that piece's id, with kUnknownEdge set
  // for an unknown edge (16 bytes: the buffer holds one per byte of text).
  struct BestPath {
    double score;
    std::uint32_t start;
    TokenId edge;
    TokenId id() const { return edge & ~kUnknownEdge; }
    bool unknown() const { return (edge & kUnknownEdge) != 0; }
  };
  static constexpr std::uint32_t kUnreached = 0xFFFFFFFF;
  static constexpr TokenId kUnknownEdge = 0x80000000;  // ids stay below kNoRank / 2

  void viterbi(std::string_view text, std::vector<BestPath>& best) const;
  void viterbi_hugging_face(std::string_view text, std::vector<BestPath>& best) const;
  void viterbi_sentence_piece(std::string_view text, std::vector<BestPath>& best) const;
  // The pieces' tokens from the best paths, as each reference turns its path into ids.
  void emit(std::string_view text, const std::vector<BestPath>& best, std::vector<TokenId>& ids,
            std::vector<std::uint32_t>& starts);
  // Appends an unknown run text[begin, end) as byte tokens (true) or does nothing (false).
  bool append_bytes(std::string_view text, std::uint32_t begin, std::uint32_t end, std::vector<TokenId>& ids,
                    std::vector<std::uint32_t>& starts) const;

  UnigramOptions options_;
  std::string text_blob_;                  // every piece's text, concatenated
  std::vector<std::uint32_t> text_offsets_;  // vocab_size() + 1 offsets into text_blob_
  std::vector<double> scores_;
  std::vector<PieceType> types_;  // kSentencePiece only
  PieceTrie trie_;
  TokenId byte_ids_[256];  // <0xXX> pieces, kNoRank where missing (or without byte_fallback)
  double unknown_score_ = 0;
  float max_normal_score_ = 0;  // kSentencePiece: the user-defined bonus's factor
  PieceCache cache_;

  // Scratch, reused across calls.
  std::vector<BestPath> best_;
  std::vector<UnigramSegment> path_;
};

}  // namespace tokenlab
