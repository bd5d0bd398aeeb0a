#include "tokenizer/train/bpe_trainer.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <set>
#include <stdexcept>

#include "tokenizer/errors.h"
#include "tokenizer/train/pair_index.h"
#include "tokenizer/train/piece_counter.h"

// How the trainer stays fast (the ideas of Hugging Face's and sentencepiece's
// trainers, laid out flat):
// - The text is read once, into a table of distinct pieces and their counts
//   (PieceCounter). Merging works on distinct pieces, weighted by frequency, so
//   a word seen 10 000 times is processed once.
// - Each piece is a linked list of symbols in one flat array of (id, prev,
//   next, frequency), so a merge rewrites two links in place and moves nothing.
// - Every pair keeps its count and the positions of its occurrences. A merge
//   visits exactly the occurrences of the merged pair and adjusts the counts of
//   the neighbouring pairs; the corpus is never recounted. The positions may go
//   stale (a neighbour merged first) and are checked when visited.
// - The best pair comes from a max-heap with lazy invalidation: entries are
//   pushed when a count rises, and an entry whose count has since dropped is
//   re-pushed with the current count when it reaches the top. Only pairs with
//   the new token gain occurrences; all others only lose them, so every entry
//   overestimates or matches its pair, and the top entry, once current, is the
//   true maximum.

namespace tokenlab {

namespace {

constexpr std::uint32_t kNoSymbol = std::numeric_limits<std::uint32_t>::max();
constexpr TokenId kMergedAway = std::numeric_limits<TokenId>::max();

constexpr std::uint64_t pair_key(TokenId left, TokenId right) { return std::uint64_t{left} << 32 | right; }
constexpr TokenId left_of(std::uint64_t key) { return static_cast<TokenId>(key >> 32); }
constexpr TokenId right_of(std::uint64_t key) { return static_cast<TokenId>(key); }

constexpr std::size_t kPrefetchDistance = 8;

inline void prefetch(const void* address) {
#if defined(__GNUC__)
  __builtin_prefetch(address);
#else
  (void)address;
#endif
}

struct HeapEntry {
  std::uint64_t count;
  std::uint64_t key;  // (left, right) packed, so comparing keys applies kTieBreakRule
};

// std::*_heap keep the greatest element first: the higher count, then the smaller key.
bool heap_before(const HeapEntry& a, const HeapEntry& b) {
  return a.count != b.count ? a.count < b.count : a.key > b.key;
}

}  // namespace

std::string_view stop_reason_text(StopReason reason) {
  switch (reason) {
    case StopReason::kNotStopped: return "not finished";
    case StopReason::kVocabularyFull: return "vocabulary size reached";
    case StopReason::kBelowMinFrequency: return "no pair occurs min_frequency times";
    case StopReason::kNoPairsLeft: return "every piece is a single token (corpus too small)";
  }
  return "unknown";
}

struct BpeTrainer::State {
  explicit State(BpeTrainerOptions trainer_options)
      : options(std::move(trainer_options)), counter(options.pretokenizer, options.special_tokens) {}

  void index();
  std::uint32_t find_best();
  void merge(std::uint32_t pair);
  void lower_count(std::uint64_t key, std::uint64_t amount);
  void add_occurrence(std::uint64_t key, std::uint32_t position, std::uint64_t amount);
  void update_stop_reason();

  BpeTrainerOptions options;
  std::uint64_t threshold = 1;
  std::size_t merges_target = 0;
  PieceCounter counter;
  bool indexed = false;
  StopReason stop = StopReason::kNotStopped;
  std::uint64_t total_pieces = 0;
  std::uint64_t distinct_pieces = 0;

  // Vocabulary: bytes <-> id (256 + merges.size() tokens), and how each merged id was made.
  RankTable tokens;
  std::vector<BpeMerge> merges;

  // Distinct pieces ("words") as symbol lists in flat arrays.
  std::vector<std::uint64_t> word_frequency;
  std::vector<std::uint32_t> word_first;
  // One struct per symbol: a merge reads all four fields of two neighbours,
  // which then share a cache line.
  struct Symbol {
    TokenId id;  // kMergedAway once absorbed by its left neighbour
    std::uint32_t prev;
    std::uint32_t next;
    std::uint32_t frequency;  // of its piece; kLargeFrequency: look it up in word_frequency
  };
  static constexpr std::uint32_t kLargeFrequency = std::numeric_limits<std::uint32_t>::max();
  std::vector<Symbol> symbols;
  std::uint64_t frequency_at(std::uint32_t position) const {
    if (symbols[position].frequency != kLargeFrequency) return symbols[position].frequency;
    const auto word = std::upper_bound(word_first.begin(), word_first.end(), position) - word_first.begin() - 1;
    return word_frequency[static_cast<std::size_t>(word)];
  }
  std::size_t live_symbols = 0;

