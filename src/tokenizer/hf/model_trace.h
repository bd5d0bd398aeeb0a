// A token's story from the engine: for the tokens an encoder gave one word,
// the steps the model took to reach them, replayed with the model's own rules
// and data, and a check that the replay ends in those same tokens.
//
//   cl100k_base, ids of " Kuznetsov" [735, 5308, 4816, 85393] (" K" "uz" "net" "sov"):
//     kind kRankBpe, piece " Kuznetsov", 6 merges from 10 bytes, replayed == ids
//   LLaMA 2 (tokenizer.json, merge list), ids [476, 3365, 1212, 578, 29894] ("▁K" "uz" "net" "so" "v"):
//     kMergeBpe, 5 merges from 10 characters, e + t -> et first (priority 46)
//   BERT "unaffable" [un, ##aff, ##able]: kWordPiece, the longest match at each place
//   T5 "▁Kuznetsov": kUnigram, the best segmentation, its score, and the pieces it passed over
//
// The piece is rebuilt from the ids (the model's texts joined; a <0xNN> byte
// token of a byte-fallback model gives its byte), so no normalizer or
// pre-tokenizer runs again. A tiktoken-style tokenizer splits the piece with
// its own pattern first, as its encoder does (" don't" is " don" and "'t");
// a tokenizer.json one replays the joined ids as one piece, so ids that came
// from two pre-tokens may replay differently: matches says so.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tokenizer/bpe/merge_trace.h"
#include "tokenizer/tokenizer.h"

namespace tokenlab {

enum class TraceKind : std::uint8_t {
  kRankBpe,    // tiktoken files: the rank of the joined bytes (the rank is the id)
  kMergeBpe,   // tokenizer.json BPE: the merge list's priorities
  kWordPiece,  // greedy longest match
  kUnigram,    // Viterbi's best segmentation
};

// A piece of WordPiece's or Unigram's path: token id over piece[begin, end).
struct TracedPiece {
  TokenId id;
  std::uint32_t begin;
  std::uint32_t end;
  double score;  // Unigram: the piece's score (an unknown edge's for unknown text); WordPiece: 0
};

// A Unigram piece the best path passed over: it starts where the path's
// segment does, and the best segmentation that takes it scores best_total.
struct UnigramAlternative {
  std::uint32_t segment;  // index into TokenTrace::pieces
  TokenId id;
  std::uint32_t end;
  double score;
  double best_total;
};

struct TokenTrace {
  TraceKind kind = TraceKind::kRankBpe;
  std::string piece;  // the ids' text as the model reads it
  MergeTrace merges;  // kRankBpe, kMergeBpe (pre-tokens one after another, starts within piece)
  std::vector<TracedPiece> pieces;  // kWordPiece, kUnigram
  double total_score = 0;           // kUnigram: the best path's score
  std::vector<UnigramAlternative> alternatives;  // kUnigram
  // The tokens the model's rules give for piece: the merges' result, or the
  // whole piece when it is a token the encoder takes without merging
  // (tiktoken's first lookup, ignore_merges).
  std::vector<TokenId> replayed;
  bool whole_token = false;  // some pre-token was taken whole (its merges still shown)
  bool matches = false;      // replayed == the ids given
};

// Throws UsageError for no ids, a special or unknown token, an id outside the
// model's vocabulary, or a piece longer than kLongestTracedPiece.
TokenTrace trace_tokens(const Tokenizer& tokenizer, std::span<const TokenId> ids);

}  // namespace tokenlab
