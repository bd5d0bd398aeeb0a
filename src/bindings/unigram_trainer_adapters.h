// Adapter between UnigramTrainer and JavaScript: typed arrays in and out,
// exceptions as JS Errors. No logic. Unlike BPE, a Unigram vocabulary is only
// known once training ends (EM rounds re-score every piece), so training is
// one call that reports its phases to a JS callback; the page runs it in a
// worker of its own and cancels by ending that worker.
//
//   const trainer = UnigramTrainer._create({vocabSize: 2000, byteFallback: true});
//   trainer._addText(bytes); trainer._finishText();
//   trainer._train((p) => console.log(p.phase, p.pieces, p.target));
//   trainer._pieces() -> {bytes: Uint8Array, offsets: Uint32Array, scores: Float64Array, kinds: Uint8Array}
#pragma once

#include <emscripten/val.h>

#include <optional>
#include <string>

#include "tokenizer/train/unigram_trainer.h"

namespace tokenlab::bindings {

class UnigramTrainerHandle {
 public:
  explicit UnigramTrainerHandle(UnigramTrainer trainer) : trainer_(std::move(trainer)) {}

  // options: {vocabSize, byteFallback?, sentenceMarkers?, characterCoverage?,
  // seedSize?, maxPieceChars?, emSubIterations?, shrinkingFactor?}; what is
  // left out keeps sentencepiece's default. Throws (as a JS Error) for values
  // out of range.
  static UnigramTrainerHandle create(const emscripten::val& options);

  // chunk: a Uint8Array of any length, cut anywhere.
  void add_text(const std::string& chunk);
  void finish_text();
  // Trains; progress(p) gets {phase: "seeding" | "EM" | "pruning" | "finishing",
  // round, subIteration, pieces, target, objective} after each step.
  void train(const emscripten::val& progress);

  bool trained() const { return result_.has_value(); }
  // The vocabulary by id: piece bytes back to back with offsets (one more),
  // scores (log probabilities) and kinds (PieceType: 0 normal, 1 unknown, 2 control, 3 user-defined, 4 unused, 5 byte).
  emscripten::val pieces() const;
  // {stopReason: "vocabulary-full" | "too-few-pieces", stopReasonText, vocabSize, totalWords,
  //  distinctWords, characters, rareCharacters, seedPieces, rounds, objective}
  emscripten::val summary() const;
  // The vocabulary as a tokenizer.json (Uint8Array).
  emscripten::val tokenizer_json() const;

 private:
  const UnigramResult& result() const;  // throws until trained

  UnigramTrainer trainer_;
  std::optional<UnigramResult> result_;
};

}  // namespace tokenlab::bindings
