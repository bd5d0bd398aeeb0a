// UnigramTrainer: learns a SentencePiece Unigram vocabulary from text, as
// sentencepiece's trainer (model_type=unigram) does:
//
//   1. The text splits at whitespace into words marked with ▁ (unigram_words.h;
//      no other normalization); the characters covering character_coverage of
//      the text are kept (unigram_corpus.h).
//   2. Seeds: every kept character and the seed_size most frequent
//      right-maximal substrings, scored frequency × length (unigram_seed_pieces.h),
//      made into log probabilities.
//   3. EM, em_sub_iterations rounds (unigram_em.h), then pruning to
//      shrinking_factor of the pieces (unigram_pruning.h), again and again
//      until at most 1.1 × vocab_size pieces are left.
//   4. The vocabulary: every kept character (one EM dropped comes back with
//      the lowest score plus 0.0001 for each character re-added before it, in
//      character order: sentencepiece's rule), then the highest-scoring pieces
//      until vocab_size. Scores are rounded to 12 decimals, as tokenizer.json
//      holds them (unigram_tokenizer_json_writer.h); sorted by score
//      descending, equal scores by text (bytes).
//
//   "low low low low low lower lower newest newest newest widest", vocab_size 18 ->
//     <unk> <s> </s> ▁low ▁newest ▁lower r n t s o l d e est i w ▁
//
// Ids, as sentencepiece numbers them: <unk> 0, <s> 1 and </s> 2 (unless
// sentence_markers is off), then with byte_fallback the 256 pieces <0x00> ..
// <0xFF>, then the learned pieces. vocab_size counts them all. Special pieces
// score 0. No learned piece equals a special piece's text.
//
// Deterministic: the same text and options give the same vocabulary, however
// the text is chunked; every order used is a total one (ties are stated where
// they are broken). One thread.
//
// Use: add_text() any number of chunks (finish_text() between documents), then
// train(). Training reports each phase through progress and stops with
// Cancelled when *cancel becomes true; train() may then be called again and
// starts over from the counted text.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/token_id.h"
#include "tokenizer/unigram/unigram_model.h"

namespace tokenlab {

struct UnigramTrainerOptions {
  std::size_t vocab_size = 8000;  // every id: special pieces, bytes, learned pieces
  bool byte_fallback = false;     // <0x00> .. <0xFF> for characters no piece holds
  bool sentence_markers = true;   // <s> and </s>
  double character_coverage = 0.9995;  // 0.5 .. 1 (sentencepiece allows 0.98 .. 1)
  std::size_t seed_size = 1'000'000;   // seed substrings besides the characters
  std::size_t max_piece_chars = 16;    // 1 .. 16
  std::size_t em_sub_iterations = 2;   // 1 .. 10
  double shrinking_factor = 0.75;      // 0.5 .. 0.95
};

inline constexpr std::size_t kMaxUnigramVocabSize = 1'000'000;
inline constexpr double kRequiredCharacterPenalty = 0.0001;

enum class UnigramPhase : std::uint8_t {
  kSeeding,       // finding the seed substrings
  kEm,            // an EM sub-iteration ended
  kPruning,       // a pruning step ended
  kFinishing,     // choosing the final vocabulary
};

// "seeding", "EM", "pruning", "finishing"
std::string_view unigram_phase_name(UnigramPhase phase);

struct UnigramProgress {
  UnigramPhase phase;
  std::size_t round;          // EM rounds begun so far (each: sub-iterations, then pruning)
  std::size_t sub_iteration;  // within the round, from 1 (kEm only)
  std::size_t pieces;         // the current vocabulary, characters included
  std::size_t target;         // vocab_size
  double objective;           // negative log-likelihood per word (kEm); 0 otherwise
};
using UnigramProgressCallback = std::function<void(const UnigramProgress&)>;

enum class UnigramStopReason : std::uint8_t {
  kNotStopped,
  kVocabularyFull,  // vocab_size pieces
  kTooFewPieces,    // the text has fewer pieces to offer than asked for
};

std::string_view unigram_stop_reason_text(UnigramStopReason reason);

struct UnigramResult {
  // By id. Types: kUnknown (<unk>), kControl (<s>, </s>), kByte, kNormal (learned);
  // scores are log probabilities, 0 for the special pieces.
  std::vector<UnigramPiece> pieces;
  TokenId unk_id = 0;
  bool byte_fallback = false;
  UnigramStopReason stop_reason = UnigramStopReason::kNotStopped;
  std::uint64_t total_words = 0;
  std::uint64_t distinct_words = 0;
  std::size_t characters = 0;        // kept by the coverage
  std::size_t rare_characters = 0;   // left out (encoded as <unk> or bytes)
  std::size_t seed_pieces = 0;       // characters and substrings EM started from
  std::size_t rounds = 0;            // EM rounds
  double objective = 0.0;            // after the last EM sub-iteration

  std::size_t vocab_size() const { return pieces.size(); }
  bool stopped_early() const { return stop_reason == UnigramStopReason::kTooFewPieces; }
};

class UnigramTrainer {
 public:
  // Throws UsageError for options out of range, or a vocab_size below the
  // special pieces + 1 or above kMaxUnigramVocabSize.
  explicit UnigramTrainer(UnigramTrainerOptions options);
  ~UnigramTrainer();
  UnigramTrainer(UnigramTrainer&&) noexcept;
  UnigramTrainer& operator=(UnigramTrainer&&) noexcept;

  // 1. Counting. Chunks may split the text anywhere, even inside a character.
  // Throws UsageError once training has started.
  void add_text(std::string_view chunk);
  // Ends the current document: no word spans two documents.
  void finish_text();

  // 2. Training. Throws UsageError when vocab_size cannot hold the special
  // pieces and every kept character, Cancelled when cancelled.
  UnigramResult train(const UnigramProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

  const UnigramTrainerOptions& options() const;
  // The special pieces in id order: "<unk>", "<s>", "</s>", "<0x00>", ...
  std::vector<UnigramPiece> special_pieces() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tokenlab