  // Pairs, by dense index; one struct so that updating a count touches one cache line.
  struct Pair {
    std::uint64_t key;
    std::uint64_t count;
    std::vector<std::uint32_t> positions;  // left symbol of each occurrence, some stale
    std::uint32_t raised_in;               // last merge that raised the count
  };
  PairIndex pair_index;
  std::vector<Pair> pairs;
  std::vector<std::uint32_t> raised;  // scratch: pairs raised by this merge
  std::vector<HeapEntry> heap;
};

BpeTrainer::BpeTrainer(BpeTrainerOptions options) {
  std::set<std::string_view> seen;
  for (const std::string& special : options.special_tokens) {
    if (special.empty()) throw UsageError("special tokens must not be empty");
    if (!seen.insert(special).second) throw UsageError("special token \"" + special + "\" is given twice");
  }
  const std::size_t minimum = kByteTokenCount + options.special_tokens.size();
  if (options.vocab_size < minimum || options.vocab_size > kMaxTrainedVocabSize) {
    throw UsageError("vocabulary size " + std::to_string(options.vocab_size) + " is out of range: it must be from " +
                     std::to_string(minimum) + " (256 bytes + " + std::to_string(options.special_tokens.size()) +
                     " special tokens) to " + std::to_string(kMaxTrainedVocabSize));
  }
  state_ = std::make_unique<State>(std::move(options));
  State& state = *state_;
  state.threshold = std::max<std::uint64_t>(1, state.options.min_frequency);
  state.merges_target = state.options.vocab_size - minimum;
  for (std::size_t byte = 0; byte < kByteTokenCount; ++byte) {
    state.tokens.add(std::string(1, static_cast<char>(byte)), static_cast<TokenId>(byte));
  }
}

BpeTrainer::~BpeTrainer() = default;
BpeTrainer::BpeTrainer(BpeTrainer&&) noexcept = default;
BpeTrainer& BpeTrainer::operator=(BpeTrainer&&) noexcept = default;

void BpeTrainer::add_text(std::string_view chunk) {
  if (state_->indexed) throw UsageError("text cannot be added once merging has started");
  state_->counter.add_text(chunk);
}

void BpeTrainer::finish_text() {
  if (state_->indexed) return;
  state_->counter.finish();
}

void BpeTrainer::State::index() {
  // 1. End the text and order the distinct pieces (frequency descending, then
  // bytes), so the layout does not depend on how the text was chunked.
  counter.finish();
  std::vector<PieceCount> pieces = counter.pieces();
  std::sort(pieces.begin(), pieces.end(), [](const PieceCount& a, const PieceCount& b) {
    return a.count != b.count ? a.count > b.count : a.piece < b.piece;
  });
  total_pieces = counter.total_pieces();
  distinct_pieces = pieces.size();

  // 2. Lay every piece out as a list of byte symbols.
  std::size_t symbol_total = 0;
  for (const PieceCount& piece : pieces) symbol_total += piece.piece.size();
  if (symbol_total >= kNoSymbol) throw UsageError("training text has more than 4 GiB of distinct pieces");
  word_frequency.reserve(pieces.size());
  word_first.reserve(pieces.size());
  symbols.reserve(symbol_total);
  for (const PieceCount& piece : pieces) {
    const auto frequency = static_cast<std::uint32_t>(std::min<std::uint64_t>(piece.count, kLargeFrequency));
    const auto first = static_cast<std::uint32_t>(symbols.size());
    word_frequency.push_back(piece.count);
    word_first.push_back(first);
    for (std::size_t i = 0; i < piece.piece.size(); ++i) {
      const auto position = static_cast<std::uint32_t>(first + i);
      symbols.push_back(Symbol{static_cast<unsigned char>(piece.piece[i]), i == 0 ? kNoSymbol : position - 1,
                               i + 1 == piece.piece.size() ? kNoSymbol : position + 1, frequency});
    }
  }
  live_symbols = symbol_total;
  counter.clear();

  // 3. Count every adjacent pair once and remember where it occurs (first
  // count occurrences, so each position list is allocated once at its size).
  std::vector<std::uint32_t> occurrences;
  for (std::uint32_t i = 0; i < symbols.size(); ++i) {
    if (symbols[i].next == kNoSymbol) continue;
    const std::uint64_t key = pair_key(symbols[i].id, symbols[i + 1].id);
    bool added = false;
    const std::uint32_t pair = pair_index.find_or_add(key, pairs.size(), added);
    if (added) {
      pairs.push_back(Pair{key, 0, {}, 0});
      occurrences.push_back(0);
    }
    pairs[pair].count += frequency_at(i);
    ++occurrences[pair];
  }
  for (std::size_t pair = 0; pair < pairs.size(); ++pair) pairs[pair].positions.reserve(occurrences[pair]);
  for (std::uint32_t i = 0; i < symbols.size(); ++i) {
    if (symbols[i].next == kNoSymbol) continue;
    pairs[pair_index.find(pair_key(symbols[i].id, symbols[i + 1].id))].positions.push_back(i);
  }

  // 4. Every pair frequent enough goes on the heap.
  for (const Pair& pair : pairs) {
    if (pair.count >= threshold) heap.push_back({pair.count, pair.key});
  }
  std::make_heap(heap.begin(), heap.end(), heap_before);
  indexed = true;
  update_stop_reason();
}

// The pair to merge next, or PairIndex::kMissing when none is frequent enough.
std::uint32_t BpeTrainer::State::find_best() {
  while (!heap.empty()) {
    const HeapEntry top = heap.front();
    const std::uint32_t pair = pair_index.find(top.key);
    const std::uint64_t current = pairs[pair].count;
    if (current == top.count) return pair;
    std::pop_heap(heap.begin(), heap.end(), heap_before);
    heap.pop_back();
    // Stale: the count fell since the entry was pushed.
    if (current >= threshold) {
      heap.push_back({current, top.key});
      std::push_heap(heap.begin(), heap.end(), heap_before);
    }
  }
  return PairIndex::kMissing;
}

void BpeTrainer::State::update_stop_reason() {
  if (merges.size() >= merges_target) {
    stop = StopReason::kVocabularyFull;
  } else if (find_best() == PairIndex::kMissing) {
    // A piece of n symbols holds n - 1 pairs.
    stop = live_symbols > word_first.size() ? StopReason::kBelowMinFrequency : StopReason::kNoPairsLeft;
  }
}

void BpeTrainer::State::lower_count(std::uint64_t key, std::uint64_t amount) {
  const std::uint32_t pair = pair_index.find(key);
  assert(pair != PairIndex::kMissing && pairs[pair].count >= amount);
  pairs[pair].count -= amount;
}

void BpeTrainer::State::add_occurrence(std::uint64_t key, std::uint32_t position, std::uint64_t amount) {
  bool added = false;
  const std::uint32_t index = pair_index.find_or_add(key, pairs.size(), added);
  if (added) pairs.push_back(Pair{key, 0, {}, 0});
  Pair& pair = pairs[index];
  pair.count += amount;
  pair.positions.push_back(position);
  const auto merge_number = static_cast<std::uint32_t>(merges.size());
  if (pair.raised_in != merge_number) {
    pair.raised_in = merge_number;
    raised.push_back(index);
  }
}

void BpeTrainer::State::merge(std::uint32_t pair) {
  const std::uint64_t key = pairs[pair].key;
  const TokenId left = left_of(key);
  const TokenId right = right_of(key);

  // 1. The new token. Its bytes are new: were they an earlier token T, the
  // stretch of text now read as [left, right] would, with its ends never merged
  // across, have evolved like those bytes alone and become T at T's merge.
  std::string bytes(tokens.bytes_of(left));
  bytes.append(tokens.bytes_of(right));
  const auto id = static_cast<TokenId>(kByteTokenCount + merges.size());
  if (!tokens.add(bytes, id)) throw std::logic_error("BPE merge recreated an existing token");
  merges.push_back({left, right, id, pairs[pair].count});
  std::pop_heap(heap.begin(), heap.end(), heap_before);
  heap.pop_back();

  // 2. Visit the occurrences left to right ("aaa" merges as [aa, a]), rewrite
  // each and move its neighbours' counts to the pairs with the new token.
  std::vector<std::uint32_t> positions = std::move(pairs[pair].positions);
  pairs[pair].positions = {};
  if (left == right) std::sort(positions.begin(), positions.end());
  raised.clear();
  for (std::size_t visit = 0; visit < positions.size(); ++visit) {
    // Positions are scattered over the symbol array; fetch a few ahead.
    if (visit + kPrefetchDistance < positions.size()) prefetch(&symbols[positions[visit + kPrefetchDistance]]);
    const std::uint32_t position = positions[visit];
    Symbol& symbol = symbols[position];
    if (symbol.id != left || symbol.next == kNoSymbol) continue;  // stale: changed since recorded
    const std::uint32_t next = symbol.next;
    if (symbols[next].id != right) continue;
    const std::uint64_t frequency = frequency_at(position);
    const std::uint32_t before = symbol.prev;
    const std::uint32_t after = symbols[next].next;
    if (before != kNoSymbol) {
      lower_count(pair_key(symbols[before].id, left), frequency);
      add_occurrence(pair_key(symbols[before].id, id), before, frequency);
    }
    if (after != kNoSymbol) {
      lower_count(pair_key(right, symbols[after].id), frequency);
      add_occurrence(pair_key(id, symbols[after].id), position, frequency);
      symbols[after].prev = position;
    }
    pairs[pair].count -= frequency;
    symbol.id = id;
    symbol.next = after;
    symbols[next].id = kMergedAway;
    --live_symbols;
  }
  assert(pairs[pair].count == 0);

  // 3. Pairs whose counts rose go on the heap.
  for (const std::uint32_t raised_pair : raised) {
    if (pairs[raised_pair].count >= threshold) {
      heap.push_back({pairs[raised_pair].count, pairs[raised_pair].key});
      std::push_heap(heap.begin(), heap.end(), heap_before);
    }
  }
}

std::size_t BpeTrainer::step(std::size_t max_merges) {
  State& state = *state_;
  if (!state.indexed) state.index();
  std::size_t done = 0;
  while (done < max_merges && state.stop == StopReason::kNotStopped) {
    state.merge(state.find_best());
    ++done;
    state.update_stop_reason();
  }
  return done;
}

BpeResult BpeTrainer::train(const BpeProgressCallback& progress, const std::atomic<bool>* cancel) {
  State& state = *state_;
  if (!state.indexed) state.index();
  while (state.stop == StopReason::kNotStopped) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
    step(1);
    if (progress) {
      progress(BpeProgress{state.merges.size(), state.merges_target, state.merges.back()});
    }
  }
  return result();
}

