// Adapter between BpeTrainer and JavaScript: typed arrays in and out,
// exceptions as JS Errors. No logic: the page drives training in slices
// (step(n) between its own message handling), so no callback crosses.
//
//   const trainer = Trainer._create(300, "whitespace", 2, ["<|endoftext|>"]);
//   trainer._addText(bytes); trainer._step(1000);
//   trainer._merges(0) -> {left, right, ids: Uint32Array, counts: Float64Array}
//
// Counts cross as Float64Array: exact up to 2^53, far above any corpus here.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <string>

#include "tokenizer/train/bpe_trainer.h"

namespace tokenlab::bindings {

class TrainerHandle {
 public:
  explicit TrainerHandle(BpeTrainer trainer) : trainer_(std::move(trainer)) {}

  // pretokenizer: gpt2, cl100k, o200k, whitespace or none; special_tokens: an
  // array of strings. Throws (as a JS Error) for a size out of range.
  static TrainerHandle create(std::size_t vocab_size, const std::string& pretokenizer, double min_frequency,
                              const emscripten::val& special_tokens);

  // kTieBreakRule, for the page to state.
  static std::string tie_break_rule() { return std::string(kTieBreakRule); }

  // chunk: a Uint8Array of any length, cut anywhere.
  void add_text(const std::string& chunk);
  void finish_text();
  // Runs up to max_merges merges; returns how many ran.
  std::size_t step(std::size_t max_merges);

  bool done() const { return trainer_.done(); }
  // "running", "vocabulary-full", "below-min-frequency" or "no-pairs-left".
  std::string stop_reason() const;
  // The same in words, as the CLI prints it.
  std::string stop_reason_text() const;
  std::size_t merges_done() const { return trainer_.merges().size(); }
  // Merges training runs to when no early stop comes: vocab size - 256 - special tokens.
  std::size_t merges_target() const;
  // Tokens so far: 256 bytes + merges + special tokens.
  std::size_t vocab_size() const {
    return kByteTokenCount + trainer_.merges().size() + trainer_.options().special_tokens.size();
  }

  // Merges from index first on: {left, right, ids: Uint32Array, counts: Float64Array}.
  emscripten::val merges(std::size_t first) const;
  // Bytes of token ids first .. 256 + merges - 1: {bytes: Uint8Array, offsets: Uint32Array (one more)}.
  emscripten::val token_bytes(std::size_t first) const;
  // The k most frequent pairs now: {left, right: Uint32Array, counts: Float64Array}.
  emscripten::val top_pairs(std::size_t k);
  // The most frequent distinct pieces split into their current tokens:
  // {pieces: Uint8Array, pieceOffsets: Uint32Array, frequencies: Float64Array,
  //  tokens: Uint32Array, tokenOffsets: Uint32Array} (piece i's tokens are
  //  tokens[tokenOffsets[i] .. tokenOffsets[i + 1]]).
  emscripten::val segmentation(std::size_t max_pieces);
  // {totalPieces, distinctPieces} of the text read.
  emscripten::val corpus_stats() const;

  // The vocabulary so far as files: Uint8Array of tokenizer.json / tiktoken ranks.
  emscripten::val tokenizer_json() const;
  emscripten::val tiktoken_ranks() const;

  // Float64Array of merges + 1 entries: tokens of text (a Uint8Array) under the
  // first k merges, for every k (see merge_prefix_counts.h).
  emscripten::val prefix_token_counts(const std::string& text) const;

 private:
  BpeTrainer trainer_;
};

}  // namespace tokenlab::bindings
