// BpeTrainer: learns a byte-level BPE vocabulary from text, as GPT-2 did.
// Ids 0..255 are the single bytes in byte order; each merge of an adjacent pair
// (left, right) creates the next id; special tokens take the ids after the last
// merged token.
//
//   pattern kNone, text "aaabdaaabac", vocab_size 259 ->
//     merges (a,a)->256 x4, (a,b)->257 x2, (256,257)->258 x2;
//     the text then reads [258, 'd', 258, 'a', 'c'] = [258, 100, 258, 97, 99]
//
// Tie-break (kTieBreakRule): of the pairs with the highest count, the one with
// the smaller left id wins, then the one with the smaller right id. Above, (a,b)
// and (256,'a') both occur twice after the first merge; 'a' = 97 < 256.
//
// A pair occurring twice in a row ("aaa" for (a,a)) counts every overlapping
// occurrence and merges left to right: "aaa" -> [aa, a]. Every merge creates
// bytes no token has yet, so ids name distinct byte strings and the vocabulary
// exports to tokenizer.json and tiktoken (see merge() for why).
//
// Use: add_text() any number of chunks (finish_text() between documents), then
// train(), or step() merge by merge while looking at top_pairs() and
// segmentation(). Training stops at the vocabulary size, or early when no pair
// occurs min_frequency times (the result says which).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/pretokenize/pretokenizer.h"
#include "tokenizer/bpe/rank_table.h"

namespace tokenlab {

inline constexpr std::string_view kTieBreakRule =
    "equal counts: the smaller left token id merges first, then the smaller right token id";

inline constexpr std::size_t kByteTokenCount = 256;
inline constexpr std::size_t kMaxTrainedVocabSize = 1'000'000;

struct BpeTrainerOptions {
  // Every token: 256 bytes + merged tokens + special tokens.
  std::size_t vocab_size = 0;
  SplitPattern pretokenizer = SplitPattern::kGpt2;
  // Pairs occurring fewer times are never merged (0 and 1 both mean "any pair").
  std::uint64_t min_frequency = 2;
  // Cut out of the training text; they get the ids after the merged tokens.
  std::vector<std::string> special_tokens;
};

struct BpeMerge {
  TokenId left;
  TokenId right;
  TokenId id;           // 256 + the merge's index
  std::uint64_t count;  // occurrences of the pair when it was merged
};

struct PairCount {
  TokenId left;
  TokenId right;
  std::uint64_t count;
};

// One distinct piece of the training text, split into its current tokens.
struct PieceSegmentation {
  std::string piece;
  std::uint64_t frequency;
  std::vector<TokenId> tokens;
};

enum class StopReason : std::uint8_t {
  kNotStopped,         // more merges may follow (stepping, or cancelled)
  kVocabularyFull,     // the requested vocabulary size is reached
  kBelowMinFrequency,  // the most frequent pair occurs fewer than min_frequency times
  kNoPairsLeft,        // every piece is a single token: the corpus is too small
};

// "vocabulary size reached", "no pair occurs min_frequency times", ...
std::string_view stop_reason_text(StopReason reason);

struct BpeResult {
  SplitPattern pretokenizer = SplitPattern::kGpt2;
  std::vector<BpeMerge> merges;
  std::vector<std::string> tokens;          // bytes of ids 0 .. tokens.size()-1
  std::vector<std::string> special_tokens;  // id of special_tokens[i] is tokens.size() + i
  StopReason stop_reason = StopReason::kNotStopped;
  std::uint64_t total_pieces = 0;
  std::uint64_t distinct_pieces = 0;

  std::size_t vocab_size() const { return tokens.size() + special_tokens.size(); }
  // True when training ended before the requested vocabulary size.
  bool stopped_early() const {
    return stop_reason == StopReason::kBelowMinFrequency || stop_reason == StopReason::kNoPairsLeft;
  }
};

struct BpeProgress {
  std::size_t merges_done;
  std::size_t merges_target;  // vocab_size - 256 - special tokens
  const BpeMerge& last_merge;
};
using BpeProgressCallback = std::function<void(const BpeProgress&)>;

class BpeTrainer {
 public:
  // Throws UsageError for a vocabulary size below 256 + special tokens or
  // above kMaxTrainedVocabSize, and for empty or repeated special tokens.
  explicit BpeTrainer(BpeTrainerOptions options);
  ~BpeTrainer();
  BpeTrainer(BpeTrainer&&) noexcept;
  BpeTrainer& operator=(BpeTrainer&&) noexcept;

  // 1. Counting. Chunks may split the text anywhere, even inside a character.
  // Throws UsageError once merging has started.
  void add_text(std::string_view chunk);
  // Ends the current document: no piece spans two documents.
  void finish_text();

  // 2. Merging. Runs up to max_merges merges and returns how many ran (0 once
  // training has stopped). The first call of step, train, top_pairs or
  // segmentation ends the text and indexes the pairs.
  std::size_t step(std::size_t max_merges = 1);
  // Merges until the vocabulary is full or no pair is frequent enough. Calls
  // progress after every merge. When *cancel becomes true, throws Cancelled
  // before the next merge; the merges so far stay valid (result()) and training
  // can continue with step() or train().
  BpeResult train(const BpeProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

  bool done() const;
  StopReason stop_reason() const;
  const BpeTrainerOptions& options() const;
  const std::vector<BpeMerge>& merges() const;
  // Bytes of a token id (below 256 + merges().size()); empty otherwise.
  std::string_view token_bytes(TokenId id) const;

  // The k most frequent pairs now, in merge order (count, then kTieBreakRule).
  // Includes pairs below min_frequency. Scans every pair: meant for display.
  std::vector<PairCount> top_pairs(std::size_t k);
  // The most frequent distinct pieces (frequency descending, then bytes), at
  // most max_pieces, each split into its current tokens.
  std::vector<PieceSegmentation> segmentation(std::size_t max_pieces = SIZE_MAX);

  // The vocabulary so far; usable at any point, also after a cancel.
  BpeResult result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tokenlab