bool BpeTrainer::done() const { return state_->stop != StopReason::kNotStopped; }
StopReason BpeTrainer::stop_reason() const { return state_->stop; }
const BpeTrainerOptions& BpeTrainer::options() const { return state_->options; }
const std::vector<BpeMerge>& BpeTrainer::merges() const { return state_->merges; }
std::string_view BpeTrainer::token_bytes(TokenId id) const { return state_->tokens.bytes_of(id); }

std::vector<PairCount> BpeTrainer::top_pairs(std::size_t k) {
  State& state = *state_;
  if (!state.indexed) state.index();
  std::vector<PairCount> pairs;
  for (const State::Pair& pair : state.pairs) {
    if (pair.count > 0) pairs.push_back({left_of(pair.key), right_of(pair.key), pair.count});
  }
  const auto merge_order = [](const PairCount& a, const PairCount& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.left != b.left ? a.left < b.left : a.right < b.right;
  };
  k = std::min(k, pairs.size());
  std::partial_sort(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(k), pairs.end(), merge_order);
  pairs.resize(k);
  return pairs;
}

std::vector<PieceSegmentation> BpeTrainer::segmentation(std::size_t max_pieces) {
  State& state = *state_;
  if (!state.indexed) state.index();
  std::vector<PieceSegmentation> out;
  const std::size_t count = std::min(max_pieces, state.word_first.size());
  out.reserve(count);
  for (std::size_t word = 0; word < count; ++word) {
    PieceSegmentation segmentation{{}, state.word_frequency[word], {}};
    for (std::uint32_t symbol = state.word_first[word]; symbol != kNoSymbol; symbol = state.symbols[symbol].next) {
      segmentation.tokens.push_back(state.symbols[symbol].id);
      segmentation.piece.append(state.tokens.bytes_of(state.symbols[symbol].id));
    }
    out.push_back(std::move(segmentation));
  }
  return out;
}

BpeResult BpeTrainer::result() const {
  const State& state = *state_;
  BpeResult result;
  result.pretokenizer = state.options.pretokenizer;
  result.merges = state.merges;
  const std::size_t token_count = kByteTokenCount + state.merges.size();
  result.tokens.reserve(token_count);
  for (std::size_t id = 0; id < token_count; ++id) {
    result.tokens.emplace_back(state.tokens.bytes_of(static_cast<TokenId>(id)));
  }
  result.special_tokens = state.options.special_tokens;
  result.stop_reason = state.stop;
  result.total_pieces = state.indexed ? state.total_pieces : state.counter.total_pieces();
  result.distinct_pieces = state.indexed ? state.distinct_pieces : state.counter.distinct_pieces();
  return result;
}

}  // namespace tokenlab
